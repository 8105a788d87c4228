"""Handlers for opening, help, stop, fallback, repeat, yes/no and the end of a session."""

from __future__ import annotations

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from reconnect import answers, program, voices
from reconnect.handlers import dialog
from reconnect.handlers.base import IntentHandler
from reconnect.handlers.data import erase_reply
from reconnect.handlers.dialog import person_id
from reconnect.handlers.program import start_over_reply, today_reply
from reconnect.handlers.ritual import carry_on_reply, start_reply
from reconnect.ritual_answers import PENDING_RESTART
from reconnect.speech import Reply
from reconnect.turn import S_LAST, S_PENDING, Turn, respond, session, turn_of


def welcome_reply(turn: Turn) -> Reply:
    """The greeting for this couple, and the offer of today's step."""
    return answers.welcome(turn.voice, turn.greeting, turn.record.step)


class Launch(AbstractRequestHandler):
    """'Alexa, open reconnect ritual'."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """LaunchRequest."""
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Greet (a recognised voice by name), then offer today's step."""
        turn = turn_of(handler_input)
        reply = welcome_reply(turn)
        person = person_id(handler_input)
        if person is not None:
            reply.parts.insert(0, turn.voice.say("greeting_named", name=voices.name_tag(person)))
        return respond(handler_input, reply)


class NavigateHome(IntentHandler):
    """'Go home': back to the start of the skill."""

    intents = ("AMAZON.NavigateHomeIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The greeting again."""
        return welcome_reply(turn)


class Help(IntentHandler):
    """Help explains and asks a question."""

    intents = ("AMAZON.HelpIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """What this is and what to say."""
        return answers.help_text(turn.voice)


class StopOrCancel(IntentHandler):
    """Stop and cancel exit."""

    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent")

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """A warm goodbye."""
        return answers.goodbye(turn.voice)


class Fallback(IntentHandler):
    """What the model could not place."""

    intents = ("AMAZON.FallbackIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """What they can say."""
        return answers.open_question(turn.voice, "fallback")


class Repeat(IntentHandler):
    """'Say that again'."""

    intents = ("AMAZON.RepeatIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The last answer, word for word, with its question."""
        attributes = session(handler_input)
        last = attributes.get(S_LAST)
        if not isinstance(last, dict) or not isinstance(last.get("parts"), list):
            return answers.simple(turn.voice, "repeat_nothing")
        parts = [p for p in last["parts"] if isinstance(p, str)]
        question = last.get("question")
        dialog.elicit_again(handler_input)  # mid check-in, Alexa listens for the rating again
        reply = Reply().add(*parts)
        if isinstance(question, str):
            pending = attributes.get(S_PENDING)
            return reply.ask(question, pending if isinstance(pending, str) else None)
        return reply.ask(turn.voice.say("ask_what_next"))


class Yes(IntentHandler):
    """'Yes': answers the question the skill just asked."""

    intents = ("AMAZON.YesIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Do what was offered."""
        pending = session(handler_input).get(S_PENDING)
        if pending == answers.PENDING_TODAY:
            return today_reply(turn, one_shot=False)
        if pending == answers.PENDING_MORE:
            return answers.more(turn.voice, program.current_step(turn.record))
        if pending == answers.PENDING_DELETE:
            return erase_reply(turn, handler_input)
        if pending == answers.PENDING_START_OVER:
            return start_over_reply(turn)
        if pending == PENDING_RESTART:
            return start_reply(turn, handler_input)
        return answers.simple(turn.voice, "nothing_pending")


class No(IntentHandler):
    """'No': declines the offer; with nothing offered, it is a goodbye."""

    intents = ("AMAZON.NoIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Acknowledge and ask what next, or say goodbye."""
        pending = session(handler_input).get(S_PENDING)
        if pending == answers.PENDING_DELETE:
            return answers.simple(turn.voice, "delete_cancelled")
        if pending == PENDING_RESTART:
            return carry_on_reply(turn, handler_input)
        if pending in (answers.PENDING_TODAY, answers.PENDING_MORE, answers.PENDING_START_OVER):
            return answers.simple(turn.voice, "no_problem")
        return answers.goodbye(turn.voice)


class SessionEnded(AbstractRequestHandler):
    """The session closed (stop, silence, error): nothing to say, the record is saved if changed."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """SessionEndedRequest."""
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """An empty response."""
        return handler_input.response_builder.response


class Anything(AbstractRequestHandler):
    """Any other request or intent: a kind word and what they can say. Registered last."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """Everything."""
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        """The fallback answer."""
        voice = turn_of(handler_input).voice
        return respond(handler_input, answers.open_question(voice, "fallback"))
