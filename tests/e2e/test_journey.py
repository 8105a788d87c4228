"""A couple's first week through virtual-alexa, an independent client, from real utterances.

Every utterance below must match a sample of interaction_models/en-US.json word for word and
avoid "ask", "open", "tell" and "launch" (virtual-alexa takes those as a launch). They are kept
here, at the top, so they can be lined up with the final samples.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Exchange, VirtualAlexa

pytestmark = pytest.mark.e2e

UTTERANCES = {
    "today": "what's today's step",  # TodayStepIntent
    "look": "what's step five",  # HearStepIntent, number
    "where": "which step are we on",  # CurrentStepIntent
    "next": "next step",  # NextStepIntent
    "check_in": "let's check in",  # CheckInIntent
    "topic": "something to talk about",  # TalkTopicIntent
    "idea": "something small we could try",  # SmallIdeaIntent
    "streak": "what's our streak",  # StreakIntent
    "self_check": "do the self check",  # SelfCheckIntent
    "sort_of": "sort of",  # SomewhatIntent
    "done": "we're finished",  # GoodbyeIntent
    "deeper": "go deeper",  # TellMeMoreIntent
}
# 9 a.m. and 8 p.m. in New York (the stand-in's zone) on four days in a row.
MORNING = [f"2026-11-{day}T14:00:00Z" for day in (23, 24, 25, 26)]
EVENING = [f"2026-11-{day}T01:00:00Z" for day in (24, 25, 26)]


def say(name: str) -> dict[str, Any]:
    """One of the utterances above."""
    return {"utter": UTTERANCES[name]}


def rating(value: str) -> dict[str, Any]:
    """A partner's answer to the elicited rating (virtual-alexa cannot hear a bare number)."""
    return {"intend": "CheckInIntent", "slots": {"rating": value}}


def one_voice(exchanges: list[Exchange]) -> None:
    """Every answer that opens the microphone asks exactly one question, at its end."""
    for exchange in exchanges:
        if exchange.response.get("shouldEndSession") is False:
            assert exchange.speech.endswith("?"), exchange.speech
            assert exchange.speech.count("?") == 1, exchange.speech


def test_a_first_week_looks_without_moving_and_moves_only_when_asked(alexa: VirtualAlexa) -> None:
    """GIVEN a new couple WHEN they hear step one and check in on Monday, look at step five on
    Tuesday, ask for the next step on Wednesday, and try the rest THEN looking never moved them,
    'next' gave step two (the one after the step they heard), each microphone opened on one
    question, and 'we're finished' ended the session."""
    (monday,) = alexa.run(say("today"), timestamp=MORNING[0])
    assert monday.steps[:1] == [1]
    assert monday.ends_session
    evening = alexa.run(say("check_in"), rating("seven"), rating("six"), timestamp=EVENING[0])
    assert evening[-1].ends_session

    look, bye = alexa.run(say("look"), say("done"), timestamp=MORNING[1])
    assert look.request["intent"] == "HearStepIntent"
    assert look.steps[:1] == [5]
    assert look.asks  # "Would you like to make step five your step?"
    assert bye.request["intent"] == "GoodbyeIntent"
    assert bye.ends_session
    (where,) = alexa.run(say("where"), timestamp=EVENING[1])
    assert where.steps[:1] == [2]  # earned overnight, and not step five

    nxt, deeper, topic = alexa.run(say("next"), say("deeper"), {"intend": "AMAZON.YesIntent"},
                                   timestamp=MORNING[2])  # fmt: skip
    assert nxt.steps[:1] == [2]  # before: step three
    assert "step 2" in deeper.speech.lower()
    assert topic.ends_session
    one_voice([look, bye, nxt, deeper, topic, *evening])

    check, sort_of, *rest = alexa.run(
        say("self_check"), say("sort_of"), say("sort_of"), {"intend": "AMAZON.NoIntent"},
        say("sort_of"), timestamp=EVENING[2],
    )  # fmt: skip
    reading = rest[-1]
    assert sort_of.request["intent"] == "SomewhatIntent"
    assert "step 1" in reading.speech.lower()
    assert reading.asks
    idea, streak = alexa.run(say("idea"), say("streak"), timestamp=MORNING[3])
    assert idea.request["intent"] == "SmallIdeaIntent"
    assert "streak" in streak.speech.lower()
    one_voice([check, sort_of, *rest, idea, streak])
    (today,) = alexa.run(say("today"), timestamp=MORNING[3])
    assert today.steps[:1] == [2]
