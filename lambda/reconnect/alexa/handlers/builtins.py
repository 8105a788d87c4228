"""Handlers for opening, going home, yes and no, the end of a session, and anything else."""

from __future__ import annotations

from collections.abc import Callable

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.handlers.data import erase_reply
from reconnect.alexa.handlers.dialog import person_id
from reconnect.alexa.handlers.moments import fallback_reply
from reconnect.alexa.handlers.program import move_reply, start_over_reply, today_reply, topic_step
from reconnect.alexa.handlers.ritual import (
    carry_on_reply,
    running_status,
    start_or_confirm,
    start_reply,
)
from reconnect.alexa.handlers.ritual_controls import carry_on_or_resume
from reconnect.alexa.handlers.talk import small_idea_reply
from reconnect.alexa.rendering import respond
from reconnect.alexa.turn import Turn, turn_of
from reconnect.domain import partners, program
from reconnect.speech import common_answers, program_answers, talk_answers
from reconnect.speech.moment_answers import Moment, goodbye
from reconnect.speech.reply import Reply, Waiting

Answer = Callable[[Turn, HandlerInput], Reply]


def welcome_reply(turn: Turn, handler_input: HandlerInput) -> Reply:
    """The greeting for this couple (with where together time is, if it is going on), and the
    offer of today's step."""
    reply = program_answers.welcome(turn.phrases, turn.greeting, turn.record.step)
    status = running_status(turn, handler_input)
    if status is not None:  # together time is going on: that, not today's step, comes first
        reply.add(status).ask(turn.phrases.say("ask_carry_on"), Waiting.CARRY_ON)
    return reply


def _move_to_offer(turn: Turn, handler_input: HandlerInput) -> Reply:
    offer = turn.talk.offer
    if offer is None:
        return common_answers.simple(turn.phrases, "nothing_pending")
    return move_reply(turn, program.go_to(turn.record, offer))


# What "yes" does, for each question that waits for one.
YES: dict[Waiting, Answer] = {
    Waiting.TODAY: lambda turn, _: today_reply(turn, one_shot=False),
    Waiting.MORE: lambda turn, _: program_answers.more(turn.phrases, topic_step(turn)),
    Waiting.MOVE: _move_to_offer,
    Waiting.SELFCHECK_GO: _move_to_offer,
    Waiting.DELETE: erase_reply,
    Waiting.START_OVER: lambda turn, _: start_over_reply(turn),
    Waiting.RESTART_RITUAL: start_reply,
    Waiting.START_RITUAL: start_or_confirm,
    Waiting.CARRY_ON: carry_on_or_resume,
    Waiting.IDEA: lambda turn, _: small_idea_reply(turn),
    Waiting.TALK: lambda turn, _: talk_answers.talk_topic(turn.phrases, topic_step(turn)),
}

# What "no" does where it is more than a kind "no problem": after any other offer, that;
# with nothing asked, a goodbye.
NO: dict[Waiting, Answer] = {
    Waiting.DELETE: lambda turn, _: common_answers.simple(turn.phrases, "delete_cancelled"),
    Waiting.RESTART_RITUAL: carry_on_reply,
    Waiting.RATING: fallback_reply,
    Waiting.REMINDER_TIME: fallback_reply,
}


def _no_problem(turn: Turn, handler_input: HandlerInput) -> Reply:
    return common_answers.simple(turn.phrases, "no_problem")


def _goodbye(turn: Turn, handler_input: HandlerInput) -> Reply:
    return goodbye(turn.phrases, Moment.ANYTIME)


class Launch(AbstractRequestHandler):
    """'Alexa, open reconnect ritual'."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """LaunchRequest."""
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Greet (a recognised voice by name), then offer today's step."""
        turn = turn_of(handler_input)
        reply = welcome_reply(turn, handler_input)
        person = person_id(handler_input)
        if person is not None:
            reply.parts.insert(
                0, turn.phrases.say("greeting_named", name=partners.name_tag(person))
            )
        return respond(handler_input, reply)


class NavigateHome(IntentHandler):
    """'Go home': back to the start of the skill."""

    intents = ("AMAZON.NavigateHomeIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The greeting again."""
        return welcome_reply(turn, handler_input)


class Yes(IntentHandler):
    """'Yes': answers the question the skill just asked."""

    intents = ("AMAZON.YesIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Do what was offered; with nothing offered, say so and what they can say."""
        answer = YES.get(turn.talk.waiting)
        if answer is None:
            return common_answers.simple(turn.phrases, "nothing_pending")
        return answer(turn, handler_input)


class No(IntentHandler):
    """'No': declines the offer; with nothing offered, it is a goodbye."""

    intents = ("AMAZON.NoIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Acknowledge and ask what next, or say goodbye."""
        waiting = turn.talk.waiting
        answer = NO.get(waiting) or (_no_problem if waiting in YES else _goodbye)
        return answer(turn, handler_input)


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
        """The fallback answer, in the moment."""
        return respond(handler_input, fallback_reply(turn_of(handler_input), handler_input))


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (Launch(), NavigateHome(), Yes(), No(), SessionEnded(), Anything())
