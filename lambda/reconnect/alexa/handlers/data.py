"""Handlers for the couple's data: 'delete my data', with a confirmation first."""

from __future__ import annotations

import logging

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.turn import Turn
from reconnect.speech import program_answers as answers
from reconnect.speech.reply import Reply, Waiting
from reconnect.store import StoreUnavailable

log = logging.getLogger(__name__)


class DeleteData(IntentHandler):
    """'Delete my data': asks to confirm."""

    intents = ("DeleteDataIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The confirmation question."""
        return Reply().ask(turn.phrases.say("delete_confirm"), Waiting.DELETE)


def erase_reply(turn: Turn, handler_input: HandlerInput) -> Reply:
    """Erase the couple's record (after a yes) and end the session; say so only if it worked."""
    if turn.user_id is None:
        return answers.failure(turn.phrases, "error_not_saved")
    try:
        turn.store.delete(turn.user_id)
    except StoreUnavailable as error:
        log.warning("delete failed", extra={"reason": str(error)})
        return answers.failure(turn.phrases, "error_not_saved")
    turn.deleted = True
    turn.talk.zone = None
    return Reply().add(turn.phrases.say("delete_done")).close()
