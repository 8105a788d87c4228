"""One-shot requests and progress that outlives a session, through virtual-alexa."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import VirtualAlexa

pytestmark = pytest.mark.e2e

# A TodayStepIntent sample with none of ask/open/tell/launch, which virtual-alexa takes as a launch.
TODAY = {"utter": "what's today's step"}


def test_one_shot_today_step_answers_and_closes(alexa: VirtualAlexa) -> None:
    """GIVEN no open session WHEN a couple asks straight away for today's step THEN they hear
    step one with a card, and the session closes (a one-shot asks nothing back)."""
    (today,) = alexa.run(TODAY)

    assert today.request["type"] == "IntentRequest"
    assert today.request["intent"] == "TodayStepIntent"
    assert today.request["sessionNew"] is True
    assert today.steps[:1] == [1]
    assert today.card is not None
    assert not today.reprompt
    assert today.ends_session


def test_progress_persists_between_sessions(alexa: VirtualAlexa) -> None:
    """GIVEN a couple who chose step four and stopped WHEN, in a new session with a new client,
    they ask for today's step THEN it is step four."""
    _, chosen, stopped = alexa.run(
        {"launch": True}, {"utter": "go to step four"}, {"utter": "stop"}
    )
    assert chosen.request["slots"]["number"] == "four"  # words pass through virtual-alexa
    assert chosen.steps[:1] == [4]
    assert stopped.ends_session

    (today,) = alexa.run(TODAY)

    assert today.request["sessionId"] != chosen.request["sessionId"]
    assert today.steps[:1] == [4]
    assert today.ends_session


def test_returning_couple_is_greeted_with_their_step(alexa: VirtualAlexa) -> None:
    """A couple who moved to step three yesterday is greeted, today, with step three: no welcome."""
    alexa.run(
        {"launch": True},
        {"intend": "GoToStepIntent", "slots": {"number": "3"}},
        {"end": True},
        timestamp="2026-11-24T14:00:00Z",
    )

    (greeting,) = alexa.run({"launch": True}, timestamp="2026-11-25T14:00:00Z")

    assert greeting.steps[:1] == [3]
    assert "therapy" not in greeting.speech.lower()
    assert greeting.asks


def test_two_couples_do_not_share_progress(alexa: VirtualAlexa) -> None:
    """One account's progress is its own: another account still starts at step one."""
    alexa.run({"intend": "GoToStepIntent", "slots": {"number": "5"}})

    (other,) = alexa.run(TODAY, user="amzn1.ask.account.E2E-OTHER-COUPLE")

    assert other.steps[:1] == [1]
