"""The request's moment, and time zone names made tzinfo (dateutil's zone data)."""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo

from ask_sdk_core.handler_input import HandlerInput
from dateutil import tz


def request_time(handler_input: HandlerInput) -> datetime:
    """When the request was made (UTC), from the envelope; now if it has none."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return datetime.now(UTC)


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
