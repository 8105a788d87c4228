"""The end-to-end wiring itself: virtual-alexa's requests reach the skill and the Alexa APIs."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import ECHO, VirtualAlexa
from tools.standins.alexa import AlexaStandIn

pytestmark = pytest.mark.e2e


def test_skill_reads_the_time_zone_from_the_api_endpoint_in_the_request(
    alexa: VirtualAlexa, standin: AlexaStandIn
) -> None:
    """The request carries the stand-in as apiEndpoint, and the skill asks it for the device's
    time zone with the request's token, once per session."""
    welcome, yes = alexa.run({"launch": True}, {"utter": "yes"})

    assert welcome.request["apiEndpoint"] == standin.url
    assert welcome.request["deviceId"] == ECHO
    assert standin.calls == [f"GET /v2/devices/{ECHO}/settings/System.timeZone"]
    assert yes.asks


def test_an_utterance_the_model_cannot_match_fails_the_scenario(alexa: VirtualAlexa) -> None:
    """virtual-alexa cannot route unmatched words to Fallback: the driver fails loudly instead."""
    stderr = alexa.refused({"launch": True}, {"utter": "bananas are yellow"})

    assert "Unable to match utterance" in stderr


def test_an_utterance_virtual_alexa_would_take_as_a_launch_is_refused(alexa: VirtualAlexa) -> None:
    """'tell me more' holds 'tell', which virtual-alexa would turn into a launch: use intend()."""
    stderr = alexa.refused({"launch": True}, {"utter": "tell me more"})

    assert "as a launch" in stderr
