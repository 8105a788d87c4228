"""The couple's record: what the skill keeps, and how two concurrent changes merge."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from typing import Any

FIRST_STEP = 1
LAST_STEP = 7
PRACTICE_MODE = LAST_STEP + 1  # the path is walked; each day brings a practice from all steps

# Fields that count things: concurrent increments add up instead of one winning.
_COUNTERS = frozenset({"visit_days", "paths_completed"})


@dataclass(frozen=True)
class Record:
    """Everything kept for one couple: numbers and dates only, never anything said."""

    step: int = FIRST_STEP
    heard_on: date | None = None
    practised_on: date | None = None
    hold: bool = False
    paths_completed: int = 0
    first_seen: date | None = None
    last_seen: date | None = None
    visit_days: int = 0
    time_zone: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form (dates as ISO strings), for session attributes and storage."""
        out: dict[str, Any] = {}
        for key, value in asdict(self).items():
            if value is None:
                continue
            out[key] = value.isoformat() if isinstance(value, date) else value
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
        if not FIRST_STEP <= record.step <= PRACTICE_MODE:
            raise ValueError("step out of range")
        return record


_DATE_FIELDS = frozenset({"heard_on", "practised_on", "first_seen", "last_seen"})
_INT_FIELDS = frozenset({"step", "paths_completed", "visit_days"})


def _coerce(name: str, value: object) -> Any:
    if name in _DATE_FIELDS:
        if not isinstance(value, str):
            raise ValueError(f"{name} is not a date")
        return date.fromisoformat(value)
    if name in _INT_FIELDS:
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise ValueError(f"{name} is not a number")
        number = int(value)
        if number < 0 or number > 1_000_000:
            raise ValueError(f"{name} is out of range")
        return number
    if name == "hold":
        if not isinstance(value, bool):
            raise ValueError("hold is not a boolean")
        return value
    if name == "time_zone":
        if not isinstance(value, str) or len(value) > 64:
            raise ValueError("time_zone is not a zone name")
        return value
    raise ValueError(f"unknown field {name}")


def merge(base: Record, mine: Record, theirs: Record) -> Record:
    """Three-way merge: keep every field this turn changed, and everything else from theirs."""
    changes: dict[str, Any] = {}
    for f in fields(Record):
        old, new, other = getattr(base, f.name), getattr(mine, f.name), getattr(theirs, f.name)
        if new == old:
            continue
        if f.name in _COUNTERS:
            changes[f.name] = other + (new - old)
        else:
            changes[f.name] = new
    return replace(theirs, **changes)
