"""Fixtures for driving lambda_handler as Alexa would."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode  # type: ignore[import-untyped]

from reconnect.speech.content import LocaleContent
from tests import marked_content
from tests.conftest import Clock
from tests.functional import lambda_like
from tools.standins import tls as standin_tls
from tools.standins.alexa import AlexaStandIn
from tools.standins.envelopes import Device, Session

ROOT = Path(__file__).resolve().parents[2]


def words_of(ssml: str) -> str:
    """The words of an SSML answer, as a listener hears them."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", ssml)).split())


def certifiable(answer: dict[str, Any]) -> None:
    """Amazon's checklist, and ours, on one response: the speech fits Alexa's limit; an open
    microphone follows exactly one question, in the last sentence (a question for the two of
    them to ask each other is then said without a question mark), with a reprompt that is one
    question too."""
    response = answer["response"]
    ssml = str((response.get("outputSpeech") or {}).get("ssml") or "")
    assert len(ssml) <= 8000, "speech over Alexa's 8,000 characters"
    if response.get("shouldEndSession") is False:
        reprompt = str(((response.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml"))
        assert reprompt, f"no reprompt: {ssml}"
        said = words_of(ssml)
        assert said.endswith("?"), f"no question at the end: {said}"
        assert said.count("?") == 1, f"more than one question with the microphone open: {said}"
        again = words_of(reprompt)
        assert again.endswith("?"), f"reprompt without a question: {again}"
        assert again.count("?") == 1, f"reprompt with more than one question: {again}"


@pytest.fixture
def handler(dynamodb: Any) -> Any:
    """The skill's Lambda entry point, with DynamoDB in moto; every answer is checked as
    certification would check it."""
    from reconnect.app import lambda_handler

    def checked(event: dict[str, Any], context: Any) -> dict[str, Any]:
        answer = lambda_handler(event, context)
        certifiable(answer)
        return answer

    return checked


@pytest.fixture(scope="session")
def marked_content_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """content/ with every phrasing made a marker naming it, written once per run."""
    return marked_content.write(ROOT / "content", tmp_path_factory.mktemp("marked-content"))


@pytest.fixture
def marked(
    handler: Any, marked_content_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[LocaleContent]:
    """The skill speaking markers instead of content/'s words (tests of which prompt it chose):
    loaded by the production loader from $CONTENT_DIR, as a deployment would load its own."""
    from reconnect import app
    from reconnect.speech import content

    monkeypatch.setenv("CONTENT_DIR", str(marked_content_dir))
    content.library.cache_clear()
    monkeypatch.setattr(app, "LIBRARY", content.library())
    monkeypatch.setattr(app, "SKILL", app.build_skill(app.STORE))
    yield app.LIBRARY.for_locale("en-US")
    content.library.cache_clear()  # the next library() reads content/ again


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
    events = app.STORE.call_events
    events.register("before-call.dynamodb", counter)
    yield counter
    events.unregister("before-call.dynamodb", counter)


@pytest.fixture(scope="session")
def lambda_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only the packages the Lambda runtime brings (links into this venv)."""
    return lambda_like.runtime_folder(tmp_path_factory.mktemp("lambda-runtime"))


@pytest.fixture(scope="session")
def dynamodb_endpoint() -> Iterator[str]:
    """A moto server on loopback holding the skill's table, for artifacts run like Lambda."""
    with lambda_like.moto_table() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def template() -> dict[str, Any]:
    """template.yaml as CloudFormation reads it (short-form tags become Ref / Fn::*)."""
    loaded, problems = decode(str(ROOT / "template.yaml"))
    assert not problems, problems
    assert isinstance(loaded, dict)
    return loaded


@pytest.fixture(scope="session")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> standin_tls.TestCertificates:
    """A test CA and the Alexa API stand-in's certificate, made once per run."""
    return standin_tls.make(Path(tmp_path_factory.mktemp("tls")))
