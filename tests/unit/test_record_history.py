"""The record's history: check-ins, practised days, voices and the reminder; bounded and merged."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from reconnect.domain import checkin, program
from reconnect.domain.checkin import CheckIn
from reconnect.domain.record import Record, RitualState, merge
from reconnect.store import _to_item

TODAY = date(2026, 11, 25)
DYNAMODB_ITEM_LIMIT = 400 * 1024
ALEXA_RESPONSE_LIMIT = 24 * 1024


def a_full_year() -> Record:
    """The biggest record a couple can have: every day of a year practised and checked in by two
    recognised voices, a reminder, a ritual under way, every counter high."""
    record = Record(
        step=5,
        heard_on=TODAY,
        first_seen=TODAY - timedelta(days=800),
        last_seen=TODAY,
        visit_days=999_999,
        paths_completed=999_999,
        rituals_completed=999_999,
        time_zone="America/Argentina/ComodRivadavia",
        voices=("0123456789abcdef", "fedcba9876543210"),
        reminder_id="x" * 200,
        reminder_at="20:30",
        ritual=RitualState(
            started_at=datetime(2026, 11, 25, 20, tzinfo=UTC),
            step=5,
            timer_ids=tuple("t" * 200 for _ in range(6)),
        ),
    )
    for offset in range(-800, 1):
        day = TODAY + timedelta(days=offset)
        record = program.mark_practised(record, day)
        record = replace(record, checkins=checkin.add(record.checkins, day, [(1, 10), (2, 10)]))
    return record


def test_history_round_trips_through_the_plain_form() -> None:
    """Check-ins, practised days, voices and the reminder survive to_dict and from_dict."""
    record = Record(
        checkins=(CheckIn(TODAY, 1, 7), CheckIn(TODAY, 2, 0)),
        practised_days=(TODAY - timedelta(days=1), TODAY),
        voices=("0123456789abcdef",),
        reminder_id="reminder-1",
        reminder_at="20:00",
    )
    plain = record.to_dict()
    assert plain["checkins"] == [2520107, 2520200]
    assert Record.from_dict(json.loads(json.dumps(plain))) == record


@pytest.mark.parametrize(
    "raw",
    [
        {"checkins": "2520107"},
        {"checkins": [2520111]},  # a rating of eleven
        {"checkins": [2520307]},  # a partner three
        {"checkins": [True]},
        {"practised_days": [-1]},
        {"practised_days": ["2026-11-25"]},
        {"voices": ["Sam"]},
        {"voices": ["0123456789abcdef"] * 3},
        {"reminder_id": ""},
        {"reminder_id": "x" * 201},
        {"reminder_at": "8pm"},
        {"reminder_at": "24:00"},
    ],
)
def test_history_refuses_what_it_did_not_write(raw: object) -> None:
    """A name where a hashed voice belongs, an eleven, a partner three: ValueError."""
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails for its own reason
        Record.from_dict(raw)


def test_a_year_is_the_bound_however_long_they_use_it() -> None:
    """GIVEN 800 days of daily use WHEN the record is built THEN it holds one year: at most
    732 check-ins and 366 practised days."""
    record = a_full_year()
    assert len(record.checkins) == checkin.MAX_CHECKINS == 732
    assert len(record.practised_days) == checkin.KEEP_DAYS == 366
    assert record.checkins[0].day == TODAY - timedelta(days=365)


def test_the_fullest_item_stays_far_under_dynamodbs_limit() -> None:
    """The fullest record's DynamoDB item, measured as its typed JSON (larger than DynamoDB
    counts it), is under a tenth of the 400 KB item limit."""
    item = _to_item("k" * 64, a_full_year(), 999_999)
    size = len(json.dumps(item).encode())
    assert size < DYNAMODB_ITEM_LIMIT / 10, size


def test_the_fullest_record_leaves_room_in_alexas_response() -> None:
    """The record rides in session attributes on every response (24 KB at most): a full year
    takes under half of that, leaving the rest for speech."""
    size = len(json.dumps(a_full_year().to_dict()).encode())
    assert size < ALEXA_RESPONSE_LIMIT / 2, size


def test_a_longer_stored_list_keeps_its_newest_year_instead_of_failing() -> None:
    """A list longer than the bound (written by some older version) keeps its newest entries
    rather than wiping the couple's record."""
    codes = [checkin.encode(CheckIn(TODAY - timedelta(days=n), 1, 5)) for n in range(800)]
    read = Record.from_dict({"checkins": codes})
    assert len(read.checkins) == checkin.MAX_CHECKINS
    assert read.checkins[-1].day == TODAY


def test_a_check_in_from_a_concurrent_session_is_not_lost() -> None:
    """GIVEN two devices that each finish a check-in from the same starting record WHEN the
    second save merges THEN both check-ins and both practised days are kept (a union)."""
    yesterday = TODAY - timedelta(days=1)
    base = Record()
    mine = program.mark_practised(Record(checkins=checkin.add((), TODAY, [(1, 7), (2, 6)])), TODAY)
    theirs = program.mark_practised(
        Record(checkins=checkin.add((), yesterday, [(1, 4), (2, 5)])), yesterday
    )
    merged = merge(base, mine, theirs)
    assert set(merged.checkins) == set(mine.checkins) | set(theirs.checkins)
    assert merged.practised_days == (yesterday, TODAY)


def test_voices_merge_without_losing_a_slot() -> None:
    """A voice this turn added joins the voices the other side has, keeping their slots."""
    base = Record(voices=("0123456789abcdef",))
    mine = Record(voices=("0123456789abcdef", "1111111111111111"))
    assert merge(base, mine, base).voices == mine.voices
    theirs = Record(voices=("0123456789abcdef", "2222222222222222"))
    assert merge(base, mine, theirs).voices == theirs.voices  # only two slots; theirs came first


def test_practised_days_keep_a_year() -> None:
    """mark_practised remembers the day; a day older than a year falls away."""
    record = program.mark_practised(Record(practised_days=(TODAY - timedelta(days=400),)), TODAY)
    assert record.practised_days == (TODAY,)
    assert program.mark_practised(record, TODAY) == record
