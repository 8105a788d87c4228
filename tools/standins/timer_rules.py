"""What the Timers API accepts: ISO-8601 durations and a timer's behaviour."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

MAX_DURATION = timedelta(hours=2)
_DURATION = re.compile(r"^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$")
_OPERATIONS = frozenset({"ANNOUNCE", "LAUNCH_TASK", "NOTIFY_ONLY"})


def duration(text: object) -> timedelta | None:
    """An ISO-8601 'PT…' duration ('PT1M', 'PT2M30S', 'PT1H'); None when it is not one."""
    found = _DURATION.match(text) if isinstance(text, str) else None
    if not found or not any(found.groups()):
        return None
    hours, minutes, seconds = found.groups()
    return timedelta(hours=int(hours or 0), minutes=int(minutes or 0), seconds=float(seconds or 0))


def iso(span: timedelta) -> str:
    """A timedelta as an ISO-8601 duration, whole seconds."""
    total = max(0, round(span.total_seconds()))
    hours, rest = divmod(total, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


def check_behaviour(body: dict[str, Any]) -> str | None:
    """Why a timer's creation and triggering behaviour is not one the API takes; None if it is."""
    creation = body.get("creationBehavior")
    display = creation.get("displayExperience") if isinstance(creation, dict) else None
    if not isinstance(display, dict) or display.get("visibility") not in ("VISIBLE", "HIDDEN"):
        return "creationBehavior.displayExperience.visibility must be VISIBLE or HIDDEN"
    trigger = body.get("triggeringBehavior")
    if not isinstance(trigger, dict):
        return "triggeringBehavior is required"
    operation = trigger.get("operation")
    if not isinstance(operation, dict) or operation.get("type") not in _OPERATIONS:
        return "triggeringBehavior.operation.type must be ANNOUNCE, LAUNCH_TASK or NOTIFY_ONLY"
    if operation["type"] == "ANNOUNCE":
        texts = operation.get("textToAnnounce")
        if not isinstance(texts, list) or not texts:
            return "ANNOUNCE needs textToAnnounce"
        for entry in texts:
            if not isinstance(entry, dict) or not all(
                isinstance(entry.get(k), str) and entry.get(k) for k in ("locale", "text")
            ):
                return "each textToAnnounce needs a locale and a text"
    config = trigger.get("notificationConfig")
    if not isinstance(config, dict) or not isinstance(config.get("playAudible"), bool):
        return "triggeringBehavior.notificationConfig.playAudible must be true or false"
    return None
