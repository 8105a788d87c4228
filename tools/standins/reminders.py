"""The Alexa Reminders API on the stand-in: reminders that are kept, listed and go off on a clock.

    reminders = RemindersApi(standin, now=clock)   # registers the routes on an AlexaStandIn
    reminders.consent = False                      # no permission: every call answers 401
    reminders.fire_due()                           # go off for every reminder whose time came

It speaks the API as Amazon documents it: POST /v1/alerts/reminders (create), GET (list),
GET, PUT and DELETE /v1/alerts/reminders/{alertToken}; the stand-in's bearer token; 401
without consent; 400 for a body that is not a reminder (no requestTime, a trigger that is
neither SCHEDULED_ABSOLUTE nor SCHEDULED_RELATIVE, a scheduledTime with a time zone suffix,
an unknown timeZoneId, a recurrence without rules, no spoken text, a bad push status); 404
for an unknown alertToken. GET answers the whole reminder object, alertInfo included: the
shape that ask-sdk-model 1.82.0 fails to read back (ASK_NOTES.md), so tests can show the skill
never needs it. The error codes in 400 bodies are the stand-in's own words, not Amazon's.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar

from tools.standins.alexa import AlexaStandIn, Call, Reply, Ticking, bad_request, stamp
from tools.standins.reminder_rules import check, next_time

_ROOT = "/v1/alerts/reminders"
_ONE = _ROOT + r"/(?P<token>[A-Za-z0-9._:-]+)"


@dataclass(frozen=True)
class Rang:
    """A reminder that went off: what Alexa said, and when."""

    token: str
    text: str
    locale: str
    at: datetime


@dataclass
class Reminder:
    """One reminder as the API keeps it."""

    token: str
    body: dict[str, Any]
    created: datetime
    updated: datetime
    version: int = 1
    status: str = "ON"  # ON, or COMPLETED once a one-off reminder has gone off
    next_at: datetime | None = None  # when it goes off next (UTC)

    def summary(self) -> dict[str, Any]:
        """What create and update answer."""
        return {
            "alertToken": self.token,
            "createdTime": stamp(self.created),
            "updatedTime": stamp(self.updated),
            "status": self.status,
            "version": str(self.version),
            "href": f"{_ROOT}/{self.token}",
        }

    def to_json(self) -> dict[str, Any]:
        """The whole reminder object, as GET answers it."""
        return {
            "alertToken": self.token,
            "createdTime": stamp(self.created),
            "updatedTime": stamp(self.updated),
            "trigger": self.body["trigger"],
            "status": self.status,
            "alertInfo": self.body["alertInfo"],
            "pushNotification": self.body.get("pushNotification", {"status": "ENABLED"}),
            "version": str(self.version),
        }


@dataclass
class RemindersApi(Ticking):
    """The Reminders API routes on an AlexaStandIn, with the reminders they keep."""

    standin: AlexaStandIn
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    consent: bool = True  # the couple allowed this skill's reminders
    reminders: dict[str, Reminder] = field(default_factory=dict)
    rang: list[Rang] = field(default_factory=list)
    listeners: list[Callable[[Rang], None]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _ticking: threading.Event | None = None
    tick_every: ClassVar[float] = 0.2

    def __post_init__(self) -> None:
        route = self.standin.route
        route("POST", _ROOT, self._create)
        route("GET", _ROOT, self._list)
        route("GET", _ONE, self._get)
        route("PUT", _ONE, self._update)
        route("DELETE", _ONE, self._delete)

    def on_ring(self, listener: Callable[[Rang], None]) -> None:
        """Call `listener` with each reminder as it goes off."""
        self.listeners.append(listener)

    def fire_due(self) -> list[Rang]:
        """Go off for every reminder whose time has come; a daily one then waits for tomorrow."""
        with self._lock:
            now = self.now()
            went: list[Rang] = []
            for reminder in sorted(self.reminders.values(), key=lambda r: r.token):
                while reminder.next_at is not None and reminder.next_at <= now:
                    content = reminder.body["alertInfo"]["spokenInfo"]["content"][0]
                    went.append(
                        Rang(reminder.token, content["text"], content["locale"], reminder.next_at)
                    )
                    reminder.next_at = next_time(reminder.body, reminder.created, reminder.next_at)
                    if reminder.next_at is None:
                        reminder.status = "COMPLETED"
            self.rang.extend(went)
            listeners = list(self.listeners)
        for rang in went:
            for listener in listeners:
                listener(rang)
        return went

    # --- routes --------------------------------------------------------------------------

    def _create(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            problem = check(call.body)
            if problem:
                return bad_request(*problem)
            now = self.now()
            token = f"reminder-{next(self._ids)}"
            reminder = Reminder(token, call.body, now, now)
            reminder.next_at = next_time(call.body, now, None)
            self.reminders[token] = reminder
            return 200, reminder.summary()

    def _list(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            alerts = [r.to_json() for r in sorted(self.reminders.values(), key=_created)]
            return 200, {"totalCount": str(len(alerts)), "alerts": alerts, "links": None}

    def _get(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            reminder = self.reminders.get(call.match["token"])
            return (200, reminder.to_json()) if reminder else _missing()

    def _update(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            reminder = self.reminders.get(call.match["token"])
            if reminder is None:
                return _missing()
            problem = check(call.body)
            if problem:
                return bad_request(*problem)
            now = self.now()
            reminder.body, reminder.updated, reminder.status = call.body, now, "ON"
            reminder.version += 1
            reminder.next_at = next_time(call.body, now, None)
            return 200, reminder.summary()

    def _delete(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            return (200, None) if self.reminders.pop(call.match["token"], None) else _missing()

    def _refused(self) -> Reply | None:
        if self.consent:
            return None
        return 401, {"code": "UNAUTHORIZED", "message": "No permission for reminders."}


def _created(reminder: Reminder) -> datetime:
    return reminder.created


def _missing() -> Reply:
    return 404, {"code": "NOT_FOUND", "message": "No reminder with this alertToken."}
