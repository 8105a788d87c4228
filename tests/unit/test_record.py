"""The couple's record: strict reading, and merging two changes made at the same moment."""

from __future__ import annotations

from datetime import date

import pytest

from reconnect.domain.record import Record, merge

DAY = date(2026, 11, 25)


def test_record_round_trips_through_its_plain_form() -> None:
    """to_dict then from_dict gives the same record."""
    record = Record(step=4, heard_on=DAY, hold=True, visit_days=3, time_zone="Europe/London")
    assert Record.from_dict(record.to_dict()) == record


@pytest.mark.parametrize(
    "raw",
    [
        "junk",
        {"step": 0},
        {"step": 99},
        {"step": True},
        {"heard_on": 20261125},
        {"heard_on": "yesterday"},
        {"hold": "yes"},
        {"visit_days": -1},
        {"time_zone": "x" * 100},
    ],
)
def test_record_refuses_what_it_did_not_write(raw: object) -> None:
    """Anything malformed raises ValueError instead of reaching speech or the table."""
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails for its own reason
        Record.from_dict(raw)


def test_record_ignores_fields_it_does_not_know() -> None:
    """Junk in session attributes is dropped, never persisted."""
    assert Record.from_dict({"step": 2, "said": "something private"}) == Record(step=2)


def test_merge_keeps_both_sides_changes() -> None:
    """GIVEN one device moved the step and another held it THEN the merge has both."""
    base = Record(step=2)
    mine = Record(step=2, hold=True)
    theirs = Record(step=5)
    assert merge(base, mine, theirs) == Record(step=5, hold=True)


def test_merge_adds_concurrent_counts() -> None:
    """Counters changed on both sides add up rather than one winning."""
    base = Record(visit_days=3, paths_completed=1)
    mine = Record(visit_days=4, paths_completed=1)
    theirs = Record(visit_days=4, paths_completed=2)
    merged = merge(base, mine, theirs)
    assert merged.visit_days == 5
    assert merged.paths_completed == 2


def test_merge_without_local_change_is_theirs() -> None:
    """When this turn changed nothing, the stored record wins whole."""
    theirs = Record(step=6, hold=True)
    assert merge(Record(), Record(), theirs) == theirs
