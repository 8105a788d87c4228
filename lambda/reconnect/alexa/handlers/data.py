"""Handlers for the couple's data: 'delete my data', with a confirmation first."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.turn import Turn
from reconnect.speech import common_answers
from reconnect.speech.reply import Reply, Waiting


class DeleteData(IntentHandler):
    """'Delete my data': asks to confirm."""

    intents = ("DeleteDataIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The confirmation question."""
        return Reply().ask(turn.phrases.say("delete_confirm"), Waiting.DELETE)


def erase_reply(turn: Turn, handler_input: HandlerInput) -> Reply:
    """Erase the couple's record (after a yes) and end the session; say so only if it worked."""
    if not turn.work.erase():
        return common_answers.failure(turn.phrases, "error_not_saved")
    turn.talk.zone = None
    return Reply().add(turn.phrases.say("delete_done")).close()


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (DeleteData(),)
