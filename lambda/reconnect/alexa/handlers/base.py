"""The shape every handler shares: match by intent, reply from the turn."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type
from ask_sdk_model import Response

from reconnect.alexa.rendering import respond
from reconnect.alexa.turn import Turn, turn_of
from reconnect.speech.reply import Reply


class IntentHandler(AbstractRequestHandler):
    """Handles the intents named in `intents` by building a Reply from the Turn."""

    intents: tuple[str, ...] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """True for an IntentRequest naming one of `intents`."""
        if not is_request_type("IntentRequest")(handler_input):
            return False
        return bool(get_intent_name(handler_input) in self.intents)

    def handle(self, handler_input: HandlerInput) -> Response:
        """Answer the request."""
        return respond(handler_input, self.reply(turn_of(handler_input), handler_input))

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """What to say; subclasses decide."""
        raise NotImplementedError


def saved_or_say_so(turn: Turn, reply: Reply) -> Reply:
    """Save the turn's change now; if that fails, the reply starts by saying it was not saved."""
    if not turn.commit():
        reply.parts.insert(0, turn.phrases.say("error_not_saved"))
        turn.warned = True
    return reply
