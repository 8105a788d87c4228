"""Requests as Alexa sends them: custom-type slots carry their entity resolution.

A handler reads a step said as an ordinal ("the fifth step") from the resolved id of the
STEP_ORDINAL slot, so the console and the tests must send it the way Alexa does.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import IntentRequest, RequestEnvelope
from ask_sdk_model.slu.entityresolution import StatusCode

from tools.nlu.model import Model
from tools.nlu.sets import MODELS_DIR
from tools.standins.envelopes import SKILL_ID, Device, Resolved, envelope, intent_request

FIFTH = Resolved("STEP_ORDINAL", "fifth", "5")


def _read_by_the_sdk(request: dict[str, object]) -> RequestEnvelope:
    """The envelope deserialised by the ASK SDK, as the skill receives it."""
    body = envelope(Device(), request, datetime(2026, 1, 1, tzinfo=UTC), None)
    parsed: RequestEnvelope = DefaultSerializer().deserialize(json.dumps(body), RequestEnvelope)
    return parsed


def test_a_resolved_ordinal_reaches_the_sdk_with_its_step_id() -> None:
    """GIVEN 'the fifth step' resolved to id 5 WHEN the request is read by the SDK THEN the
    ordinal slot has the value said and an ER_SUCCESS_MATCH resolution with id "5"."""
    request = intent_request(
        "HearStepIntent", {"number": None, "ordinal": "fifth"}, resolved={"ordinal": FIFTH}
    )
    received = _read_by_the_sdk(request).request
    assert isinstance(received, IntentRequest)
    slot: Any = (
        received.intent.slots["ordinal"] if received.intent and received.intent.slots else None
    )
    authority = slot.resolutions.resolutions_per_authority[0]
    assert slot.value == "fifth"
    assert authority.authority == f"amzn1.er-authority.echo-sdk.{SKILL_ID}.STEP_ORDINAL"
    assert authority.status.code == StatusCode.ER_SUCCESS_MATCH
    assert (authority.values[0].value.name, authority.values[0].value.id) == ("fifth", "5")


def test_an_unresolved_value_is_sent_as_no_match_without_values() -> None:
    """A custom-type value the type does not list is sent with ER_SUCCESS_NO_MATCH."""
    request = intent_request(
        "HearStepIntent", {"ordinal": "last"}, resolved={"ordinal": Resolved("STEP_ORDINAL")}
    )
    authority = request["intent"]["slots"]["ordinal"]["resolutions"]["resolutionsPerAuthority"][0]
    assert authority["status"] == {"code": "ER_SUCCESS_NO_MATCH"}
    assert "values" not in authority


def test_an_empty_slot_carries_no_resolution() -> None:
    """A slot with no value has no `resolutions`, whatever was resolved elsewhere."""
    request = intent_request("HearStepIntent", {"number": "5", "ordinal": None}, resolved={})
    assert "resolutions" not in request["intent"]["slots"]["ordinal"]


def test_every_locale_resolves_first_to_seventh_as_steps_one_to_seven() -> None:
    """Each locale's STEP_ORDINAL type resolves "first".."seventh" and "1st".."7th" to ids 1-7."""
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]
    short = ["1st", "2nd", "3rd", "4th", "5th", "6th", "7th"]
    for path in sorted(MODELS_DIR.glob("??-??.json")):
        model = Model.from_file(path)
        for number, (word, abbreviated) in enumerate(zip(words, short, strict=True), start=1):
            for said in (word, abbreviated):
                understood = model.understand(f"tell us about the {said} step")
                assert understood.resolved["ordinal"] == Resolved(
                    "STEP_ORDINAL", word, str(number)
                ), (path.name, said)
