"""Placeholders filled as a sentence needs them: capitals at a sentence's start, one full stop."""

from __future__ import annotations

import re
from datetime import date

import pytest

from reconnect.speech.content import library, placeholders
from reconnect.speech.phrasing import PhrasePicker, fill

LOCALES = ("en-US", "en-GB")
_LOWER_START = re.compile(r"(^|[.!?]\s+)(three|eight|p\.m\.)")


def test_a_value_opening_a_sentence_gets_its_capital() -> None:
    """GIVEN '{count} of the four' WHEN filled with 'three' THEN it reads 'Three of the four'."""
    assert fill("{count} of the four. Then {count}.", {"count": "three"}) == (
        "Three of the four. Then three."
    )


def test_a_value_ending_in_a_full_stop_takes_the_templates() -> None:
    """GIVEN 'at {time}.' WHEN the time is '8 p.m.' THEN one full stop, not two."""
    assert fill("Moved to {time}. Done.", {"time": "8 p.m."}) == "Moved to 8 p.m. Done."
    assert fill("Wait {x}.", {"x": "for it..."}) == "Wait for it..."
    assert fill("At {time}, {n:>2}!", {"time": "noon", "n": 5}) == "At noon,  5!"


@pytest.mark.parametrize("locale", LOCALES)
def test_no_phrasing_doubles_a_full_stop_or_opens_a_sentence_in_lower_case(locale: str) -> None:
    """GIVEN every phrasing with placeholders WHEN each is filled with 'three p.m.' THEN no
    sentence starts in lower case and no full stop is doubled."""
    content = library().for_locale(locale)
    checked = 0
    for key, phrasings in content.prompts.items():
        for offset in range(len(phrasings)):
            template = phrasings[offset]
            names = placeholders(template)
            if not names:
                continue
            voice = PhrasePicker(content, date(2026, 12, 1), turn=offset)
            said = voice.say(key, **dict.fromkeys(names, "three p.m."))
            assert "p.m.." not in said, f"{key}: {said}"
            assert not _LOWER_START.search(said), f"{key}: {said}"
            checked += 1
    assert checked > 50
