"""The program by voice: launch, today's step, moving between steps, help, stop."""

from __future__ import annotations

import itertools
import re
from typing import Any

from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.phrases import keys, markers, step_spoken
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


def test_new_couple_hears_the_welcome_then_the_offer_of_todays_step(
    couple: Session, marked: LocaleContent
) -> None:
    """GIVEN a first visit WHEN they open the skill THEN the first-time welcome (which says it
    is not therapy: tests/unit/test_content.py) and the offer of today's step; it asks."""
    answer = couple.launch()
    assert keys(answer) == ["welcome_new", "ask_hear_today"]
    assert asks(answer)


def test_yes_after_welcome_gives_step_one_and_todays_practice(
    couple: Session, marked: LocaleContent
) -> None:
    """'Yes' to the offer of today's step speaks step one and a practice, with a card."""
    couple.launch()
    answer = couple.intent("AMAZON.YesIntent")
    assert step_spoken(answer) == 1
    assert "program.steps.1.short" in keys(answer)
    assert "practice_intro" in keys(answer)
    assert answer["response"]["card"]["title"] == f"Step 1: {marked.step(1).title}"
    assert asks(answer)


def test_one_shot_todays_step_answers_and_closes(couple: Session, marked: LocaleContent) -> None:
    """'Ask reconnect ritual for today's step' speaks step one and ends the session."""
    answer = couple.intent("TodayStepIntent")
    assert step_spoken(answer) == 1
    assert keys(answer)[:2] == ["today_intro", "program.steps.1.short"]
    assert ends(answer)


def test_one_shot_todays_step_fits_thirty_seconds(couple: Session) -> None:
    """In content/'s own words, the one-shot answer is under thirty seconds."""
    said = speech(couple.intent("TodayStepIntent"))
    words = len(re.sub(r"<[^>]+>", " ", said).split())
    assert words <= 75, f"{words} words is more than 30 seconds at 150 words a minute"


def test_returning_couple_hears_where_they_are(
    couple: Session, clock: Clock, marked: LocaleContent
) -> None:
    """A couple back the next week is greeted with their step, not the first-time welcome."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    couple.end()
    clock.advance(days=7)
    answer = couple.launch()
    assert keys(answer)[0] == "greeting_return"
    assert "welcome_new" not in keys(answer)
    assert step_spoken(answer) == 3
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


def test_next_and_previous_step_move_at_once(couple: Session, marked: LocaleContent) -> None:
    """'Next step' moves on at once, to the step after the one they last heard (a new couple,
    who heard none, starts with step one); 'previous step' goes back."""
    couple.launch()
    assert step_spoken(couple.intent("NextStepIntent")) == 1
    assert step_spoken(couple.intent("NextStepIntent")) == 2
    assert step_spoken(couple.intent("NextStepIntent")) == 3
    assert step_spoken(couple.intent("PreviousStepIntent")) == 2


def test_previous_at_step_one_is_a_kind_word(couple: Session, marked: LocaleContent) -> None:
    """There is nothing before step one: the answer says so and asks what next."""
    couple.launch()
    answer = couple.intent("PreviousStepIntent")
    assert asks(answer)
    assert keys(answer)[0] == "at_first_step"
    assert step_spoken(answer) is None


def test_go_to_step_accepts_digits_and_words(couple: Session, marked: LocaleContent) -> None:
    """'Go to step four' works whether Alexa sends '4' or 'four'."""
    couple.launch()
    assert step_spoken(couple.intent("GoToStepIntent", number="4")) == 4
    assert step_spoken(couple.intent("GoToStepIntent", number="six")) == 6


def test_step_forty_two_gets_a_kind_correction(couple: Session, marked: LocaleContent) -> None:
    """'Step forty-two' is corrected kindly, asks which step, and changes nothing."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    for odd in ("42", "0", "?", None, "-1", "banana"):
        answer = couple.intent("GoToStepIntent", number=odd)
        assert asks(answer), odd
        assert keys(answer)[0] in {"step_out_of_range", "step_not_heard"}, odd
        assert keys(answer)[-1] == "ask_which_step", odd
    assert step_spoken(couple.intent("AMAZON.NavigateHomeIntent")) == 3


def test_list_more_and_signs_keep_the_conversation_open(
    couple: Session, marked: LocaleContent
) -> None:
    """The list names the seven steps in order, 'tell me more' gives more of the step, the signs
    of burnout are all four; each ends with a question."""
    couple.launch()
    steps = couple.intent("ListStepsIntent")
    assert [k for k in keys(steps) if k.endswith(".title")] == [
        f"program.steps.{n}.title" for n in range(1, 8)
    ]
    assert asks(steps)
    more = couple.intent("TellMeMoreIntent")
    assert keys(more)[:2] == ["more_intro", "program.steps.1.more"]
    assert asks(more)
    signs = couple.intent("BurnoutSignsIntent")
    assert [m.index for m in markers(signs) if m.key == "program.signs.items"] == [0, 1, 2, 3]
    assert asks(signs)


def test_repeat_says_the_last_answer_again(couple: Session) -> None:
    """'Repeat' gives the same words as the answer before it."""
    couple.launch()
    first = couple.intent("ListStepsIntent")
    assert speech(couple.intent("AMAZON.RepeatIntent")) == speech(first)


def test_help_explains_and_asks_a_question(couple: Session, marked: LocaleContent) -> None:
    """Help (which says it is not therapy: tests/unit/test_content.py) asks a question."""
    couple.launch()
    answer = couple.intent("AMAZON.HelpIntent")
    assert keys(answer)[0] == "help"
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


def test_start_over_asks_first_then_goes_to_step_one(
    couple: Session, marked: LocaleContent
) -> None:
    """'Start over' asks to confirm; 'yes' takes them back to step one."""
    couple.launch()
    couple.intent("GoToStepIntent", number="5")
    confirm = couple.intent("AMAZON.StartOverIntent")
    assert asks(confirm)
    assert keys(confirm) == ["start_over_confirm"]
    answer = couple.intent("AMAZON.YesIntent")
    (done,) = (m for m in markers(answer) if m.key == "start_over_done")
    assert done.value("step_title")[0].key == "program.steps.1.title"
    assert step_spoken(couple.intent("TodayStepIntent")) == 1
