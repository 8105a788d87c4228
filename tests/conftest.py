"""Shared fixtures: fake AWS, DynamoDB in moto, the Alexa API stand-in, a controllable clock."""

from __future__ import annotations

import os

# Set before the skill is imported anywhere: it reads its configuration and makes its client once.
os.environ.update(
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_SESSION_TOKEN="testing",
    AWS_DEFAULT_REGION="us-east-1",
    TABLE_NAME="reconnect-test",
    LOG_LEVEL="INFO",
    ALEXA_API_ALLOW_LOOPBACK_HTTP="1",
)
os.environ.pop("AWS_ENDPOINT_URL_DYNAMODB", None)
os.environ.pop("SKILL_ID", None)

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.core.botocore_stubber import BotocoreStubber

from tools.standins.alexa import AlexaStandIn

EVENTS = Path(__file__).parent / "events"
TABLE = os.environ["TABLE_NAME"]


def create_table(client: Any, name: str = TABLE) -> None:
    """The table as template.yaml declares it: a string hash key `pk`, on-demand."""
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )


@pytest.fixture
def dynamodb(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """DynamoDB in moto, with the skill's table.

    DynamoDB applies each request atomically (a conditional write is checked and made as one
    step); moto's in-process backend takes no lock, so two threads could both pass the same
    condition. Requests to the fake are serialised here, as the real service serialises them.
    """
    lock = threading.Lock()
    process = BotocoreStubber.process_request

    def atomic(self: BotocoreStubber, request: Any) -> Any:
        with lock:
            return process(self, request)

    monkeypatch.setattr(BotocoreStubber, "process_request", atomic)
    with mock_aws():
        client = boto3.client("dynamodb")
        create_table(client)
        yield client


@pytest.fixture
def standin() -> Iterator[AlexaStandIn]:
    """The Alexa service API stand-in on loopback."""
    server = AlexaStandIn().start()
    yield server
    server.stop()


@dataclass
class Clock:
    """A clock the test moves by hand."""

    now: datetime

    def __call__(self) -> datetime:
        """The current time."""
        return self.now

    def advance(self, **delta: float) -> None:
        """Move time forward."""
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """A morning in late November, UTC."""
    return Clock(datetime(2026, 11, 25, 14, 0, tzinfo=UTC))


def load_event(name: str, **request: Any) -> dict[str, Any]:
    """A request envelope from tests/events/, with request fields overridden."""
    event: dict[str, Any] = json.loads((EVENTS / name).read_text())
    event["request"].update(request)
    return event
