"""What the Reminders API accepts as a reminder, and when a kept one goes off next."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from dateutil import rrule, tz

_TRIGGERS = frozenset({"SCHEDULED_ABSOLUTE", "SCHEDULED_RELATIVE"})
_PUSH = frozenset({"ENABLED", "DISABLED"})
MAX_TEXT = 250


def check(body: object) -> tuple[str, str] | None:
    """Why `body` is not a reminder the API would take: (code, message); None when it is."""
    if not isinstance(body, dict):
        return "INVALID_REQUEST", "The body must be a reminder object."
    if local_time(body.get("requestTime")) is None:
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
    if scheduled is not None and local_time(scheduled) is None:
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
    if local_time(start) is None:
        return "recurrence needs a local startDateTime"
    for rule in rules:
        if not isinstance(rule, str) or not rule.startswith("FREQ="):
            return "each recurrence rule starts with FREQ="
        try:
            rrule.rrulestr(rule.rstrip(";"), dtstart=local_time(start))
        except (ValueError, TypeError):
            return f"recurrence rule {rule!r} cannot be read"
    return None


def local_time(value: object) -> datetime | None:
    """A local ISO time such as '2026-11-25T20:00:00.000'; None for anything else."""
    if not isinstance(value, str) or len(value) > 40 or value.endswith("Z") or "+" in value[10:]:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo is None else None


def next_time(body: dict[str, Any], created: datetime, after: datetime | None) -> datetime | None:
    """When a reminder goes off next (UTC), after `after` (None: its first time)."""
    trigger = body["trigger"]
    if trigger["type"] == "SCHEDULED_RELATIVE":
        return (
            created + timedelta(seconds=int(trigger["offsetInSeconds"])) if after is None else None
        )
    zone = tz.gettz(trigger.get("timeZoneId") or "UTC") or UTC
    rules = (trigger.get("recurrence") or {}).get("recurrenceRules")
    scheduled = local_time(trigger.get("scheduledTime"))
    if not rules:
        if after is not None or scheduled is None:
            return None
        return scheduled.replace(tzinfo=zone).astimezone(UTC)
    recurrence = trigger["recurrence"]
    start = local_time(recurrence.get("startDateTime")) or scheduled or created
    floor = (after or created).astimezone(zone).replace(tzinfo=None)
    found = [
        rrule.rrulestr(rule.rstrip(";"), dtstart=start).after(floor, inc=after is None)
        for rule in rules
    ]
    upcoming = [moment for moment in found if moment is not None]
    return min(upcoming).replace(tzinfo=zone).astimezone(UTC) if upcoming else None
