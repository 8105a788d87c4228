"""The Alexa Settings API: the device's time zone, so that "today" is the couple's day."""

from __future__ import annotations

import logging

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services import ServiceException

from reconnect.alexa.clock import zone_info

log = logging.getLogger(__name__)


def device_time_zone(handler_input: HandlerInput) -> str | None:
    """The device's time zone from the Alexa Settings API, or None when it cannot be had."""
    context = handler_input.request_envelope.context
    system = getattr(context, "system", None)
    device = getattr(system, "device", None)
    device_id = getattr(device, "device_id", None)
    factory = handler_input.service_client_factory
    if not device_id or factory is None or not getattr(system, "api_endpoint", None):
        return None
    try:
        zone = factory.get_ups_service().get_system_time_zone(device_id)
    except (ServiceException, ApiClientException, ValueError, TypeError) as error:
        log.warning("time zone unavailable", extra={"reason": type(error).__name__})
        return None
    return zone if isinstance(zone, str) and zone_info(zone) is not None else None
