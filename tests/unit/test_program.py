"""Program progress: which step is today's, and how it moves. Pure: the date is passed in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reconnect.domain import program
from reconnect.domain.program import Greeting, StepOutOfRange
from reconnect.domain.record import PRACTICE_MODE, Record

MON = date(2026, 11, 23)
TUE = MON + timedelta(days=1)


def test_new_couple_starts_at_step_one() -> None:
    """A blank record is on step one, not in practice mode."""
    assert program.today_of(program.settle(Record(), MON)) == program.Today(1, False)


def test_today_step_advances_on_next_local_day_after_practice() -> None:
    """GIVEN step two practised on Monday WHEN Tuesday comes THEN today's step is three."""
    record = Record(step=2, practised_on=MON)
    assert program.settle(record, MON).step == 2
    assert program.settle(record, TUE).step == 3
    assert program.settle(record, TUE).practised_on is None


def test_skipped_days_cost_nothing() -> None:
    """A step heard but not practised stays today's step however many days pass."""
    record = Record(step=4, heard_on=MON)
    assert program.settle(record, MON + timedelta(days=30)).step == 4


def test_practice_moves_on_once_not_once_per_missed_day() -> None:
    """A week away after practising moves on by one step, not seven."""
    assert program.settle(Record(step=2, practised_on=MON), MON + timedelta(days=7)).step == 3


def test_stay_on_this_step_holds_until_next_step() -> None:
    """A held step does not move on; 'next step' releases the hold."""
    held = program.stay(Record(step=3, heard_step=3, practised_on=MON))
    assert program.settle(held, TUE).step == 3
    moved = program.next_step(held)
    assert moved is not None
    assert moved.step == 4
    assert not moved.hold


def test_after_step_seven_the_path_becomes_daily_practice() -> None:
    """Step seven practised: the next day is practice mode and the path counts as walked."""
    settled = program.settle(Record(step=7, practised_on=MON), TUE)
    assert settled.step == PRACTICE_MODE
    assert settled.paths_completed == 1
    assert program.today_of(settled).practice_mode


def test_next_step_moves_at_once_and_stops_at_seven() -> None:
    """'Next step' after a heard step moves on the same day; there is none after seven."""
    moved = program.next_step(Record(step=1, heard_step=1, practised_on=MON))
    assert moved is not None
    assert moved.step == 2
    assert moved.practised_on is None
    assert program.next_step(Record(step=7, heard_step=7)) is None
    assert program.next_step(Record(step=PRACTICE_MODE, heard_step=7)) is None


def test_next_step_is_the_one_after_the_step_last_heard_never_two_ahead() -> None:
    """GIVEN step one heard and practised on Monday WHEN, on Tuesday, they ask for the next step
    THEN it is step two (earned overnight, not yet heard), not step three."""
    monday = program.mark_practised(program.mark_heard(Record(), MON), MON)
    tuesday = program.settle(monday, TUE)
    assert tuesday.step == 2
    assert not program.is_heard(tuesday)
    assert program.next_target(tuesday) == 2
    moved = program.next_step(tuesday)
    assert moved is not None
    assert moved.step == 2
    heard = program.mark_heard(moved, TUE)
    assert program.next_target(heard) == 3


def test_a_couple_who_never_heard_a_step_is_next_offered_step_one() -> None:
    """'Next step' from a couple who has heard nothing yet is step one, the first they hear."""
    assert program.next_target(Record()) == 1


def test_looking_is_not_hearing_their_step() -> None:
    """Only their own step heard counts: a record is heard when heard_step is its step."""
    assert not program.is_heard(Record(step=2, heard_step=1))
    assert program.is_heard(program.mark_heard(Record(step=2, heard_step=1), MON))


def test_previous_step_goes_back_and_stops_at_one() -> None:
    """'Previous step' goes back one; practice mode goes back to seven."""
    assert program.previous_step(Record(step=1)) is None
    back = program.previous_step(Record(step=PRACTICE_MODE))
    assert back is not None
    assert back.step == 7


@pytest.mark.parametrize("number", [0, 8, 42, -1])
def test_go_to_a_step_outside_one_to_seven_is_refused(number: int) -> None:
    """There are seven steps; any other number raises StepOutOfRange with the number."""
    with pytest.raises(StepOutOfRange) as caught:
        program.go_to(Record(), number)
    assert caught.value.number == number


def test_go_to_the_current_step_changes_nothing() -> None:
    """Asking for the step they are on keeps its practice."""
    record = Record(step=3, practised_on=MON)
    assert program.go_to(record, 3) is record


def test_start_over_returns_to_step_one() -> None:
    """Starting over clears the hold and the practice."""
    assert program.start_over(Record(step=PRACTICE_MODE, hold=True)) == Record(step=1)


def test_visits_count_once_per_day() -> None:
    """A second visit on the same day changes nothing (so it writes nothing)."""
    once = program.note_visit(Record(), MON)
    assert once.visit_days == 1
    assert once.first_seen == MON
    assert program.note_visit(once, MON) is once
    assert program.note_visit(once, TUE).visit_days == 2


def test_greeting_tapers_with_frequent_visits() -> None:
    """New, then returning, then frequent after three days in a row; a gap makes it returning."""
    assert program.greeting(Record(), MON) is Greeting.NEW
    assert program.greeting(Record(last_seen=MON, visit_days=1), TUE) is Greeting.RETURNING
    assert program.greeting(Record(last_seen=MON, visit_days=3), TUE) is Greeting.FREQUENT
    later = TUE + timedelta(days=5)
    assert program.greeting(Record(last_seen=MON, visit_days=9), later) is Greeting.RETURNING
    walked = Record(step=PRACTICE_MODE, last_seen=MON, visit_days=20)
    assert program.greeting(walked, TUE) is Greeting.PATH_DONE


def test_only_a_heard_step_can_be_practised() -> None:
    """GIVEN a couple who only check in WHEN they never heard their step THEN the day counts as
    time made for each other, but the step is not practised, so it never moves them on."""
    unheard = program.mark_practised(Record(), MON)
    assert unheard.practised_on is None
    assert unheard.practised_days == (MON,)
    assert program.settle(unheard, TUE + timedelta(days=5)).step == 1
    heard = program.mark_practised(program.mark_heard(Record(), MON), MON)
    assert heard.practised_on == MON
    assert program.settle(heard, TUE).step == 2


def test_a_step_earned_overnight_must_be_heard_before_it_is_practised() -> None:
    """Step one practised on Monday gives step two on Tuesday; a check-in on Tuesday before
    hearing step two does not practise it, so Wednesday is still step two."""
    monday = program.mark_practised(program.mark_heard(Record(), MON), MON)
    tuesday = program.mark_practised(program.settle(monday, TUE), TUE)
    assert tuesday.step == 2
    assert tuesday.practised_on is None
    assert program.settle(tuesday, TUE + timedelta(days=1)).step == 2
