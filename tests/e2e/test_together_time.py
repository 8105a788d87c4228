"""Together time through virtual-alexa: start, time left, pause, resume and stop, each from a new
session as "Alexa, tell reconnect ritual to ..." would send it, against the Timers API stand-in.

Each run is a fresh virtual-alexa client whose requests carry the run's timestamp; the stand-in's
timers run on a clock the test moves to the same moment.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reconnect.speech.content import library
from tests.conftest import Clock
from tests.e2e.conftest import Exchange, VirtualAlexa
from tools.standins.alexa import AlexaStandIn
from tools.standins.timers import TimersApi

pytestmark = pytest.mark.e2e

START = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # six in the evening in New York


class Evening:
    """One couple's together time: each say() is a new session at the clock's moment."""

    def __init__(self, alexa: VirtualAlexa, standin: AlexaStandIn) -> None:
        self.alexa = alexa
        self.clock = Clock(START)
        self.timers = TimersApi(standin, now=self.clock)

    def say(self, utterance: str) -> Exchange:
        """One utterance in a new session, at the current moment."""
        (exchange,) = self.alexa.run(
            {"utter": utterance}, timestamp=self.clock.now.strftime("%Y-%m-%dT%H:%M:%SZ")
        )
        return exchange

    def wait(self, **delta: float) -> list[str]:
        """Let time pass; the labels of the timers that went off."""
        end = self.clock.now + timedelta(**delta)
        fired: list[str] = []
        while self.clock.now < end:
            self.clock.advance(seconds=min(10, (end - self.clock.now).total_seconds()))
            fired += [f.label or "" for f in self.timers.fire_due()]
        return fired


@pytest.fixture
def evening(alexa: VirtualAlexa, standin: AlexaStandIn) -> Evening:
    """A couple, their Echo and its timers at six in the evening."""
    return Evening(alexa, standin)


def test_start_sets_six_timers_and_closes(evening: Evening) -> None:
    """'Start together time' reaches StartRitualIntent, sets six timers and ends the session."""
    started = evening.say("start together time")
    assert started.request["intent"] == "StartRitualIntent"
    assert started.ends_session
    arrive = library().for_locale("en-US").ritual.prompts[1]["arrive"]
    assert any(prompt in started.speech for prompt in arrive)
    assert sorted(t.duration for t in evening.timers.timers.values()) == sorted(
        ["PT1M", "PT3M", "PT5M", "PT7M", "PT9M", "PT10M"]
    )


def test_time_left_pause_resume_and_stop_from_new_sessions(evening: Evening) -> None:
    """The couple's evening: start, 'how much time is left', pause, resume, stop."""
    evening.say("let's do our ten minutes")
    assert evening.wait(minutes=4) == [
        "Together time: appreciate",
        "Together time: share",
    ]

    left = evening.say("how much time is left")
    assert left.request["intent"] == "RitualTimeLeftIntent"
    assert "six minutes" in left.speech

    paused = evening.say("pause together time")
    assert paused.request["intent"] == "PauseRitualIntent"
    assert {t.status for t in evening.timers.timers.values()} == {"PAUSED"}
    assert evening.wait(minutes=5) == []

    resumed = evening.say("resume together time")
    assert resumed.request["intent"] == "ResumeRitualIntent"
    assert "six minutes" in resumed.speech
    assert evening.wait(minutes=1) == ["Together time: swap turns"]

    stopped = evening.say("stop together time")
    assert stopped.request["intent"] == "StopRitualIntent"
    assert stopped.ends_session
    assert evening.timers.timers == {}
    assert "start together time" in evening.say("how much time is left").speech


def test_restart_question_is_answered_by_voice(evening: Evening) -> None:
    """A second start asks; 'no' keeps the ritual going, in the same session."""
    evening.say("start together time")
    evening.wait(minutes=2)
    asked, kept = evening.alexa.run(
        {"utter": "start together time"},
        {"utter": "no"},
        timestamp=evening.clock.now.strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    assert asked.asks
    assert kept.request["intent"] == "AMAZON.NoIntent"
    assert "eight minutes" in kept.speech
    assert len(evening.timers.timers) == 5
