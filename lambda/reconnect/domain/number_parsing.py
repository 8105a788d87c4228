"""Turn what Alexa heard for a number slot into an int: "3", "three", "forty-two"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "oh": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_FILLER = {"and", "a", "about", "around", "maybe", "step", "number", "out", "of"}
_MAX_CHARS = 60


def parse_number(raw: str | None) -> int | None:
    """Return the whole number in a slot value, or None when there is none to be had."""
    if raw is None:
        return None
    text = raw.strip().lower()[:_MAX_CHARS]
    if re.fullmatch(r"-?\d{1,6}", text):
        return int(text)
    words = [w for w in re.split(r"[\s\-]+", text) if w and w not in _FILLER]
    if not words:
        return None
    total = 0
    current = 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word.isdigit() and len(word) <= 6:
            current += int(word)
        else:
            return None
    total += current
    return total
