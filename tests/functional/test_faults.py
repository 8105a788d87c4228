"""DynamoDB faults at every call site: a kind answer in time, saved progress kept, no false claims.

Faults are raised at the edge (botocore's before-call event, where a network error would
surface) for throttling, service errors, timeouts, unreachable endpoints and endless
conditional-write conflicts; one test stalls a real socket to check the time budget.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from ask_sdk_model import RequestEnvelope
from botocore.exceptions import ClientError, EndpointConnectionError, ReadTimeoutError

from reconnect.domain.record import Record
from reconnect.speech.content import library
from reconnect.store import Store, make_client, user_key
from tests.conftest import TABLE, Clock
from tools.standins.envelopes import Session, envelope, intent_request, speech

TODAY = date(2026, 11, 25)  # the local date in New York at the fixture clock's time


def client_error(code: str) -> Callable[[str], Exception]:
    """A service error as DynamoDB returns it."""
    return lambda op: ClientError({"Error": {"Code": code, "Message": "injected"}}, op)


FAULTS: dict[str, Callable[[str], Exception]] = {
    "throttled": client_error("ProvisionedThroughputExceededException"),
    "throttling": client_error("ThrottlingException"),
    "server error": client_error("InternalServerError"),
    "unavailable": client_error("ServiceUnavailable"),
    "read timeout": lambda op: ReadTimeoutError(endpoint_url="https://dynamodb"),
    "unreachable": lambda op: EndpointConnectionError(endpoint_url="https://dynamodb"),
}


@dataclass(frozen=True)
class Change:
    """A turn (after any confirmation) that changes what is kept, and how to see it kept."""

    turns: tuple[tuple[str, dict[str, str]], ...]
    kept: Callable[[dict[str, Any]], bool]
    writes: str = "PutItem"  # the operation that keeps it
    reads: bool = True  # whether it needs the session's read (deleting needs only the key)


CHANGES = {
    "go to step five": Change(
        (("GoToStepIntent", {"number": "5"}),), lambda item: item.get("step") == {"N": "5"}
    ),
    "stay on this step": Change(
        (("StayOnStepIntent", {}),), lambda item: item.get("hold") == {"BOOL": True}
    ),
    "start over": Change(
        (("AMAZON.StartOverIntent", {}), ("AMAZON.YesIntent", {})),
        lambda item: item.get("step") == {"N": "1"},
    ),
    "delete my data": Change(
        (("DeleteDataIntent", {}), ("AMAZON.YesIntent", {})),
        lambda item: item == {},
        writes="DeleteItem",
        reads=False,
    ),
    "together time": Change((("StartRitualIntent", {}),), lambda item: "ritual" in item),
}


@pytest.fixture
def inject(handler: Any) -> Iterator[Callable[[str, Exception | None], None]]:
    """Make every call of one DynamoDB operation fail with an exception (None: stop failing)."""
    from reconnect import app

    events = app.STORE.call_events
    hooks: list[tuple[str, Any]] = []

    def fail(operation: str, error: Exception | None) -> None:
        for name, hook in hooks:
            events.unregister(name, hook)
        hooks.clear()
        if error is None:
            return

        def raise_it(**_: Any) -> None:
            raise error

        name = f"before-call.dynamodb.{operation}"
        events.register(name, raise_it)
        hooks.append((name, raise_it))

    yield fail
    fail("", None)


def item_of(dynamodb: Any, couple: Session) -> dict[str, Any]:
    """The couple's stored item ({} when there is none)."""
    key = {"pk": {"S": user_key(couple.device.user_id)}}
    found: dict[str, Any] = dynamodb.get_item(TableName=TABLE, Key=key).get("Item", {})
    return found


def admits_failure(said: str) -> bool:
    """Whether the answer tells the couple that something could not be read or saved."""
    content = library().for_locale("en-US")
    warnings = content.phrasings("error_not_saved") + content.phrasings("error_storage")
    return any(w in said for w in warnings)


def seed_step_three(dynamodb: Any, couple: Session) -> None:
    """Progress saved earlier: step three, seen today."""
    store = Store(dynamodb, TABLE)
    store.save(
        couple.device.user_id,
        store.load(couple.device.user_id),
        Record(step=3, last_seen=TODAY, visit_days=4),
    )


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("operation", ["PutItem", "DeleteItem", "GetItem"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_failing_call_is_said_and_loses_nothing(
    couple: Session,
    dynamodb: Any,
    inject: Callable[[str, Exception | None], None],
    fault: str,
    operation: str,
    change: str,
) -> None:
    """GIVEN saved progress WHEN a call fails mid-change THEN, if it was the change's own write
    or the read it needs, nothing changes and they are told; a failed read is said unless the
    change needs none and worked (deleting needs only the key: "all cleared", with no word of
    progress out of reach); any other failure touches nothing."""
    seed_step_three(dynamodb, couple)
    steps = CHANGES[change]
    if operation == "GetItem":
        inject(operation, FAULTS[fault](operation))  # the session's one read fails
    else:
        couple.launch()
    answer: dict[str, Any] = {}
    for number, (intent, slots) in enumerate(steps.turns, start=1):
        if number == len(steps.turns) and operation != "GetItem":
            inject(operation, FAULTS[fault](operation))
        answer = couple.intent(intent, **slots)
    inject("", None)
    said = speech(answer)
    assert len(said) > len("<speak></speak>"), "the couple heard nothing"
    item = item_of(dynamodb, couple)
    read_failed = operation == "GetItem"
    lost = operation == steps.writes or (read_failed and steps.reads)
    assert steps.kept(item) is not lost, f"kept: {steps.kept(item)}, its call failed: {lost}"
    warned = lost or (read_failed and steps.reads)
    assert admits_failure(said) is warned, f"a failure said or hidden: {said}"
    if lost:
        assert item.get("step") == {"N": "3"}, "progress saved before was lost"


def test_endless_write_conflicts_are_said_not_hidden(
    couple: Session, dynamodb: Any, inject: Callable[[str, Exception | None], None]
) -> None:
    """Every conditional write conflicting: the merge gives up, says so, and step three stays."""
    seed_step_three(dynamodb, couple)
    couple.launch()
    inject("PutItem", client_error("ConditionalCheckFailedException")("PutItem"))
    said = speech(couple.intent("GoToStepIntent", number="6"))
    assert admits_failure(said)
    assert item_of(dynamodb, couple)["step"] == {"N": "3"}


@pytest.fixture
def stalled_endpoint() -> Iterator[str]:
    """A loopback port that accepts connections and never answers."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for connection in held:
        connection.close()
    server.close()


def test_a_stalled_dynamodb_still_answers_inside_alexas_time(
    handler: Any, stalled_endpoint: str, clock: Clock
) -> None:
    """With the production client config and DynamoDB not answering, the answer comes in time."""
    from reconnect.app import build_skill

    skill = build_skill(Store(make_client(stalled_endpoint), TABLE))
    event = envelope(
        Session(handler).device,
        intent_request("TodayStepIntent"),
        clock(),
        {"new": True, "sessionId": "s", "attributes": {}, "user": {"userId": "u"}},
    )
    started = time.monotonic()
    request = skill.serializer.deserialize(json.dumps(event), RequestEnvelope)
    answer = skill.serializer.serialize(skill.invoke(request, None))
    elapsed = time.monotonic() - started
    assert elapsed < 6.0, f"{elapsed:.1f} s: past the Lambda timeout and close to Alexa's 8 s"
    assert admits_failure(answer["response"]["outputSpeech"]["ssml"])
