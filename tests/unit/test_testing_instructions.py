"""Certification: the testing instructions explain every permission and use phrases that work.

The tester reads `testingInstructions` and says what it quotes: each permission the manifest
asks for must be explained there, and each quoted phrase must reach the skill in every locale
(a launch, or an intent other than the fallback), matched word for word as the console's
understanding (tools/nlu/model.py) does.
So must the README's "What a couple can say" examples (the first column of its tables).
"""

from __future__ import annotations

import re

import pytest

from tests.unit.model_files import LOCALES, MODELS_DIR, REPO_ROOT, load_manifest
from tools.nlu.model import Model


def instructions() -> str:
    """The manifest's testing instructions."""
    text = load_manifest()["publishingInformation"]["testingInstructions"]
    assert isinstance(text, str)
    return text


def quoted_phrases() -> list[str]:
    """Every phrase the instructions quote for the tester to say."""
    return sorted(set(re.findall(r'"([^"]+)"', instructions())))


def readme_examples() -> list[str]:
    """The phrases in the first column of the README's "What a couple can say" tables."""
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    section = readme.split("\n## What a couple can say\n", 1)[1].split("\n## ", 1)[0]
    cells = re.findall(r"^\| (.+?) \|", section, flags=re.M)
    return sorted({p for cell in cells for p in re.findall(r'"([^"]+)"', cell)})


def test_every_permission_the_manifest_asks_for_is_explained() -> None:
    """GIVEN the manifest's permissions WHEN a tester reads the instructions THEN each scope is
    named there (with where it is asked), and the instructions fit Amazon's 4,000 characters."""
    text = instructions()
    for permission in load_manifest()["permissions"]:
        assert permission["name"] in text, permission["name"]
    assert len(text) <= 4000


@pytest.mark.parametrize("locale", LOCALES)
def test_every_quoted_phrase_reaches_the_skill(locale: str) -> None:
    """GIVEN the locale's model WHEN the tester says each quoted phrase (or a couple one of the
    README's examples) THEN it launches the skill or reaches an intent, never the fallback."""
    model = Model.from_file(MODELS_DIR / f"{locale}.json")
    assert quoted_phrases()
    assert len(readme_examples()) > 40
    for phrase in quoted_phrases() + readme_examples():
        heard = model.understand(phrase)
        assert heard.kind in ("launch", "intent"), phrase
        assert heard.intent != "AMAZON.FallbackIntent", phrase
