"""The burnout self-check: four yes/no questions, a gentle reading, and the step to start with.

The answers live in the session while the questions are asked and are never stored. "Yes" and
"no" reach SelfCheckAnswer (registered before the general Yes/No handlers) only while the
self-check is waiting for them.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_intent_name, is_request_type

from reconnect import answers, program, selfcheck
from reconnect import checkin_answers as say
from reconnect.handlers.base import IntentHandler
from reconnect.handlers.program import move_reply
from reconnect.speech import Reply
from reconnect.turn import S_PENDING, Turn, session

S_SELFCHECK = "selfcheck"  # the yes/no answers so far, or {"go": step} once read
_PENDING = (say.PENDING_SELFCHECK, say.PENDING_SELFCHECK_GO)


class SelfCheck(IntentHandler):
    """'Do the burnout self-check': the first of four questions."""

    intents = ("SelfCheckIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Start afresh, whatever was answered before."""
        session(handler_input)[S_SELFCHECK] = []
        return say.selfcheck_question(turn.voice, ())


class SelfCheckAnswer(IntentHandler):
    """'Yes' or 'no' while the self-check is asking."""

    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Yes/No, only when the last question was the self-check's."""
        if not is_request_type("IntentRequest")(handler_input):
            return False
        if get_intent_name(handler_input) not in self.intents:
            return False
        return session(handler_input).get(S_PENDING) in _PENDING

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next question, the reading, or (after the reading) going to the step."""
        attributes = session(handler_input)
        yes = get_intent_name(handler_input) == "AMAZON.YesIntent"
        if attributes.get(S_PENDING) == say.PENDING_SELFCHECK_GO:
            return _go(turn, attributes.pop(S_SELFCHECK, None), yes)
        given = _answers(attributes.get(S_SELFCHECK))
        if given is None:  # the session lost its answers: begin again
            attributes[S_SELFCHECK] = []
            return say.selfcheck_question(turn.voice, ())
        given = selfcheck.answer(given, yes)
        if selfcheck.next_sign(given) is not None:
            attributes[S_SELFCHECK] = list(given)
            return say.selfcheck_question(turn.voice, given)
        found = selfcheck.reading(given)
        attributes[S_SELFCHECK] = {"go": found.start_step}
        return say.selfcheck_reading(turn.voice, found, turn.record.step)


def _go(turn: Turn, state: object, yes: bool) -> Reply:
    step = state.get("go") if isinstance(state, dict) else None
    if not yes or not isinstance(step, int) or isinstance(step, bool):
        return answers.simple(turn.voice, "no_problem")
    return move_reply(turn, program.go_to(turn.record, step))


def _answers(raw: Any) -> tuple[bool, ...] | None:
    if not isinstance(raw, list) or len(raw) >= len(selfcheck.SIGNS):
        return None
    if not all(isinstance(a, bool) for a in raw):
        return None
    return tuple(raw)
