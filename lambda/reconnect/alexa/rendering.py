"""Reply rendering: a Reply made into Alexa's response, and what the session keeps of it."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.dialog import ElicitSlotDirective
from ask_sdk_model.ui import SimpleCard

from reconnect import metrics
from reconnect.alexa import conversation
from reconnect.alexa.conversation import Conversation, Said
from reconnect.alexa.turn import TURN, Turn, session
from reconnect.speech.reply import Reply
from reconnect.speech.ssml import to_ssml


def respond(handler_input: HandlerInput, reply: Reply) -> Response:
    """Turn a Reply into the ASK response, and keep the conversation state for the next turn."""
    metrics.replied(reply.urgent)
    turn = handler_input.attributes_manager.request_attributes.get(TURN)
    turn = turn if isinstance(turn, Turn) else None
    parts = list(reply.parts)
    if turn is not None and turn.work.unreachable and not turn.warned and not reply.urgent:
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
