"""The skill served by a real gunicorn process on loopback, driven with signed requests.

tools/standins/loopback_service.py runs `make serve`'s server and app (web/server.py, every
check on) trusting a test CA made here; DynamoDB is moto's server and the Alexa APIs the
stand-in, both on loopback, reached from the gunicorn workers over HTTP as the real ones are.
"""

from __future__ import annotations

import http.client
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tools.standins import envelopes, loopback_service
from tools.standins.alexa import AlexaStandIn
from tools.standins.local_dynamodb import create_table, environment_for
from tools.standins.signing_ca import SigningCA, headers
from web import server, service

ROOT = Path(__file__).resolve().parents[2]
SKILL = "amzn1.ask.skill.99999999-8888-7777-6666-555555555555"
TABLE = "reconnect-gunicorn"


@dataclass
class Served:
    """The running service, its CA, the table it writes to, and the Alexa API stand-in."""

    service: loopback_service.Running
    ca: SigningCA
    table: Any
    standin: AlexaStandIn
    log: Path

    def post(self, body: bytes, sent: dict[str, str]) -> tuple[int, bytes]:
        """POST `body` to the service as Alexa does; the status and the body answered."""
        connection = http.client.HTTPConnection(self.service.host, self.service.port, timeout=20)
        try:
            connection.request("POST", "/", body, {"Content-Type": "application/json", **sent})
            answer = connection.getresponse()
            return answer.status, answer.read()
        finally:
            connection.close()

    def signed(self, event: dict[str, Any]) -> tuple[int, bytes]:
        """POST an envelope signed by the trusted CA."""
        body = json.dumps(event).encode()
        return self.post(body, headers(self.ca.sign(body)))

    def couple(self, user: str) -> envelopes.Session:
        """A conversation whose every turn goes signed through the service."""

        def via_gunicorn(event: dict[str, Any], context: Any) -> dict[str, Any]:
            status, body = self.signed(event)
            assert status == 200, (status, body, self.log.read_text("utf-8"))
            answer: dict[str, Any] = json.loads(body)
            return answer

        device = envelopes.Device(user_id=user, api_endpoint=self.standin.url, skill_id=SKILL)
        return envelopes.Session(via_gunicorn, device)

    def item(self, user: str) -> dict[str, Any] | None:
        """The couple's item in the table, if any (found by scanning: the key is a hash)."""
        from reconnect.store import user_key

        found: dict[str, Any] | None = self.table.get_item(
            TableName=TABLE, Key={"pk": {"S": user_key(user)}}
        ).get("Item")
        return found


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """gunicorn (2 workers, 4 threads) with moto's server, the stand-in and a fresh CA."""
    folder = tmp_path_factory.mktemp("gunicorn")
    ca = SigningCA("Loopback", now=datetime.now(UTC))
    ca_dir = loopback_service.write_ca(ca, folder / "ca")
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    standin = AlexaStandIn().start()
    try:
        host, port = moto.get_host_and_port()
        env = environment_for(f"http://{host}:{port}", TABLE, dict(os.environ))
        env |= {"SKILL_ID": SKILL, "ALEXA_API_ALLOW_LOOPBACK_HTTP": "1", "LOG_LEVEL": "INFO"}
        client = boto3.client(
            "dynamodb",
            endpoint_url=env["AWS_ENDPOINT_URL_DYNAMODB"],
            region_name=env["AWS_REGION"],
            aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
        )
        create_table(client, TABLE)
        options = server.ServerOptions(port=loopback_service.free_port(), workers=2, threads=4)
        log = folder / "gunicorn.log"
        with loopback_service.start(ca_dir, options, env, log) as service:
            yield Served(service, ca, client, standin, log)
    finally:
        standin.stop()
        moto.stop()


def test_a_signed_launch_is_answered_and_the_couple_is_saved(served: Served) -> None:
    """GIVEN gunicorn serving the skill WHEN a signed LaunchRequest arrives THEN it is answered
    with speech and the new couple's record is written to DynamoDB."""
    couple = served.couple("amzn1.ask.account.GUNICORN-LAUNCH")
    answer = couple.launch()
    assert "<speak>" in envelopes.speech(answer)
    couple.end()
    assert served.item("amzn1.ask.account.GUNICORN-LAUNCH") is not None


def test_a_whole_conversation_runs_through_gunicorn(served: Served) -> None:
    """Launch, yes (today's step), next step: each turn signed and answered, the session's
    attributes carried by the client as Alexa does, and the step saved."""
    user = "amzn1.ask.account.GUNICORN-CONVERSATION"
    couple = served.couple(user)
    couple.launch()
    assert envelopes.speech(couple.intent("AMAZON.YesIntent"))
    assert envelopes.speech(couple.intent("NextStepIntent"))
    couple.end()
    item = served.item(user)
    assert item is not None
    assert item["step"] == {"N": "2"}


@pytest.mark.parametrize(
    "forge",
    ["unsigned", "signed by another CA", "tampered", "stale timestamp", "another skill"],
)
def test_an_unverified_request_gets_400_and_never_reaches_the_skill(
    forge: str, served: Served
) -> None:
    """Every check holds under gunicorn: 400, and no record is written for that couple."""
    user = f"amzn1.ask.account.GUNICORN-{forge.upper().replace(' ', '-')}"
    device = envelopes.Device(user_id=user, api_endpoint=served.standin.url, skill_id=SKILL)
    at = datetime.now(UTC) - (timedelta(minutes=10) if forge == "stale timestamp" else timedelta())
    if forge == "another skill":
        device.skill_id = "amzn1.ask.skill.00000000-1111-2222-3333-444444444444"
    session = {"new": True, "sessionId": "amzn1.echo-api.session.forged", "attributes": {}}
    event = envelopes.envelope(device, {"type": "LaunchRequest"}, at, session)
    body = json.dumps(event).encode()
    signer = SigningCA("Loopback") if forge == "signed by another CA" else served.ca
    sent = {} if forge == "unsigned" else headers(signer.sign(body))
    if forge == "tampered":
        body = body.replace(b"LaunchRequest", b"SessionEndedRequest")

    status, _ = served.post(body, sent)

    assert status == 400
    assert served.item(user) is None


def test_health_answers_without_invoking_the_skill(served: Served) -> None:
    """GET /health is 200 {"status": "ok"}, for a load balancer's checks."""
    connection = http.client.HTTPConnection(served.service.host, served.service.port, timeout=10)
    try:
        connection.request("GET", "/health")
        answer = connection.getresponse()
        assert answer.status == 200
        assert json.loads(answer.read()) == {"status": "ok"}
    finally:
        connection.close()


def test_gunicorn_logs_no_request_bodies_or_ids(served: Served) -> None:
    """What gunicorn and the app printed holds no account id (access log off, JSON lines)."""
    served.couple("amzn1.ask.account.GUNICORN-QUIET").launch()
    printed = served.log.read_text("utf-8")
    assert "Booting worker" in printed
    assert "amzn1.ask.account" not in printed


def test_make_serve_refuses_to_start_without_a_skill_id(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Amazon signs every skill's requests: with no SKILL_ID the server exits 2 unstarted."""
    monkeypatch.delenv("SKILL_ID", raising=False)
    assert server.main(["--port", str(loopback_service.free_port())]) == 2
    assert "SKILL_ID" in capsys.readouterr().err


@pytest.mark.parametrize(
    "skill_id",
    ["amzn1.ask.skill.YOUR-ID", "amzn1.ask.skill.12345678-ABCD-1234-1234-123456789abc", " "],
)
def test_make_serve_refuses_to_start_on_what_is_not_a_skill_id(
    skill_id: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The README's placeholder (or a typo) would refuse every real request as another
    skill's: the server says so and exits 2, as the template refuses such a SkillId."""
    monkeypatch.setenv("SKILL_ID", skill_id)
    assert server.main(["--port", str(loopback_service.free_port())]) == 2
    assert f"SKILL_ID={skill_id!r} is not an Alexa skill id" in capsys.readouterr().err


def test_the_service_and_the_template_accept_the_same_skill_ids() -> None:
    """One rule for a skill id: the template's SkillId pattern is the service's."""
    template = (ROOT / "template.yaml").read_text("utf-8")
    found = re.search(r'SkillId:\n(?:\s+.*\n)*?\s+AllowedPattern: "(.*)"', template)
    assert found
    assert found[1].replace("\\\\", "\\") == f"^{service.SKILL_ID_PATTERN.pattern}$"


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::"])
def test_the_test_ca_is_trusted_on_loopback_only(host: str) -> None:
    """tools/standins/loopback_service.py refuses any address but loopback."""
    assert loopback_service.main(["--host", host, "--ca-dir", "."]) == 2
