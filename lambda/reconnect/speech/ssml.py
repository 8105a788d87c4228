"""SSML: wrapping fragments, escaping outside text, and the words a listener hears."""

from __future__ import annotations

import html
import re

MAX_SPEECH_CHARS = 8000
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


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
