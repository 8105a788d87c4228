"""The couple's local date: the request's time in the device's time zone."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime, tzinfo

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model.services import ServiceException
from dateutil import tz

log = logging.getLogger(__name__)


def request_time(handler_input: HandlerInput) -> datetime:
    """When the request was made (UTC), from the envelope; now if it has none."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return datetime.now(UTC)


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


def zone_info(name: str | None) -> tzinfo | None:
    """The tzinfo for an IANA zone name, or None for an unknown one."""
    if not name or len(name) > 64:
        return None
    info: tzinfo | None = tz.gettz(name)
    return info


def local_zone(zone: str | None, fallback_zone: str) -> tzinfo:
    """The tzinfo of `zone`, else of the locale's zone, else UTC."""
    return zone_info(zone) or zone_info(fallback_zone) or UTC


def local_date(moment: datetime, zone: str | None, fallback_zone: str) -> date:
    """The calendar date at `moment` in `zone` (or the locale's zone when that is unknown)."""
    return moment.astimezone(local_zone(zone, fallback_zone)).date()
