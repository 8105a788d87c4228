"""The web service: signed requests reach the skill; anything unverified gets 400 and does not."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from ask_sdk_core.exceptions import AskSdkException
from cryptography import x509
from flask import Flask
from flask.testing import FlaskClient

from tests.conftest import TABLE
from tests.signing import CERT_URL, NOW, FakeS3, SigningCA, headers
from tools.standins import envelopes
from tools.standins.alexa import AlexaStandIn
from web import service
from web.alexa_certs import FETCH_TIMEOUT_SECONDS
from web.service import create_app

OUR_SKILL = "amzn1.ask.skill.11111111-2222-3333-4444-555555555555"
BASE = "https://s3.amazonaws.com/echo.api/"
CHAINS: dict[str, Callable[[SigningCA], x509.Certificate]] = {  # served at BASE + name + .pem
    "expired": lambda ca: ca.leaf(not_before=NOW - timedelta(90), not_after=NOW - timedelta(1)),
    "not-yet-valid": lambda ca: ca.leaf(not_before=NOW + timedelta(days=1)),
    "wrong-name": lambda ca: ca.leaf(names=("evil.example.com",)),
}


@pytest.fixture(scope="module")
def ca() -> SigningCA:
    """The CA the app trusts (standing in for Amazon's)."""
    return SigningCA("Trusted")


@pytest.fixture(scope="module")
def impostor() -> SigningCA:
    """A CA with the same names and other keys, which the app does not trust."""
    return SigningCA("Trusted")


@pytest.fixture
def s3(ca: SigningCA, impostor: SigningCA) -> FakeS3:
    """Amazon's bucket as the app sees it: the good chain, bad chains, and it anywhere else."""
    files = {CERT_URL: ca.chain(), f"{BASE}untrusted.pem": impostor.chain()}
    files |= {f"{BASE}{name}.pem": ca.chain(leaf(ca)) for name, leaf in CHAINS.items()}
    return FakeS3(files, anywhere=ca.chain())


@dataclasses.dataclass
class Skill:
    """The skill as built from reconnect.app, with a record of each time it is invoked."""

    instance: Any
    invocations: list[Any]


def spied_skill(monkeypatch: pytest.MonkeyPatch, skill_id: str | None = None) -> Skill:
    """A fresh skill built as SKILL is (SKILL_ID = `skill_id`), its invoke recorded."""
    from reconnect import app as skill_app

    settings = dataclasses.replace(skill_app.SETTINGS, skill_id=skill_id)
    monkeypatch.setattr(skill_app, "SETTINGS", settings)
    instance = skill_app.build_skill()
    invocations: list[Any] = []
    real_invoke = instance.invoke

    def invoke(request_envelope: Any, context: Any) -> Any:
        invocations.append(request_envelope)
        return real_invoke(request_envelope=request_envelope, context=context)

    monkeypatch.setattr(instance, "invoke", invoke)
    return Skill(instance, invocations)


@pytest.fixture
def skill(dynamodb: Any, monkeypatch: pytest.MonkeyPatch) -> Skill:
    """The skill, with DynamoDB in moto, checking no skill id (as in the other tests)."""
    return spied_skill(monkeypatch)


def app_for(skill: Skill, s3: FakeS3, ca: SigningCA, verify: bool = True) -> Flask:
    """The web service as create_app builds it, trusting `ca`, at NOW."""
    return create_app(
        verify, trust_roots=[ca.root], fetch=s3, clock=lambda: NOW, skill=skill.instance
    )


@pytest.fixture
def client(skill: Skill, s3: FakeS3, ca: SigningCA) -> FlaskClient:
    """A test client of the verifying app."""
    return app_for(skill, s3, ca).test_client()


@pytest.fixture
def device(standin: AlexaStandIn) -> envelopes.Device:
    """An Echo whose Alexa APIs are the loopback stand-in."""
    return envelopes.Device(api_endpoint=standin.url, skill_id=OUR_SKILL)


def launch_body(device: envelopes.Device, at: Any = NOW) -> bytes:
    """A LaunchRequest envelope in a new session, as bytes on the wire."""
    session = {"new": True, "sessionId": "amzn1.echo-api.session.1", "attributes": {}}
    session |= {"application": {"applicationId": device.skill_id}, "user": {"userId": "u"}}
    event = envelopes.envelope(device, {"type": "LaunchRequest"}, at, session)
    return json.dumps(event).encode()


def post(client: FlaskClient, body: bytes, sent: dict[str, str]) -> Any:
    """POST `body` with `sent` headers, as Alexa does."""
    return client.post("/", data=body, headers=sent, content_type="application/json")


def table_items(dynamodb: Any) -> list[Any]:
    """Every item in the skill's table."""
    items: list[Any] = dynamodb.scan(TableName=TABLE)["Items"]
    return items


def test_a_signed_launch_request_is_answered_with_speech(
    client: FlaskClient, skill: Skill, ca: SigningCA, device: envelopes.Device
) -> None:
    """GIVEN a request signed by the trusted chain WHEN posted THEN the skill answers it."""
    body = launch_body(device)
    answer = post(client, body, headers(ca.sign(body)))
    assert answer.status_code == 200
    assert "<speak>" in envelopes.speech(answer.get_json())
    assert len(skill.invocations) == 1


def test_a_conversation_runs_through_the_web_service(
    client: FlaskClient, ca: SigningCA, device: envelopes.Device, dynamodb: Any
) -> None:
    """Launch, yes, next step: each turn signed, answered, and the progress saved."""

    def via_web(event: dict[str, Any], context: Any) -> dict[str, Any]:
        body = json.dumps(event).encode()
        answer = post(client, body, headers(ca.sign(body)))
        assert answer.status_code == 200, answer.data
        result: dict[str, Any] = answer.get_json()
        return result

    couple = envelopes.Session(via_web, device, clock=lambda: NOW)
    assert envelopes.speech(couple.launch())
    assert envelopes.speech(couple.intent("AMAZON.YesIntent"))
    couple.end()
    assert table_items(dynamodb)


Attack = Callable[[bytes, SigningCA, SigningCA], tuple[bytes, dict[str, str]]]
ATTACKS: dict[str, Attack] = {
    "wrong signature": lambda b, ca, other: (b, headers(other.sign(b))),
    "tampered body": lambda b, ca, other: (b.replace(b"en-US", b"en-GB"), headers(ca.sign(b))),
    "expired leaf": lambda b, ca, other: (b, headers(ca.sign(b), f"{BASE}expired.pem")),
    "not-yet-valid leaf": lambda b, ca, other: (b, headers(ca.sign(b), f"{BASE}not-yet-valid.pem")),
    "wrong-SAN leaf": lambda b, ca, other: (b, headers(ca.sign(b), f"{BASE}wrong-name.pem")),
    "untrusted root": lambda b, ca, other: (b, headers(other.sign(b), f"{BASE}untrusted.pem")),
    "http URL": lambda b, ca, o: (b, headers(ca.sign(b), CERT_URL.replace("https:", "http:"))),
    "wrong host": lambda b, ca, o: (b, headers(ca.sign(b), CERT_URL.replace("s3.", "s4."))),
    "wrong path": lambda b, ca, o: (b, headers(ca.sign(b), CERT_URL.replace("echo.api", "x"))),
    "path traversal": lambda b, ca, o: (b, headers(ca.sign(b), f"{BASE}../x/cert.pem")),
    "wrong port": lambda b, ca, o: (
        b,
        headers(ca.sign(b), CERT_URL.replace(".com/", ".com:8443/")),
    ),
    "no signature": lambda b, ca, o: (b, {"SignatureCertChainUrl": CERT_URL}),
    "no cert URL": lambda b, ca, o: (b, {"Signature-256": ca.sign(b)}),
    "SHA-1 header only": lambda b, ca, o: (
        b,
        {"SignatureCertChainUrl": CERT_URL, "Signature": ca.sign(b)},
    ),
    "not an envelope": lambda b, ca, o: (b"[1, 2]", headers(ca.sign(b"[1, 2]"))),
    "not UTF-8": lambda b, ca, o: (b"\xff\xfe{}", headers(ca.sign(b"\xff\xfe{}"))),
    "JSON null": lambda b, ca, o: (b"null", headers(ca.sign(b"null"))),
    "no request": lambda b, ca, o: (b"{}", headers(ca.sign(b"{}"))),
    "empty body": lambda b, ca, o: (b"", headers(ca.sign(b""))),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_unverified_request_gets_400_and_never_reaches_the_skill(
    attack: str,
    client: FlaskClient,
    skill: Skill,
    ca: SigningCA,
    impostor: SigningCA,
    device: envelopes.Device,
    dynamodb: Any,
) -> None:
    """Each broken signature, certificate, URL or header is refused before the skill runs."""
    body, sent = ATTACKS[attack](launch_body(device), ca, impostor)
    answer = post(client, body, sent)
    assert answer.status_code == 400
    assert skill.invocations == []
    assert table_items(dynamodb) == []


@pytest.mark.parametrize("seconds", [-151, 151, -3600])
def test_a_stale_or_future_request_gets_400(
    seconds: int, client: FlaskClient, skill: Skill, ca: SigningCA, device: envelopes.Device
) -> None:
    """A correctly signed request stamped more than 150 s from now is refused (no replays)."""
    body = launch_body(device, at=NOW + timedelta(seconds=seconds))
    assert post(client, body, headers(ca.sign(body))).status_code == 400
    assert skill.invocations == []


def test_a_bad_cert_url_is_refused_without_downloading(
    client: FlaskClient, s3: FakeS3, ca: SigningCA, device: envelopes.Device
) -> None:
    """The URL rules come before any fetch."""
    body = launch_body(device)
    post(client, body, headers(ca.sign(body), f"{BASE}../x/cert.pem"))
    assert s3.fetches == []


def test_the_certificate_is_fetched_once_with_a_timeout(
    client: FlaskClient, s3: FakeS3, ca: SigningCA, device: envelopes.Device
) -> None:
    """Two signed requests: one download, with the fetch timeout; the second uses the cache."""
    for _ in range(2):
        body = launch_body(device)
        assert post(client, body, headers(ca.sign(body))).status_code == 200
    assert s3.fetches == [(CERT_URL, FETCH_TIMEOUT_SECONDS)]


def test_a_request_for_another_skill_is_refused(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, s3: FakeS3, ca: SigningCA
) -> None:
    """With SKILL_ID set, a validly signed request for another skill gets 400, not an answer."""
    ours = spied_skill(monkeypatch, skill_id=OUR_SKILL)
    client = app_for(ours, s3, ca).test_client()
    other = envelopes.Device(skill_id="amzn1.ask.skill.someone-else")
    body = launch_body(other)
    assert post(client, body, headers(ca.sign(body))).status_code == 400
    assert ours.invocations == []
    body = launch_body(envelopes.Device(skill_id=OUR_SKILL))
    assert post(client, body, headers(ca.sign(body))).status_code == 200


def test_the_skill_itself_refuses_another_skills_request(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Behind the web service's check stands the skill's own (SkillBuilder.skill_id)."""
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    ours = spied_skill(monkeypatch, skill_id=OUR_SKILL).instance
    body = launch_body(envelopes.Device(skill_id="amzn1.ask.skill.someone-else"))
    request = DefaultSerializer().deserialize(body.decode(), RequestEnvelope)
    with pytest.raises(AskSdkException, match="Skill ID"):
        ours.invoke(request_envelope=request, context=None)


def test_without_verification_an_unsigned_request_is_answered(
    skill: Skill, s3: FakeS3, ca: SigningCA, device: envelopes.Device
) -> None:
    """The explicit off switch: no headers needed, no certificate fetched (local use only)."""
    client = app_for(skill, s3, ca, verify=False).test_client()
    answer = post(client, launch_body(device, at=NOW - timedelta(days=1)), {})
    assert answer.status_code == 200
    assert s3.fetches == []


@pytest.mark.parametrize("body", [b"null", b"{}", b"[1, 2]", b"\xff"])
def test_without_verification_an_unreadable_body_still_gets_400(
    body: bytes, skill: Skill, s3: FakeS3, ca: SigningCA
) -> None:
    """The envelope check does not depend on the signature switch."""
    client = app_for(skill, s3, ca, verify=False).test_client()
    assert post(client, body, {}).status_code == 400
    assert skill.invocations == []


def test_without_verification_another_skills_request_is_still_refused(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, s3: FakeS3, ca: SigningCA
) -> None:
    """Turning signatures off does not turn the skill id check off."""
    ours = spied_skill(monkeypatch, skill_id=OUR_SKILL)
    client = app_for(ours, s3, ca, verify=False).test_client()
    body = launch_body(envelopes.Device(skill_id="amzn1.ask.skill.someone-else"))
    assert post(client, body, {}).status_code == 400
    assert ours.invocations == []


def test_verification_is_on_by_default(skill: Skill) -> None:
    """create_app() with no arguments but the skill verifies: an unsigned request gets 400."""
    client = create_app(skill=skill.instance).test_client()
    assert post(client, launch_body(envelopes.Device()), {}).status_code == 400
    assert skill.invocations == []


def test_only_post_is_served(client: FlaskClient) -> None:
    """GET / is not a skill request."""
    assert client.get("/").status_code == 405


def test_an_oversized_body_is_refused_unread(client: FlaskClient, skill: Skill) -> None:
    """Bodies above MAX_BODY get 413."""
    answer = post(client, b"{" + b" " * service.MAX_BODY + b"}", {})
    assert answer.status_code == 413
    assert skill.invocations == []


def test_each_request_logs_one_json_line_with_its_id(
    client: FlaskClient, ca: SigningCA, device: envelopes.Device
) -> None:
    """Answered or refused, a request leaves one 'request' line: its id and outcome, no secrets."""
    import io
    import logging

    from reconnect.logs import JsonFormatter

    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logging.getLogger("reconnect").addHandler(handler)
    try:
        body = launch_body(device)
        post(client, body, headers(ca.sign(body)))
        post(client, body, headers(ca.sign(body + b" ")))
    finally:
        logging.getLogger("reconnect").removeHandler(handler)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    requests = [line for line in lines if line["message"] == "request"]
    assert [line["outcome"] for line in requests] == ["ok", "refused 400"]
    request_id = json.loads(body)["request"]["requestId"]
    assert all(line["request_id"] == request_id for line in requests)
    assert device.api_token not in stream.getvalue()
