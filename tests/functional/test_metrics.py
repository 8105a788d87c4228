"""The operator's figures: one EMF line per request, counting what happened and nothing personal.

lambda_handler runs as on Lambda (a function name is set), with DynamoDB in moto and the Alexa
APIs on the loopback stand-in; faults are injected at the same edges as the fault tests.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconnect import metrics
from tests.conftest import Clock, load_event
from tools.standins.alexa import AlexaStandIn, Fault
from tools.standins.envelopes import Session
from tools.standins.timers import TimersApi

FUNCTION = "reconnect-metrics-test-SkillFunction"
Lines = Callable[[], list[dict[str, Any]]]


@pytest.fixture
def lines(
    handler: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Lines:
    """The EMF lines printed since the last call, the skill running as on Lambda."""
    from reconnect import app

    monkeypatch.setattr(app, "SETTINGS", dataclasses.replace(app.SETTINGS, function_name=FUNCTION))

    def read() -> list[dict[str, Any]]:
        out = capsys.readouterr().out.splitlines()
        return [json.loads(line) for line in out if line.startswith('{"_aws"')]

    read()
    return read


def since(lines: Lines) -> dict[str, int]:
    """The counts of the requests made since the last look (at least one), added up."""
    emitted = lines()
    assert emitted, "no metrics line"
    return {name: sum(line[name] for line in emitted) for name in metrics.COUNTS}


def counted(**expected: int) -> dict[str, int]:
    """Every count zero except those named."""
    return {name: expected.get(name, 0) for name in metrics.COUNTS}


@pytest.fixture
def timers(standin: AlexaStandIn, clock: Clock) -> TimersApi:
    """The Timers API on the stand-in; the couple has allowed timers."""
    return TimersApi(standin, now=clock)


@pytest.fixture
def failing_dynamodb() -> Iterator[None]:
    """Every DynamoDB call fails as a throttled service would (botocore's before-call edge)."""
    from reconnect import app

    def throttled(model: Any, **_: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "ThrottlingException", "Message": "injected"}}, model.name
        )

    events = app.STORE.call_events
    events.register("before-call.dynamodb", throttled)
    yield
    events.unregister("before-call.dynamodb", throttled)


def test_each_request_prints_one_emf_line_with_every_count(couple: Session, lines: Lines) -> None:
    """GIVEN the skill on Lambda WHEN a couple opens it THEN one line follows the EMF
    specification: a millisecond timestamp, the namespace, the FunctionName dimension, and
    each metric declared and given as a top-level number; nothing else is in it."""
    couple.launch()
    (line,) = lines()
    directive = line["_aws"]["CloudWatchMetrics"]
    assert isinstance(line["_aws"]["Timestamp"], int)
    assert line["_aws"]["Timestamp"] > 1_700_000_000_000
    assert directive == [
        {
            "Namespace": metrics.NAMESPACE,
            "Dimensions": [[metrics.DIMENSION]],
            "Metrics": [{"Name": name, "Unit": "Count"} for name in metrics.COUNTS],
        }
    ]
    assert set(line) == {"_aws", metrics.DIMENSION, *metrics.COUNTS}
    assert line[metrics.DIMENSION] == FUNCTION
    assert {name: line[name] for name in metrics.COUNTS} == counted()


def test_together_time_started_and_completed_are_counted_once_each(
    couple: Session, timers: TimersApi, clock: Clock, lines: Lines
) -> None:
    """GIVEN timers allowed WHEN they start together time THEN that request counts one start;
    WHEN ten minutes pass and they open the skill THEN that request counts one completion."""
    couple.intent("StartRitualIntent")
    assert since(lines) == counted(TogetherTimeStarted=1)
    clock.advance(minutes=11)
    couple.launch()
    assert since(lines) == counted(TogetherTimeCompleted=1)
    couple.launch()
    assert since(lines) == counted()


def test_check_ins_count_the_ratings_kept_not_the_turns(couple: Session, lines: Lines) -> None:
    """GIVEN a check-in WHEN both partners answer THEN nothing counts until both ratings are
    kept, and then two: one per partner."""
    couple.dialog_intents = frozenset({"CheckInIntent"})
    couple.intent("CheckInIntent")
    couple.answer("seven")
    assert [line["CheckIns"] for line in lines()] == [0, 0]
    couple.answer("six")
    assert since(lines) == counted(CheckIns=2)


def test_the_safety_answer_is_counted(couple: Session, lines: Lines) -> None:
    """'I don't feel safe' counts one safety answer, and only that."""
    couple.intent("CrisisIntent")
    assert since(lines) == counted(SafetyAnswers=1)


def test_storage_failures_are_counted_while_the_skill_still_answers(
    couple: Session, lines: Lines, failing_dynamodb: None
) -> None:
    """GIVEN DynamoDB throttling every call WHEN a couple opens the skill THEN the failed read
    is counted (and no write is tried after it)."""
    couple.launch()
    assert since(lines) == counted(StorageFailures=1)


def test_alexa_api_failures_are_counted(
    couple: Session, standin: AlexaStandIn, lines: Lines
) -> None:
    """GIVEN the Settings API answering 500 WHEN a couple opens the skill THEN one Alexa API
    failure is counted."""
    standin.faults.append(Fault("timeZone", status=500))
    couple.launch()
    assert since(lines) == counted(AlexaApiFailures=1)


def test_a_permission_not_given_is_an_answer_not_a_failure(
    couple: Session, timers: TimersApi, lines: Lines
) -> None:
    """GIVEN no timers permission WHEN they start together time THEN the Timers API's refusal
    (and the permission asked for) counts nothing."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    assert since(lines) == counted()


def test_a_handler_that_raises_is_counted_as_a_skill_error(
    couple: Session, lines: Lines, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a handler with a bug WHEN it runs THEN the catch-all answers and one skill error
    is counted."""
    from reconnect.alexa.handlers import program

    def broken(*_: Any) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(program.TodayStep, "reply", broken)
    couple.intent("TodayStepIntent")
    assert since(lines) == counted(SkillErrors=1)


def test_a_request_the_skill_cannot_read_is_counted(handler: Any, lines: Lines) -> None:
    """An unknown request type is apologised for at the entry point and counted."""
    handler(load_event("unknown_request_type.json"), None)
    assert since(lines) == counted(UnreadableRequests=1)


def test_no_line_holds_a_user_id_token_or_slot(
    couple: Session, standin: AlexaStandIn, lines: Lines
) -> None:
    """Whatever the request, a line holds the function name and numbers only."""
    couple.launch()
    couple.intent("GoToStepIntent", number="forty-two private words")
    couple.intent("CrisisIntent")
    text = json.dumps(lines())
    for secret in (couple.device.user_id, couple.device.api_token, couple.device.device_id):
        assert secret not in text
    assert "private" not in text


def test_outside_lambda_nothing_is_printed(
    couple: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    """The console and the web service (no function name) print no metrics lines."""
    capsys.readouterr()
    couple.launch()
    assert '"_aws"' not in capsys.readouterr().out
