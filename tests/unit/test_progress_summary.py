"""'How are we doing?': counts of days practised, rituals, check-ins and the trend. Pure."""

from __future__ import annotations

from datetime import date, timedelta

from reconnect.domain import checkin
from reconnect.domain import progress as progress_summary
from reconnect.domain.checkin import CheckIn, Direction

TODAY = date(2026, 11, 25)


def days_ago(*offsets: int) -> list[date]:
    """Dates that many days before TODAY."""
    return [TODAY - timedelta(days=n) for n in offsets]


def test_days_practised_counts_distinct_days_in_the_window() -> None:
    """Five of the last seven days, today included; a day counted once however often."""
    days = [*days_ago(0, 0, 1, 2, 4, 6), *days_ago(7, 20, 40)]
    assert progress_summary.days_practised(days, TODAY, 7) == 5
    assert progress_summary.days_practised(days, TODAY, 30) == 7


def test_a_quiet_week_is_counted_not_punished() -> None:
    """No practice this week but some this month: the counts say what they did, not a streak."""
    found = progress_summary.summarise(3, days_ago(10, 12), 1, (), TODAY)
    assert (found.week_days, found.month_days, found.rituals_completed) == (0, 2, 1)
    assert not found.beginning


def test_a_new_couple_is_beginning() -> None:
    """Nothing yet: the summary welcomes them instead of counting zeros."""
    found = progress_summary.summarise(1, [], 0, (), TODAY)
    assert found.beginning
    assert found.trend is None


def test_summary_carries_the_check_in_trend_of_the_month() -> None:
    """Fours three weeks ago, sixes this week: the trend is up from four to six."""
    history: tuple[CheckIn, ...] = ()
    history = checkin.add(history, TODAY - timedelta(days=20), [(1, 4), (2, 4)])
    history = checkin.add(history, TODAY - timedelta(days=1), [(1, 6), (2, 6)])
    found = progress_summary.summarise(4, days_ago(1, 20), 0, history, TODAY)
    assert found.checkin_days == 2
    assert found.trend is not None
    assert (found.trend.direction, found.trend.before, found.trend.now) == (
        Direction.UP,
        4.0,
        6.0,
    )
