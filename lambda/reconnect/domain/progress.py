"""'How are we doing?': practice over the last week and month, rituals, the check-in trend. Pure.

Encouragement, never guilt: it counts the days they made time, not the days they missed, and
keeps no streak that a quiet day could break.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from reconnect.domain import checkin
from reconnect.domain.checkin import CheckIn, Trend

WEEK, MONTH = checkin.WEEK, checkin.MONTH


@dataclass(frozen=True)
class Progress:
    """What the couple has done lately, as counts."""

    step: int  # 1-7, or 8 in practice mode
    week_days: int  # days practised of the last seven, today included
    month_days: int  # days practised of the last thirty, today included
    rituals_completed: int
    checkin_days: int  # days with a check-in in the last thirty
    trend: Trend | None  # the check-ins of the last week against the rest of the month
    paths_completed: int = 0

    @property
    def beginning(self) -> bool:
        """Nothing practised yet this month: the summary welcomes rather than counts."""
        return self.month_days == 0 and self.rituals_completed == 0 and self.checkin_days == 0


def days_practised(days: Iterable[date], today: date, window: int) -> int:
    """How many distinct days in the last `window` days (today included) were practised."""
    oldest = today - timedelta(days=window - 1)
    return len({day for day in days if oldest <= day <= today})


def summarise(
    step: int,
    practised: Iterable[date],
    rituals_completed: int,
    history: Sequence[CheckIn],
    today: date,
    paths_completed: int = 0,
) -> Progress:
    """The counts behind 'how are we doing?' for a couple on `today`."""
    days = tuple(practised)
    return Progress(
        step=step,
        week_days=days_practised(days, today, WEEK),
        month_days=days_practised(days, today, MONTH),
        rituals_completed=rituals_completed,
        checkin_days=checkin.days_with_checkins(history, today, MONTH),
        trend=checkin.month_trend(history, today),
        paths_completed=paths_completed,
    )
