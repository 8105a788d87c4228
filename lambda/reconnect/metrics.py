"""What an operator watches, as CloudWatch metrics: one Embedded Metric Format line a request.

Everything is derived at the few places every request passes through, never from anything
said: the couple's record as read and as kept (together time started or completed, check-ins
added), whether the answer was the safety answer, and the failures the skill lived through
(DynamoDB, the Alexa APIs, a handler that raised, a request it could not read). A line holds
the counts and the function's name, nothing else: no user id, token or slot value.

Outside Lambda (the console, the web service, tests) nothing is printed unless a function
name is given; counting is a no-op outside `request()`.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from reconnect.domain.record import Record

NAMESPACE = "ReconnectRitual"
DIMENSION = "FunctionName"

TOGETHER_TIME_STARTED = "TogetherTimeStarted"
TOGETHER_TIME_COMPLETED = "TogetherTimeCompleted"
CHECK_INS = "CheckIns"  # ratings kept, one per partner
SAFETY_ANSWERS = "SafetyAnswers"
STORAGE_FAILURES = "StorageFailures"  # a DynamoDB read, write or delete that did not happen
ALEXA_API_FAILURES = "AlexaApiFailures"  # timers, reminders, settings: unreachable, 429 or 5xx
SKILL_ERRORS = "SkillErrors"  # a handler or interceptor raised; the catch-all answered
UNREADABLE_REQUESTS = "UnreadableRequests"  # failed before the skill: the entry point apologised
COUNTS = (
    TOGETHER_TIME_STARTED,
    TOGETHER_TIME_COMPLETED,
    CHECK_INS,
    SAFETY_ANSWERS,
    STORAGE_FAILURES,
    ALEXA_API_FAILURES,
    SKILL_ERRORS,
    UNREADABLE_REQUESTS,
)
FAILURES = (STORAGE_FAILURES, ALEXA_API_FAILURES, SKILL_ERRORS, UNREADABLE_REQUESTS)


@dataclass
class Tally:
    """One request's counts, and what is needed to derive them at the end of the turn."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    loaded: Record | None = None  # the record as read, before this turn changed it
    answered: bool = False  # the turn reached the response path (no exception handler)


_CURRENT: ContextVar[Tally | None] = ContextVar("reconnect_metrics", default=None)


@contextmanager
def request(function_name: str | None) -> Iterator[Tally]:
    """Count one request; on leaving, print its EMF line when `function_name` is set."""
    tally = Tally()
    token = _CURRENT.set(tally)
    try:
        yield tally
    finally:
        _CURRENT.reset(token)
        if function_name:
            sys.stdout.write(json.dumps(emf_line(tally.counts, function_name)) + "\n")
            sys.stdout.flush()


def count(name: str, amount: int = 1) -> None:
    """Add to one of this request's counts (nothing happens outside `request()`)."""
    tally = _CURRENT.get()
    if tally is not None:
        tally.counts[name] += amount


def turn_loaded(record: Record | None) -> None:
    """The record as read at the start of the turn (None: it could not be read)."""
    tally = _CURRENT.get()
    if tally is not None:
        tally.loaded = record


def turn_answered(kept: Record | None) -> None:
    """The turn answered normally; `kept` is the record as stored now (None: nothing kept)."""
    tally = _CURRENT.get()
    if tally is None:
        return
    tally.answered = True
    before = tally.loaded
    if before is None or kept is None:
        return
    if kept.ritual is not None and (
        before.ritual is None or before.ritual.started_at != kept.ritual.started_at
    ):
        tally.counts[TOGETHER_TIME_STARTED] += 1
    completed = kept.rituals_completed - before.rituals_completed
    tally.counts[TOGETHER_TIME_COMPLETED] += max(0, completed)
    tally.counts[CHECK_INS] += len(set(kept.checkins) - set(before.checkins))


def replied(urgent: bool) -> None:
    """A reply was made; an urgent one is the safety answer."""
    if urgent:
        count(SAFETY_ANSWERS)


def api_answered(status: int | None) -> None:
    """An Alexa API call ended with `status` (None: no answer at all)."""
    if status is None or status == 429 or status >= 500:
        count(ALEXA_API_FAILURES)


def emf_line(
    counts: dict[str, int], function_name: str, now_ms: int | None = None
) -> dict[str, object]:
    """The EMF document for one request's counts (CloudWatch extracts the metrics from it)."""
    stamp = int(time.time() * 1000) if now_ms is None else now_ms
    return {
        "_aws": {
            "Timestamp": stamp,
            "CloudWatchMetrics": [
                {
                    "Namespace": NAMESPACE,
                    "Dimensions": [[DIMENSION]],
                    "Metrics": [{"Name": name, "Unit": "Count"} for name in COUNTS],
                }
            ],
        },
        DIMENSION: function_name,
        **{name: counts.get(name, 0) for name in COUNTS},
    }
