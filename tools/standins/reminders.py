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
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from dateutil import rrule, tz

from tools.standins.alexa import AlexaStandIn, Call, Reply, Ticking

_ROOT = "/v1/alerts/reminders"
_ONE = _ROOT + r"/(?P<token>[A-Za-z0-9._:-]+)"
_TRIGGERS = frozenset({"SCHEDULED_ABSOLUTE", "SCHEDULED_RELATIVE"})
_PUSH = frozenset({"ENABLED", "DISABLED"})
MAX_TEXT = 250


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
            "createdTime": _stamp(self.created),
            "updatedTime": _stamp(self.updated),
            "status": self.status,
            "version": str(self.version),
            "href": f"{_ROOT}/{self.token}",
        }

    def to_json(self) -> dict[str, Any]:
        """The whole reminder object, as GET answers it."""
        return {
            "alertToken": self.token,
            "createdTime": _stamp(self.created),
            "updatedTime": _stamp(self.updated),
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
                    reminder.next_at = _next(reminder.body, reminder.created, reminder.next_at)
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
                return _bad(*problem)
            now = self.now()
            token = f"reminder-{next(self._ids)}"
            reminder = Reminder(token, call.body, now, now)
            reminder.next_at = _next(call.body, now, None)
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
                return _bad(*problem)
            now = self.now()
            reminder.body, reminder.updated, reminder.status = call.body, now, "ON"
            reminder.version += 1
            reminder.next_at = _next(call.body, now, None)
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


def check(body: object) -> tuple[str, str] | None:
    """Why `body` is not a reminder the API would take: (code, message); None when it is."""
    if not isinstance(body, dict):
        return "INVALID_REQUEST", "The body must be a reminder object."
    if _local_time(body.get("requestTime")) is None:
        return "INVALID_REQUEST_TIME", "requestTime must be an ISO-8601 date and time."
    problem = _check_trigger(body.get("trigger"))
    if problem:
        return "INVALID_TRIGGER", problem
    info = body.get("alertInfo")
    spoken = info.get("spokenInfo") if isinstance(info, dict) else None
    content = spoken.get("content") if isinstance(spoken, dict) else None
    if not isinstance(content, list) or not content:
        return "INVALID_ALERT_INFO", "alertInfo.spokenInfo.content needs at least one entry."
    for entry in content:
        text = entry.get("text") if isinstance(entry, dict) else None
        if not isinstance(entry, dict) or not isinstance(entry.get("locale"), str):
            return "INVALID_ALERT_INFO", "each spoken content needs a locale."
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            return "INVALID_ALERT_INFO", f"each spoken content needs text of {MAX_TEXT} or less."
    push = body.get("pushNotification")
    if push is not None and (not isinstance(push, dict) or push.get("status") not in _PUSH):
        return "INVALID_PUSH_NOTIFICATION", "pushNotification.status is ENABLED or DISABLED."
    return None


def _check_trigger(trigger: object) -> str | None:
    if not isinstance(trigger, dict) or trigger.get("type") not in _TRIGGERS:
        return "trigger.type must be SCHEDULED_ABSOLUTE or SCHEDULED_RELATIVE"
    if trigger["type"] == "SCHEDULED_RELATIVE":
        offset = trigger.get("offsetInSeconds")
        if isinstance(offset, bool) or not isinstance(offset, int | str):
            return "SCHEDULED_RELATIVE needs offsetInSeconds"
        return None if str(offset).isdigit() and int(offset) > 0 else "offsetInSeconds > 0"
    zone = trigger.get("timeZoneId")
    if zone is not None and (not isinstance(zone, str) or tz.gettz(zone) is None):
        return "timeZoneId must be a known IANA time zone"
    scheduled = trigger.get("scheduledTime")
    if scheduled is not None and _local_time(scheduled) is None:
        return "scheduledTime must be a local ISO-8601 time without a zone suffix"
    recurrence = trigger.get("recurrence")
    if recurrence is None:
        return None if scheduled is not None else "SCHEDULED_ABSOLUTE needs scheduledTime"
    if not isinstance(recurrence, dict):
        return "recurrence must be an object"
    rules = recurrence.get("recurrenceRules")
    if rules is None:
        return None if recurrence.get("freq") in ("DAILY", "WEEKLY") else "recurrence needs rules"
    if not isinstance(rules, list) or not rules:
        return "recurrenceRules must be a non-empty list"
    start = recurrence.get("startDateTime", scheduled)
    if _local_time(start) is None:
        return "recurrence needs a local startDateTime"
    for rule in rules:
        if not isinstance(rule, str) or not rule.startswith("FREQ="):
            return "each recurrence rule starts with FREQ="
        try:
            rrule.rrulestr(rule.rstrip(";"), dtstart=_local_time(start))
        except (ValueError, TypeError):
            return f"recurrence rule {rule!r} cannot be read"
    return None


def _local_time(value: object) -> datetime | None:
    """A local ISO time such as '2026-11-25T20:00:00.000'; None for anything else."""
    if not isinstance(value, str) or len(value) > 40 or value.endswith("Z") or "+" in value[10:]:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


def _next(body: dict[str, Any], created: datetime, after: datetime | None) -> datetime | None:
    """When a reminder goes off next (UTC), after `after` (None: its first time)."""
    trigger = body["trigger"]
    if trigger["type"] == "SCHEDULED_RELATIVE":
        return (
            created + timedelta(seconds=int(trigger["offsetInSeconds"])) if after is None else None
        )
    zone = tz.gettz(trigger.get("timeZoneId") or "UTC") or UTC
    rules = (trigger.get("recurrence") or {}).get("recurrenceRules")
    scheduled = _local_time(trigger.get("scheduledTime"))
    if not rules:
        if after is not None or scheduled is None:
            return None
        return scheduled.replace(tzinfo=zone).astimezone(UTC)
    recurrence = trigger["recurrence"]
    start = _local_time(recurrence.get("startDateTime")) or scheduled or created
    floor = (after or created).astimezone(zone).replace(tzinfo=None)
    found = [
        rrule.rrulestr(rule.rstrip(";"), dtstart=start).after(floor, inc=after is None)
        for rule in rules
    ]
    upcoming = [moment for moment in found if moment is not None]
    return min(upcoming).replace(tzinfo=zone).astimezone(UTC) if upcoming else None


def _created(reminder: Reminder) -> datetime:
    return reminder.created


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _bad(code: str, message: str) -> Reply:
    return 400, {"code": code, "message": message}


def _missing() -> Reply:
    return 404, {"code": "NOT_FOUND", "message": "No reminder with this alertToken."}
