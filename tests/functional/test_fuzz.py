"""Fuzz: thousands of malformed and random-but-plausible envelopes; every one gets an answer."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconnect.speech.reply import Waiting
from tests.conftest import load_event

ROOT = Path(__file__).resolve().parents[2]
MODEL = json.loads((ROOT / "interaction_models" / "en-US.json").read_text())
INTENTS = [i["name"] for i in MODEL["interactionModel"]["languageModel"]["intents"]]
SLOTS = sorted(
    {
        s["name"]
        for i in MODEL["interactionModel"]["languageModel"]["intents"]
        for s in i.get("slots", [])
    }
)
EXAMPLES = 2500

junk = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
slot_value = st.one_of(
    st.none(),
    st.sampled_from(["3", "0", "42", "-7", "?", "three", "forty two", "eleven", "banana", ""]),
    st.text(max_size=60),
    st.text(alphabet="<>&\"'", max_size=30),
    st.just("x" * 12000),
    junk,
)
intent = st.fixed_dictionaries(
    {"name": st.sampled_from(INTENTS) | st.text(max_size=30)},
    optional={
        "confirmationStatus": st.sampled_from(["NONE", "CONFIRMED", "DENIED"]) | junk,
        "slots": st.dictionaries(
            st.sampled_from(SLOTS) | st.text(max_size=10),
            st.fixed_dictionaries(
                {"name": st.sampled_from(SLOTS) | st.text(max_size=10)},
                optional={"value": slot_value},
            )
            | junk,
            max_size=3,
        )
        | junk,
    },
)
request = st.fixed_dictionaries(
    {
        "type": st.sampled_from(
            ["LaunchRequest", "IntentRequest", "SessionEndedRequest", "Connections.Response"]
        )
        | st.text(max_size=30),
    },
    optional={
        "intent": intent | junk,
        "locale": st.sampled_from(["en-US", "en-GB", "en-IN", "de-DE", ""]) | junk,
        "timestamp": st.sampled_from(["2026-11-25T08:00:00Z", "yesterday", ""]) | junk,
        "reason": st.sampled_from(["USER_INITIATED", "ERROR"]) | junk,
        "dialogState": st.sampled_from(["STARTED", "IN_PROGRESS", "COMPLETED"]) | junk,
    },
)
conversation = st.fixed_dictionaries(
    {},
    optional={
        "waiting": st.sampled_from([w.value for w in Waiting]) | junk,
        "offer": st.integers(-2, 12) | junk,
        "topic": st.integers(-2, 12) | junk,
        "selfcheck": st.lists(st.sampled_from(["yes", "no", "somewhat", "x"]), max_size=5),
        "checkin": st.fixed_dictionaries({"rating": st.integers(-1, 12)}) | junk,
        "last": st.fixed_dictionaries({"parts": st.lists(st.text(max_size=20), max_size=3)}) | junk,
        "zone": st.sampled_from(["Pacific/Auckland", "Mars/Base"]) | junk,
        "turns": st.integers(-1, 20_000) | junk,
    },
)
attributes = st.dictionaries(
    st.sampled_from(["record", "version", "conversation"]) | st.text(max_size=10),
    junk
    | conversation
    | st.fixed_dictionaries({"step": st.integers(-5, 20), "heard_step": st.integers(-1, 9)}),
    max_size=4,
)


@st.composite
def envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """A request envelope, damaged or odd in many ways at once."""
    event = load_event("launch_new.json")
    event["request"] = {**event["request"], **draw(request)}
    event["context"]["System"].pop("apiEndpoint", None)
    if draw(st.booleans()):
        event["session"]["new"] = draw(st.booleans())
        event["session"]["attributes"] = draw(attributes)
    if draw(st.integers(0, 9)) == 0:
        event.pop(draw(st.sampled_from(["session", "context", "version"])))
    if draw(st.integers(0, 9)) == 0:
        event["context"] = draw(junk)
    return event


def valid_speech(answer: dict[str, Any]) -> str | None:
    """The SSML of a well-formed response, or None when silent."""
    assert answer["version"] == "1.0"
    response = answer["response"]
    assert isinstance(response, dict)
    speech = response.get("outputSpeech")
    if speech is None:
        return None
    ssml = speech["ssml"]
    assert len(ssml) <= 8000
    ET.fromstring(ssml.replace("amazon:", "amazon-").replace("alexa:", "alexa-"))
    return str(ssml)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(event=envelopes())
def test_every_envelope_gets_an_answer_that_speaks(handler: Any, event: dict[str, Any]) -> None:
    """No envelope raises; every answer is valid, and all but a session's end speak."""
    answer = handler(json.loads(json.dumps(event, default=str)), None)
    speech = valid_speech(answer)
    if event.get("request", {}).get("type") != "SessionEndedRequest":
        assert speech is not None
        assert len(speech) > len("<speak></speak>")
    response = answer["response"]
    if response.get("shouldEndSession") is False:  # the microphone opens: a question, a reprompt
        assert (response.get("reprompt") or {}).get("outputSpeech"), "open session, no reprompt"
        assert speech is not None
        assert speech.removesuffix("</speak>").rstrip().endswith("?"), speech[-80:]
