"""The program by voice: launch, today's step, moving between steps, help, stop."""

from __future__ import annotations

import itertools
import re
from typing import Any

from tests.conftest import Clock
from tools.standins.envelopes import Session, reprompt, speech


def ends(answer: dict[str, Any]) -> bool:
    """Whether the response closes the session."""
    return answer["response"].get("shouldEndSession") is True


def asks(answer: dict[str, Any]) -> bool:
    """Whether the response asks a question with a reprompt and keeps the session open."""
    said = speech(answer)
    return (
        answer["response"].get("shouldEndSession") is False
        and said.removesuffix("</speak>").rstrip().endswith("?")
        and reprompt(answer) != ""
    )


def step_number_in(said: str) -> int | None:
    """The step number spoken as 'step N'."""
    found = re.search(r"[Ss]tep (\d)", said)
    return int(found.group(1)) if found else None


def test_new_couple_hears_welcome_that_it_is_not_therapy(couple: Session) -> None:
    """GIVEN a first visit WHEN they open the skill THEN the welcome says: not therapy; asks."""
    answer = couple.launch()
    assert "therapy" in speech(answer)
    assert asks(answer)


def test_yes_after_welcome_gives_step_one_and_todays_practice(couple: Session) -> None:
    """'Yes' to the offer of today's step speaks step one and a practice, with a card."""
    couple.launch()
    answer = couple.intent("AMAZON.YesIntent")
    assert step_number_in(speech(answer)) == 1
    assert answer["response"]["card"]["title"].startswith("Step 1")
    assert asks(answer)


def test_one_shot_todays_step_answers_and_closes(couple: Session) -> None:
    """'Ask reconnect ritual for today's step' answers in under thirty seconds and ends."""
    answer = couple.intent("TodayStepIntent")
    said = speech(answer)
    assert step_number_in(said) == 1
    assert ends(answer)
    words = len(re.sub(r"<[^>]+>", " ", said).split())
    assert words <= 75, f"{words} words is more than 30 seconds at 150 words a minute"


def test_returning_couple_hears_where_they_are(couple: Session, clock: Clock) -> None:
    """A couple back the next week is greeted with their step, not the first-time welcome."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    couple.end()
    clock.advance(days=7)
    answer = couple.launch()
    assert "therapy" not in speech(answer)
    assert step_number_in(speech(answer)) == 3
    assert asks(answer)


def test_greeting_tapers_for_frequent_couples(couple: Session, clock: Clock) -> None:
    """After several days in a row, the greeting is shorter than a returning couple's."""
    lengths = []
    for _ in range(5):
        lengths.append(len(speech(couple.launch()).split()))
        couple.end()
        clock.advance(days=1)
    assert lengths[-1] < lengths[1]


def test_greetings_vary_from_day_to_day(couple: Session, clock: Clock) -> None:
    """Two days in a row never open with the same sentence."""
    heard = []
    for _ in range(4):
        heard.append(speech(couple.launch()))
        couple.end()
        clock.advance(days=1)
    assert all(a != b for a, b in itertools.pairwise(heard))


def test_next_and_previous_step_move_at_once(couple: Session) -> None:
    """'Next step' moves on at once, to the step after the one they last heard (a new couple,
    who heard none, starts with step one); 'previous step' goes back."""
    couple.launch()
    assert step_number_in(speech(couple.intent("NextStepIntent"))) == 1
    assert step_number_in(speech(couple.intent("NextStepIntent"))) == 2
    assert step_number_in(speech(couple.intent("NextStepIntent"))) == 3
    assert step_number_in(speech(couple.intent("PreviousStepIntent"))) == 2


def test_previous_at_step_one_is_a_kind_word(couple: Session) -> None:
    """There is nothing before step one: the answer says so and asks what next."""
    couple.launch()
    answer = couple.intent("PreviousStepIntent")
    assert asks(answer)
    assert step_number_in(speech(answer)) is None


def test_go_to_step_accepts_digits_and_words(couple: Session) -> None:
    """'Go to step four' works whether Alexa sends '4' or 'four'."""
    couple.launch()
    assert step_number_in(speech(couple.intent("GoToStepIntent", number="4"))) == 4
    assert step_number_in(speech(couple.intent("GoToStepIntent", number="six"))) == 6


def test_step_forty_two_gets_a_kind_correction(couple: Session) -> None:
    """'Step forty-two' is corrected kindly, asks again, and changes nothing."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    for odd in ("42", "0", "?", None, "-1", "banana"):
        answer = couple.intent("GoToStepIntent", number=odd)
        assert asks(answer), odd
        assert "seven" in speech(answer), odd
    assert step_number_in(speech(couple.intent("AMAZON.NavigateHomeIntent"))) == 3


def test_list_more_and_signs_keep_the_conversation_open(couple: Session) -> None:
    """The list of steps, 'tell me more' and the signs of burnout each end with a question."""
    couple.launch()
    steps = couple.intent("ListStepsIntent")
    assert all(f"Step {n}" in speech(steps) for n in range(1, 8))
    assert asks(steps)
    assert asks(couple.intent("TellMeMoreIntent"))
    assert asks(couple.intent("BurnoutSignsIntent"))


def test_repeat_says_the_last_answer_again(couple: Session) -> None:
    """'Repeat' gives the same words as the answer before it."""
    couple.launch()
    first = couple.intent("ListStepsIntent")
    assert speech(couple.intent("AMAZON.RepeatIntent")) == speech(first)


def test_help_explains_and_asks_a_question(couple: Session) -> None:
    """Help says it is not therapy and asks a question (certification)."""
    couple.launch()
    answer = couple.intent("AMAZON.HelpIntent")
    assert "therapy" in speech(answer)
    assert asks(answer)


def test_stop_and_cancel_exit(couple: Session) -> None:
    """Stop and cancel both end the session with a goodbye."""
    for intent in ("AMAZON.StopIntent", "AMAZON.CancelIntent"):
        couple.launch()
        answer = couple.intent(intent)
        assert ends(answer)
        assert speech(answer) != "<speak></speak>"


def test_fallback_speaks_and_asks(couple: Session) -> None:
    """What the model could not place gets what they can say, and a question."""
    couple.launch()
    assert asks(couple.intent("AMAZON.FallbackIntent"))


def test_no_with_nothing_asked_says_goodbye(couple: Session) -> None:
    """A 'no' to the open question ends kindly; a 'no' to an offer asks what next."""
    couple.launch()
    assert asks(couple.intent("AMAZON.NoIntent"))
    assert ends(couple.intent("AMAZON.NoIntent"))


def test_session_ended_is_answered_silently(couple: Session) -> None:
    """SessionEndedRequest gets an empty, valid response."""
    couple.launch()
    answer = couple.end("EXCEEDED_MAX_REPROMPTS")
    assert answer is not None
    assert "outputSpeech" not in answer["response"]


def test_start_over_asks_first_then_goes_to_step_one(couple: Session) -> None:
    """'Start over' asks to confirm; 'yes' takes them back to step one."""
    couple.launch()
    couple.intent("GoToStepIntent", number="5")
    assert asks(couple.intent("AMAZON.StartOverIntent"))
    answer = couple.intent("AMAZON.YesIntent")
    assert step_number_in(speech(answer)) == 1 or "one" in speech(answer)
    assert step_number_in(speech(couple.intent("TodayStepIntent"))) == 1
