"""The conversation state: what one Alexa session remembers between its turns. Pure, no ASK.

One typed object, read from the session attributes once per request (`read`) and written back
once per response (`write`), checked field by field as the record is: anything the skill did
not write (a tampered or stale session) is dropped and the conversation starts fresh, and
nothing here ever reaches the table. It holds no words anyone said.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from dataclasses import dataclass, field, fields
from enum import Enum
from typing import Any

from reconnect.domain.selfcheck import Answer as SelfAnswer
from reconnect.speech.reply import Waiting

SESSION_KEY = "conversation"
MIN_STEP, MAX_STEP = 1, 8  # a step of the path, or 8: practice mode
MAX_PARTS, MAX_PART_CHARS = 40, 4000
MAX_TURNS = 10_000


@dataclass(frozen=True)
class Elicit:
    """A slot Alexa was asked to listen for, so that 'repeat' and help can ask for it again."""

    intent: str
    slot: str
    keep: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class FirstRating:
    """The first partner's check-in rating, waiting for the second (never stored)."""

    rating: int
    voice: str | None = None  # the hashed voice profile, when Alexa recognised it


@dataclass(frozen=True)
class Said:
    """The last real answer (not a fallback, help or repeat), for 'repeat'."""

    parts: tuple[str, ...]
    question: str | None
    waiting: Waiting


@dataclass
class Conversation:
    """Everything a session carries from one turn to the next."""

    waiting: Waiting = Waiting.NOTHING
    elicit: Elicit | None = None
    checkin: FirstRating | None = None  # a check-in under way
    selfcheck: tuple[SelfAnswer, ...] | None = None  # the self-check under way: answers so far
    offer: int | None = None  # the step a MOVE or SELFCHECK_GO question offers
    topic: int | None = None  # the step last spoken about (a practice's own step in practice mode)
    fallbacks: int = 0  # fallbacks in a row
    ideas: int = 0  # small ideas given in this session, so 'another' is another
    last: Said | None = None
    explained_partners: bool = False  # 'whoever is nearer the Echo goes first' was said
    turns: int = 0  # requests in this session, for rotating what a repeat would hear
    zone: str | None = None  # the device's time zone, read once per session

    @property
    def in_checkin(self) -> bool:
        """Whether a check-in is waiting for a rating."""
        return self.waiting is Waiting.RATING

    @property
    def in_selfcheck(self) -> bool:
        """Whether the self-check is waiting for an answer to one of its signs."""
        return self.waiting is Waiting.SELFCHECK and self.selfcheck is not None

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-able form for the session attributes; defaults are left out."""
        blank = Conversation()
        return {
            f.name: _plain(getattr(self, f.name))
            for f in fields(self)
            if getattr(self, f.name) != getattr(blank, f.name)
        }

    @classmethod
    def from_dict(cls, data: object) -> Conversation:
        """Read a conversation back, checking every field; raise ValueError."""
        if not isinstance(data, dict):
            raise ValueError("conversation is not an object")
        unknown = set(data) - {f.name for f in fields(cls)}
        if unknown:
            raise ValueError(f"unknown conversation fields {sorted(unknown)}")
        return cls(
            waiting=Waiting(data.get("waiting", Waiting.NOTHING.value)),
            elicit=_elicit(data.get("elicit")),
            checkin=_first_rating(data.get("checkin")),
            selfcheck=_selfcheck(data.get("selfcheck")),
            offer=_optional_int(data.get("offer"), "offer", MIN_STEP, MAX_STEP),
            topic=_optional_int(data.get("topic"), "topic", MIN_STEP, MAX_STEP),
            fallbacks=_int(data.get("fallbacks", 0), "fallbacks", 0, MAX_TURNS),
            ideas=_int(data.get("ideas", 0), "ideas", 0, MAX_TURNS),
            last=_said(data.get("last")),
            explained_partners=_bool(data.get("explained_partners", False), "explained"),
            turns=_int(data.get("turns", 0), "turns", 0, MAX_TURNS),
            zone=_text(data.get("zone"), "zone", 64),
        )


def read(attributes: Mapping[str, Any]) -> Conversation:
    """This session's conversation; a fresh one when there is none or it is not ours."""
    try:
        return Conversation.from_dict(attributes.get(SESSION_KEY, {}))
    except (ValueError, TypeError):
        return Conversation()


def write(attributes: MutableMapping[str, Any], conversation: Conversation) -> None:
    """Keep the conversation in the session attributes for the next turn."""
    attributes[SESSION_KEY] = conversation.to_dict()


def _plain(value: object) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, Elicit):
        return {"intent": value.intent, "slot": value.slot, "keep": dict(value.keep)}
    if isinstance(value, FirstRating):
        return {"rating": value.rating, "voice": value.voice}
    if isinstance(value, Said):
        return {
            "parts": list(value.parts),
            "question": value.question,
            "waiting": value.waiting.value,
        }
    return value


def _elicit(raw: object) -> Elicit | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("elicit is not an object")
    intent, slot = _text(raw.get("intent"), "intent", 100), _text(raw.get("slot"), "slot", 60)
    keep = raw.get("keep", {})
    if intent is None or slot is None or not isinstance(keep, dict) or len(keep) > 5:
        raise ValueError("elicit is malformed")
    values = {str(k)[:60]: _text(v, "kept slot", 60) for k, v in keep.items()}
    return Elicit(intent, slot, values)


def _first_rating(raw: object) -> FirstRating | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("checkin is not an object")
    voice = raw.get("voice")
    if voice is not None and not (isinstance(voice, str) and len(voice) == 16):
        raise ValueError("checkin voice is not a hashed voice")
    return FirstRating(_int(raw.get("rating"), "rating", 0, 10), voice)


def _selfcheck(raw: object) -> tuple[SelfAnswer, ...] | None:
    if raw is None:
        return None
    if not isinstance(raw, list) or len(raw) > 4:
        raise ValueError("selfcheck is not a short list")
    return tuple(SelfAnswer(a) for a in raw)


def _said(raw: object) -> Said | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("last is not an object")
    parts = raw.get("parts")
    if not isinstance(parts, list) or len(parts) > MAX_PARTS:
        raise ValueError("last parts are not a short list")
    if not all(isinstance(p, str) and len(p) <= MAX_PART_CHARS for p in parts):
        raise ValueError("a last part is not short text")
    question = _text(raw.get("question"), "question", MAX_PART_CHARS)
    return Said(tuple(parts), question, Waiting(raw.get("waiting", Waiting.NOTHING.value)))


def _int(value: object, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueError(f"{name} is not a whole number from {low} to {high}")
    return value


def _optional_int(value: object, name: str, low: int, high: int) -> int | None:
    return None if value is None else _int(value, name, low, high)


def _bool(value: object, name: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{name} is not a boolean")
    return value


def _text(value: object, name: str, limit: int) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{name} is not short text")
    return value
