"""Fixtures for driving lambda_handler as Alexa would."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.conftest import Clock
from tools.alexa_standin import AlexaStandIn
from tools.envelopes import Device, Session


@pytest.fixture
def handler(dynamodb: Any) -> Any:
    """The skill's Lambda entry point, with DynamoDB in moto."""
    from reconnect.app import lambda_handler

    return lambda_handler


@pytest.fixture
def couple(handler: Any, standin: AlexaStandIn, clock: Clock) -> Session:
    """A couple talking to one Echo whose time zone is New York."""
    standin.time_zones["amzn1.ask.device.LOCALECHO"] = "America/New_York"
    return Session(handler, Device(api_endpoint=standin.url), clock=clock)


class CallCounter:
    """Counts the DynamoDB operations the skill's own client makes (a botocore event hook)."""

    def __init__(self) -> None:
        self.calls: list[str] = []

    def __call__(self, model: Any, **_: Any) -> None:
        """Record one operation."""
        self.calls.append(model.name)

    def count(self, operation: str) -> int:
        """How many of `operation` were made."""
        return self.calls.count(operation)

    def reset(self) -> None:
        """Forget what was counted."""
        self.calls.clear()


@pytest.fixture
def dynamodb_calls(handler: Any) -> Iterator[CallCounter]:
    """Every DynamoDB call the skill makes during the test."""
    from reconnect import app

    counter = CallCounter()
    events = app.STORE._client.meta.events
    events.register("before-call.dynamodb", counter)
    yield counter
    events.unregister("before-call.dynamodb", counter)
