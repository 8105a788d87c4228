"""Number slots: what Alexa sends ('3', 'three', '?') becomes a number or None."""

from __future__ import annotations

import pytest

from reconnect.domain.number_parsing import parse_number


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("3", 3),
        ("three", 3),
        ("Three", 3),
        ("forty-two", 42),
        ("forty two", 42),
        ("step four", 4),
        ("about a six", 6),
        ("zero", 0),
        ("one hundred", 100),
        ("-1", -1),
    ],
)
def test_numbers_in_digits_or_words(raw: str, expected: int) -> None:
    """Digits and number words both read as their number."""
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", [None, "", "?", "banana", "three bananas", "9" * 50])
def test_no_number_is_none(raw: str | None) -> None:
    """What is not a number, or is absurdly long, is None."""
    assert parse_number(raw) is None
