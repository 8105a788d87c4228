"""The catch-all exception handler: whatever failed, the couple hears a kind sentence."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from reconnect.alexa.rendering import respond
from reconnect.alexa.turn import TURN, Turn
from reconnect.speech import common_answers
from reconnect.speech.content import library
from reconnect.speech.phrasing import PhrasePicker

log = logging.getLogger(__name__)


class SpeakKindly(AbstractExceptionHandler):
    """Catches every exception a handler or interceptor raises."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        """Every exception."""
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        """Log the failure's type (never the request) and keep the conversation going."""
        log.error("handler failed", extra={"error": type(exception).__name__}, exc_info=exception)
        turn = handler_input.attributes_manager.request_attributes.get(TURN)
        if isinstance(turn, Turn):
            phrases = turn.phrases
        else:
            locale = getattr(handler_input.request_envelope.request, "locale", None)
            phrases = PhrasePicker(library().for_locale(locale), datetime.now(UTC).date())
        return respond(handler_input, common_answers.failure(phrases))
