"""Alexa timers for together time, through the SDK's timer service client.

Every failure becomes one of two exceptions the caller can act on: TimersRefused (401/403,
no permission) or TimersUnavailable (504 device offline, 5xx, timeouts, anything else).
Creating a set is all or nothing: the six go out at once, and when any fails, the ones made
are deleted (also at once).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial
from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services.timer_management import (
    AnnounceOperation,
    CreationBehavior,
    DisplayExperience,
    NotificationConfig,
    TextToAnnounce,
    TimerRequest,
    TriggeringBehavior,
    Visibility,
)

from reconnect.alexa.service_calls import ServiceCalls
from reconnect.domain.ritual import Announcement

SCOPE = "alexa::alerts:timers:skill:readwrite"
_GONE = frozenset({404})
_ISO_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$")
# Timer calls in one request stop after this long, so the answer still fits Alexa's 8 s even
# when every call is slow; ids not deleted in time are kept and deleted on the next stop/start.
BUDGET_SECONDS = 4.0


class TimersRefused(Exception):
    """The couple has not given the skill permission to set timers (401 or 403)."""


class TimersUnavailable(Exception):
    """The timers could not be reached or refused the call; `leftovers` may still go off."""

    def __init__(self, reason: str, leftovers: tuple[str, ...] = ()) -> None:
        super().__init__(reason)
        self.leftovers = leftovers


def iso_duration(seconds: int) -> str:
    """ISO-8601 duration as the Timers API wants it: 'PT1M', 'PT5M30S', 'PT1H'."""
    if seconds <= 0:
        raise ValueError("a timer needs a positive duration")
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{n}{unit}" for n, unit in ((hours, "H"), (minutes, "M"), (secs, "S")) if n]
    return "PT" + "".join(parts)


def duration_seconds(text: str | None) -> int | None:
    """Seconds in an ISO-8601 'PT…' duration; None when it is not one."""
    found = _ISO_DURATION.match(text or "")
    if not found or not any(found.groups()):
        return None
    hours, minutes, secs = (int(g or 0) for g in found.groups())
    return hours * 3600 + minutes * 60 + secs


class Timers(ServiceCalls):
    """The couple's timers for one request; no client when no API can be reached."""

    getter = "get_timer_management_service"
    refused = TimersRefused
    unavailable = TimersUnavailable
    budget_seconds = BUDGET_SECONDS

    @classmethod
    def of(cls, handler_input: HandlerInput) -> Timers:
        """The timer service for this request (needs an apiEndpoint and the SDK's ApiClient)."""
        return cls(cls.client_for(handler_input))

    def create_all(self, announcements: Sequence[Announcement], locale: str) -> tuple[str, ...]:
        """Create every timer, all at once; on any failure delete those made, then raise."""
        outcomes = self._at_once([partial(self._create, a, locale) for a in announcements])
        made = [o for o in outcomes if isinstance(o, str)]
        failures = [o for o in outcomes if isinstance(o, Exception)]
        if not failures:
            return tuple(made)
        unexpected = [f for f in failures if not isinstance(f, TimersRefused | TimersUnavailable)]
        if unexpected:
            self.delete(made)
            raise unexpected[0]
        if not made and all(isinstance(f, TimersRefused) for f in failures):
            raise failures[0]
        raise TimersUnavailable(str(failures[0]), self.delete(made)) from failures[0]

    def pause(self, ids: Sequence[str]) -> None:
        """Pause each timer; one that is gone or already paused is left as it is."""
        self._each(ids, "pause", _pause)

    def resume(self, ids: Sequence[str]) -> None:
        """Resume each timer; one that is gone or already running is left as it is."""
        self._each(ids, "resume", _resume)

    def delete(self, ids: Sequence[str]) -> tuple[str, ...]:
        """Delete each timer (one already gone counts as deleted); the ids that could not be."""
        outcomes = self._at_once([self._on("delete", i, _delete, set(_GONE)) for i in ids])
        left = []
        for timer_id, outcome in zip(ids, outcomes, strict=True):
            if isinstance(outcome, TimersRefused | TimersUnavailable):
                left.append(timer_id)
            elif isinstance(outcome, Exception):
                raise outcome
        return tuple(left)

    def _each(self, ids: Sequence[str], what: str, act: Callable[[Any, str], Any]) -> None:
        """`act` on every timer at once (400/404 are quiet); then raise the first failure."""
        for outcome in self._at_once([self._on(what, i, act, {400, 404}) for i in ids]):
            if isinstance(outcome, Exception):
                raise outcome

    def _on(
        self, what: str, timer_id: str, act: Callable[[Any, str], Any], quiet: set[int]
    ) -> Callable[[], Any]:
        """One call on one timer, ready to run."""
        return lambda: self._call(what, lambda c: act(c, timer_id), quiet)

    def remaining(self, timer_id: str, now: datetime) -> int | None:
        """Seconds until the timer goes off as Alexa has it; None when it cannot be read."""
        try:
            timer = self._call("get", lambda c: c.get_timer(timer_id))
        except (TimersRefused, TimersUnavailable):
            return None
        status = getattr(getattr(timer, "status", None), "value", None)
        if status == "PAUSED":
            return duration_seconds(getattr(timer, "remaining_time_when_paused", None))
        trigger = getattr(timer, "trigger_time", None)
        if status == "ON" and isinstance(trigger, datetime) and trigger.tzinfo is not None:
            return max(0, round((trigger - now).total_seconds()))
        return None

    def _create(self, announcement: Announcement, locale: str) -> str:
        request = TimerRequest(
            duration=iso_duration(announcement.seconds),
            timer_label=announcement.label,
            creation_behavior=CreationBehavior(
                display_experience=DisplayExperience(visibility=Visibility.VISIBLE)
            ),
            triggering_behavior=TriggeringBehavior(
                operation=AnnounceOperation(
                    text_to_announce=[TextToAnnounce(locale=locale, text=announcement.text)]
                ),
                notification_config=NotificationConfig(play_audible=False),
            ),
        )
        timer = self._call("create", lambda c: c.create_timer(request))
        timer_id = getattr(timer, "id", None)
        if not isinstance(timer_id, str) or not timer_id or len(timer_id) > 200:
            raise TimersUnavailable("create answered without a timer id")
        return timer_id


def _pause(client: Any, timer_id: str) -> Any:
    return client.pause_timer(timer_id)


def _resume(client: Any, timer_id: str) -> Any:
    return client.resume_timer(timer_id)


def _delete(client: Any, timer_id: str) -> Any:
    return client.delete_timer(timer_id)
