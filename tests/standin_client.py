"""A tiny HTTP client for the Alexa API stand-in, for tests that speak its HTTP directly."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from tools.standins.alexa import AlexaStandIn


class Api:
    """A tiny HTTP client for the stand-in."""

    def __init__(self, standin: AlexaStandIn, token: str | None = None) -> None:
        self.base = standin.url
        self.token = standin.token if token is None else token

    def __call__(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        """Send one request; (status, parsed body or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.base + path,
            data=data,
            method=method,
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=5) as answer:
                raw = answer.read()
                return answer.status, json.loads(raw) if raw else None
        except urllib.error.HTTPError as error:
            raw = error.read()
            return error.code, json.loads(raw) if raw else None
