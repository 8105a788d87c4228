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
from reconnect.content import LocaleContent
from reconnect.program import Greeting
from reconnect.record import Record
from reconnect.speech import Reply, Voice, to_ssml
from reconnect.store import Store, Stored, StoreUnavailable

log = logging.getLogger(__name__)

TURN = "turn"
# Session attribute names: the only things kept between turns of one session.
S_RECORD, S_VERSION, S_ZONE, S_PENDING, S_LAST = "record", "version", "tz", "pending", "last"
S_ELICIT = "elicit"  # the slot the last answer asked Alexa to listen for, so 'repeat' asks again


@dataclass
class Turn:
    """What a handler works with. `record` is the couple's record as this turn leaves it."""

    content: LocaleContent
    voice: Voice
    today: date
    user_id: str | None
    store: Store
    stored: Stored | None  # as last read or written; None when DynamoDB could not be read
    record: Record
    greeting: Greeting
    one_shot: bool
    zone: str
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
    """Turn a Reply into the ASK response, remembering it for 'repeat' and yes/no."""
    metrics.replied(reply.urgent)
    turn = handler_input.attributes_manager.request_attributes.get(TURN)
    if isinstance(turn, Turn) and turn.stored is None and not turn.warned and not reply.urgent:
        # Their progress could not be read: say so once, before whatever else is said.
        reply.parts.insert(0, turn.voice.say("error_storage"))
        turn.warned = True
    builder = handler_input.response_builder
    builder.speak(to_ssml(reply.parts + ([reply.question] if reply.question else [])))
    if reply.question:
        builder.ask(to_ssml([reply.question]))
    builder.set_should_end_session(reply.end_session)
    if reply.card is not None:
        builder.set_card(SimpleCard(title=reply.card.title, content=reply.card.text))
    attributes = session(handler_input)
    attributes[S_PENDING] = reply.pending
    attributes[S_LAST] = {"parts": reply.parts, "question": reply.question}
    directives = builder.response.directives or []
    if not any(isinstance(d, ElicitSlotDirective) for d in directives):
        attributes.pop(S_ELICIT, None)
    return builder.response
