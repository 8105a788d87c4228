"""The couple's daily reminder, through the SDK's reminder service client: create and delete only.

ask-sdk-model 1.82.0 cannot read a reminder back (get_reminder and get_reminders fail to
deserialise AlertInfo, alexa/alexa-apis-for-python issues 4 and 30), so this module never reads:
the alertToken that create answers is kept in the couple's record, and cancelling deletes by it.
Every failure becomes RemindersRefused (401/403: no permission) or RemindersUnavailable.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services.reminder_management import (
    AlertInfo,
    PushNotification,
    PushNotificationStatus,
    Recurrence,
    ReminderRequest,
    SpokenInfo,
    SpokenText,
    Trigger,
    TriggerType,
)

from reconnect.alexa.service_calls import ServiceCalls
from reconnect.domain.daily_time import DailyTime, first_occurrence, recurrence_rule

log = logging.getLogger(__name__)

SCOPE = "alexa::alerts:reminders:skill:readwrite"
MAX_TOKEN_CHARS = 200


class RemindersRefused(Exception):
    """The couple has not given the skill permission to set reminders (401 or 403)."""


class RemindersUnavailable(Exception):
    """The Reminders API could not be reached, or refused the call for another reason."""


def daily_request(at: DailyTime, zone: str, now_local: datetime, text: str, locale: str) -> Any:
    """The create body for a reminder every day at `at` in `zone`, starting at its next moment."""
    first = first_occurrence(now_local, at)
    return ReminderRequest(
        request_time=now_local.replace(tzinfo=None, microsecond=0),
        trigger=Trigger(
            object_type=TriggerType.SCHEDULED_ABSOLUTE,
            scheduled_time=first,
            time_zone_id=zone,
            recurrence=Recurrence(start_date_time=first, recurrence_rules=[recurrence_rule(at)]),
        ),
        alert_info=AlertInfo(
            spoken_info=SpokenInfo(content=[SpokenText(locale=locale, text=text)])
        ),
        push_notification=PushNotification(status=PushNotificationStatus.ENABLED),
    )


class Reminders(ServiceCalls):
    """The couple's reminders for one request; no client when no API can be reached."""

    getter = "get_reminder_management_service"
    refused = RemindersRefused
    unavailable = RemindersUnavailable

    @classmethod
    def of(cls, handler_input: HandlerInput) -> Reminders:
        """The reminder service for this request (needs an apiEndpoint and the SDK's ApiClient)."""
        return cls(cls.client_for(handler_input))

    def create(self, request: Any) -> str:
        """Create a reminder; its alertToken."""
        answer = self._call("create", lambda c: c.create_reminder(request))
        token = getattr(answer, "alert_token", None)
        if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
            raise RemindersUnavailable("create answered without an alertToken")
        return token

    def delete(self, token: str) -> None:
        """Delete a reminder by its alertToken; one already gone (404) counts as deleted."""
        self._call("delete", lambda c: c.delete_reminder(token), quiet={404})
