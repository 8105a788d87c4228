"""SSML building: choosing a phrasing for the day, escaping, and the shape of a reply."""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, TypeVar

from reconnect.alexa.conversation import Waiting
from reconnect.domain.program import rotation
from reconnect.speech.content import LocaleContent

T = TypeVar("T")
# A real answer is what 'repeat' says again; a fallback or a repeat leaves the last one in place.
Kind = Literal["answer", "fallback", "repeat"]
MAX_SPEECH_CHARS = 8000
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Card:
    """A simple card for the Alexa app: plain text only."""

    title: str
    text: str


@dataclass
class Reply:
    """What the skill says: body fragments, then at most one question (which keeps the mic open)."""

    parts: list[str] = field(default_factory=list)
    question: str | None = None
    end_session: bool = False
    card: Card | None = None
    waiting: Waiting = Waiting.NOTHING  # what the question waits for (a "yes", a rating...)
    urgent: bool = False  # safety words: nothing else is said before or after them
    kind: Kind = "answer"
    topic: int | None = None  # the step this answer spoke about ('tell me more' follows it)
    offer: int | None = None  # the step a "yes" would move them to

    def add(self, *fragments: str) -> Reply:
        """Append spoken fragments."""
        self.parts.extend(f for f in fragments if f)
        return self

    def ask(self, question: str, waiting: Waiting = Waiting.NOTHING) -> Reply:
        """End with a question; the session stays open and the question is the reprompt."""
        self.question = question
        self.waiting = waiting
        self.end_session = False
        return self

    def close(self) -> Reply:
        """End the session after speaking."""
        self.question = None
        self.waiting = Waiting.NOTHING
        self.end_session = True
        return self

    def about(self, step: int | None) -> Reply:
        """Note the step this answer speaks about, for 'tell me more' and talk topics."""
        self.topic = step
        return self

    def speech(self) -> str:
        """The whole answer as one SSML document."""
        return to_ssml([*self.parts, *([self.question] if self.question else [])])


class Voice:
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


def to_ssml(fragments: list[str]) -> str:
    """Wrap fragments in <speak>, one space apart."""
    body = " ".join(f.strip() for f in fragments if f and f.strip())
    return f"<speak>{body}</speak>"


def escape(text: str, limit: int = 200) -> str:
    """Make outside text safe to speak: cap its length and escape SSML's special characters."""
    return html.escape(text[:limit], quote=False)


def plain_text(ssml: str) -> str:
    """The words of an SSML string, for cards and word counts."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", ssml))).strip()


def word_count(ssml: str) -> int:
    """How many words a listener hears."""
    return len(plain_text(ssml).split())
