"""The console's language understanding: typed text becomes what Alexa would send the skill."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import pytest

from tests.unit.model_files import LOCALES, MODELS_DIR, samples
from tools.nlu.model import FALLBACK, Model, Understanding
from tools.nlu.spoken_values import normalise, number_value
from tools.standins.envelopes import Resolved

SLOT = re.compile(r"\{[^{}]+\}")


@cache
def en_us() -> Model:
    """The en-US model, loaded once."""
    return Model.from_file(MODELS_DIR / "en-US.json")


def understand(text: str) -> Understanding:
    """What Alexa would send for `text` with the en-US model."""
    return en_us().understand(text)


def tiny_model(intents: list[dict[str, Any]]) -> Model:
    """A model invoked as "reconnect ritual" with just `intents`."""
    return Model({"invocationName": "reconnect ritual", "intents": intents})


# --- launching and one-shots -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "open reconnect ritual",
        "Alexa, open Reconnect Ritual",
        "launch reconnect ritual",
        "start reconnect ritual",
        "alexa start reconnect ritual.",
        "ask reconnect ritual",
    ],
)
def test_launch_phrases_become_a_launch_request(text: str) -> None:
    """'Open/launch/start <invocation name>' alone opens the skill with a LaunchRequest."""
    assert understand(text) == Understanding("launch")


def test_ask_for_todays_step_is_a_one_shot_today_step_intent() -> None:
    """'Ask reconnect ritual for today's step' is TodayStepIntent, sent in a new session."""
    understood = understand("Alexa, ask reconnect ritual for today's step")

    assert understood == Understanding("intent", "TodayStepIntent", {}, one_shot=True)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("tell reconnect ritual to go to the next step", "NextStepIntent"),
        ("ask reconnect ritual what are the steps", "ListStepsIntent"),
        ("ask reconnect ritual about the signs of burnout", "BurnoutSignsIntent"),
        ("tell reconnect ritual to start over", "AMAZON.StartOverIntent"),
        ("open reconnect ritual and tell me more", "TellMeMoreIntent"),
    ],
)
def test_one_shot_forms_carry_the_rest_as_an_intent(text: str, intent: str) -> None:
    """'Ask/tell <invocation> (to|for|about|...) <rest>': the rest is matched, one-shot."""
    understood = understand(text)

    assert (understood.intent, understood.one_shot) == (intent, True)


def test_a_one_shot_alexa_cannot_place_is_a_one_shot_fallback() -> None:
    """An unplaceable request to the skill still reaches it, as FallbackIntent in a new session."""
    understood = understand("ask reconnect ritual to order a pizza")

    assert (understood.intent, understood.one_shot) == (FALLBACK, True)


def test_exit_closes_the_session_rather_than_reaching_an_intent() -> None:
    """'Exit' is Alexa's own: it ends the session instead of sending an intent."""
    assert understand("exit").kind == "exit"


# --- intents and slots -------------------------------------------------------------------


def test_next_step_in_a_session_is_next_step_intent() -> None:
    """A sample spoken in an open session is that intent, not a one-shot."""
    assert understand("next step") == Understanding("intent", "NextStepIntent", {})


@pytest.mark.parametrize(
    ("text", "intent", "number"),
    [
        ("go to step three", "GoToStepIntent", "3"),
        ("step forty two", "HearStepIntent", "42"),
        ("step forty-two", "HearStepIntent", "42"),
        ("go to step twenty one", "GoToStepIntent", "21"),
        ("step number seven", "HearStepIntent", "7"),
        ("Go to step 5!", "GoToStepIntent", "5"),
    ],
)
def test_number_words_in_a_number_slot_arrive_as_digits(
    text: str, intent: str, number: str
) -> None:
    """AMAZON.NUMBER values said in words are sent as digits, as Alexa does; the step's
    other slot, ordinal, is sent empty."""
    assert understand(text) == Understanding("intent", intent, {"number": number, "ordinal": None})


def test_a_non_number_where_a_number_is_expected_arrives_as_a_question_mark() -> None:
    """'Go to step banana' still reaches GoToStepIntent, with the number slot '?'."""
    assert understand("go to step banana") == Understanding(
        "intent", "GoToStepIntent", {"number": "?", "ordinal": None}
    )


@pytest.mark.parametrize(
    ("text", "intent", "said", "value", "step_id"),
    [
        ("what's the second step", "HearStepIntent", "second", "second", "2"),
        ("tell us about the 5th step", "HearStepIntent", "5th", "fifth", "5"),
        ("what is the final step about", "HearStepIntent", "final", "seventh", "7"),
        ("let's start the first step", "GoToStepIntent", "first", "first", "1"),
        ("move us to the third step", "GoToStepIntent", "third", "third", "3"),
    ],
)
def test_a_step_said_as_an_ordinal_resolves_to_its_step_number(
    text: str, intent: str, said: str, value: str, step_id: str
) -> None:
    """GIVEN a step named as an ordinal ("the second step", "the 5th", "the final step") THEN
    the STEP_ORDINAL slot carries what was said and resolves, as Alexa's entity resolution
    does, to the value and its id: the step number."""
    understood = understand(text)
    assert (understood.intent, understood.slots) == (intent, {"number": None, "ordinal": said})
    assert understood.resolved == {"ordinal": Resolved("STEP_ORDINAL", value, step_id)}


def test_an_ordinal_the_type_does_not_list_arrives_unresolved() -> None:
    """A custom slot takes words its type does not list (Alexa's are not enumerations):
    'the last step' fills ordinal with "last" and a NO_MATCH resolution, no step id."""
    understood = understand("tell us about the last step")
    assert (understood.intent, understood.slots["ordinal"]) == ("HearStepIntent", "last")
    assert understood.resolved == {"ordinal": Resolved("STEP_ORDINAL")}


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("let's start the next step", "NextStepIntent"),
        ("move us to the next step", "NextStepIntent"),
        ("move us to the previous step", "PreviousStepIntent"),
    ],
)
def test_next_and_previous_are_moves_not_ordinals(text: str, intent: str) -> None:
    """Where a step-naming sample has {ordinal}, "next" and "previous" are samples of their own."""
    assert understand(text).intent == intent


@pytest.mark.parametrize("text", ["something unrelated", "what's the weather", "step", ""])
def test_text_that_matches_no_sample_is_fallback_intent(text: str) -> None:
    """A phrase the model cannot place goes to AMAZON.FallbackIntent."""
    assert understand(text) == Understanding("intent", FALLBACK, {})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("yes", "AMAZON.YesIntent"),
        ("yeah", "AMAZON.YesIntent"),
        ("Sure.", "AMAZON.YesIntent"),
        ("okay", "AMAZON.YesIntent"),
        ("yes please", "AMAZON.YesIntent"),
        ("no", "AMAZON.NoIntent"),
        ("nope", "AMAZON.NoIntent"),
        ("no thanks", "AMAZON.NoIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("cancel", "AMAZON.CancelIntent"),
        ("never mind", "AMAZON.CancelIntent"),
        ("help", "AMAZON.HelpIntent"),
        ("repeat", "AMAZON.RepeatIntent"),
        ("say that again", "AMAZON.RepeatIntent"),
        ("start over", "AMAZON.StartOverIntent"),
        ("go home", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_built_in_intents_match_their_standard_phrases(text: str, intent: str) -> None:
    """Built-ins match Alexa's standard phrases even though the model lists no such samples."""
    assert understand(text) == Understanding("intent", intent, {})


def test_a_built_in_the_model_does_not_declare_is_never_sent() -> None:
    """Alexa only sends intents a model declares: 'pause' without AMAZON.PauseIntent falls back."""
    model = tiny_model([{"name": "AMAZON.FallbackIntent", "samples": []}])

    assert model.understand("pause").intent == FALLBACK


def test_an_exact_sample_wins_over_a_sample_with_a_slot() -> None:
    """'Step one' as an exact sample of one intent beats 'step {number}' of another."""
    model = tiny_model(
        [
            {"name": "FirstIntent", "samples": ["step one"]},
            {
                "name": "GoToStepIntent",
                "slots": [{"name": "number", "type": "AMAZON.NUMBER"}],
                "samples": ["step {number}"],
            },
        ]
    )

    assert model.understand("step one").intent == "FirstIntent"
    assert model.understand("step two").slots == {"number": "2"}


def test_apostrophes_and_case_are_normalised_on_both_sides() -> None:
    """Typed "Whats TODAY'S step?" or curly apostrophes match the sample "what's today's step"."""
    assert understand("Whats TODAY'S step?").intent == "TodayStepIntent"
    assert understand("what\u2019s today\u2019s step").intent == "TodayStepIntent"


def test_every_intent_sends_all_its_slots_even_unfilled() -> None:
    """Like Alexa, a matched intent carries each declared slot; unfilled ones have no value."""
    model = tiny_model(
        [
            {
                "name": "GoToStepIntent",
                "slots": [{"name": "number", "type": "AMAZON.NUMBER"}],
                "samples": ["pick a step", "step {number}"],
            }
        ]
    )

    assert model.understand("pick a step").slots == {"number": None}


@pytest.mark.parametrize(
    ("intent", "sample"),
    [(intent, sample) for intent, listed in samples("en-US").items() for sample in listed],
)
def test_every_en_us_sample_is_understood_as_its_own_intent(intent: str, sample: str) -> None:
    """Each sample of each intent in en-US, slots filled with 'three', comes back as that intent."""
    text = SLOT.sub("three", sample)

    understood = understand(text)

    assert understood.intent == intent
    if "{number}" in sample:
        assert understood.slots["number"] == "3"


# --- the pieces --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "digits"),
    [
        ("three", "3"),
        ("forty two", "42"),
        ("forty-two", "42"),
        ("one hundred and five", "105"),
        ("two thousand twenty six", "2026"),
        ("07", "7"),
        ("banana", None),
        ("", None),
    ],
)
def test_number_words_become_digits(words: str, digits: str | None) -> None:
    """number_value reads a number said in words, and refuses anything else."""
    assert number_value(words) == digits


def test_normalise_keeps_apostrophes_inside_words_only() -> None:
    """Case and punctuation go; apostrophes inside words stay; quotes around words go."""
    assert normalise("  What's 'TODAY'S'   step?! ") == "what's today's step"


# --- reminder times said with a part of the day ------------------------------------------

SAID = "seven thirty in the evening"  # the example the skill's own time question gives
HEARD = {"time": "07:30", "period": "evening"}


@pytest.mark.parametrize(
    "form",
    [
        "remind us at {said}",
        "remind us every day at {said}",
        "remind us daily at {said}",
        "set a reminder every day at {said}",
        "set a daily reminder for {said}",
    ],
)
@pytest.mark.parametrize("locale", LOCALES)
def test_a_time_with_its_part_of_the_day_is_heard_in_every_way_of_asking(
    locale: str, form: str
) -> None:
    """GIVEN the skill's own example of a time WHEN a couple asks for a reminder with it, in
    any of the ways the models take a time THEN Alexa sends the time and the part of the day
    apart, not the whole phrase as a time it cannot read."""
    heard = Model.from_file(MODELS_DIR / f"{locale}.json").understand(form.format(said=SAID))
    assert (heard.intent, heard.slots) == ("SetReminderIntent", HEARD)


@pytest.mark.parametrize("answer", [SAID, f"at {SAID}", f"every day at {SAID}", f"daily at {SAID}"])
@pytest.mark.parametrize("locale", LOCALES)
def test_the_time_question_takes_a_time_with_its_part_of_the_day(locale: str, answer: str) -> None:
    """GIVEN the skill asked what time suits them WHEN they answer with the example it gave,
    however they put it THEN the time slot is filled with the time and the part of the day."""
    model = Model.from_file(MODELS_DIR / f"{locale}.json")
    elicited = model.understand_slot(answer, "SetReminderIntent", "time")
    assert elicited is not None, f"{answer!r} is not heard as a time"
    assert elicited.slots == HEARD
