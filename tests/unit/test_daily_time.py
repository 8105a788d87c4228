"""A daily reminder's time: read from AMAZON.TIME or words, said back, scheduled. Pure."""

from __future__ import annotations

from datetime import datetime, time

import pytest

from reconnect.domain.daily_time import (
    DailyTime,
    first_occurrence,
    is_vague,
    parse_time,
    period_of,
    recurrence_rule,
    spoken,
)


@pytest.mark.parametrize(
    ("value", "period", "expected"),
    [
        ("20:00", None, DailyTime(20)),  # what Alexa sends
        ("08:00", "evening", DailyTime(20)),  # "every evening at eight"
        ("08:30", None, DailyTime(8, 30)),
        ("eight", "evening", DailyTime(20)),  # words, as virtual-alexa passes them
        ("eight thirty", "night", DailyTime(20, 30)),
        ("half past seven", "evening", DailyTime(19, 30)),
        ("quarter to eight", "evening", DailyTime(19, 45)),
        ("8 pm", None, DailyTime(20)),
        ("7 a.m.", None, DailyTime(7)),
        ("three", None, DailyTime(15)),  # a bare small hour: the afternoon
        ("seven oh five", "morning", DailyTime(7, 5)),
        ("noon", None, DailyTime(12)),
        ("midnight", None, DailyTime(0)),
    ],
)
def test_times_are_read_from_alexa_values_and_words(
    value: str, period: str | None, expected: DailyTime
) -> None:
    """'20:00', 'eight' said with 'evening', 'half past seven' all become a time of day."""
    assert parse_time(value, period) == expected


@pytest.mark.parametrize("value", [None, "", "EV", "MO", "banana", "25:00", "8:75"])
def test_no_clock_time_is_none(value: str | None) -> None:
    """A part of the day alone ('EV'), nonsense or an impossible time is no time."""
    assert parse_time(value) is None


def test_a_part_of_the_day_alone_is_vague() -> None:
    """'EV' is worth asking again for a clock time; a time or nothing is not."""
    assert is_vague("EV")
    assert not is_vague("20:00")
    assert not is_vague(None)


@pytest.mark.parametrize(
    ("at", "said"),
    [
        (DailyTime(20), "8 p.m."),
        (DailyTime(7, 30), "7:30 a.m."),
        (DailyTime(12), "noon"),
        (DailyTime(0), "midnight"),
        (DailyTime(12, 15), "12:15 p.m."),
    ],
)
def test_times_are_said_the_way_people_say_them(at: DailyTime, said: str) -> None:
    """'8 p.m.', not '20:00'."""
    assert spoken(at) == said


def test_hhmm_round_trips_and_refuses_nonsense() -> None:
    """The record keeps 'HH:MM'."""
    assert DailyTime.from_hhmm(DailyTime(7, 5).hhmm) == DailyTime(7, 5)
    with pytest.raises(ValueError, match="HH:MM"):
        DailyTime.from_hhmm("7pm")
    with pytest.raises(ValueError, match="time of day"):
        DailyTime(24, 0)


def test_the_rule_and_the_first_occurrence() -> None:
    """Daily at 20:00: today if it is still ahead, else tomorrow."""
    assert (
        recurrence_rule(DailyTime(20)) == "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    )
    assert first_occurrence(datetime(2026, 11, 25, 12), DailyTime(20)) == datetime(2026, 11, 25, 20)
    assert first_occurrence(datetime(2026, 11, 25, 21), DailyTime(20)) == datetime(2026, 11, 26, 20)


@pytest.mark.parametrize(
    ("value", "now", "expected"),
    [
        ("07:00", time(18, 0), DailyTime(19)),  # 'remind us at seven' at 6 p.m.: this evening
        ("07:00", time(6, 0), DailyTime(7)),  # at 6 a.m.: this morning's seven is still ahead
        ("07:00", time(20, 30), DailyTime(7)),  # at 8:30 p.m. the next seven is the morning's
        ("09:05", time(9, 0), DailyTime(9, 5)),
        ("03:00", time(10, 0), DailyTime(15)),  # a small hour is the afternoon
        ("19:00", time(8, 0), DailyTime(19)),  # a clock time said in full is kept
        ("seven", time(18, 0), DailyTime(19)),
    ],
)
def test_an_hour_said_without_morning_or_evening_is_the_next_one_to_come(
    value: str, now: time, expected: DailyTime
) -> None:
    """GIVEN an hour with no a.m. or p.m. WHEN it is read at the couple's local time THEN it is
    whichever of the two comes next (and one to five is the afternoon)."""
    assert parse_time(value, None, now) == expected


def test_morning_or_evening_said_wins_over_the_clock() -> None:
    """'Seven in the morning', said at 6 p.m., is 7 a.m."""
    assert parse_time("07:00", "morning", time(18, 0)) == DailyTime(7)
    assert parse_time("07:00", "evening", time(6, 0)) == DailyTime(19)


def test_a_part_of_the_day_alone_names_the_period_to_ask_about() -> None:
    """'In the evening' arrives as EV: no time yet, but the question can say 'in the evening'."""
    assert parse_time("EV") is None
    assert period_of("EV", None) == "evening"
    assert period_of("08:00", "morning") == "morning"
