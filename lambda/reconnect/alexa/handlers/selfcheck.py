"""The burnout self-check: four questions, a gentle reading, and the step to start with.

The answers live in the conversation while the questions are asked and are never stored.
"Yes", "no" and "sort of" reach SelfCheckAnswer (registered before the general Yes/No and
Somewhat handlers) only while the self-check is waiting for one of them.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.turn import Turn, turn_of
from reconnect.domain import selfcheck
from reconnect.domain.selfcheck import Answer
from reconnect.speech import selfcheck_answers as say
from reconnect.speech.reply import Reply

_ANSWERS = {
    "AMAZON.YesIntent": Answer.YES,
    "AMAZON.NoIntent": Answer.NO,
    "SomewhatIntent": Answer.SOMEWHAT,
}


class SelfCheck(IntentHandler):
    """'Do the burnout self-check': the first of four questions."""

    intents = ("SelfCheckIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Start afresh, whatever was answered before."""
        turn.talk.selfcheck = ()
        return say.selfcheck_question(turn.phrases, ())


class SelfCheckAnswer(IntentHandler):
    """'Yes', 'no' or 'sort of' while the self-check is asking."""

    intents = tuple(_ANSWERS)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Yes, no or somewhat, only when the last question was one of the four signs."""
        if not is_request_type("IntentRequest")(handler_input):
            return False
        if get_intent_name(handler_input) not in self.intents:
            return False
        return turn_of(handler_input).talk.in_selfcheck

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next question, or the reading with the step to begin with."""
        given = selfcheck.answer(
            turn.talk.selfcheck or (), _ANSWERS[str(get_intent_name(handler_input))]
        )
        if selfcheck.next_sign(given) is not None:
            turn.talk.selfcheck = given
            return say.selfcheck_question(turn.phrases, given)
        turn.talk.selfcheck = None
        return say.selfcheck_reading(turn.phrases, selfcheck.reading(given), turn.record.step)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (SelfCheck(), SelfCheckAnswer())
