"""The day as a request begins: one pure function from the record, the moment and the zone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from reconnect.domain import day, ritual
from reconnect.domain.program import Greeting
from reconnect.domain.record import Record

NEW_YORK = ZoneInfo("America/New_York")
# 02:30 UTC on the 25th is still the evening of the 24th in New York.
MOMENT = datetime(2026, 11, 25, 2, 30, tzinfo=UTC)


def test_today_is_the_couples_local_date_not_utcs() -> None:
    """GIVEN a moment after midnight UTC WHEN the day begins in New York THEN it is the 24th."""
    assert day.begin(Record(), MOMENT, NEW_YORK, None).local_date == date(2026, 11, 24)


def test_the_devices_zone_is_kept_on_the_record_and_none_leaves_it_alone() -> None:
    """The zone the device reported is kept, so "today" stays theirs; no report changes nothing."""
    kept = Record(time_zone="Europe/London")
    assert day.begin(kept, MOMENT, NEW_YORK, "America/New_York").record.time_zone == (
        "America/New_York"
    )
    assert day.begin(kept, MOMENT, NEW_YORK, None).record.time_zone == "Europe/London"


def test_a_step_practised_yesterday_moves_on_and_the_greeting_sees_the_record_before_today() -> (
    None
):
    """GIVEN step 2 practised yesterday WHEN today begins THEN step 3, a returning greeting and
    the visit counted once."""
    yesterday = date(2026, 11, 23)
    record = Record(step=2, heard_step=2, practised_on=yesterday, last_seen=yesterday, visit_days=1)
    begun = day.begin(record, MOMENT, NEW_YORK, None)
    assert begun.record.step == 3
    assert begun.greeting is Greeting.RETURNING
    assert begun.record.last_seen == date(2026, 11, 24)
    assert begun.record.visit_days == 2
    assert day.begin(begun.record, MOMENT, NEW_YORK, None).record.visit_days == 2


def test_a_timers_ritual_that_reached_ten_minutes_counts_on_the_day_it_ended() -> None:
    """GIVEN timers started 20 minutes ago WHEN the day begins THEN that ritual is completed."""
    started = ritual.begin(1, MOMENT - timedelta(minutes=20), "timers")
    begun = day.begin(Record(ritual=started), MOMENT, NEW_YORK, None)
    assert begun.record.ritual is not None
    assert begun.record.ritual.completed
    assert begun.record.rituals_completed == 1
    assert date(2026, 11, 24) in begun.record.practised_days
