"""A couple's first conversation through virtual-alexa: every answer asks, or says goodbye."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import VirtualAlexa

pytestmark = pytest.mark.e2e

LAUNCH = {"launch": True}


def test_new_couple_hears_a_welcome_that_says_it_is_not_therapy(alexa: VirtualAlexa) -> None:
    """GIVEN a couple who never used the skill WHEN they open it THEN the welcome says it is
    not therapy and asks a question, with a reprompt, keeping the session open."""
    (welcome,) = alexa.run(LAUNCH)

    assert welcome.request["type"] == "LaunchRequest"
    assert welcome.request["sessionNew"] is True
    assert "therapy" in welcome.speech.lower()
    assert welcome.asks
    assert welcome.reprompt


def test_yes_to_the_welcome_gives_step_one(alexa: VirtualAlexa) -> None:
    """The welcome offers today's step; 'yes' hears step one, with a card; the mic stays open."""
    _, yes = alexa.run(LAUNCH, {"utter": "yes"})

    assert yes.request["intent"] == "AMAZON.YesIntent"
    assert yes.steps[:1] == [1]
    assert yes.card is not None
    assert yes.asks


def test_next_step_moves_on_to_step_two(alexa: VirtualAlexa) -> None:
    """'Next step' from step one moves at once to step two and keeps the conversation going."""
    *_, moved = alexa.run(LAUNCH, {"utter": "yes"}, {"utter": "next step"})

    assert moved.request["intent"] == "NextStepIntent"
    assert moved.steps[:1] == [2]
    assert moved.asks


@pytest.mark.parametrize(
    "ask_for",
    [
        # virtual-alexa passes number words through; real Alexa sends digits.
        {"intend": "GoToStepIntent", "slots": {"number": "forty two"}},
        {"intend": "GoToStepIntent", "slots": {"number": "42"}},
        # Matched against the model's samples (virtual-alexa knows number words to twenty only).
        {"utter": "go to step 42"},
    ],
    ids=["words", "digits", "utterance"],
)
def test_step_forty_two_gets_a_kind_correction(
    alexa: VirtualAlexa, ask_for: dict[str, object]
) -> None:
    """GIVEN a couple on step one WHEN they ask for step forty-two THEN they hear there is no such
    step, are asked which one they want, the session stays open, and they are still on step one."""
    _, corrected, today = alexa.run(LAUNCH, ask_for, {"utter": "what's today's step"})

    assert corrected.request["intent"] == "GoToStepIntent"
    assert corrected.request["slots"]["number"] in ("forty two", "42")
    assert "42" in corrected.speech
    assert corrected.asks
    assert today.steps[:1] == [1]


def test_list_the_steps_names_all_seven_and_asks_which(alexa: VirtualAlexa) -> None:
    """'List the steps' names steps one to seven in order, then where they are, and asks which
    one they would like, naming how to say it ('step three')."""
    _, listed = alexa.run(LAUNCH, {"utter": "list the steps"})

    assert listed.request["intent"] == "ListStepsIntent"
    assert listed.steps[:8] == [1, 2, 3, 4, 5, 6, 7, 1]
    assert len(listed.steps) <= 9  # and at most an example in the question
    assert listed.asks


def test_signs_of_burnout_end_with_a_question(alexa: VirtualAlexa) -> None:
    """'Signs of burnout' answers and ends with a question, so the conversation goes on."""
    _, signs = alexa.run(LAUNCH, {"utter": "signs of burnout"})

    assert signs.request["intent"] == "BurnoutSignsIntent"
    assert len(signs.speech.split()) > 20
    assert signs.asks


def test_help_explains_and_asks_a_question(alexa: VirtualAlexa) -> None:
    """'Help' says what the skill is (not therapy) and asks what they would like."""
    _, helped = alexa.run(LAUNCH, {"utter": "help"})

    assert helped.request["intent"] == "AMAZON.HelpIntent"
    assert "therapy" in helped.speech.lower()
    assert helped.asks


def test_stop_says_goodbye_and_ends_the_session(alexa: VirtualAlexa) -> None:
    """'Stop' speaks a goodbye, asks nothing, and ends the session."""
    _, stopped = alexa.run(LAUNCH, {"utter": "stop"})

    assert stopped.request["intent"] == "AMAZON.StopIntent"
    assert stopped.speech
    assert not stopped.reprompt
    assert stopped.ends_session


def test_fallback_answers_kindly_and_keeps_listening(alexa: VirtualAlexa) -> None:
    """Something the model could not place gets a word on what to say, and a question."""
    _, fallback = alexa.run(LAUNCH, {"intend": "AMAZON.FallbackIntent"})

    assert fallback.request["intent"] == "AMAZON.FallbackIntent"
    assert fallback.speech
    assert fallback.asks


def test_a_session_closed_by_silence_gets_an_empty_answer(alexa: VirtualAlexa) -> None:
    """When the session ends without a word (SessionEndedRequest), the skill answers silently."""
    _, ended = alexa.run(LAUNCH, {"end": True})

    assert ended.request["type"] == "SessionEndedRequest"
    assert not ended.speech
    assert not ended.card


def test_yes_after_the_signs_of_burnout_gives_todays_step(alexa: VirtualAlexa) -> None:
    """The signs of burnout end by offering today's step, so 'yes' hears it."""
    *_, yes = alexa.run({"launch": True}, {"utter": "signs of burnout"}, {"utter": "yes"})

    assert yes.steps[:1] == [1]
    assert yes.card is not None
