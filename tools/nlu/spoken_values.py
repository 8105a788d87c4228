"""Words as Alexa hears them: normalised text, and the values of number and time slots.

What AMAZON.NUMBER ("forty two" -> "42") and AMAZON.TIME ("half past seven" -> "07:30",
"evening" -> "EV") send for what was said; used by the console's understanding (tools.nlu.model).
"""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1_000, "million": 1_000_000}
# What AMAZON.TIME sends for a part of the day said without a clock time.
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_MERIDIEM = {"am": 0, "a m": 0, "pm": 12, "p m": 12}


def normalise(text: str) -> str:
    """Lower case, straight apostrophes kept inside words, other punctuation gone, one space."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    words = (w.strip("'") for w in text.split())
    return " ".join(w for w in words if w)


def number_value(words: str) -> str | None:
    """Digits for a number said in words ("forty two" -> "42"), or None when it is not one."""
    tokens = [t for t in re.split(r"[\s\-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    if len(tokens) == 1 and re.fullmatch(r"\d+", tokens[0]):
        return str(int(tokens[0]))
    sign = 1
    if tokens[0] in ("minus", "negative"):
        sign, tokens = -1, tokens[1:]
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":  # noqa: S105 - a number word, not a password
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        elif token.isdigit():
            current += int(token)
        else:
            return None
        seen = True
    return str(sign * (total + current)) if seen else None


def time_value(words: str) -> str | None:
    """What Alexa sends for an AMAZON.TIME ('20:00' for 'eight pm', 'EV' for 'evening'), or None."""
    text = normalise(words.replace(".", " "))
    for part, code in _DAY_PARTS.items():
        if text in (part, f"in the {part}", f"this {part}"):
            return code
    if text in ("noon", "midday"):
        return "12:00"
    if text == "midnight":
        return "00:00"
    offset = None
    for said, hours in _MERIDIEM.items():
        if text.endswith(" " + said) or (text.endswith(said) and text[: -len(said)].isdigit()):
            offset, text = hours, text[: -len(said)].strip()
            break
    found = re.fullmatch(r"(\d{1,2})(?: ?(\d{2}))?", text.replace(":", " "))
    if found:
        hour, minute = int(found[1]), int(found[2] or 0)
    else:
        spoken = _spoken_time(text)
        if spoken is None:
            return None
        hour, minute = spoken
    if offset is not None and hour <= 12:
        hour = hour % 12 + offset
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _spoken_time(text: str) -> tuple[int, int] | None:
    """'eight', 'eight thirty', 'half past seven', 'quarter to eight', 'seven o'clock'."""
    for lead, past in (("half past ", 30), ("quarter past ", 15), ("quarter to ", -15)):
        if text.startswith(lead):
            said = number_value(text[len(lead) :])
            if said is None:
                return None
            return ((int(said) - 1) % 24, 45) if past < 0 else (int(said), past)
    words = text.replace("o'clock", "").replace("oclock", "").split()
    hour = number_value(words[0]) if words else None
    rest = [w for w in words[1:] if w != "oh"]
    minute = number_value(" ".join(rest)) if rest else "0"
    return None if hour is None or minute is None else (int(hour), int(minute))
