"""End-to-end fixtures: the skill's web service, driven by virtual-alexa, an independent client.

The web service (web/service.py: flask-ask-sdk's SkillAdapter) runs in a thread of this
process on loopback, with signature checks off because virtual-alexa cannot sign (the checks
have their own tests in tests/functional/test_web_service.py), so moto's mock (process-wide) and the
Alexa API stand-in serve it; virtual-alexa runs in node (tests/e2e/drive.js) and talks HTTP.
The environment (fake AWS credentials, TABLE_NAME, ALEXA_API_ALLOW_LOOPBACK_HTTP) is set by
tests/conftest.py before anything imports the skill.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import BaseWSGIServer, make_server

from tools.standins.alexa import AlexaStandIn
from web.service import create_app

ROOT = Path(__file__).resolve().parents[2]
DRIVER = ROOT / "tests" / "e2e" / "drive.js"
MODEL = ROOT / "interaction_models" / "en-US.json"
VIRTUAL_ALEXA = ROOT / "node_modules" / "virtual-alexa" / "package.json"
TIMEOUT_SECONDS = 60
MORNING = "2026-11-25T14:00:00Z"  # 9 a.m. in New York, the stand-in's default time zone
COUPLE = "amzn1.ask.account.E2E-COUPLE"
ECHO = "amzn1.ask.device.E2E-ECHO"

Step = Mapping[str, Any]

_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_STEP = re.compile(r"\bstep (?:number )?(\d+|" + "|".join(_WORDS) + r")\b", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain(ssml: str) -> str:
    """The words of an SSML string."""
    return " ".join(html.unescape(_TAG.sub(" ", ssml)).split())


def steps_named(text: str) -> list[int]:
    """Every step number spoken as 'step 4' or 'step four', in order."""
    found = (m.group(1).lower() for m in _STEP.finditer(text))
    return [int(n) if n.isdigit() else _WORDS.index(n) for n in found]


@dataclass(frozen=True)
class Exchange:
    """One step of a scenario: what virtual-alexa sent, and the skill's whole response."""

    request: dict[str, Any]
    answer: dict[str, Any]

    @property
    def response(self) -> dict[str, Any]:
        """The `response` object of the answer."""
        body = self.answer.get("response")
        return body if isinstance(body, dict) else {}

    @property
    def speech(self) -> str:
        """What Alexa says, as plain words ('' when silent)."""
        output = self.response.get("outputSpeech") or {}
        return plain(str(output.get("ssml") or output.get("text") or ""))

    @property
    def reprompt(self) -> str:
        """The reprompt, as plain words ('' when none)."""
        output = (self.response.get("reprompt") or {}).get("outputSpeech") or {}
        return plain(str(output.get("ssml") or output.get("text") or ""))

    @property
    def ends_session(self) -> bool:
        """Whether the skill explicitly closed the session."""
        return self.response.get("shouldEndSession") is True

    @property
    def asks(self) -> bool:
        """A question that keeps the microphone open: ends with '?', reprompts, session open."""
        return (
            self.speech.endswith("?")
            and self.reprompt.endswith("?")
            and self.response.get("shouldEndSession") is False
        )

    @property
    def card(self) -> dict[str, Any] | None:
        """The card for the Alexa app, if any."""
        card = self.response.get("card")
        return card if isinstance(card, dict) else None

    @property
    def steps(self) -> list[int]:
        """The step numbers the speech names."""
        return steps_named(self.speech)


class DriverError(AssertionError):
    """drive.js failed: the scenario could not be played."""


@dataclass
class VirtualAlexa:
    """Plays scenarios through tests/e2e/drive.js against the running skill."""

    skill_url: str
    api_url: str
    workdir: Path
    runs: int = 0

    def run(
        self,
        *steps: Step,
        user: str = COUPLE,
        device: str = ECHO,
        timestamp: str | None = MORNING,
    ) -> list[Exchange]:
        """Play one virtual-alexa session (a fresh client) and return one Exchange per step."""
        completed = self._drive(list(steps), user, device, timestamp)
        if completed.returncode != 0:
            raise DriverError(f"drive.js exited {completed.returncode}: {completed.stderr.strip()}")
        lines = [json.loads(line) for line in completed.stdout.splitlines() if line.strip()]
        assert len(lines) == len(steps), completed.stdout
        return [Exchange(line["request"] or {}, line["response"] or {}) for line in lines]

    def refused(self, *steps: Step) -> str:
        """Play a scenario that must fail; return what drive.js said on stderr."""
        completed = self._drive(list(steps), COUPLE, ECHO, MORNING)
        assert completed.returncode != 0, f"drive.js accepted it: {completed.stdout}"
        return completed.stderr

    def _drive(
        self, steps: list[Step], user: str, device: str, timestamp: str | None
    ) -> subprocess.CompletedProcess[str]:
        node = shutil.which("node")
        if node is None:
            pytest.fail("node is not on PATH: the end-to-end tests need Node 20", pytrace=False)
        if not VIRTUAL_ALEXA.is_file():
            pytest.fail(
                "virtual-alexa is not installed (node_modules/virtual-alexa missing): "
                "run `make test`, or `npm ci` in the repository root",
                pytrace=False,
            )
        self.runs += 1
        scenario = self.workdir / f"scenario-{self.runs}.json"
        header: dict[str, Any] = {"userId": user, "deviceId": device, "locale": "en-US"}
        if timestamp is not None:
            header["timestamp"] = timestamp
        scenario.write_text(json.dumps({**header, "steps": steps}), encoding="utf-8")
        command = [node, str(DRIVER), self.skill_url, str(MODEL), self.api_url, str(scenario)]
        try:
            return subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=TIMEOUT_SECONDS,
                cwd=ROOT,
                check=False,
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"drive.js took over {TIMEOUT_SECONDS} s: {steps}", pytrace=False)


@dataclass
class WebService:
    """The skill's web service on a loopback port."""

    server: BaseWSGIServer

    @property
    def url(self) -> str:
        """The skill URL for clients (POST here)."""
        return f"http://127.0.0.1:{self.server.server_port}/"


@pytest.fixture
def skill(dynamodb: Any) -> Iterator[WebService]:
    """The web service on loopback (verification off), with DynamoDB in moto for the test."""
    from reconnect import app

    assert app.SETTINGS.allow_loopback_http, (
        "reconnect.app was imported before tests/conftest.py set ALEXA_API_ALLOW_LOOPBACK_HTTP"
    )
    server = make_server("127.0.0.1", 0, create_app(verify=False, skill=app.SKILL), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    yield WebService(server)
    server.shutdown()
    thread.join()


@pytest.fixture
def alexa(skill: WebService, standin: AlexaStandIn, tmp_path: Path) -> VirtualAlexa:
    """virtual-alexa pointed at the skill; its apiEndpoint is the Alexa API stand-in."""
    return VirtualAlexa(skill.url, standin.url, tmp_path)
