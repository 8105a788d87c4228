"""Numbers the way people say them: 'six and a half', 'a half', 'four and a half minutes'. Pure."""

from __future__ import annotations

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]  # fmt: skip
_TENS = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
]  # fmt: skip


def words(number: int) -> str:
    """A whole number from zero to 999 in words ('forty-two'); larger ones as digits."""
    if number < 0 or number > 999:
        return str(number)
    if number < 20:
        return _UNITS[number]
    if number < 100:
        tens, unit = divmod(number, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(number, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {words(rest)}" if rest else "")


def halves(value: float) -> str:
    """A score to the nearest half: 'six', 'six and a half', and 'a half' (never 'zero and a
    half')."""
    doubled = round(value * 2)
    whole, half = divmod(doubled, 2)
    if not half:
        return words(whole)
    return "a half" if whole == 0 else f"{words(whole)} and a half"


def times(count: int) -> str:
    """'once', 'twice', 'three times'."""
    return {1: "once", 2: "twice"}.get(count, f"{words(count)} times")


def duration(seconds: int) -> str:
    """A time span as people say it: 'forty seconds', 'a minute', 'six and a half minutes'."""
    seconds = max(0, seconds)
    if seconds < 55:
        rounded = max(5, (seconds + 2) // 5 * 5) if seconds else 0
        return f"{words(rounded)} seconds"
    halves_of_minutes = round(seconds / 30)
    minutes, half = divmod(halves_of_minutes, 2)
    if minutes == 0:
        return "half a minute"
    if minutes == 1:
        return "a minute and a half" if half else "a minute"
    return f"{words(minutes)} and a half minutes" if half else f"{words(minutes)} minutes"
