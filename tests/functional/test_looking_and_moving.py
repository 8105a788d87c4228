"""Progress that means what the couple did: looking never moves, moving is asked for, 'next' is
the step after the one they last heard, only a heard step is practised."""

from __future__ import annotations

from typing import Any

import pytest

from reconnect.domain.record import PRACTICE_MODE, Record
from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.conftest import words_of
from tests.functional.phrases import EN_US, closes, heard, keys, markers, ordinal_slots, says
from tests.functional.test_checkin import check_in, stored
from tools.standins.envelopes import Session, intent_request


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def short_of(step: int) -> str:
    """The words of a step's short version."""
    return words_of(EN_US.step(step).short)


def test_looking_at_step_five_never_moves_them(couple: Session, clock: Clock) -> None:
    """GIVEN a new couple who heard step one WHEN the next day they ask 'what is step five'
    THEN they hear step five and an offer to make it theirs, and the day after, today's step is
    still step one (before: step five, with two to four never heard)."""
    couple.intent("TodayStepIntent")
    clock.advance(days=1)
    look = couple.intent("HearStepIntent", number="5")
    assert short_of(5) in heard(look)
    assert says(look, "ask_make_step", step_number=5)
    assert says(look, "you_are_on", step_number=1, step_title=EN_US.step(1).title)
    couple.end()
    clock.advance(days=1)
    assert short_of(1) in heard(couple.intent("TodayStepIntent"))
    assert stored(couple).step == 1


def test_yes_to_the_offer_moves_there_and_says_where_they_now_are(couple: Session) -> None:
    """'Yes' to 'would you like to make step five your step?' moves there, and the answer says
    they are now on step five."""
    couple.launch()
    couple.intent("HearStepIntent", number="5")
    moved = couple.intent("AMAZON.YesIntent")
    assert says(moved, "move_intro", step_number=5, step_title=EN_US.step(5).title)
    assert stored(couple).step == 5
    assert stored(couple).heard_step == 5


def test_the_first_step_is_read_from_the_ordinal_slot(couple: Session) -> None:
    """'What's the first step' fills STEP_ORDINAL, resolved to id '1': step one is told; 'let's
    start the third step' moves to step three."""
    couple.launch()
    request = intent_request("HearStepIntent")
    request["intent"]["slots"] = ordinal_slots(1)
    look = couple.send(request)
    assert short_of(1) in heard(look)
    request = intent_request("GoToStepIntent")
    request["intent"]["slots"] = ordinal_slots(3)
    couple.send(request)
    assert stored(couple).step == 3


def test_next_step_the_morning_after_is_the_step_after_the_one_heard(
    couple: Session, clock: Clock
) -> None:
    """GIVEN step one heard and checked in on Monday WHEN on Tuesday they ask straight away for
    the next step THEN it is step two (before: step three), and the answer says they are now
    on step two."""
    couple.intent("TodayStepIntent")
    check_in(couple, "six", "seven")
    clock.advance(days=1)
    nxt = couple.intent("NextStepIntent")
    assert says(nxt, "move_intro", step_number=2, step_title=EN_US.step(2).title)
    assert stored(couple).step == 2


def test_a_couple_who_only_checks_in_is_told_their_step_is_waiting(
    couple: Session, clock: Clock
) -> None:
    """GIVEN a couple who checks in every day for a week and never asks for a step THEN they
    stay on step one (before: step eight, all seven practised unheard), and each check-in says
    their step is waiting to be heard."""
    for _ in range(7):
        done = check_in(couple, "seven", "seven")
        assert says(done, "step_waiting", step_number=1)
        clock.advance(days=1)
    assert stored(couple).step == 1
    assert stored(couple).practised_on is None


def test_which_step_are_we_on_names_it_and_moves_nothing(couple: Session, clock: Clock) -> None:
    """'Which step are we on' names their step plainly and that they have not heard it yet;
    nothing moves."""
    couple.intent("TodayStepIntent")
    check_in(couple, "seven", "eight")
    clock.advance(days=1)
    answer = couple.intent("CurrentStepIntent")
    assert says(answer, "you_are_on", step_number=2, step_title=EN_US.step(2).title)
    assert says(answer, "step_not_heard_yet")
    assert closes(answer)
    assert stored(couple).heard_step == 1


def walked(couple: Session) -> None:
    """Put the couple in practice mode: step seven heard and practised yesterday."""
    from reconnect import app

    user = couple.device.user_id
    record = Record(step=PRACTICE_MODE, heard_step=7, paths_completed=1)
    app.STORE.save(user, app.STORE.load(user), record)


def test_in_practice_mode_follow_ups_speak_of_the_practice_just_heard(
    couple: Session, marked: LocaleContent
) -> None:
    """GIVEN the path walked WHEN they hear today's practice, then say 'next step' and 'tell me
    more' THEN 'next' gives another practice (before: 'this is the last step') and 'tell me
    more' speaks of that practice's step (before: always step seven)."""
    walked(couple)
    couple.launch()
    today = couple.intent("AMAZON.YesIntent")
    another = couple.intent("NextStepIntent")
    assert "at_last_step" not in keys(another)
    (practice,) = (m for m in markers(another) if m.key == "practice_next")
    number = practice.values["step_number"]
    assert [m.key for m in practice.value("practice")] == [f"program.steps.{number}.practices"]
    more = couple.intent("TellMeMoreIntent")
    assert f"program.steps.{number}.short" not in keys(more)
    assert f"program.steps.{number}.more" in keys(more)
    assert today != another


@pytest.mark.parametrize(
    ("intent", "slots"),
    [
        ("ListStepsIntent", {}),
        ("TellMeMoreIntent", {}),
        ("BurnoutSignsIntent", {}),
        ("TalkTopicIntent", {}),
        ("SmallIdeaIntent", {}),
        ("StreakIntent", {}),
        ("AboutTogetherTimeIntent", {}),
        ("HowAreWeDoingIntent", {}),
        ("HearStepIntent", {"number": "6"}),
    ],
)
def test_nothing_that_only_looks_changes_the_step(
    couple: Session, intent: str, slots: dict[str, Any]
) -> None:
    """Every looking intent, in a session and as a one-shot, leaves the step and the step last
    heard as they were."""
    couple.intent("GoToStepIntent", number="3")
    couple.end()
    before = stored(couple)
    couple.intent(intent, **slots)
    couple.end()
    couple.launch()
    couple.intent(intent, **slots)
    after = stored(couple)
    assert (after.step, after.heard_step) == (before.step, before.heard_step)
