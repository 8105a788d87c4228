"""Check-ins: ratings from what Alexa heard, a bounded year of them, merging, and trends. Pure."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from reconnect.domain import checkin
from reconnect.domain.checkin import CheckIn, Direction, Heard, Problem, Trend

TODAY = date(2026, 11, 25)


def day(offset: int) -> date:
    """A day relative to TODAY (negative: before)."""
    return TODAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("7", 7),
        ("seven", 7),
        ("about a six", 6),
        ("around five", 5),
        ("ten out of ten", 10),
        ("six out of 10", 6),
        ("10/10", 10),
        ("I'd say eight", 8),
        ("maybe a four", 4),
        ("zero", 0),
        ("0", 0),
    ],
)
def test_ratings_are_read_the_way_people_say_them(said: str, rating: int) -> None:
    """'seven', 'about a six' and 'ten out of ten' are all ratings."""
    assert checkin.parse_rating(said) == Heard(rating)


@pytest.mark.parametrize("said", [None, "", "?", "banana", "six and a half", "6.5", "pretty good"])
def test_no_number_is_unheard(said: str | None) -> None:
    """Words without a whole number (or Alexa's '?') are unheard, not zero."""
    assert checkin.parse_rating(said) == Heard(None, Problem.UNHEARD)


@pytest.mark.parametrize(("said", "number"), [("eleven", 11), ("11", 11), ("one hundred", 100)])
def test_numbers_past_ten_are_off_the_scale(said: str, number: int) -> None:
    """'Eleven' is a number, just not on the scale: the re-ask can say so."""
    assert checkin.parse_rating(said) == Heard(None, Problem.OFF_SCALE, number)


def test_every_check_in_counts_even_two_on_one_day() -> None:
    """Two check-ins on one day are both kept; the day's score is the mean of all four."""
    history = checkin.add((), TODAY, [(1, 4), (2, 5)])
    history = checkin.add(history, TODAY, [(1, 6), (2, 7)])
    assert history == (
        CheckIn(TODAY, 1, 4),
        CheckIn(TODAY, 1, 6),
        CheckIn(TODAY, 2, 5),
        CheckIn(TODAY, 2, 7),
    )
    assert checkin.daily_scores(history) == {TODAY: 5.5}


def test_add_refuses_a_rating_off_the_scale_or_a_third_partner() -> None:
    """The record never holds an eleven or a partner three."""
    with pytest.raises(ValueError, match="out of range"):
        checkin.add((), TODAY, [(1, 11)])
    with pytest.raises(ValueError, match="out of range"):
        checkin.add((), TODAY, [(3, 5)])


def test_history_keeps_a_year_and_no_more() -> None:
    """GIVEN two years of daily check-ins WHEN one more is added THEN a year is kept."""
    history: tuple[CheckIn, ...] = ()
    for offset in range(-730, 1):
        history = checkin.add(history, day(offset), [(1, 5), (2, 6)])
    assert len(history) == checkin.MAX_CHECKINS == 732
    assert history[0].day == day(-(checkin.KEEP_DAYS - 1))
    assert history[-1].day == TODAY


def test_many_check_ins_a_day_keep_the_newest_within_the_bound() -> None:
    """Four check-ins a day for a year: the bound holds, the newest are kept."""
    history: tuple[CheckIn, ...] = ()
    for offset in range(-365, 1):
        for _ in range(4):
            history = checkin.add(history, day(offset), [(1, 5), (2, 6)])
    assert len(history) == checkin.MAX_CHECKINS
    assert history[-1].day == TODAY


def test_merge_keeps_a_check_in_from_a_concurrent_session() -> None:
    """GIVEN two sessions that each add a check-in WHEN they merge THEN both are kept."""
    base = checkin.add((), day(-1), [(1, 5), (2, 5)])
    mine = checkin.add(base, TODAY, [(1, 7), (2, 6)])
    theirs = checkin.add(base, day(-2), [(1, 3), (2, 4)])
    merged = checkin.merge(base, mine, theirs)
    assert set(mine) | set(theirs) == set(merged)


def test_merge_of_two_check_ins_on_the_same_day_keeps_both() -> None:
    """Two sessions each finished a check-in today: neither overwrites the other."""
    base = checkin.add((), day(-1), [(1, 5), (2, 5)])
    mine = checkin.add(base, TODAY, [(1, 8), (2, 7)])
    theirs = checkin.add(base, TODAY, [(1, 3), (2, 4)])
    merged = checkin.merge(base, mine, theirs)
    assert len(merged) == 6
    assert sorted(e.rating for e in merged if e.day == TODAY) == [3, 4, 7, 8]


def test_merge_keeps_identical_ratings_from_two_sessions() -> None:
    """Both sessions heard 'seven' and 'seven': two check-ins, so four ratings, not two."""
    mine = checkin.add((), TODAY, [(1, 7), (2, 7)])
    assert len(checkin.merge((), mine, mine)) == 4


def test_merge_keeps_pruning_that_this_turn_did() -> None:
    """Entries this turn let fall away (past a year) do not come back from the other side."""
    old = CheckIn(day(-400), 1, 5)
    base = (old,)
    mine = checkin.add(base, TODAY, [(1, 6)])
    assert old not in mine
    assert old not in checkin.merge(base, mine, base)


def test_scores_are_the_couples_mean_never_one_partner() -> None:
    """A day's score is the mean of both ratings."""
    history = checkin.add((), TODAY, [(1, 4), (2, 7)])
    assert checkin.daily_scores(history) == {TODAY: 5.5}


def test_up_from_four_to_six_this_week() -> None:
    """GIVEN fours earlier this week WHEN today is a six THEN it is up from four to six."""
    history = checkin.add((), day(-3), [(1, 4), (2, 4)])
    history = checkin.add(history, TODAY, [(1, 6), (2, 6)])
    assert checkin.today_trend(history, TODAY) == Trend(Direction.UP, 6.0, 4.0, "week")


def test_a_half_point_is_steady_and_a_drop_is_down() -> None:
    """Half a point either way is 'about the same'; a point or more lower is 'down'."""
    steady = checkin.add(checkin.add((), day(-1), [(1, 6)]), TODAY, [(1, 6), (2, 7)])
    assert checkin.today_trend(steady, TODAY) == Trend(Direction.STEADY, 6.5, 6.0, "week")
    down = checkin.add(checkin.add((), day(-2), [(1, 7)]), TODAY, [(1, 5)])
    assert checkin.today_trend(down, TODAY) == Trend(Direction.DOWN, 5.0, 7.0, "week")


def test_without_a_check_in_this_week_today_compares_with_the_month() -> None:
    """The last check-in was two weeks ago: today compares 'since earlier this month'."""
    history = checkin.add(checkin.add((), day(-14), [(1, 3)]), TODAY, [(1, 5)])
    assert checkin.today_trend(history, TODAY) == Trend(Direction.UP, 5.0, 3.0, "month")


def test_a_first_check_in_has_nothing_to_compare() -> None:
    """The first check-in (or the first in a month) is just today's score."""
    history = checkin.add(checkin.add((), day(-45), [(1, 9)]), TODAY, [(1, 2), (2, 3)])
    assert checkin.today_trend(history, TODAY) == Trend(Direction.FIRST, 2.5)
    assert checkin.today_trend(history, day(1)) is None


def test_month_trend_compares_the_last_week_with_the_weeks_before() -> None:
    """Fives in the first weeks of the month and sevens this week: up from five to seven."""
    history: tuple[CheckIn, ...] = ()
    for offset in range(-29, -7):
        history = checkin.add(history, day(offset), [(1, 5), (2, 5)])
    for offset in range(-6, 1):
        history = checkin.add(history, day(offset), [(1, 7), (2, 7)])
    assert checkin.month_trend(history, TODAY) == Trend(Direction.UP, 7.0, 5.0, "month")
    assert checkin.days_with_checkins(history, TODAY, 30) == 29


def test_month_trend_with_one_side_only() -> None:
    """Only this week, or only earlier: a level without a comparison; none at all: None."""
    this_week = checkin.add((), day(-2), [(1, 6)])
    assert checkin.month_trend(this_week, TODAY) == Trend(Direction.FIRST, 6.0)
    earlier = checkin.add((), day(-20), [(1, 4)])
    assert checkin.month_trend(earlier, TODAY) == Trend(Direction.FIRST, 4.0)
    assert checkin.month_trend((), TODAY) is None


@pytest.mark.parametrize(("score", "rounded"), [(5.24, 5.0), (5.25, 5.5), (5.75, 6.0), (0.2, 0.0)])
def test_scores_round_to_halves(score: float, rounded: float) -> None:
    """Scores are spoken in halves: 'five and a half'."""
    assert checkin.halves(score) == rounded
