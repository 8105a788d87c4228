"""The conversation state: one typed object per session, read and written in one place."""

from __future__ import annotations

from typing import Any

import pytest

from reconnect.alexa import conversation
from reconnect.alexa.conversation import Conversation, Elicit, FirstRating, Said
from reconnect.domain.selfcheck import Answer
from reconnect.speech.reply import Waiting


def full() -> Conversation:
    """A conversation with every field away from its default."""
    return Conversation(
        waiting=Waiting.SELFCHECK,
        elicit=Elicit("CheckInIntent", "rating", {"period": None}),
        checkin=FirstRating(7, "0123456789abcdef"),
        selfcheck=(Answer.YES, Answer.SOMEWHAT),
        offer=5,
        topic=8,
        fallbacks=2,
        ideas=1,
        last=Said(("<s>Hello.</s>",), "Shall we?", Waiting.MORE),
        explained_partners=True,
        turns=12,
        zone="Europe/London",
    )


def test_a_conversation_round_trips_through_the_session() -> None:
    """Written to session attributes and read back, it is the same conversation."""
    attributes: dict[str, Any] = {"record": {"step": 2}}
    conversation.write(attributes, full())
    assert conversation.read(attributes) == full()
    assert attributes["record"] == {"step": 2}  # the record's cache is left alone


def test_a_fresh_session_has_a_fresh_conversation() -> None:
    """No attributes: waiting for nothing, nothing under way; and defaults are not written."""
    assert conversation.read({}) == Conversation()
    attributes: dict[str, Any] = {}
    conversation.write(attributes, Conversation())
    assert attributes == {"conversation": {}}


@pytest.mark.parametrize(
    "raw",
    [
        "junk",
        {"waiting": "dance"},
        {"offer": 9},
        {"offer": True},
        {"selfcheck": ["yes", "perhaps"]},
        {"selfcheck": ["yes"] * 5},
        {"checkin": {"rating": 11}},
        {"checkin": {"rating": 5, "voice": "someone's name"}},
        {"last": {"parts": "not a list"}},
        {"last": {"parts": ["x" * 5000]}},
        {"elicit": {"intent": "CheckInIntent"}},
        {"turns": -1},
        {"zone": "x" * 100},
        {"something": "else"},
    ],
)
def test_anything_the_skill_did_not_write_starts_the_conversation_afresh(raw: object) -> None:
    """A tampered or stale session is refused field by field (ValueError), and read() then
    starts a fresh conversation rather than speaking it back."""
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails for its own reason
        Conversation.from_dict(raw)
    assert conversation.read({"conversation": raw}) == Conversation()


def test_which_questions_wait_for_yes_or_no() -> None:
    """An offer waits for yes or no; a rating, a time or an open question do not."""
    assert Waiting.MOVE.is_yes_no
    assert Waiting.SELFCHECK.is_yes_no
    assert not Waiting.RATING.is_yes_no
    assert not Waiting.REMINDER_TIME.is_yes_no
    assert not Waiting.NOTHING.is_yes_no
