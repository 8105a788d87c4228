"""Logs: one JSON line per request with its id; never a token, a user id or a slot value."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconnect.logs import JsonFormatter
from tools.standins.alexa import AlexaStandIn, Fault
from tools.standins.envelopes import Session

SECRET_SLOT = "forty-two <b>R&amp;B</b> private words"


@pytest.fixture
def logged() -> Iterator[io.StringIO]:
    """What the skill logs during the test, formatted as in production."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("reconnect")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


def converse(couple: Session, standin: AlexaStandIn) -> None:
    """A session that logs on every path: requests, warnings from failing APIs, a crash."""
    from reconnect import app

    standin.faults.append(Fault("timeZone", status=500))
    couple.launch()
    couple.intent("GoToStepIntent", number=SECRET_SLOT)
    couple.intent("GoToStepIntent", number="4")
    couple.intent("CrisisIntent")

    def broken(**_: Any) -> None:
        raise ClientError({"Error": {"Code": "InternalServerError", "Message": "x"}}, "GetItem")

    events = app.STORE.call_events
    events.register("before-call.dynamodb", broken)
    try:
        couple.intent("TodayStepIntent")
    finally:
        events.unregister("before-call.dynamodb", broken)


def test_no_log_line_holds_a_token_user_id_or_slot_value(
    couple: Session, standin: AlexaStandIn, logged: io.StringIO
) -> None:
    """Whatever happens, the logs hold no apiAccessToken, userId, deviceId or slot value."""
    converse(couple, standin)
    text = logged.getvalue()
    assert text, "the skill logged nothing"
    for secret in (
        couple.device.api_token,
        couple.device.user_id,
        couple.device.device_id,
        SECRET_SLOT,
        "forty-two",
        "private",
    ):
        assert secret not in text, secret


def test_one_json_line_per_request_with_its_id(
    couple: Session, standin: AlexaStandIn, logged: io.StringIO
) -> None:
    """Every line is a JSON object; each request logs exactly one 'request' line with its id."""
    converse(couple, standin)
    lines = [json.loads(line) for line in logged.getvalue().splitlines()]
    requests = [line for line in lines if line["message"] == "request"]
    assert len(requests) == 5
    assert len({line["request_id"] for line in requests}) == 5
    assert all(line["request_id"].startswith("amzn1.echo-api.request.") for line in requests)
    assert {line["outcome"] for line in requests} == {"ok"}
