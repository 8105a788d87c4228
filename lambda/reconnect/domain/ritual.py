"""Together time: the ten-minute ritual's parts, its clock, and how it moves. Pure; time passed in.

Five phases in 600 s: arrive 1:00, appreciate 2:00, share 4:00 (the turn passes at 2:00),
need 2:00, promise 1:00. The share phase is two parts, so the ritual has six parts and six
changes (five part changes and the end at 10:00): one announcing timer for each change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum

from reconnect.domain import program
from reconnect.domain.record import MAX_TIMERS, Mode, Record, RitualState

TOTAL_SECONDS = 600
ABANDONED_AFTER = timedelta(hours=3)  # an unfinished ritual this old is over, not running


class Part(Enum):
    """What the couple does between two changes; SWAP is the share phase's second turn."""

    ARRIVE = "arrive"
    APPRECIATE = "appreciate"
    SHARE = "share"
    SWAP = "swap"
    NEED = "need"
    PROMISE = "promise"

    @property
    def phase(self) -> str:
        """The phase this part belongs to (the two turns of sharing are one phase)."""
        return "share" if self is Part.SWAP else self.value


PARTS: tuple[Part, ...] = tuple(Part)
# When each part begins, in seconds from the start; the ritual ends at TOTAL_SECONDS.
STARTS: tuple[int, ...] = (0, 60, 180, 300, 420, 540)
PHASE_SECONDS = {"arrive": 60, "appreciate": 120, "share": 240, "need": 120, "promise": 60}


@dataclass(frozen=True)
class Change:
    """A moment the ritual moves on, announced by one timer: `part` begins (None: the end)."""

    at: int  # seconds from the start
    part: Part | None

    @property
    def key(self) -> str:
        """A name for the change: the part that begins, or 'end'."""
        return self.part.value if self.part is not None else "end"


# One timer per change: five part changes (the turn swap included) and the end at 10:00.
SCHEDULE: tuple[Change, ...] = (
    *(Change(at, part) for at, part in zip(STARTS[1:], PARTS[1:], strict=True)),
    Change(TOTAL_SECONDS, None),
)
assert len(SCHEDULE) <= MAX_TIMERS
assert sum(PHASE_SECONDS.values()) == TOTAL_SECONDS


class NotRunning(Exception):
    """There is no together time going on to pause, resume, stop or move on."""


@dataclass(frozen=True)
class Announcement:
    """One timer to create: it goes off after `seconds` and Alexa says `text`."""

    label: str
    seconds: int
    text: str


def begin(step: int, at: datetime, mode: Mode) -> RitualState:
    """A new ritual starting at `at`, drawing its prompts from `step`."""
    return RitualState(started_at=at, step=step, mode=mode)


def elapsed(ritual: RitualState, at: datetime) -> float:
    """Seconds of ritual time so far: time since the start, less every pause."""
    until = ritual.paused_at or ritual.stopped_at or at
    return max(0.0, (until - ritual.started_at).total_seconds() - ritual.paused_seconds)


def time_left(ritual: RitualState, at: datetime) -> int:
    """Whole seconds until 10:00 of ritual time."""
    return max(0, math.ceil(TOTAL_SECONDS - elapsed(ritual, at)))


def part_by_clock(seconds: float) -> Part | None:
    """The part under way `seconds` into the ritual; None once ten minutes are up."""
    if seconds >= TOTAL_SECONDS:
        return None
    index = max(i for i, start in enumerate(STARTS) if start <= seconds)
    return PARTS[index]


def current_part(ritual: RitualState, at: datetime) -> Part | None:
    """The part the couple is in: by the clock with timers, by their 'next' when guided."""
    if ritual.mode == "guided":
        return PARTS[ritual.guided_part] if ritual.guided_part < len(PARTS) else None
    return part_by_clock(elapsed(ritual, at))


def time_to_next_change(ritual: RitualState, at: datetime) -> int:
    """Whole seconds until the next timer goes off (timers mode)."""
    seconds = elapsed(ritual, at)
    upcoming = [c.at for c in SCHEDULE if c.at > seconds]
    return math.ceil(upcoming[0] - seconds) if upcoming else 0


def is_abandoned(ritual: RitualState, at: datetime) -> bool:
    """A paused or guided ritual left so long that it no longer counts as going on."""
    if ritual.paused_at is not None:
        return at - ritual.paused_at >= ABANDONED_AFTER
    return ritual.mode == "guided" and at - ritual.started_at >= ABANDONED_AFTER


def is_running(ritual: RitualState | None, at: datetime) -> bool:
    """Whether a ritual is going on (paused counts): not ended, not stopped, not abandoned."""
    if ritual is None or ritual.completed or ritual.stopped_at is not None:
        return False
    if is_abandoned(ritual, at):
        return False
    return current_part(ritual, at) is not None


def is_paused(ritual: RitualState) -> bool:
    """Whether the ritual's clock is stopped for now."""
    return ritual.paused_at is not None


def pending_changes(ritual: RitualState, at: datetime) -> tuple[tuple[Change, str], ...]:
    """Timers mode: the changes still to come, each with the id of its timer."""
    if ritual.mode != "timers":
        return ()
    seconds = elapsed(ritual, at)
    return tuple((c, i) for c, i in zip(SCHEDULE, ritual.timer_ids, strict=False) if c.at > seconds)


def leftover_timers(ritual: RitualState | None) -> tuple[str, ...]:
    """Timer ids that may still go off for a ritual being stopped or replaced.

    All of them, not only those the clock says are to come: a timer can go off a little
    late, and deleting one that already went off is harmless.
    """
    if ritual is None or ritual.completed:
        return ()
    return ritual.timer_ids


def with_timers(ritual: RitualState, ids: tuple[str, ...]) -> RitualState:
    """The ritual with the ids of its timers, one per change, in SCHEDULE's order."""
    if len(ids) != len(SCHEDULE):
        raise ValueError("one timer per change")
    return replace(ritual, mode="timers", timer_ids=ids)


def to_guided(ritual: RitualState, at: datetime, leftovers: tuple[str, ...] = ()) -> RitualState:
    """Carry on without timers from the part under way; `leftovers` are timers to delete later."""
    part = current_part(ritual, at)
    index = len(PARTS) - 1 if part is None else PARTS.index(part)
    return replace(ritual, mode="guided", guided_part=index, timer_ids=leftovers)


def pause(ritual: RitualState, at: datetime) -> RitualState:
    """Stop the clock; pausing a paused ritual changes nothing."""
    return ritual if ritual.paused_at is not None else replace(ritual, paused_at=at)


def resume(ritual: RitualState, at: datetime) -> RitualState:
    """Start the clock again, counting the pause out of the ten minutes."""
    if ritual.paused_at is None:
        return ritual
    pause_seconds = max(0, round((at - ritual.paused_at).total_seconds()))
    return replace(ritual, paused_at=None, paused_seconds=ritual.paused_seconds + pause_seconds)


def stop(ritual: RitualState, at: datetime, leftovers: tuple[str, ...] = ()) -> RitualState:
    """End the ritual before ten minutes: it does not count as completed."""
    stopped = resume(ritual, at)
    return replace(stopped, stopped_at=at, timer_ids=leftovers)


def complete(record: Record, day: date) -> Record:
    """Count the ritual as completed: one more together time, and today's step practised."""
    ritual = record.ritual
    if ritual is None or ritual.completed:
        return record
    done = replace(record, ritual=replace(ritual, completed=True, paused_at=None, timer_ids=()))
    done = replace(done, rituals_completed=record.rituals_completed + 1)
    if done.practised_on is not None and done.practised_on >= day:
        return program.note_practice_day(done, day)  # a later day was already practised
    return program.mark_practised(done, day)


def advance(record: Record, at: datetime, day: date) -> Record:
    """Guided mode: move on to the next part; past the last one the ritual is completed."""
    ritual = record.ritual
    if ritual is None or not is_running(ritual, at) or ritual.mode != "guided":
        raise NotRunning
    moved = resume(ritual, at)
    moved = replace(moved, guided_part=moved.guided_part + 1)
    record = replace(record, ritual=moved)
    return complete(record, day) if moved.guided_part >= len(PARTS) else record


def end_moment(ritual: RitualState) -> datetime:
    """When a ritual that runs on (timers mode, not paused) reaches 10:00."""
    return ritual.started_at + timedelta(seconds=TOTAL_SECONDS + ritual.paused_seconds)


def conclude(record: Record, at: datetime, zone: tzinfo) -> Record:
    """Count a timers-mode ritual that reached 10:00 without a stop, on its local end day."""
    ritual = record.ritual
    if ritual is None or ritual.completed or ritual.stopped_at is not None:
        return record
    if ritual.mode != "timers" or ritual.paused_at is not None:
        return record
    if elapsed(ritual, at) < TOTAL_SECONDS:
        return record
    return complete(record, end_moment(ritual).astimezone(zone).date())
