"""Handlers for starting together time, with or without timers, and the timers permission."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from reconnect.alexa.clock import request_time
from reconnect.alexa.handlers import permissions
from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.rendering import respond
from reconnect.alexa.timers import SCOPE, Timers, TimersRefused, TimersUnavailable
from reconnect.alexa.turn import Turn, turn_of
from reconnect.domain import ritual
from reconnect.domain.record import RitualState
from reconnect.speech import common_answers
from reconnect.speech import ritual_answers as say
from reconnect.speech.reply import Reply

log = logging.getLogger(__name__)

PERMISSION_TOKEN = "start_together_time"  # noqa: S105 - names the purpose, not a secret


def start_reply(
    turn: Turn,
    handler_input: HandlerInput,
    *,
    try_timers: bool = True,
    may_ask: bool = True,
    guided_lead: str | None = None,
) -> Reply:
    """Begin a fresh ritual: with timers when they can be set, else guided part by part."""
    at, phrases = request_time(handler_input), turn.phrases
    timers = Timers.of(handler_input)
    _retire(turn, timers, at)
    step = turn.record.step
    fresh = ritual.begin(step, at, "guided")
    lead = guided_lead
    if try_timers:
        try:
            ids = timers.create_all(say.announcements(phrases, step), turn.content.locale)
            fresh, lead = ritual.with_timers(fresh, ids), None
        except TimersRefused:
            if may_ask and not turn.record.timers_permission_declined:
                return _ask_permission(turn, handler_input)
            declined = turn.record.timers_permission_declined
            lead = phrases.say("ritual_declined" if declined else "ritual_no_timers")
        except TimersUnavailable as error:
            fresh = replace(fresh, timer_ids=error.leftovers)
            lead = phrases.say("ritual_no_timers")
    before = turn.record
    turn.record = replace(before, ritual=fresh)
    if not turn.commit():
        if fresh.mode == "timers":
            timers.delete(fresh.timer_ids)
        turn.record = before
        return common_answers.failure(phrases, "error_not_saved")
    return say.started(phrases, step, guided=fresh.mode == "guided", lead=lead)


def carry_on_reply(turn: Turn, handler_input: HandlerInput) -> Reply:
    """'No' to restarting: the ritual that runs carries on."""
    at = request_time(handler_input)
    reply = Reply().add(turn.phrases.say("ritual_carry_on"))
    current = turn.record.ritual
    if current is not None and ritual.is_running(current, at):
        reply.add(status_words(turn, handler_input, current, at))
    return reply.close()


class StartRitual(IntentHandler):
    """'Start together time': a ten-minute ritual; if one is going, ask before restarting."""

    intents = ("StartRitualIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Start, or ask whether to start again."""
        return start_or_confirm(turn, handler_input)


def start_or_confirm(turn: Turn, handler_input: HandlerInput) -> Reply:
    """Start together time, or, when one is going, ask before starting afresh."""
    if ritual.is_running(turn.record.ritual, request_time(handler_input)):
        return say.confirm_restart(turn.phrases)
    return start_reply(turn, handler_input)


def running_status(turn: Turn, handler_input: HandlerInput) -> str | None:
    """Where together time is, when it is going on; None when it is not."""
    at = request_time(handler_input)
    current = running(turn, at)
    return None if current is None else status_words(turn, handler_input, current, at)


class PermissionAnswer(AbstractRequestHandler):
    """Alexa's answer to our request for the timers permission: start the ritual either way."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """An AskFor answer (registered after the features with tokens of their own)."""
        return permissions.is_answer(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        """ACCEPTED: start with timers. DENIED: remember it, guide. Otherwise: guide."""
        turn = turn_of(handler_input)
        answer = permissions.answer(handler_input)
        log.info("timers permission answered", extra={"answer": str(answer)[:20]})
        if answer == "ACCEPTED":
            turn.record = replace(turn.record, timers_permission_declined=False)
            reply = start_reply(turn, handler_input, may_ask=False)
        elif answer == "DENIED":
            turn.record = replace(turn.record, timers_permission_declined=True)
            lead = turn.phrases.say("ritual_declined")
            reply = start_reply(turn, handler_input, try_timers=False, guided_lead=lead)
        else:
            lead = turn.phrases.say("ritual_declined" if answer else "ritual_no_timers")
            reply = start_reply(turn, handler_input, try_timers=False, guided_lead=lead)
        return respond(handler_input, reply)


def running(turn: Turn, at: datetime) -> RitualState | None:
    """The ritual going on at `at`, if any."""
    current = turn.record.ritual
    return current if current is not None and ritual.is_running(current, at) else None


def _retire(turn: Turn, timers: Timers, at: datetime) -> None:
    """End the ritual before this one: delete its timers, keep it as stopped or completed."""
    old = turn.record.ritual
    if old is None or old.completed:
        return
    ids = ritual.leftover_timers(old)
    leftovers = timers.delete(ids) if ids else ()
    if old.stopped_at is None or leftovers != old.timer_ids:
        turn.record = replace(turn.record, ritual=ritual.stop(old, at, leftovers))


def status_words(
    turn: Turn, handler_input: HandlerInput, current: RitualState, at: datetime
) -> str:
    """The part and time left; with running timers, as the last timer has it."""
    phrases = turn.phrases
    left = ritual.time_left(current, at)
    paused = ritual.is_paused(current)
    if current.mode == "timers" and not paused and current.timer_ids:
        remaining = Timers.of(handler_input).remaining(current.timer_ids[-1], at)
        if remaining is not None and remaining <= ritual.TOTAL_SECONDS:
            left = remaining
        part = ritual.part_by_clock(ritual.TOTAL_SECONDS - left)
    else:
        part = ritual.current_part(current, at)
    return say.status(phrases, part, left, paused)


def _ask_permission(turn: Turn, handler_input: HandlerInput) -> Reply:
    """Ask Alexa to ask the couple for the timers permission; the answer starts the ritual."""
    permissions.ask_for(handler_input, SCOPE, PERMISSION_TOKEN)
    return say.ask_permission(turn.phrases)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (StartRitual(), PermissionAnswer())
