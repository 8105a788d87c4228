"""Numbers as people say them: words, halves, counts and spans of time. Pure."""

from __future__ import annotations

import pytest

from reconnect.speech.number_words import duration, halves, times, words


@pytest.mark.parametrize(
    ("number", "said"),
    [(0, "zero"), (7, "seven"), (13, "thirteen"), (20, "twenty"), (42, "forty-two"),
     (100, "one hundred"), (366, "three hundred and sixty-six"), (1000, "1000")],
)  # fmt: skip
def test_whole_numbers_are_words(number: int, said: str) -> None:
    """Counts up to 999 are words; anything larger keeps its digits."""
    assert words(number) == said


@pytest.mark.parametrize(
    ("score", "said"),
    [(6.5, "six and a half"), (6.0, "six"), (0.5, "a half"), (0.0, "zero"), (10.0, "ten")],
)
def test_a_couples_score_is_said_to_the_half(score: float, said: str) -> None:
    """'six and a half', and never '0 and a half'."""
    assert halves(score) == said


def test_counts_are_once_twice_then_words() -> None:
    """'once', 'twice', 'three times'."""
    assert [times(n) for n in (1, 2, 3, 12)] == ["once", "twice", "three times", "twelve times"]


@pytest.mark.parametrize(
    ("seconds", "said"),
    [(20, "twenty seconds"), (75, "a minute"), (90, "a minute and a half"),
     (390, "six and a half minutes"), (420, "seven minutes")],
)  # fmt: skip
def test_spans_of_time_are_said_to_the_half_minute(seconds: int, said: str) -> None:
    """Under a minute in seconds, then in minutes and halves."""
    assert duration(seconds) == said
