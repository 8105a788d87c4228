"""Phrasing choice: which of a prompt's phrasings, or of the content's entries, a couple hears."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from datetime import date
from typing import TypeVar

from reconnect.speech.content import LocaleContent

T = TypeVar("T")


class PhrasePicker:
    """Picks phrasings for one locale, one local day and one turn of a session.

    Prompts rotate by the day, so a couple who comes daily hears variety, and by the turn, so
    that within one session the same prompt (a reprompt, a fallback) is never heard twice in a
    row. Content entries (practices, questions) rotate by the day only: today's stays today's.
    """

    def __init__(self, content: LocaleContent, day: date, turn: int = 0) -> None:
        self.content = content
        self.day = day
        self.turn = turn

    def say(self, key: str, **values: object) -> str:
        """One phrasing of a prompt, chosen by the day and the turn, its placeholders filled."""
        phrasings = self.content.phrasings(key)
        salt = zlib.crc32(key.encode()) + self.turn
        chosen = phrasings[rotation(self.day, len(phrasings), salt)]
        return chosen.format(**values) if values else chosen

    def pick(self, options: Sequence[T], salt: str) -> T:
        """One of several content entries (a practice, a question), chosen by the day."""
        return options[rotation(self.day, len(options), zlib.crc32(salt.encode()))]


def rotation(day: date, count: int, salt: int = 0) -> int:
    """An index that changes every day, so two days in a row never pick the same of `count`."""
    if count <= 0:
        raise ValueError("nothing to choose from")
    return (day.toordinal() + salt) % count
