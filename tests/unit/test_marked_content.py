"""The marked copy of content/: the production loader takes it, and its markers read back."""

from __future__ import annotations

from pathlib import Path

import pytest

from reconnect.speech.content import Library, content_dir, load, placeholders
from tests import marked_content
from tests.marked_content import Said, heard_in, names_in


@pytest.fixture(scope="module")
def libraries(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Library]:
    """content/ and its marked copy, each loaded and checked by the production loader."""
    marked = marked_content.write(content_dir(), tmp_path_factory.mktemp("marked"))
    return load(content_dir()), load(Path(marked))


def test_the_marked_copy_has_every_phrasing_of_every_key_with_its_placeholders(
    libraries: tuple[Library, Library],
) -> None:
    """GIVEN content/ WHEN marked THEN each locale keeps every key, phrasing and placeholder,
    and a phrasing ends in a question mark exactly when the real one does."""
    real, marked = libraries
    assert set(marked.locales) == set(real.locales)
    for locale, words in real.locales.items():
        marks = marked.locales[locale]
        assert set(marks.prompts) == set(words.prompts)
        for key, phrasings in words.prompts.items():
            assert len(marks.phrasings(key)) == len(phrasings), key
            for i, (mark, phrasing) in enumerate(zip(marks.phrasings(key), phrasings, strict=True)):
                assert mark.startswith(f"[{key}#{i}"), mark
                assert placeholders(mark) == placeholders(phrasing), key
                assert mark.endswith("?") == phrasing.endswith("?"), key
        assert marks.time_zone == words.time_zone


def test_steps_and_help_lines_are_marked_by_where_they_sit(
    libraries: tuple[Library, Library],
) -> None:
    """A step's words are named by its number, a locale's help lines by the locale."""
    _, marked = libraries
    gb = marked.for_locale("en-GB")
    assert gb.step(4).title == "[program.steps.4.title]"
    assert gb.step(4).questions[1].ask == "[program.steps.4.questions#1.ask]?"
    assert gb.crisis.speech == "[en-GB.crisis.speech]"
    assert gb.ritual.prompts[2]["share"][0] == "[ritual.steps.2.share#0]"


def test_heard_markers_give_the_key_the_phrasing_and_the_values_filled_in() -> None:
    """Nested markers and values with spaces read back as they were filled in."""
    text = "[today_intro#2 step_number=4 step_title=[program.steps.4.title]] [ask_more#0]?"
    intro, more = heard_in(text)
    assert intro == Said(
        "today_intro", 2, {"step_number": "4", "step_title": "[program.steps.4.title]"}
    )
    assert intro.value("step_title") == [Said("program.steps.4.title", None)]
    assert more == Said("ask_more", 0)
    left = heard_in("[ritual_paused#1 left=eight and a half minutes]")
    assert left == [Said("ritual_paused", 1, {"left": "eight and a half minutes"})]
    assert names_in("[talk_about#0 question=[program.steps.1.questions#2.ask]?]") == [
        "talk_about",
        "program.steps.1.questions.ask",
    ]
