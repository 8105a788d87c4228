"""Structured logs: one JSON object per line, never a user id, token or anything said."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

_STANDARD = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Formats a log record as one JSON line with its `extra` fields."""

    def format(self, record: logging.LogRecord) -> str:
        """The JSON line."""
        line: dict[str, Any] = {
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD:
                line[key] = value
        if record.exc_info and record.exc_info[0] is not None:
            line["error_type"] = record.exc_info[0].__name__
        return json.dumps(line, default=str)


def request_facts(event: object) -> dict[str, Any]:
    """What a request's log line may say of it: its id, type and intent name, nothing else."""
    request = event.get("request") if isinstance(event, dict) else None
    request = request if isinstance(request, dict) else {}
    facts: dict[str, Any] = {
        "request_id": str(request.get("requestId", ""))[:100],
        "request_type": str(request.get("type", ""))[:60],
    }
    intent = request.get("intent")
    if isinstance(intent, dict):
        facts["intent"] = str(intent.get("name", ""))[:60]
    return facts


def configure(level: str) -> None:
    """Send the package's logs to stdout as JSON lines (Lambda forwards stdout to CloudWatch)."""
    logger = logging.getLogger("reconnect")
    if any(isinstance(h.formatter, JsonFormatter) for h in logger.handlers):
        return
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    logger.addHandler(handler)
    logger.setLevel(level if level in logging.getLevelNamesMapping() else "INFO")
    logger.propagate = False
