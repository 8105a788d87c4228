"""The console's understanding inside a dialog: slot samples while Alexa listens, and times."""

from __future__ import annotations

from functools import cache

import pytest

from tests.unit.model_files import MODELS_DIR
from tools.nlu.model import FALLBACK, Model, Understanding
from tools.nlu.spoken_values import time_value
from tools.standins.envelopes import Resolved


@cache
def en_us() -> Model:
    """The en-US model, loaded once."""
    return Model.from_file(MODELS_DIR / "en-US.json")


def test_the_dialog_intents_come_from_the_models_dialog_section() -> None:
    """CheckInIntent and SetReminderIntent have a dialog model; nothing else does."""
    assert en_us().dialog_intents == {"CheckInIntent", "SetReminderIntent"}


@pytest.mark.parametrize(
    ("text", "rating"),
    [
        ("seven", "7"),
        ("about a six", "6"),
        ("ten out of ten", "10"),
        ("I'd say 8", "8"),
        ("eleven", "11"),
        ("banana", "?"),
    ],
)
def test_while_alexa_listens_for_a_rating_the_slot_samples_fill_it(text: str, rating: str) -> None:
    """'about a six' is no intent of its own, but it fills the elicited rating slot."""
    assert en_us().understand(text).intent == FALLBACK
    assert en_us().understand_slot(text, "CheckInIntent", "rating") == Understanding(
        "intent", "CheckInIntent", {"rating": rating}
    )


def test_a_time_answer_can_carry_the_part_of_the_day() -> None:
    """'eight in the evening' fills time and period, as the slot sample says."""
    assert en_us().understand_slot("eight in the evening", "SetReminderIntent", "time") == (
        Understanding(
            "intent",
            "SetReminderIntent",
            {"time": "08:00", "period": "evening"},
            resolved={"period": Resolved("DAY_PERIOD", "evening")},
        )
    )


def test_no_slot_sample_for_an_intent_without_a_dialog() -> None:
    """Only elicited slots have samples: anything else is not understood as a slot answer."""
    assert en_us().understand_slot("three", "GoToStepIntent", "number") is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("eight pm", "20:00"),
        ("8 p.m.", "20:00"),
        ("eight", "08:00"),
        ("7:30", "07:30"),
        ("seven thirty pm", "19:30"),
        ("half past seven", "07:30"),
        ("quarter to eight", "07:45"),
        ("twelve am", "00:00"),
        ("noon", "12:00"),
        ("evening", "EV"),
        ("in the morning", "MO"),
        ("banana", None),
    ],
)
def test_times_become_what_amazon_time_sends(words: str, value: str | None) -> None:
    """Clock times as 'HH:MM' (24-hour when am/pm was said), parts of the day as MO/AF/EV/NI."""
    assert time_value(words) == value


def test_one_shot_reminder_and_check_in_phrases() -> None:
    """'ask reconnect ritual to remind us every evening at eight' and '... for a check in'."""
    reminder = en_us().understand("ask reconnect ritual to remind us every evening at eight")
    assert (reminder.intent, reminder.slots, reminder.one_shot) == (
        "SetReminderIntent",
        {"time": "08:00", "period": "evening"},
        True,
    )
    assert en_us().understand("ask reconnect ritual for a check in").intent == "CheckInIntent"
