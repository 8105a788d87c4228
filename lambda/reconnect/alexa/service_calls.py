"""One request's calls to an Alexa service client (timers, reminders): a time budget, and every
failure sorted into the two cases a caller can act on, 'refused' (401/403) and 'unavailable'.

Calls that do not depend on each other (six timers to create, pause or delete) go out at once,
on a small pool of threads made once per process: one round trip instead of six in a row.
"""

from __future__ import annotations

import contextvars
import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, ClassVar, TypeVar

from ask_sdk_core.exceptions import ApiClientException, SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services import ServiceException

log = logging.getLogger(__name__)

_REFUSED = frozenset({401, 403})
_FAILURES = (ServiceException, ApiClientException, SerializationException, ValueError, TypeError)
# Together time makes six timers at once; the pool's own connections allow as many.
PARALLEL_CALLS = 6
_WORKERS = ThreadPoolExecutor(max_workers=PARALLEL_CALLS, thread_name_prefix="alexa-api")
T = TypeVar("T")


class ServiceCalls:
    """Subclasses name their service getter, their two exceptions and, if any, a time budget."""

    getter: ClassVar[str]  # the ServiceClientFactory method, e.g. "get_timer_management_service"
    refused: ClassVar[type[Exception]]
    unavailable: ClassVar[type[Exception]]
    budget_seconds: ClassVar[float | None] = None

    def __init__(self, client: Any | None) -> None:
        self._client = client
        budget = self.budget_seconds
        self._deadline = None if budget is None else time.monotonic() + budget

    @classmethod
    def client_for(cls, handler_input: HandlerInput) -> Any | None:
        """The SDK's service client for this request; None without an apiEndpoint or ApiClient."""
        system = getattr(handler_input.request_envelope.context, "system", None)
        factory = handler_input.service_client_factory
        if factory is None or not getattr(system, "api_endpoint", None):
            return None
        try:
            return getattr(factory, cls.getter)()
        except ValueError:
            return None

    def _call(self, what: str, call: Callable[..., Any], quiet: set[int] | None = None) -> Any:
        """Run one call; a status in `quiet` answers None, other failures raise ours."""
        name = type(self).__name__.lower()
        if self._client is None:
            raise self.unavailable("no Alexa API endpoint")
        if self._deadline is not None and time.monotonic() > self._deadline:
            log.warning(f"{name} call skipped: out of time", extra={"call": what})
            raise self.unavailable(f"{what}: out of time")
        try:
            return call(self._client)
        except _FAILURES as error:
            status = getattr(error, "status_code", None)
            if quiet and status in quiet:
                return None
            log.warning(f"{name} call failed", extra={"call": what, "status": status})
            if status in _REFUSED:
                raise self.refused(what) from error
            raise self.unavailable(f"{what}: {status or type(error).__name__}") from error

    def _at_once(self, calls: Sequence[Callable[[], T]]) -> list[T | Exception]:
        """Run independent calls at the same time; each one's result or exception, in order.

        Each call is bounded by the client's timeout and checks the budget before it starts,
        so this returns once all have answered, failed or given up.
        """
        if len(calls) <= 1:
            return [_outcome(call) for call in calls]
        futures = [_submit(_outcome, call) for call in calls]
        return [future.result() for future in futures]


def start_workers() -> None:
    """Start every thread of the pool now (during init), not in the first together time."""
    ready = threading.Barrier(PARALLEL_CALLS)
    for future in [_WORKERS.submit(ready.wait, 5.0) for _ in range(PARALLEL_CALLS)]:
        future.exception()  # a broken barrier only means fewer threads were started


def in_background(call: Callable[[], T]) -> Future[T]:
    """Start `call` on the pool's threads (a network wait to overlap with another); its future."""
    return _submit(call)


def _submit(call: Callable[..., T], *args: Any) -> Future[T]:
    """Run on a pool thread inside this request's context, so what it counts (metrics.py's
    tally for this request) is counted for this request."""
    return _WORKERS.submit(contextvars.copy_context().run, call, *args)


def _outcome(call: Callable[[], T]) -> T | Exception:
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - handed back to the caller, which decides
        return error
