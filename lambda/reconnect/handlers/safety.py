"""Handlers for someone in distress: help lines for their country, and nothing else."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect import answers
from reconnect.handlers.base import IntentHandler
from reconnect.speech import Reply
from reconnect.turn import Turn


class Crisis(IntentHandler):
    """'I don't feel safe', 'I want to hurt myself': help lines by voice and on a card."""

    intents = ("CrisisIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The locale's help lines; the session ends, with no program content."""
        return answers.crisis(turn.voice)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (Crisis(),)
