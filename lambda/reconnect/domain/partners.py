"""Two partners on one Echo: recognised voices, their partner slots, and saying their names. Pure.

Alexa sends context.System.person.personId for a recognised voice profile. The record keeps
only a one-way hash of it, so a partner's ratings keep their slot from day to day; the name is
never known to the skill: <alexa:name> asks Alexa to say it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence

from reconnect.domain.checkin import PARTNERS

_PERSON_ID = re.compile(r"[A-Za-z0-9._-]{1,200}")


def usable(person_id: object) -> str | None:
    """The personId if it looks like one Alexa sends, else None (never echo anything else)."""
    return person_id if isinstance(person_id, str) and _PERSON_ID.fullmatch(person_id) else None


def voice_key(person_id: str) -> str:
    """What the record keeps for a voice: 16 hex characters of a one-way hash."""
    return hashlib.sha256(f"reconnect-ritual-voice:{person_id}".encode()).hexdigest()[:16]


def name_tag(person_id: str) -> str:
    """SSML that makes Alexa say the recognised person's first name."""
    checked = usable(person_id)
    if checked is None:
        raise ValueError("not a personId")
    return f'<alexa:name type="first" personId="{checked}"/>'


def assign(
    voices: Sequence[str], keys: Sequence[str | None]
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """Partner slots for one check-in's answers, in order, and the voices to keep.

    A known voice keeps its slot; a new voice takes a free slot; an unrecognised answer (None),
    or a third voice when two are known, takes whichever slot is left.
    """
    known = list(voices)[: len(PARTNERS)]
    slots: list[int | None] = []
    for key in keys:
        if key is not None and key not in known and len(known) < len(PARTNERS):
            known.append(key)
        slots.append(known.index(key) + 1 if key in known else None)
    free = [p for p in PARTNERS if p not in slots]
    filled = tuple(slot if slot is not None else free.pop(0) for slot in slots)
    if len(set(filled)) != len(filled):
        raise ValueError("two answers for one partner")
    return filled, tuple(known)
