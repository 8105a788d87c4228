"""The couple's record: what the skill keeps, and how two concurrent changes merge."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, Literal

from reconnect.domain import checkin
from reconnect.domain.checkin import CheckIn

FIRST_STEP = 1
LAST_STEP = 7
PRACTICE_MODE = LAST_STEP + 1  # the path is walked; each day brings a practice from all steps

# Fields that count things: concurrent increments add up instead of one winning.
_COUNTERS = frozenset({"visit_days", "paths_completed", "rituals_completed"})

Mode = Literal["timers", "guided"]
MAX_TIMERS = 6  # one announcing timer per change of part in the ten minutes
PART_COUNT = 6  # how many parts a guided ritual has: arrive, appreciate, share, swap, need, promise


@dataclass(frozen=True)
class RitualState:
    """One together time as stored: when it began, its pauses, its timers, how it ended."""

    started_at: datetime
    step: int
    mode: Mode = "timers"
    paused_at: datetime | None = None
    paused_seconds: int = 0  # pauses that are over; the current one runs from paused_at
    timer_ids: tuple[str, ...] = ()  # timers mode: one per change; otherwise leftovers to delete
    guided_part: int = 0  # guided mode: the part the couple has reached by saying "next"
    completed: bool = False
    stopped_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form: times as ISO strings in UTC, ids as a list."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if isinstance(value, datetime):
                value = value.isoformat()
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: object) -> RitualState:
        """Read a ritual back, checking every field; raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("ritual is not an object")
        mode = data.get("mode", "timers")
        if mode not in ("timers", "guided"):
            raise ValueError("ritual mode is unknown")
        ids = data.get("timer_ids", [])
        if not isinstance(ids, list) or len(ids) > MAX_TIMERS:
            raise ValueError("ritual timer_ids is not a short list")
        if not all(isinstance(i, str) and 0 < len(i) <= 200 for i in ids):
            raise ValueError("ritual timer id is not a short string")
        completed = data.get("completed", False)
        if not isinstance(completed, bool):
            raise ValueError("ritual completed is not a boolean")
        return cls(
            started_at=_moment(data.get("started_at"), "started_at"),
            step=_number(data.get("step"), "ritual step", FIRST_STEP, PRACTICE_MODE),
            mode=mode,
            paused_at=_optional_moment(data.get("paused_at"), "paused_at"),
            paused_seconds=_number(data.get("paused_seconds", 0), "paused_seconds", 0, 10**7),
            timer_ids=tuple(ids),
            guided_part=_number(data.get("guided_part", 0), "guided_part", 0, PART_COUNT),
            completed=completed,
            stopped_at=_optional_moment(data.get("stopped_at"), "stopped_at"),
        )


@dataclass(frozen=True)
class Record:
    """Everything kept for one couple: numbers and dates only, never anything said."""

    step: int = FIRST_STEP  # today's step: 1-7, or PRACTICE_MODE
    heard_step: int | None = None  # the step they last heard as theirs (never a step looked at)
    heard_on: date | None = None  # when they last heard it
    practised_on: date | None = None  # when `step` was practised; only ever a heard step
    hold: bool = False
    paths_completed: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    visit_days: int = 0
    time_zone: str | None = None
    ritual: RitualState | None = None
    rituals_completed: int = 0
    timers_permission_declined: bool = False  # they said no to timers: not asked every time
    checkins: tuple[CheckIn, ...] = ()  # a year at most: date, partner slot, rating
    practised_days: tuple[date, ...] = ()  # days with a check-in or together time, a year at most
    voices: tuple[str, ...] = ()  # hashed voice profiles; the index + 1 is the partner's slot
    reminder_id: str | None = None  # the daily reminder's alertToken (never read back)
    reminder_at: str | None = None  # its time, "HH:MM"

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form, for session attributes and storage.

        Dates are ISO strings; check-ins and practised days are numbers (checkin.encode,
        checkin.day_code) so that a year of them stays small in every response's session.
        """
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == ():
                continue
            if isinstance(value, RitualState):
                value = value.to_dict()
            elif isinstance(value, date):
                value = value.isoformat()
            elif f.name == "checkins":
                value = [checkin.encode(e) for e in value]
            elif f.name == "practised_days":
                value = [checkin.day_code(d) for d in value]
            elif isinstance(value, tuple):
                value = list(value)
            out[f.name] = value
        return out

    @classmethod
    def from_dict(cls, data: object) -> Record:
        """Read a record back, keeping only known fields of the right type; raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("record is not an object")
        values: dict[str, Any] = {}
        for f in fields(cls):
            if f.name not in data or data[f.name] is None:
                continue
            values[f.name] = _coerce(f.name, data[f.name])
        record = cls(**values)
        for name in _STEP_FIELDS:
            value = getattr(record, name)
            if value is not None and not FIRST_STEP <= value <= PRACTICE_MODE:
                raise ValueError(f"{name} out of range")
        return record


_DATE_FIELDS = frozenset({"heard_on", "practised_on", "first_seen", "last_seen"})
_INT_FIELDS = frozenset({"step", "paths_completed", "visit_days", "rituals_completed"})
_STEP_FIELDS = frozenset({"step", "heard_step"})
_BOOL_FIELDS = frozenset({"hold", "timers_permission_declined"})
MAX_VOICES = 2
_VOICE = re.compile(r"[0-9a-f]{16}")
_HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")


def _coerce(name: str, value: object) -> Any:
    if name in _DATE_FIELDS:
        if not isinstance(value, str):
            raise ValueError(f"{name} is not a date")
        return date.fromisoformat(value)
    if name in _INT_FIELDS or name in _STEP_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"{name} is not a number")
        number = int(value)
        if number < 0 or number > 1_000_000:
            raise ValueError(f"{name} is out of range")
        return number
    if name in _BOOL_FIELDS:
        if not isinstance(value, bool):
            raise ValueError(f"{name} is not a boolean")
        return value
    if name == "ritual":
        return RitualState.from_dict(value)
    if name in ("checkins", "practised_days", "voices"):
        return _coerce_list(name, value)
    if name == "reminder_id":
        if not isinstance(value, str) or not 0 < len(value) <= 200:
            raise ValueError("reminder_id is not a short string")
        return value
    if name == "reminder_at":
        if not isinstance(value, str) or not _HHMM.fullmatch(value):
            raise ValueError("reminder_at is not HH:MM")
        return value
    if name == "time_zone":
        if not isinstance(value, str) or len(value) > 64:
            raise ValueError("time_zone is not a zone name")
        return value
    raise ValueError(f"unknown field {name}")


def _coerce_list(name: str, value: object) -> tuple[Any, ...]:
    """A stored list, checked item by item; a list longer than the bound keeps its newest."""
    if not isinstance(value, list | tuple):
        raise ValueError(f"{name} is not a list")
    if name == "voices":
        if len(value) > MAX_VOICES or not all(
            isinstance(v, str) and _VOICE.fullmatch(v) for v in value
        ):
            raise ValueError("voices are not hashed voice profiles")
        return tuple(value)
    if name == "checkins":
        return tuple(sorted(checkin.decode(v) for v in value))[-checkin.MAX_CHECKINS :]
    return tuple(sorted({checkin.day_of(v) for v in value}))[-checkin.KEEP_DAYS :]


def _moment(value: object, name: str) -> datetime:
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError(f"{name} is not a time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"{name} has no time zone")
    return moment


def _optional_moment(value: object, name: str) -> datetime | None:
    return None if value is None else _moment(value, name)


def _number(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{name} is not a whole number")
    if not low <= value <= high:
        raise ValueError(f"{name} is out of range")
    return value


def merge(base: Record, mine: Record, theirs: Record) -> Record:
    """Three-way merge: keep every field this turn changed, and everything else from theirs."""
    changes: dict[str, Any] = {}
    for f in fields(Record):
        old, new, other = getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name)
        if new == old:
            continue
        if f.name == "rituals_completed" and _same_completion(mine, theirs):
            continue  # both sides counted the same ritual ending: count it once
        if f.name == "checkins":
            changes[f.name] = checkin.merge(old, new, other)
        elif f.name == "practised_days":
            changes[f.name] = _merge_days(old, new, other)
        elif f.name == "voices":
            changes[f.name] = (*other, *(v for v in new if v not in other))[:MAX_VOICES]
        elif f.name in _COUNTERS:
            changes[f.name] = other + (new - old)
        else:
            changes[f.name] = new
    return replace(theirs, **changes)


def _merge_days(
    base: tuple[date, ...], mine: tuple[date, ...], theirs: tuple[date, ...]
) -> tuple[date, ...]:
    """A union: days this turn added join theirs; days this turn let fall away stay gone."""
    kept = (set(theirs) - (set(base) - set(mine))) | (set(mine) - set(base))
    return tuple(sorted(kept))[-checkin.KEEP_DAYS :]


def _same_completion(mine: Record, theirs: Record) -> bool:
    a, b = mine.ritual, theirs.ritual
    return a is not None and b is not None and a.completed and b.completed and a == b
