"""Per-process work done during init, so that no request pays for it; and SnapStart's hooks.

Lambda runs init at full speed and a request on MemorySize/1769 of a core, so whatever a
first request would do once per process is done here instead: prime the skill with requests
that touch no couple (the SDK imports its model classes lazily; content and zones warm up), and,
in Lambda, open the connections to DynamoDB and to the region's Alexa API: on threads started
as early as init can (`Opening`), so that their round trips pass while init imports and builds.

With SnapStart the process is snapshotted after init and restored many times later: open
connections would be stale, so they are closed before the snapshot and opened again after each
restore. Nothing else made here is per-request or bound to a time (clocks are read per request).
`snapshot_restore_py` exists only in Lambda's runtime (and as a dev dependency for tests).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ask_sdk_model import RequestEnvelope

from reconnect.alexa.http_pool import ConnectionPool
from reconnect.alexa.service_calls import PARALLEL_CALLS, start_workers

if TYPE_CHECKING:
    from reconnect.store import Store

log = logging.getLogger(__name__)

_SYSTEM = {"application": {"applicationId": ""}, "device": {"deviceId": "warm-up"}}
_PRIMERS = (
    {"type": "LaunchRequest"},
    {"type": "IntentRequest", "intent": {"name": "TodayStepIntent", "slots": {}}},
    {
        "type": "IntentRequest",
        "intent": {"name": "GoToStepIntent", "slots": {"number": {"name": "number", "value": "2"}}},
    },
    {"type": "SessionEndedRequest", "reason": "ERROR", "error": {"type": "INTERNAL_SERVICE_ERROR"}},
)


def primers(skill_id: str | None, locales: Iterable[str]) -> list[dict[str, Any]]:
    """Request envelopes with no user and no apiEndpoint: they read and write nothing."""
    system = {**_SYSTEM, "application": {"applicationId": skill_id or ""}}
    events = []
    for number, (locale, request) in enumerate(
        (locale, request) for locale in locales for request in _PRIMERS
    ):
        events.append(
            {
                "version": "1.0",
                "session": {"new": True, "sessionId": f"warm-up-{number}", "attributes": {}},
                "context": {"System": system},
                "request": {
                    **request,
                    "requestId": f"warm-up-{number}",
                    "timestamp": "2026-01-01T12:00:00Z",
                    "locale": locale,
                },
            }
        )
    return events


def prime(skill: Any, events: Iterable[dict[str, Any]]) -> None:
    """Start the Alexa API threads, run each event through the skill and serialise the
    answer; failures are only logged."""
    start_workers()
    for event in events:
        try:
            envelope = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
            skill.serializer.serialize(skill.invoke(envelope, None))
        except Exception as error:  # noqa: BLE001 - priming must never stop the skill starting
            log.info("priming failed", extra={"error": type(error).__name__})


class Opening:
    """Connections being opened on threads while init goes on; `wait()` joins them all."""

    def __init__(self) -> None:
        self._threads: list[threading.Thread] = []

    def start(self, target: Callable[[], object], name: str) -> None:
        """Run `target` on a thread of its own, now."""
        thread = threading.Thread(target=target, name=name, daemon=True)
        thread.start()
        self._threads.append(thread)

    def alexa_api(
        self, pool: ConnectionPool, api_endpoint: str | None, count: int = PARALLEL_CALLS
    ) -> None:
        """Start opening `count` connections to the region's Alexa API (none without one)."""
        if api_endpoint:
            self.start(lambda: open_alexa_api(pool, api_endpoint, count), "warm-alexa-api")

    def dynamodb(self, store: Store) -> None:
        """Start opening the connection to DynamoDB."""
        self.start(store.warm, "warm-dynamodb")

    def wait(self) -> None:
        """Wait for every connection started to be open (or to have failed)."""
        while self._threads:
            self._threads.pop().join()


def open_alexa_api(pool: ConnectionPool, api_endpoint: str, count: int = PARALLEL_CALLS) -> None:
    """Open the connections together time uses at once; failures are only logged."""
    try:
        if pool.open(api_endpoint, count) < count:
            log.info("Alexa API warm-up opened fewer connections than asked")
    except ValueError as error:
        log.info("Alexa API warm-up failed", extra={"error": type(error).__name__})


def connect(
    store: Store, pool: ConnectionPool, api_endpoint: str | None, count: int = PARALLEL_CALLS
) -> None:
    """Open the connections requests would open, DynamoDB's and the Alexa API's (as many as
    together time uses at once), all at the same time: this waits for the slowest only."""
    opening = Opening()
    opening.alexa_api(pool, api_endpoint, count)
    opening.dynamodb(store)
    opening.wait()


def disconnect(store: Store, pool: ConnectionPool) -> None:
    """Close every open connection (they would not survive a snapshot)."""
    pool.close_all()
    store.close_connections()


def register_snapshot_hooks(before: Callable[[], None], after: Callable[[], None]) -> bool:
    """Register SnapStart's runtime hooks, where the runtime has them; whether it did."""
    try:
        from snapshot_restore_py import register_after_restore, register_before_snapshot
    except ImportError:
        return False
    register_before_snapshot(before)
    register_after_restore(after)
    return True
