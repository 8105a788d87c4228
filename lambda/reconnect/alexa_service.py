"""One request's calls to an Alexa service client (timers, reminders): a time budget, and every
failure sorted into the two cases a caller can act on, 'refused' (401/403) and 'unavailable'."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, ClassVar

from ask_sdk_core.exceptions import ApiClientException, SerializationException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services import ServiceException

log = logging.getLogger(__name__)

_REFUSED = frozenset({401, 403})
_FAILURES = (ServiceException, ApiClientException, SerializationException, ValueError, TypeError)


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
