"""Together time under way: pause, resume, stop, how long is left, and the next part."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa import clock
from reconnect.alexa.clock import request_time
from reconnect.alexa.handlers.base import IntentHandler, saved_or_say_so
from reconnect.alexa.handlers.ritual import carry_on_reply, running, status_words
from reconnect.alexa.timers import Timers, TimersRefused, TimersUnavailable
from reconnect.alexa.turn import Turn, turn_of
from reconnect.domain import ritual
from reconnect.domain.record import RitualState
from reconnect.speech import common_answers
from reconnect.speech import ritual_answers as say
from reconnect.speech.reply import Reply

log = logging.getLogger(__name__)

PERMISSION_TOKEN = "start_together_time"  # noqa: S105 - names the purpose, not a secret


def carry_on_or_resume(turn: Turn, handler_input: HandlerInput) -> Reply:
    """'Yes' to 'shall we carry on?': a paused ritual resumes; a running one carries on."""
    current = running(turn, request_time(handler_input))
    if current is not None and ritual.is_paused(current):
        return ResumeRitual().reply(turn, handler_input)
    return carry_on_reply(turn, handler_input)


class PauseRitual(IntentHandler):
    """'Pause together time': the clock and the timers stop until they resume."""

    intents = ("PauseRitualIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Pause the timers still to come, then the ritual's clock."""
        at, phrases = request_time(handler_input), turn.phrases
        current = running(turn, at)
        if current is None:
            return _nothing_running(turn)
        if ritual.is_paused(current):
            left = say.spoken_time(ritual.time_left(current, at))
            return say.one_line(phrases, "ritual_already_paused", left=left)
        reply = Reply()
        current = _on_pending_timers(handler_input, current, at, reply, Timers.pause)
        paused = ritual.pause(current, at)
        left = say.spoken_time(ritual.time_left(paused, at))
        return _saved(turn, paused, reply.add(phrases.say("ritual_paused", left=left)).close())


class ResumeRitual(IntentHandler):
    """'Resume together time': the clock and the paused timers run again."""

    intents = ("ResumeRitualIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Resume the paused timers, then the clock; say where they are."""
        at, phrases = request_time(handler_input), turn.phrases
        current = running(turn, at)
        if current is None:
            return _nothing_running(turn)
        if not ritual.is_paused(current):
            left = say.spoken_time(ritual.time_left(current, at))
            return say.one_line(phrases, "ritual_not_paused", left=left)
        reply = Reply()
        current = _on_pending_timers(handler_input, current, at, reply, Timers.resume)
        resumed = ritual.resume(current, at)
        part = ritual.current_part(resumed, at)
        if resumed.mode == "guided" and part is not None:
            reply.parts.extend(say.guided_part(phrases, resumed.step, part).parts)
        elif part is not None:
            left = say.spoken_time(ritual.time_left(resumed, at))
            reply.add(phrases.say("ritual_resumed", part=say.part_name(phrases, part), left=left))
        return _saved(turn, resumed, reply.close())


class StopRitual(IntentHandler):
    """'Stop together time': ends it early; its timers are deleted."""

    intents = ("StopRitualIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Delete the timers still to come and end the ritual (not counted as completed)."""
        at, phrases = request_time(handler_input), turn.phrases
        current = running(turn, at)
        if current is None:
            return _nothing_running(turn)
        ids = ritual.leftover_timers(current)
        leftovers = Timers.of(handler_input).delete(ids) if ids else ()
        reply = Reply().add(phrases.say("ritual_stopped"))
        if leftovers:
            reply.add(phrases.say("ritual_stop_leftovers"))
        return _saved(turn, ritual.stop(current, at, leftovers), reply.close())


class RitualTimeLeft(IntentHandler):
    """'How much time is left?': the part they are in and the time to 10:00."""

    intents = ("RitualTimeLeftIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Where the ritual is, as its timers have it."""
        at = request_time(handler_input)
        current = running(turn, at)
        if current is None:
            return _nothing_running(turn)
        return Reply().add(status_words(turn, handler_input, current, at)).close()


class RitualNext(IntentHandler):
    """'Next': guided mode moves on a part; with timers, says when the next part comes."""

    intents = ("RitualNextIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next part, the end of the ritual, or the time until the timers move on."""
        at, phrases = request_time(handler_input), turn.phrases
        current = running(turn, at)
        if current is None:
            return _nothing_running(turn)
        if current.mode == "timers":
            left = say.spoken_time(ritual.time_to_next_change(current, at))
            return say.one_line(phrases, "ritual_next_timers", left=left)
        before = turn.record
        turn.record = ritual.advance(before, at, turn.today)
        moved = turn.record.ritual
        assert moved is not None
        if not turn.commit():
            turn.record = before
            return common_answers.failure(phrases, "error_not_saved")
        part = ritual.current_part(moved, at)
        if moved.completed or part is None:
            return say.finished(phrases)
        return say.guided_part(phrases, moved.step, part)


def _nothing_running(turn: Turn) -> Reply:
    """No ritual going: say so, or that today's is done and how many there have been."""
    last = turn.record.ritual
    if last is not None and last.completed and turn.record.rituals_completed:
        started = clock.local_date(last.started_at, turn.zone, turn.content.time_zone)
        if started == turn.today:
            count = say.times_said(turn.record.rituals_completed)
            return say.one_line(turn.phrases, "ritual_done_today", count=count)
    return say.one_line(turn.phrases, "ritual_none")


def _saved(turn: Turn, changed: RitualState, reply: Reply) -> Reply:
    """Keep the ritual's new state; if it cannot be saved, say so first."""
    turn.record = replace(turn.record, ritual=changed)
    return saved_or_say_so(turn, reply)


def _on_pending_timers(
    handler_input: HandlerInput,
    current: RitualState,
    at: datetime,
    reply: Reply,
    act: Callable[[Timers, Sequence[str]], None],
) -> RitualState:
    """Pause or resume the timers still to come; if that fails, delete them and guide instead."""
    if current.mode != "timers":
        return current
    timers = Timers.of(handler_input)
    pending = [i for _, i in ritual.pending_changes(current, at)]
    try:
        act(timers, pending)
    except (TimersRefused, TimersUnavailable):
        reply.add(turn_of(handler_input).phrases.say("ritual_no_timers"))
        return ritual.to_guided(current, at, timers.delete(pending))
    return current


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (PauseRitual(), ResumeRitual(), StopRitual(), RitualTimeLeft(), RitualNext())
