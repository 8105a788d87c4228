"""A daily reminder: 'remind us every evening at eight', 'cancel our reminder', and the permission.

Create-only: the SDK cannot read reminders back (ASK_NOTES.md), so the alertToken that create
answers is kept in the record, a new time replaces the old reminder by deleting it by that id,
and cancelling deletes by it too. Without permission, Alexa asks by voice (AskFor); the time
travels in the request's token, so the answer can create the reminder they asked for.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import UTC, datetime

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from reconnect.alexa import clock
from reconnect.alexa.handlers import permissions
from reconnect.alexa.handlers.base import IntentHandler, saved_or_say_so
from reconnect.alexa.handlers.dialog import elicit, slot_value
from reconnect.alexa.reminders import SCOPE, Reminders, RemindersRefused, RemindersUnavailable
from reconnect.alexa.reminders import daily_request as request_for
from reconnect.alexa.rendering import respond
from reconnect.alexa.turn import Turn, turn_of
from reconnect.domain.daily_time import DailyTime, is_vague, parse_time, period_of, spoken
from reconnect.speech import common_answers
from reconnect.speech import reminder_answers as say
from reconnect.speech.reply import Reply

log = logging.getLogger(__name__)

INTENT = "SetReminderIntent"
TOKEN_PREFIX = "set_reminder:"  # noqa: S105 - + HH:MM, what to create once allowed; no secret


class SetReminder(IntentHandler):
    """'Remind us every evening at eight': ask the time if needed, then set it and say it back."""

    intents = (INTENT,)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Elicit the time, or create the daily reminder."""
        value = slot_value(handler_input, "time")
        period = period_of(value, slot_value(handler_input, "period"))
        at = parse_time(value, period, _local_now(turn, handler_input).time())
        if at is None:
            elicit(handler_input, INTENT, "time", {"period": period})
            again = value is not None and not is_vague(value)
            return say.ask_time(turn.phrases, again, period)
        return create_reply(turn, handler_input, at, may_ask=True)


def _local_now(turn: Turn, handler_input: HandlerInput) -> datetime:
    """The request's time on the couple's clock."""
    return clock.request_time(handler_input).astimezone(clock.zone_info(turn.zone) or UTC)


class CancelReminder(IntentHandler):
    """'Cancel our reminder': delete it by the id the record kept."""

    intents = ("CancelReminderIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Delete the reminder and forget it; say so with its time."""
        token, at = turn.record.reminder_id, turn.record.reminder_at
        if token is None:
            return say.reminder_line(turn.phrases, "reminder_none", turn.one_shot)
        try:
            Reminders.of(handler_input).delete(token)
        except (RemindersRefused, RemindersUnavailable):
            return say.reminder_line(turn.phrases, "reminder_cancel_failed", turn.one_shot)
        turn.record = replace(turn.record, reminder_id=None, reminder_at=None)
        when = spoken(DailyTime.from_hhmm(at)) if at else "daily"
        reply = say.reminder_line(turn.phrases, "reminder_cancelled", turn.one_shot, time=when)
        return saved_or_say_so(turn, reply)


class ReminderPermissionAnswer(AbstractRequestHandler):
    """Alexa's answer to our request for the reminders permission (its token names the time)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """An AskFor answer whose token is ours."""
        return permissions.is_answer(handler_input) and permissions.token(handler_input).startswith(
            TOKEN_PREFIX
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        """ACCEPTED: set the reminder. DENIED: fine. Otherwise: where to allow it."""
        turn = turn_of(handler_input)
        answer = permissions.answer(handler_input)
        log.info("reminders permission answered", extra={"answer": str(answer)[:20]})
        try:
            at = DailyTime.from_hhmm(permissions.token(handler_input)[len(TOKEN_PREFIX) :])
        except ValueError:
            at = None
        if answer == "ACCEPTED" and at is not None:
            reply = create_reply(turn, handler_input, at, may_ask=False, one_shot=True)
        elif answer == "DENIED":
            reply = say.reminder_line(turn.phrases, "reminder_declined", one_shot=True)
        else:
            reply = say.reminder_line(turn.phrases, "reminder_no_permission", one_shot=True)
        return respond(handler_input, reply)


def create_reply(
    turn: Turn,
    handler_input: HandlerInput,
    at: DailyTime,
    *,
    may_ask: bool,
    one_shot: bool | None = None,
) -> Reply:
    """Replace any reminder we set with one every day at `at`, keep its id, and say it back."""
    phrases, closing = turn.phrases, turn.one_shot if one_shot is None else one_shot
    reminders = Reminders.of(handler_input)
    now_local = _local_now(turn, handler_input)
    body = request_for(at, turn.zone, now_local, say.reminder_text(phrases), turn.content.locale)
    old = turn.record.reminder_id
    try:
        if old is not None:
            reminders.delete(old)
            turn.record = replace(turn.record, reminder_id=None, reminder_at=None)
        token = reminders.create(body)
    except RemindersRefused:
        if may_ask:
            permissions.ask_for(handler_input, SCOPE, TOKEN_PREFIX + at.hhmm)
            return Reply().add(phrases.say("reminder_permission_intro")).close()
        return say.reminder_line(phrases, "reminder_no_permission", closing)
    except RemindersUnavailable:
        turn.commit()  # an old reminder that was deleted is forgotten
        return say.reminder_line(phrases, "reminder_unavailable", closing)
    turn.record = replace(turn.record, reminder_id=token, reminder_at=at.hhmm)
    if not turn.commit():
        try:
            reminders.delete(token)  # a reminder they could not cancel by voice: take it back
        except (RemindersRefused, RemindersUnavailable):
            log.warning("an unsaved reminder could not be taken back")
        return common_answers.failure(phrases, "error_not_saved")
    return say.reminder_set(phrases, at, moved=old is not None, one_shot=closing)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (SetReminder(), CancelReminder(), ReminderPermissionAnswer())
