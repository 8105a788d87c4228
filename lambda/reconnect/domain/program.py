"""Program progress: which step a couple is on, and how it moves. Pure; the date is passed in."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum

from reconnect.domain.checkin import KEEP_DAYS
from reconnect.domain.record import FIRST_STEP, LAST_STEP, PRACTICE_MODE, Record

FREQUENT_AFTER_DAYS = 3  # a couple seen on this many days, yesterday or today, hears less preamble


class Greeting(Enum):
    """Which greeting a couple hears on opening the skill."""

    NEW = "new"
    RETURNING = "returning"
    FREQUENT = "frequent"
    PATH_DONE = "path_done"


class StepOutOfRange(ValueError):
    """A step number outside one to seven was asked for."""

    def __init__(self, number: int) -> None:
        super().__init__(f"no step {number}")
        self.number = number


@dataclass(frozen=True)
class Today:
    """What today holds: a step of the path, or (after step seven) a practice from any step."""

    step: int
    practice_mode: bool


def settle(record: Record, today: date) -> Record:
    """Move on to the next step when the current one was practised on an earlier day.

    The step reached this way is earned but not yet heard: `heard_step` stays on the step they
    heard, so 'next step' today means this step, never the one after it.
    """
    if record.hold or record.practised_on is None or record.practised_on >= today:
        return record
    if record.step == LAST_STEP:
        return replace(
            record,
            step=PRACTICE_MODE,
            practised_on=None,
            paths_completed=record.paths_completed + 1,
        )
    if record.step == PRACTICE_MODE:
        return replace(record, practised_on=None)
    return replace(record, step=record.step + 1, practised_on=None)


def note_visit(record: Record, today: date) -> Record:
    """Count the day as a visit (once per local day)."""
    if record.last_seen == today:
        return record
    return replace(
        record,
        first_seen=record.first_seen or today,
        last_seen=today,
        visit_days=record.visit_days + 1,
    )


def greeting(record_before_visit: Record, today: date) -> Greeting:
    """Choose the greeting from the record as it was before today's visit was counted."""
    seen = record_before_visit.last_seen
    if seen is None:
        return Greeting.NEW
    if record_before_visit.step == PRACTICE_MODE:
        return Greeting.PATH_DONE
    recent = seen >= today - timedelta(days=1)
    if recent and record_before_visit.visit_days >= FREQUENT_AFTER_DAYS:
        return Greeting.FREQUENT
    return Greeting.RETURNING


def today_of(record: Record) -> Today:
    """What today's step is for a settled record."""
    if record.step == PRACTICE_MODE:
        return Today(step=PRACTICE_MODE, practice_mode=True)
    return Today(step=record.step, practice_mode=False)


def is_heard(record: Record) -> bool:
    """Whether they have heard today's step (in practice mode: a practice) as theirs."""
    return record.heard_step == record.step


def mark_heard(record: Record, today: date) -> Record:
    """Note that the couple heard their own step today (looking at another step is not this)."""
    if record.heard_step == record.step and record.heard_on == today:
        return record
    return replace(record, heard_step=record.step, heard_on=today)


def mark_practised(record: Record, today: date) -> Record:
    """Count a check-in or together time: a day they made time, and practice of a heard step.

    A step they never heard is not practised by it: a couple who only check in stays where
    they are, and hears the step before it can move them on.
    """
    record = note_practice_day(record, today)
    if not is_heard(record) or record.practised_on == today:
        return record
    if record.heard_on is not None and record.heard_on > today:
        return record
    return replace(record, practised_on=today)


def note_practice_day(record: Record, day: date) -> Record:
    """Count `day` as a day they made time for each other (kept for a year, for progress)."""
    if day in record.practised_days:
        return record
    oldest = day - timedelta(days=KEEP_DAYS - 1)
    days = sorted({*(d for d in record.practised_days if d >= oldest), day})
    return replace(record, practised_days=tuple(days[-KEEP_DAYS:]))


def current_step(record: Record) -> int:
    """The step being talked about: in practice mode, the last one."""
    return min(record.step, LAST_STEP)


def next_target(record: Record) -> int:
    """The step 'next step' means: the one after the step they last heard, never two ahead.

    A step earned but not yet heard is itself 'next'; a couple who never heard a step starts
    with step one. After step seven comes practice mode.
    """
    if record.heard_step is None:
        return record.step
    return min(record.heard_step + 1, record.step + 1, PRACTICE_MODE)


def next_step(record: Record) -> Record | None:
    """Move to the step 'next' means; None when they are past step seven already."""
    target = next_target(record)
    if target > LAST_STEP:
        return None
    return _go(record, target) if target != record.step else replace(record, hold=False)


def previous_step(record: Record) -> Record | None:
    """Go back one step; None at step one."""
    if record.step <= FIRST_STEP:
        return None
    return _go(record, min(record.step, PRACTICE_MODE) - 1)


def go_to(record: Record, number: int) -> Record:
    """Go to step `number`; raise StepOutOfRange outside one to seven."""
    if not FIRST_STEP <= number <= LAST_STEP:
        raise StepOutOfRange(number)
    if number == record.step:
        return record
    return _go(record, number)


def stay(record: Record) -> Record:
    """Hold the current step: days go by without moving on until they say 'next step'."""
    return record if record.hold else replace(record, hold=True)


def start_over(record: Record) -> Record:
    """Walk the path again from step one."""
    return _go(record, FIRST_STEP)


def _go(record: Record, number: int) -> Record:
    return replace(record, step=number, practised_on=None, hold=False)
