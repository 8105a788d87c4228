"""Handlers for someone in distress: help lines for their country, and nothing else."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.turn import Turn
from reconnect.speech import safety_answers
from reconnect.speech.reply import Reply


class Crisis(IntentHandler):
    """'I don't feel safe', 'I want to hurt myself': help lines by voice and on a card."""

    intents = ("CrisisIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The locale's help lines; the session ends, with no program content."""
        return safety_answers.crisis(turn.phrases)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (Crisis(),)
