"""The phrasing sets that check the interaction models generalise (tests/nlu/).

`held_out.tsv` holds natural phrasings with the intent each must reach; `distress.txt`
holds ways of saying distress that must all reach CrisisIntent. Neither may repeat a
sample of any locale: `sample_matcher` says whether a phrase equals a sample once case,
punctuation and slot values are set aside. Standard library only, so `make test` checks
the sets without the embedding model that `tools.nlu.check` routes them with.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
SETS_DIR = REPO_ROOT / "tests" / "nlu"
HELD_OUT_PATH = SETS_DIR / "held_out.tsv"
DISTRESS_PATH = SETS_DIR / "distress.txt"
MODELS_DIR = REPO_ROOT / "interaction_models"
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")

_SLOT = re.compile(r"\{[A-Za-z][A-Za-z0-9_]*\}")
_FEW_WORDS = r"\S+(?: \S+){0,3}"
_NUMBER_WORD = (
    r"(?:\d+|zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen"
    r"|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand|million|minus|and)"
)
NUMBER = rf"{_NUMBER_WORD}(?: {_NUMBER_WORD})*"
_TIME_WORD = (
    rf"(?:{_NUMBER_WORD}|am|pm|a|m|p|oclock|o|clock|oh|half|quarter|past|to|noon|midday"
    r"|midnight|morning|afternoon|evening|night|tonight|in|the|this)"
)
TIME = rf"{_TIME_WORD}(?: {_TIME_WORD})*"
_BUILT_IN_TYPES = {"AMAZON.NUMBER": NUMBER, "AMAZON.TIME": TIME}


@dataclass(frozen=True)
class Phrasing:
    """One held-out line: what a couple says, the capability, the intents that are right."""

    capability: str
    intents: tuple[str, ...]
    text: str
    line: int


def plain(text: str) -> str:
    """Lower case, apostrophes dropped, every other mark a space, single spaces."""
    text = text.lower().replace("\u2019", "").replace("'", "")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """The numbered lines of a set that are neither blank nor a # comment."""
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield number, line


def load_held_out(path: Path = HELD_OUT_PATH) -> list[Phrasing]:
    """The held-out phrasings; a line without exactly three tab-separated fields is refused."""
    phrasings: list[Phrasing] = []
    for number, line in _lines(path):
        fields = line.split("\t")
        if len(fields) != 3 or not all(f.strip() for f in fields):
            raise ValueError(f"{path.name}:{number}: want capability<TAB>intent<TAB>phrase")
        capability, intents, text = (f.strip() for f in fields)
        phrasings.append(Phrasing(capability, tuple(intents.split("|")), text, number))
    return phrasings


def load_distress(path: Path = DISTRESS_PATH) -> list[str]:
    """The distress phrasings, one a line."""
    return [line.strip() for _, line in _lines(path)]


def load_language_model(locale: str) -> dict[str, Any]:
    """The languageModel object of interaction_models/<locale>.json."""
    document = json.loads((MODELS_DIR / f"{locale}.json").read_text("utf-8"))
    language_model: dict[str, Any] = document["interactionModel"]["languageModel"]
    return language_model


def model_samples(language_model: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(intent, sample) for every intent sample and every slot sample of a model."""
    for intent in language_model.get("intents", []):
        for sample in intent.get("samples", []):
            yield str(intent["name"]), str(sample)
        for slot in intent.get("slots", []):
            for sample in slot.get("samples", []):
                yield str(intent["name"]), str(sample)


def slot_value_patterns(language_model: dict[str, Any]) -> dict[str, dict[str, str]]:
    """For each intent, a regex (over `plain` text) of what each of its slots can hold:
    number words or digits for AMAZON.NUMBER, clock words for AMAZON.TIME, the values and
    synonyms of a custom type, one to four words for any other type."""
    custom: dict[str, str] = {}
    for slot_type in language_model.get("types", []):
        said = sorted(
            {
                plain(word)
                for value in slot_type.get("values", [])
                for word in (value["name"]["value"], *value["name"].get("synonyms", []))
            },
            key=len,
            reverse=True,
        )
        custom[str(slot_type["name"])] = "(?:" + "|".join(re.escape(w) for w in said) + ")"
    return {
        str(intent["name"]): {
            str(slot["name"]): custom.get(str(slot["type"]))
            or _BUILT_IN_TYPES.get(str(slot["type"]), _FEW_WORDS)
            for slot in intent.get("slots", [])
        }
        for intent in language_model.get("intents", [])
    }


def sample_regex(sample: str, slots: dict[str, str] | None = None) -> re.Pattern[str]:
    """A sample as a regex over `plain` text, each {slot} standing for what it can hold
    (`slots`, by slot name; one to four words when not given)."""
    parts: list[str] = []
    for token in _SLOT.sub(lambda m: f" {m.group(0)} ", sample).split():
        if _SLOT.fullmatch(token):
            parts.append((slots or {}).get(token[1:-1], _FEW_WORDS))
        elif plain(token):
            parts.append(re.escape(plain(token)))
    return re.compile(" ".join(parts))


@dataclass(frozen=True)
class Sample:
    """A sample of a model: where it is (locale), its intent, its text, its slots' values."""

    where: str
    intent: str
    text: str
    slots: dict[str, str] = field(default_factory=dict)


class SampleMatcher:
    """Says which samples a phrase equals, once case, punctuation and slot values are aside."""

    def __init__(self, samples: Iterable[Sample]) -> None:
        self._exact: dict[str, list[str]] = {}
        self._patterns: list[tuple[re.Pattern[str], str]] = []
        for sample in samples:
            label = f"{sample.where} {sample.intent}: {sample.text!r}"
            if _SLOT.search(sample.text):
                self._patterns.append((sample_regex(sample.text, sample.slots), label))
            else:
                self._exact.setdefault(plain(sample.text), []).append(label)

    def equal_samples(self, phrase: str) -> list[str]:
        """The samples (locale, intent, text) that `phrase` equals; empty when it is new."""
        words = plain(phrase)
        found = list(self._exact.get(words, []))
        found += [label for regex, label in self._patterns if regex.fullmatch(words)]
        return found


def locale_samples(locales: Iterable[str] = LOCALES) -> Iterator[Sample]:
    """Every sample (and slot sample) of the given locales' models, with its slots' values."""
    for locale in locales:
        language_model = load_language_model(locale)
        slots = slot_value_patterns(language_model)
        for intent, text in model_samples(language_model):
            yield Sample(locale, intent, text, slots.get(intent, {}))
