"""The Alexa Timers API on the stand-in: timers that really run, on a clock you control.

    timers = TimersApi(standin, now=clock)      # registers the routes on an AlexaStandIn
    timers.consent = False                      # no permission: every call answers 401
    timers.fire_due()                           # announce every timer whose time has come
    timers.start_ticking()                      # or let a thread do it (the console)

It speaks the API as Amazon documents it: create, list, get, pause, resume, delete one,
delete all; the stand-in's bearer token; 401 without consent; 400 for a bad body, a bad
or too long duration (over two hours) or a label already in use; 404 for an unknown id;
at most ten timers per user, the user's own timers (`others`) included. The error codes
in 400 bodies are the stand-in's own words, not Amazon's.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from tools.standins.alexa import AlexaStandIn, Call, Reply, Ticking, bad_request, stamp
from tools.standins.timer_rules import MAX_DURATION, check_behaviour, duration, iso

MAX_TIMERS = 10
_ROOT = "/v1/alerts/timers"
_ONE = _ROOT + r"/(?P<id>[A-Za-z0-9._:-]+)"


@dataclass(frozen=True)
class Fired:
    """A timer that went off: what Alexa would have said, and when."""

    label: str | None
    text: str | None  # the announcement in the timer's first locale (None unless ANNOUNCE)
    locale: str | None
    at: datetime
    duration: str


@dataclass
class Timer:
    """One timer as the API keeps it."""

    id: str
    duration: str
    label: str | None
    created: datetime
    trigger: datetime | None  # when it goes off, while ON
    remaining: timedelta | None  # while PAUSED
    operation: dict[str, Any]
    play_audible: bool
    visibility: str
    updated: datetime

    @property
    def status(self) -> str:
        """ON or PAUSED."""
        return "PAUSED" if self.remaining is not None else "ON"

    def to_json(self) -> dict[str, Any]:
        """The timer object the API answers with."""
        body: dict[str, Any] = {
            "id": self.id,
            "status": self.status,
            "duration": self.duration,
            "createdTime": stamp(self.created),
            "updatedTime": stamp(self.updated),
        }
        if self.label is not None:
            body["timerLabel"] = self.label
        if self.trigger is not None:
            body["triggerTime"] = stamp(self.trigger)
        if self.remaining is not None:
            body["remainingTimeWhenPaused"] = iso(self.remaining)
        return body


@dataclass
class TimersApi(Ticking):
    """The Timers API routes on an AlexaStandIn, with the timers they create."""

    standin: AlexaStandIn
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    consent: bool = True  # the couple allowed this skill's timers
    others: int = 0  # the user's own timers, which count towards the limit of ten
    timers: dict[str, Timer] = field(default_factory=dict)
    fired: list[Fired] = field(default_factory=list)
    listeners: list[Callable[[Fired], None]] = field(default_factory=list)
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.RLock = field(default_factory=threading.RLock)
    _ticking: threading.Event | None = None
    tick_every: ClassVar[float] = 0.05

    def __post_init__(self) -> None:
        route = self.standin.route
        route("POST", _ROOT, self._create)
        route("GET", _ROOT, self._list)
        route("DELETE", _ROOT, self._delete_all)
        route("GET", _ONE, self._get)
        route("DELETE", _ONE, self._delete)
        route("POST", _ONE + "/pause", self._pause)
        route("POST", _ONE + "/resume", self._resume)

    def on_fire(self, listener: Callable[[Fired], None]) -> None:
        """Call `listener` with each timer as it goes off."""
        self.listeners.append(listener)

    def fire_due(self) -> list[Fired]:
        """Set off every running timer whose time has come, in order; they are then gone."""
        with self._lock:
            now = self.now()
            due = sorted(
                (t for t in self.timers.values() if t.trigger is not None and t.trigger <= now),
                key=lambda t: (t.trigger or now, t.id),
            )
            went: list[Fired] = []
            for timer in due:
                del self.timers[timer.id]
                text, locale = _announcement(timer.operation)
                went.append(Fired(timer.label, text, locale, timer.trigger or now, timer.duration))
            self.fired.extend(went)
            listeners = list(self.listeners)
        for fired in went:
            for listener in listeners:
                listener(fired)
        return went

    def remaining(self, timer_id: str) -> timedelta | None:
        """How long until a timer goes off (None when there is no such timer)."""
        with self._lock:
            timer = self.timers.get(timer_id)
            if timer is None:
                return None
            if timer.remaining is not None:
                return timer.remaining
            assert timer.trigger is not None
            return timer.trigger - self.now()

    # --- routes --------------------------------------------------------------------------

    def _create(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            body = call.body
            if not isinstance(body, dict):
                return bad_request("INVALID_REQUEST", "The body must be a timer object.")
            length = duration(body.get("duration"))
            if length is None or not timedelta(0) < length <= MAX_DURATION:
                return bad_request(
                    "INVALID_DURATION", "duration must be an ISO-8601 PT… of 2 hours or less"
                )
            label = body.get("timerLabel")
            if label is not None and (not isinstance(label, str) or len(label) > 256):
                return bad_request(
                    "INVALID_TIMER_LABEL", "timerLabel must be text of 256 characters or less"
                )
            if label is not None and any(t.label == label for t in self.timers.values()):
                return bad_request(
                    "DUPLICATE_TIMER_LABEL", "A timer with this label already exists."
                )
            problem = check_behaviour(body)
            if problem:
                return bad_request("INVALID_REQUEST", problem)
            if len(self.timers) + self.others >= MAX_TIMERS:
                return bad_request(
                    "MAX_TIMERS_EXCEEDED", "The user already has the most timers allowed."
                )
            now = self.now()
            trigger = body["triggeringBehavior"]
            timer = Timer(
                id=f"timer-{next(self._ids)}",
                duration=str(body["duration"]),
                label=label,
                created=now,
                trigger=now + length,
                remaining=None,
                operation=dict(trigger["operation"]),
                play_audible=bool(trigger["notificationConfig"]["playAudible"]),
                visibility=body["creationBehavior"]["displayExperience"]["visibility"],
                updated=now,
            )
            self.timers[timer.id] = timer
            return 200, timer.to_json()

    def _list(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            timers = sorted(self.timers.values(), key=lambda t: t.created)
            return 200, {"timers": [t.to_json() for t in timers], "totalCount": len(timers)}

    def _get(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            timer = self.timers.get(call.match["id"])
            return (200, timer.to_json()) if timer else _missing()

    def _delete(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            return (200, None) if self.timers.pop(call.match["id"], None) else _missing()

    def _delete_all(self, call: Call) -> Reply:
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            self.timers.clear()
            return 200, None

    def _pause(self, call: Call) -> Reply:
        return self._on_timer(call, _pause)

    def _resume(self, call: Call) -> Reply:
        return self._on_timer(call, _resume)

    def _on_timer(self, call: Call, act: Callable[[Timer, datetime], None]) -> Reply:
        """Apply `act` to the timer the path names, as the API does: consent first, then 404."""
        with self._lock:
            refused = self._refused()
            if refused:
                return refused
            timer = self.timers.get(call.match["id"])
            if timer is None:
                return _missing()
            act(timer, self.now())
            return 200, None

    def _refused(self) -> Reply | None:
        if self.consent:
            return None
        return 401, {"code": "UNAUTHORIZED", "message": "No permission for timers."}


def _announcement(operation: dict[str, Any]) -> tuple[str | None, str | None]:
    if operation.get("type") != "ANNOUNCE":
        return None, None
    first = operation["textToAnnounce"][0]
    return str(first["text"]), str(first["locale"])


def _missing() -> Reply:
    return 404, {"code": "TIMER_NOT_FOUND", "message": "No timer with this id."}


def _pause(timer: Timer, now: datetime) -> None:
    """A running timer stops counting; a paused one stays as it is."""
    if timer.trigger is not None:
        timer.remaining, timer.trigger, timer.updated = timer.trigger - now, None, now


def _resume(timer: Timer, now: datetime) -> None:
    """A paused timer counts down again from what it had left; a running one stays as it is."""
    if timer.remaining is not None:
        timer.trigger, timer.remaining, timer.updated = now + timer.remaining, None, now
