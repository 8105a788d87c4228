"""Configuration from the environment, parsed once."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Config:
    """What the skill needs to know about where it runs."""

    table_name: str
    skill_id: str | None
    log_level: str
    alexa_api_timeout: float
    allow_loopback_http: bool
    alexa_api_endpoint: str | None  # the region's Alexa API, connected to during init
    function_name: str | None = None  # set by Lambda; metrics lines are printed only then

    @property
    def in_lambda(self) -> bool:
        """Whether this runs on Lambda: init may open connections (tests, console never do)."""
        return self.function_name is not None


def from_env() -> Config:
    """Read the configuration from environment variables."""
    return Config(
        table_name=os.environ.get("TABLE_NAME", "reconnect-ritual"),
        skill_id=os.environ.get("SKILL_ID") or None,
        log_level=os.environ.get("LOG_LEVEL", "INFO").upper(),
        alexa_api_timeout=float(os.environ.get("ALEXA_API_TIMEOUT", "1.0")),
        allow_loopback_http=os.environ.get("ALEXA_API_ALLOW_LOOPBACK_HTTP") == "1",
        alexa_api_endpoint=os.environ.get("ALEXA_API_ENDPOINT") or None,
        function_name=os.environ.get("AWS_LAMBDA_FUNCTION_NAME") or None,
    )
