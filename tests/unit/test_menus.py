"""The menus a couple hears ('You could say let's check in, a small idea, or we're finished')
name only things the interaction model understands, and nothing that fails on some step."""

from __future__ import annotations

import re

import pytest

from reconnect.speech.content import library
from tests.unit.model_files import LOCALES, normalise, samples
from tools.nlu.model import BUILT_IN_PHRASES

MENUS = ("ask_what_next", "ask_after_list")
_LEAD = re.compile(r"^(to hear one, )?(you can say|you could say|try|say)\s+", re.I)
_SPLIT = re.compile(r",\s*(?:or\s+)?(?:say\s+)?|\s+or\s+(?:say\s+)?")


def offered(phrasing: str) -> list[str]:
    """The things a menu phrasing names, as a couple would say them."""
    first = phrasing.split(". ")[0].removesuffix(".")
    return [p.strip() for p in _SPLIT.split(_LEAD.sub("", first)) if p.strip()]


def sayable(locale: str) -> set[str]:
    """Every sample of every intent (slots as Alexa fills them), and the built-ins' phrases."""
    known = {p for phrases in BUILT_IN_PHRASES.values() for p in phrases}
    for found in samples(locale).values():
        known |= {normalise(s) for s in found}
    return known


@pytest.mark.parametrize("locale", LOCALES)
def test_every_menu_names_things_the_model_understands(locale: str) -> None:
    """GIVEN each phrasing of each menu WHEN its options are said THEN each is a sample (step
    numbers as the 'step {number}' sample), and none is 'next step', which on step seven has
    nowhere to go (before: 'Try next step, ...' after hearing step seven)."""
    known = sayable(locale)
    content = library().for_locale(locale)
    for key in MENUS:
        for phrasing in content.phrasings(key):
            options = offered(phrasing)
            assert len(options) >= 2, f"{key}: no menu read in '{phrasing}'"  # never vacuous
            for option in options:
                said = normalise(option)
                said = re.sub(r"\bstep (\w+)$", lambda m: "step {number}", said)
                assert said in known, f"{key}: '{option}' in '{phrasing}'"
                assert said != "next step", phrasing
