"""Check-ins: a rating from zero to ten from each partner, a year of them, and how today compares.

Pure: dates are passed in. Only the date, the partner's slot (one or two) and the number are
kept; never anything said. Comparisons are always about the two of them together (the mean of
a day's ratings), never one partner against the other.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import Enum

from reconnect.domain.number_parsing import parse_number

MIN_RATING, MAX_RATING = 0, 10
PARTNERS = (1, 2)
KEEP_DAYS = 366  # a year of check-ins, no more: older ones fall away
MAX_CHECKINS = KEEP_DAYS * len(PARTNERS)  # a year of one check-in a day; more a day keep less
WEEK, MONTH = 7, 30
EPOCH = date(2020, 1, 1)  # stored days count from here: compact in the record and the session
STEADY_WITHIN = 1.0  # a change smaller than one point (in halves) is "about the same"
# A very low check-in is met with care and a support line, not with a question to talk about.
CARE_PARTNER_AT_MOST = 1  # either partner at one or less
CARE_AVERAGE_AT_MOST = 2.0  # the two of them at two or less on average
CARE_DROP_AT_LEAST = 4.0  # or four points or more below their previous check-in

_SCALE_SUFFIX = re.compile(r"\s*(?:out of|outta|/)\s*(?:ten|10)\s*$")
_FILLER = frozenset(
    {"i'd", "id", "i", "say", "feel", "like", "i'm", "im", "we're", "it's", "its", "an",
     "probably", "maybe", "pretty", "much", "solid", "um", "uh", "er", "well", "just",
     "only", "roughly", "approximately", "nearly", "almost", "today", "right", "now"}
)  # fmt: skip


class Problem(Enum):
    """Why a rating could not be taken."""

    UNHEARD = "unheard"  # no number in what was heard ("banana", or Alexa's "?")
    OFF_SCALE = "off_scale"  # a whole number, but not zero to ten


@dataclass(frozen=True)
class Heard:
    """What a rating slot held: a rating, or the problem (and the number, when off the scale)."""

    rating: int | None
    problem: Problem | None = None
    number: int | None = None


@dataclass(frozen=True, order=True)
class CheckIn:
    """One partner's rating on one day."""

    day: date
    partner: int
    rating: int


class Direction(Enum):
    """How the couple's check-ins moved."""

    FIRST = "first"
    UP = "up"
    STEADY = "steady"
    DOWN = "down"


@dataclass(frozen=True)
class Trend:
    """The couple's score now (mean of both) against before, in halves; `period` names 'before'."""

    direction: Direction
    now: float
    before: float | None = None
    period: str | None = None  # "week" or "month"


def parse_rating(raw: str | None) -> Heard:
    """Read a rating: '7', 'seven', 'about a six', 'ten out of ten', "I'd say 8"."""
    if raw is None:
        return Heard(None, Problem.UNHEARD)
    text = _SCALE_SUFFIX.sub("", raw.strip().lower()[:60])
    words = [w for w in re.split(r"\s+", text) if w and w not in _FILLER]
    number = parse_number(" ".join(words)) if words else None
    if number is None:
        return Heard(None, Problem.UNHEARD)
    if not MIN_RATING <= number <= MAX_RATING:
        return Heard(None, Problem.OFF_SCALE, number)
    return Heard(number)


def day_code(day: date) -> int:
    """A day as the record stores it: days since EPOCH."""
    code = (day - EPOCH).days
    if code < 0:
        raise ValueError("a day before 2020")
    return code


def day_of(code: int) -> date:
    """The day a stored day code stands for."""
    if isinstance(code, bool) or not isinstance(code, int) or not 0 <= code <= 100_000:
        raise ValueError("not a day code")
    return EPOCH + timedelta(days=code)


def encode(entry: CheckIn) -> int:
    """A check-in as one number: day code, partner, rating (20261125/2/7 -> 2520207)."""
    return day_code(entry.day) * 1000 + entry.partner * 100 + entry.rating


def decode(code: object) -> CheckIn:
    """The check-in a stored number stands for; ValueError for any other number."""
    if isinstance(code, bool) or not isinstance(code, int) or code < 0:
        raise ValueError("a check-in is not a whole number")
    days, rest = divmod(code, 1000)
    entry = CheckIn(day_of(days), rest // 100, rest % 100)
    if not valid(entry):
        raise ValueError("a stored check-in is out of range")
    return entry


def valid(entry: CheckIn) -> bool:
    """Whether an entry is one the record may hold."""
    return entry.partner in PARTNERS and MIN_RATING <= entry.rating <= MAX_RATING


def add(
    history: Sequence[CheckIn], day: date, ratings: Iterable[tuple[int, int]]
) -> tuple[CheckIn, ...]:
    """The history with one more check-in's (partner, rating) pairs; every check-in counts."""
    fresh = [CheckIn(day, partner, rating) for partner, rating in ratings]
    if not all(valid(entry) for entry in fresh):
        raise ValueError("a rating is out of range or a partner is not one or two")
    return prune([*history, *fresh], day)


def prune(history: Iterable[CheckIn], today: date) -> tuple[CheckIn, ...]:
    """Keep a year, and at most MAX_CHECKINS (the newest): older entries fall away; sorted."""
    oldest = today - timedelta(days=KEEP_DAYS - 1)
    return tuple(sorted(e for e in history if e.day >= oldest))[-MAX_CHECKINS:]


def merge(
    base: Sequence[CheckIn], mine: Sequence[CheckIn], theirs: Sequence[CheckIn]
) -> tuple[CheckIn, ...]:
    """Three-way merge as a union: every check-in either side added is kept, never overwritten."""
    added = Counter(mine) - Counter(base)
    dropped = Counter(base) - Counter(mine)  # this turn let them fall away (older than a year)
    merged = (Counter(theirs) - dropped) + added
    newest = max(merged, key=lambda e: e.day, default=None)
    return prune(merged.elements(), newest.day) if newest else ()


def needs_care(ratings: Sequence[int], before: Iterable[CheckIn], today: date) -> bool:
    """Whether today's ratings are very low: either partner at one or less, the two of them at
    two or less on average, or four points or more below their previous check-in."""
    if not ratings:
        return False
    average = sum(ratings) / len(ratings)
    if min(ratings) <= CARE_PARTNER_AT_MOST or average <= CARE_AVERAGE_AT_MOST:
        return True
    previous = previous_score(before, today)
    return previous is not None and previous - average >= CARE_DROP_AT_LEAST


def previous_score(before: Iterable[CheckIn], today: date) -> float | None:
    """The couple's score at their last check-in before this one: today's earlier one if there
    was one, else the latest day before today."""
    scores = {day: score for day, score in daily_scores(before).items() if day <= today}
    return scores[max(scores)] if scores else None


def daily_scores(history: Iterable[CheckIn]) -> dict[date, float]:
    """The couple's score for each day: the mean of that day's ratings."""
    by_day: dict[date, list[int]] = {}
    for entry in history:
        by_day.setdefault(entry.day, []).append(entry.rating)
    return {day: sum(r) / len(r) for day, r in by_day.items()}


def halves(score: float) -> float:
    """A score rounded to the nearest half, halves rounding up ('six and a half')."""
    return math.floor(score * 2 + 0.5) / 2


def today_trend(history: Iterable[CheckIn], today: date) -> Trend | None:
    """Today's check-in against the days before it: this week if any, else this month."""
    scores = daily_scores(history)
    if today not in scores:
        return None
    week = _mean(scores, today - timedelta(days=WEEK), today - timedelta(days=1))
    if week is not None:
        return _compare(scores[today], week, "week")
    month = _mean(scores, today - timedelta(days=MONTH), today - timedelta(days=WEEK + 1))
    if month is not None:
        return _compare(scores[today], month, "month")
    return Trend(Direction.FIRST, halves(scores[today]))


def month_trend(history: Iterable[CheckIn], today: date) -> Trend | None:
    """The last seven days against the rest of the month; None with no check-in this month."""
    scores = daily_scores(history)
    recent = _mean(scores, today - timedelta(days=WEEK - 1), today)
    earlier = _mean(scores, today - timedelta(days=MONTH - 1), today - timedelta(days=WEEK))
    if recent is None:
        return None if earlier is None else Trend(Direction.FIRST, halves(earlier))
    if earlier is None:
        return Trend(Direction.FIRST, halves(recent))
    return _compare(recent, earlier, "month")


def days_with_checkins(history: Iterable[CheckIn], today: date, days: int) -> int:
    """On how many of the last `days` days (today included) the couple checked in."""
    oldest = today - timedelta(days=days - 1)
    return len({e.day for e in history if oldest <= e.day <= today})


def _mean(scores: dict[date, float], first: date, last: date) -> float | None:
    chosen = [score for day, score in scores.items() if first <= day <= last]
    return sum(chosen) / len(chosen) if chosen else None


def _compare(now: float, before: float, period: str) -> Trend:
    now_h, before_h = halves(now), halves(before)
    change = now_h - before_h
    if change >= STEADY_WITHIN:
        return Trend(Direction.UP, now_h, before_h, period)
    if change <= -STEADY_WITHIN:
        return Trend(Direction.DOWN, now_h, before_h, period)
    return Trend(Direction.STEADY, now_h, before_h, period)
