"""A time of day for a daily reminder: read from an AMAZON.TIME slot, said back, scheduled. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from reconnect.domain.number_parsing import parse_number

# What AMAZON.TIME sends for a part of the day said without a clock time ("in the evening").
VAGUE = frozenset({"MO", "AF", "EV", "NI"})
PERIOD_OF = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
AFTERNOON_BELOW = 6  # "at three", with no morning or evening: the afternoon, not 3 a.m.
_LATER = frozenset({"afternoon", "evening", "night", "tonight", "pm", "p.m."})
_EARLY = frozenset({"morning", "am", "a.m."})
_CLOCK = re.compile(r"^(\d{1,2})(?::(\d{2}))?(?::\d{2})?$")
_WORD_MINUTES = {"o'clock": 0, "oclock": 0, "fifteen": 15, "thirty": 30, "forty five": 45}
_FRACTIONS = {"quarter past": 15, "half past": 30, "quarter to": -15}


@dataclass(frozen=True, order=True)
class DailyTime:
    """A time of day, to the minute."""

    hour: int
    minute: int = 0

    def __post_init__(self) -> None:
        if not (0 <= self.hour <= 23 and 0 <= self.minute <= 59):
            raise ValueError("not a time of day")

    @property
    def hhmm(self) -> str:
        """'20:00': how the record keeps it."""
        return f"{self.hour:02d}:{self.minute:02d}"

    @classmethod
    def from_hhmm(cls, text: str) -> DailyTime:
        """Read 'HH:MM' back; ValueError for anything else."""
        found = re.fullmatch(r"(\d{2}):(\d{2})", text)
        if not found:
            raise ValueError("not HH:MM")
        return cls(int(found[1]), int(found[2]))


def parse_time(
    value: str | None, period: str | None = None, now: time | None = None
) -> DailyTime | None:
    """The time in an AMAZON.TIME value ('20:00') or in words ('eight thirty', '8 pm').

    `period` is what else was said ("evening"): it turns 'eight' into 20:00. An hour said with
    neither morning nor evening (AMAZON.TIME sends '07:00' for a bare 'seven') is read the way
    people mean it: one to five is the afternoon (nobody wants a 3 a.m. ritual), and six to
    eleven is whichever of the two comes next after `now` ('at seven', said at 6 p.m., is
    7 p.m.); the answer says it back with a.m. or p.m.
    """
    if value is None:
        return None
    text = " ".join(value.strip().lower().replace("-", " ").split())[:40]
    if not text or text.upper() in VAGUE:
        return None
    later, early = _marker(text, period)
    text = " ".join(w for w in text.split() if w not in _LATER | _EARLY)
    if text in ("noon", "midday"):
        return DailyTime(12)
    if text == "midnight":
        return DailyTime(0)
    clock = _CLOCK.match(text)
    if clock:
        hour, minute, worded = int(clock[1]), int(clock[2] or 0), False
    else:
        words = _from_words(text)
        if words is None:
            return None
        hour, minute, worded = *words, True
    if hour > 23 or minute > 59:
        return None
    if hour == 12 and early:
        return DailyTime(0, minute)
    if hour >= 12 or hour == 0 or early:
        return DailyTime(hour, minute)
    if later:
        return DailyTime(hour + 12, minute)
    if now is None:  # no clock to read it by: a small hour in words is the afternoon
        return DailyTime(hour + 12 if worded and hour <= AFTERNOON_BELOW else hour, minute)
    if hour < AFTERNOON_BELOW or time(hour, minute) <= now < time(hour + 12, minute):
        return DailyTime(hour + 12, minute)  # the morning one has passed: the evening comes next
    return DailyTime(hour, minute)


def period_of(value: str | None, period: str | None) -> str | None:
    """The part of the day said without a clock time ('EV' is 'evening'), else `period`."""
    code = (value or "").strip().upper()
    return PERIOD_OF.get(code, period)


def is_vague(value: str | None) -> bool:
    """Whether the slot held only a part of the day ('EV'): worth asking for a clock time."""
    return value is not None and value.strip().upper() in VAGUE


def spoken(at: DailyTime) -> str:
    """A time the way people say it: '8 p.m.', '7:30 a.m.', 'noon', 'midnight'."""
    if at == DailyTime(12):
        return "noon"
    if at == DailyTime(0):
        return "midnight"
    hour = at.hour % 12 or 12
    suffix = "a.m." if at.hour < 12 else "p.m."
    minutes = f":{at.minute:02d}" if at.minute else ""
    return f"{hour}{minutes} {suffix}"


def recurrence_rule(at: DailyTime) -> str:
    """The Reminders API's daily rule (RFC 5545 style) for this time."""
    return f"FREQ=DAILY;BYHOUR={at.hour};BYMINUTE={at.minute};BYSECOND=0;INTERVAL=1;"


def first_occurrence(now_local: datetime, at: DailyTime) -> datetime:
    """The next local moment at this time (today if still ahead, else tomorrow), naive."""
    moment = datetime.combine(now_local.date(), time(at.hour, at.minute))
    if moment <= now_local.replace(tzinfo=None):
        moment += timedelta(days=1)
    return moment


def occurrence_on(day: date, at: DailyTime) -> datetime:
    """This time on `day`, naive local."""
    return datetime.combine(day, time(at.hour, at.minute))


def _marker(text: str, period: str | None) -> tuple[bool, bool]:
    said = set(text.split()) | set((period or "").lower().split())
    return bool(said & _LATER), bool(said & _EARLY)


def _from_words(text: str) -> tuple[int, int] | None:
    for phrase, offset in _FRACTIONS.items():
        if text.startswith(phrase + " "):
            hour = parse_number(text[len(phrase) + 1 :])
            if hour is None:
                return None
            return ((hour - 1) % 24, 45) if offset < 0 else (hour, offset)
    for phrase, minutes in _WORD_MINUTES.items():
        if text.endswith(" " + phrase):
            said = parse_number(text[: -len(phrase) - 1])
            return None if said is None else (said, minutes)
    words = text.split()
    first = parse_number(words[0]) if words else None
    if first is None:
        return None
    if len(words) == 1:
        return first, 0
    minute = parse_number(" ".join(w for w in words[1:] if w != "oh"))
    return None if minute is None else (first, minute)
