"""One request's state: the couple's record, their local day, their content; and replying."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.ui import SimpleCard

from reconnect import metrics
from reconnect.alexa import conversation
from reconnect.alexa.conversation import Conversation, Said
from reconnect.domain.program import Greeting
from reconnect.domain.record import Record
from reconnect.speech.content import LocaleContent
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply
from reconnect.speech.ssml import to_ssml
from reconnect.store import Store, Stored, StoreUnavailable

log = logging.getLogger(__name__)

TURN = "turn"


@dataclass
class Turn:
    """What a handler works with. `record` is the couple's record as this turn leaves it."""

    content: LocaleContent
    phrases: PhrasePicker
    today: date
    user_id: str | None
    store: Store
    stored: Stored | None  # as last read or written; None when DynamoDB could not be read
    record: Record
    greeting: Greeting
    one_shot: bool
    zone: str
    talk: Conversation  # what this session remembers; respond() writes it back
    deleted: bool = False
    warned: bool = False  # the couple has already heard that storage failed

    @property
    def can_save(self) -> bool:
        """Whether this turn may write: never after a failed read (it would overwrite progress)."""
        return self.stored is not None and self.user_id is not None and not self.deleted

    def commit(self) -> bool:
        """Save the record now if it changed; True when what the couple has is safely stored."""
        if self.stored is not None and self.record == self.stored.record:
            return True
        if not self.can_save or self.stored is None or self.user_id is None:
            return False
        try:
            self.stored = self.store.save(self.user_id, self.stored, self.record)
        except StoreUnavailable as error:
            log.warning("save failed", extra={"reason": str(error)})
            return False
        self.record = self.stored.record
        return True


def turn_of(handler_input: HandlerInput) -> Turn:
    """The Turn that the load interceptor made for this request."""
    turn = handler_input.attributes_manager.request_attributes[TURN]
    assert isinstance(turn, Turn)
    return turn


def session(handler_input: HandlerInput) -> dict[str, Any]:
    """This session's attributes (an empty dict outside a session)."""
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else {}


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    """Turn a Reply into the ASK response, and keep the conversation state for the next turn."""
    metrics.replied(reply.urgent)
    turn = handler_input.attributes_manager.request_attributes.get(TURN)
    turn = turn if isinstance(turn, Turn) else None
    parts = list(reply.parts)
    if turn is not None and turn.stored is None and not turn.warned and not reply.urgent:
        # Their progress could not be read: say so once, before whatever else is said.
        parts.insert(0, turn.phrases.say("error_storage"))
        turn.warned = True
    builder = handler_input.response_builder
    builder.speak(to_ssml(parts + ([reply.question] if reply.question else [])))
    if reply.question:
        builder.ask(to_ssml([reply.question]))
    builder.set_should_end_session(reply.end_session)
    if reply.card is not None:
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    if turn is not None:
        directives = builder.response.directives or []
        eliciting = any(isinstance(d, ElicitSlotDirective) for d in directives)
        remember(turn.talk, reply, eliciting)
        conversation.write(session(handler_input), turn.talk)
    return builder.response


def remember(talk: Conversation, reply: Reply, eliciting: bool) -> None:
    """What the session keeps of an answer: what it waits for, and the last real answer."""
    talk.waiting = reply.waiting
    if not eliciting:
        talk.elicit = None
    if reply.kind == "fallback":
        talk.fallbacks += 1
        return
    talk.fallbacks = 0
    if reply.kind == "answer":
        talk.last = Said(tuple(reply.parts), reply.question, reply.waiting)
        talk.offer = reply.offer
        if reply.topic is not None:
            talk.topic = reply.topic
