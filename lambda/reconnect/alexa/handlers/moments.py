"""Ways out and ways back in: help, fallback, 'sort of' out of place, goodbye, stop, repeat.

Each knows the moment (a check-in, the self-check, together time, an offer waiting for yes or
no, the reminder's time): help and a fallback speak to it and ask its question again, so
nothing under way is lost; goodbye ends the session kindly from anywhere.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers import dialog
from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.handlers.ritual import running_status
from reconnect.alexa.turn import Turn
from reconnect.speech import moment_answers
from reconnect.speech.moment_answers import Moment
from reconnect.speech.reply import Reply

_ELICITED = (Moment.CHECKIN, Moment.REMINDER)  # Alexa must be told again which slot to hear


def _moment(turn: Turn, handler_input: HandlerInput) -> tuple[Moment, str | None, str]:
    """The moment, the question it waits on (asked afresh), and where together time is."""
    status = running_status(turn, handler_input)
    moment = moment_answers.moment_of(turn.talk.waiting, status is not None)
    if moment in _ELICITED:
        dialog.elicit_again(handler_input)
    return moment, moment_answers.question_for(turn.phrases, turn.talk), status or ""


def fallback_reply(turn: Turn, handler_input: HandlerInput) -> Reply:
    """What could not be placed, answered in the moment; more helpful the second time."""
    moment, question, status = _moment(turn, handler_input)
    waiting, in_a_row = turn.talk.waiting, turn.talk.fallbacks
    return moment_answers.fallback_for(turn.phrases, moment, in_a_row, question, waiting, status)


class Help(IntentHandler):
    """Help explains, speaks to the moment, and asks a question (certification)."""

    intents = ("AMAZON.HelpIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """What this is and what to say now; a check-in or self-check carries on after it."""
        moment, question, status = _moment(turn, handler_input)
        return moment_answers.help_for(turn.phrases, moment, question, turn.talk.waiting, status)


class Fallback(IntentHandler):
    """What the model could not place."""

    intents = ("AMAZON.FallbackIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """A fallback in the moment."""
        return fallback_reply(turn, handler_input)


class Somewhat(IntentHandler):
    """'Sort of', 'maybe' outside the self-check (which takes it as a middle answer)."""

    intents = ("SomewhatIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Neither yes nor no: a fallback in the moment, asking its question again."""
        return fallback_reply(turn, handler_input)


class Goodbye(IntentHandler):
    """'We're finished', 'good night', stop and cancel: a kind goodbye from any moment."""

    intents = ("GoodbyeIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent")

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """A warm goodbye; a check-in or self-check under way keeps nothing."""
        status = running_status(turn, handler_input)
        moment = moment_answers.moment_of(turn.talk.waiting, status is not None)
        return moment_answers.goodbye(turn.phrases, moment)


class Repeat(IntentHandler):
    """'Say that again': the last real answer (not a fallback), word for word."""

    intents = ("AMAZON.RepeatIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The last answer with its question; mid check-in, Alexa listens for the rating again."""
        last = turn.talk.last
        if last is None:
            reply = Reply(kind="repeat").add(turn.phrases.say("repeat_nothing"))
            return reply.ask(turn.phrases.say("ask_what_next"))
        dialog.elicit_again(handler_input)
        reply = Reply(kind="repeat").add(*last.parts)
        if last.question is None:
            return reply.ask(turn.phrases.say("ask_what_next"))
        return reply.ask(last.question, last.waiting)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (Help(), Fallback(), Somewhat(), Goodbye(), Repeat())
