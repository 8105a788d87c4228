"""One voice, one question, a way out: goodbye from anywhere, help and fallback that know the
moment, 'repeat' after a fallback, 'sort of' in the self-check, who partner one is."""

from __future__ import annotations

import pytest

from reconnect.domain.checkin import CheckIn
from tests.conftest import Clock
from tests.functional.phrases import EN_US, closes, heard, reprompts_with, says
from tests.functional.test_checkin import TODAY, check_in, elicits, stored
from tools.standins.alexa import AlexaStandIn
from tools.standins.envelopes import Session
from tools.standins.timers import TimersApi


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


@pytest.mark.parametrize(
    "moment",
    [
        lambda c: c.launch(),
        lambda c: (c.launch(), c.intent("HearStepIntent", number="4")),
        lambda c: (c.intent("CheckInIntent"), c.answer("six")),
        lambda c: (c.intent("SelfCheckIntent"), c.intent("AMAZON.YesIntent")),
        lambda c: (c.launch(), c.intent("DeleteDataIntent")),
    ],
    ids=["opened", "offer-to-move", "mid-check-in", "mid-self-check", "delete-asked"],
)
def test_goodbye_ends_the_session_kindly_from_any_moment(couple: Session, moment: object) -> None:
    """'We're finished', 'good night': a goodbye that closes the session, whatever was under
    way; a check-in cut short keeps nothing, and a delete asked for deletes nothing."""
    moment(couple)  # type: ignore[operator]
    bye = couple.intent("GoodbyeIntent")
    assert closes(bye)
    assert says(bye, "goodbye")
    assert stored(couple).checkins == ()
    assert stored(couple).visit_days == 1


def test_goodbye_during_together_time_leaves_it_running(
    couple: Session, standin: AlexaStandIn, clock: Clock
) -> None:
    """During together time, a goodbye says the ten minutes carry on; the timers stay."""
    timers = TimersApi(standin, now=clock)
    couple.intent("StartRitualIntent")
    clock.advance(minutes=2)
    bye = couple.intent("GoodbyeIntent")
    assert says(bye, "goodbye_ritual")
    assert len(timers.timers) == 6


def test_help_in_a_check_in_keeps_the_first_rating(couple: Session) -> None:
    """GIVEN partner one has said seven WHEN they ask for help THEN help speaks of the check-in
    and asks partner two again (Alexa listens for the rating); the answer that follows
    completes the check-in with both numbers (before: help threw the check-in away)."""
    couple.intent("CheckInIntent")
    couple.answer("seven")
    helped = couple.intent("AMAZON.HelpIntent")
    assert says(helped, "help_checkin")
    assert elicits(helped) == "rating"
    assert reprompts_with(helped, "ask_rating_second")
    couple.answer("five")
    assert stored(couple).checkins == (CheckIn(TODAY, 1, 7), CheckIn(TODAY, 2, 5))


def test_help_and_fallback_in_the_self_check_carry_on_with_its_question(couple: Session) -> None:
    """Mid self-check, help and a fallback speak of it (yes, no or sort of) and ask the same
    sign again; the answers given so far are kept."""
    couple.intent("SelfCheckIntent")
    couple.intent("AMAZON.YesIntent")
    helped = couple.intent("AMAZON.HelpIntent")
    assert says(helped, "help_selfcheck")
    assert reprompts_with(helped, "ask_sign_avoiding")
    lost = couple.intent("AMAZON.FallbackIntent")
    assert says(lost, "fallback_selfcheck")
    assert reprompts_with(lost, "ask_sign_avoiding")
    for _ in range(3):
        reading = couple.intent("AMAZON.NoIntent")
    assert says(reading, "selfcheck_start", step_number=1, step_title=EN_US.step(1).title)


def test_sort_of_is_a_middle_answer_in_the_self_check(couple: Session) -> None:
    """'Sort of' to all four signs is a reading of its own (some signs, in part), naming
    plainly the step to begin with, and an offer to go there (before: a fallback menu)."""
    couple.intent("GoToStepIntent", number="4")
    couple.intent("SelfCheckIntent")
    for _ in range(4):
        reading = couple.intent("SomewhatIntent")
    assert says(reading, "selfcheck_some", count="four")
    assert says(reading, "selfcheck_start", step_number=1, step_title=EN_US.step(1).title)
    assert says(reading, "ask_go_to_step", step_number=1)


def test_sort_of_outside_the_self_check_asks_the_question_again(couple: Session) -> None:
    """'Maybe' to 'would you like today's step?' is neither yes nor no: the question again."""
    couple.launch()
    unsure = couple.intent("SomewhatIntent")
    assert says(unsure, "fallback_yes_no")
    assert reprompts_with(unsure, "ask_hear_today")


def test_a_second_fallback_says_more_and_repeat_gives_the_last_real_answer(
    couple: Session,
) -> None:
    """Two fallbacks in a row: the second is the more helpful one and not the first's words;
    'repeat' then says the last real answer (before: the same fallback three times)."""
    couple.launch()
    steps = couple.intent("ListStepsIntent")
    one = couple.intent("AMAZON.FallbackIntent")
    two = couple.intent("AMAZON.FallbackIntent")
    assert says(one, "fallback")
    assert says(two, "fallback_again")
    assert heard(one) != heard(two)
    assert heard(couple.intent("AMAZON.RepeatIntent")) == heard(steps)


def test_reprompts_say_what_the_couple_can_answer(couple: Session) -> None:
    """No reprompt is a bare 'what would you like now?': each names what to say, or is a
    yes-or-no question."""
    couple.launch()
    for intent in ("HowAreWeDoingIntent", "StreakIntent", "StayOnStepIntent", "HelpIntent"):
        answer = couple.intent(intent if intent != "HelpIntent" else "AMAZON.HelpIntent")
        assert reprompts_with(answer, "ask_what_next"), heard(answer)


def test_partner_one_is_explained_the_first_time_in_a_session(couple: Session) -> None:
    """With no voice recognised, the first check-in of a session says who partner one is; a
    second check-in in the same session does not; a new session does again."""
    first = couple.intent("CheckInIntent")
    assert says(first, "partners_who")
    couple.answer("five")
    couple.intent("AMAZON.HelpIntent")
    couple.answer("six")
    couple.launch()
    couple.intent("CheckInIntent")
    again = couple.intent("CheckInIntent")
    assert not says(again, "partners_who")
    couple.end()
    assert says(couple.intent("CheckInIntent"), "partners_who")


@pytest.mark.parametrize(
    ("before", "today"),
    [(None, ("one", "six")), (None, ("two", "two")), (("eight", "eight"), ("four", "four"))],
    ids=["a-partner-at-one", "average-two", "four-below-last-time"],
)
def test_a_very_low_check_in_is_met_with_care_and_a_support_line(
    couple: Session, clock: Clock, before: tuple[str, str] | None, today: tuple[str, str]
) -> None:
    """Either partner at one or less, the two at two or less on average, or four points below
    their last check-in: care and the locale's support line, on a card too, instead of the
    question to talk about; never 'a little lower'."""
    if before is not None:
        check_in(couple, *before)
        clock.advance(days=1)
    done = check_in(couple, *today)
    assert says(done, "checkin_care")
    assert done["response"]["card"]["content"] == EN_US.care.card_text
    assert "?" not in heard(done)
    assert "lower" not in heard(done)
