"""Someone in distress gets help lines, by voice and on a card, and nothing else."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import VirtualAlexa

pytestmark = pytest.mark.e2e

PHONE_NUMBER = re.compile(r"\d{3}")


@pytest.mark.parametrize(
    "before",
    [[], [{"launch": True}, {"utter": "yes"}]],
    ids=["one-shot", "mid-session"],
)
def test_crisis_gives_help_lines_and_a_card_and_ends_the_session(
    alexa: VirtualAlexa, before: list[dict[str, object]]
) -> None:
    """GIVEN a couple (opening the skill, or in the middle of a step) WHEN one says they do not
    feel safe THEN they hear help lines, get them on a card with numbers, hear no program
    content, and the session ends."""
    *_, crisis = alexa.run(*before, {"utter": "i don't feel safe"})

    assert crisis.request["intent"] == "CrisisIntent"
    assert crisis.speech
    assert crisis.steps == []
    assert crisis.card is not None
    assert PHONE_NUMBER.search(str(crisis.card.get("content", "")))
    assert not crisis.reprompt
    assert crisis.ends_session
