"""Route phrasings by nearest neighbour over a model's expanded samples, and judge the result.

A stand-in for Alexa's understanding that can be measured: every sample of a locale's
model, its {slots} filled with example values, plus the phrases Alexa's built-in intents
know without samples (`tools.nlu.model.BUILT_IN_PHRASES`, a narrow stand-in for Amazon's own
training), is a reference; a phrasing reaches the intent of the reference nearest in
meaning. The embedding is injected (`Embedder`), so this module is standard library only:
`tools.nlu.check` gives it all-MiniLM-L6-v2, the unit tests a word-overlap embedder.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from tools.nlu.model import BUILT_IN_PHRASES
from tools.nlu.sets import Phrasing

CRISIS = "CrisisIntent"
DELETE = "DeleteDataIntent"
TARGET_ACCURACY = 0.95

# Example values a {slot} of a built-in type is filled with (two per sample, rotating).
EXAMPLE_VALUES: dict[str, tuple[str, ...]] = {
    "AMAZON.NUMBER": ("three", "six", "two", "five", "seven", "four"),
    "AMAZON.TIME": ("eight pm", "half past seven", "nine in the morning", "seven thirty"),
}
FILLS_PER_SAMPLE = 2
_SLOT = re.compile(r"\{([A-Za-z][A-Za-z0-9_]*)\}")


@dataclass(frozen=True)
class Reference:
    """One phrase the router knows: the intent it belongs to and its words."""

    intent: str
    text: str


class Embedder(Protocol):
    """Finds, for each phrase, the reference nearest in meaning."""

    def nearest(self, phrases: Sequence[str], references: Sequence[str]) -> list[tuple[int, float]]:
        """(index into references, similarity) of the nearest reference to each phrase."""
        ...


def _slot_values(language_model: dict[str, Any]) -> dict[str, dict[str, tuple[str, ...]]]:
    """For each intent, the example values each of its slots is filled with."""
    custom = {
        str(t["name"]): tuple(str(v["name"]["value"]) for v in t.get("values", []))
        for t in language_model.get("types", [])
    }
    return {
        str(intent["name"]): {
            str(slot["name"]): custom.get(str(slot["type"]))
            or EXAMPLE_VALUES.get(str(slot["type"]), ("something",))
            for slot in intent.get("slots", [])
        }
        for intent in language_model.get("intents", [])
    }


def expand(sample: str, values: dict[str, tuple[str, ...]], seed: int) -> list[str]:
    """A sample with each {slot} filled with example values: FILLS_PER_SAMPLE variants,
    the values rotating with `seed` so that every value appears across an intent's samples."""
    if not _SLOT.search(sample):
        return [sample]
    filled: list[str] = []
    for fill in range(FILLS_PER_SAMPLE):

        def value(match: re.Match[str], fill: int = fill) -> str:
            choices = values.get(match.group(1), ("something",))
            return choices[(seed * FILLS_PER_SAMPLE + fill) % len(choices)]

        text = _SLOT.sub(value, sample)
        if text not in filled:
            filled.append(text)
    return filled


def references(language_model: dict[str, Any]) -> list[Reference]:
    """Every sample of a model, slots filled, and the built-in phrases of its built-ins."""
    slot_values = _slot_values(language_model)
    found: list[Reference] = []
    for intent in language_model.get("intents", []):
        name = str(intent["name"])
        for seed, sample in enumerate(intent.get("samples", [])):
            found += [Reference(name, t) for t in expand(str(sample), slot_values[name], seed)]
        found += [Reference(name, phrase) for phrase in BUILT_IN_PHRASES.get(name, ())]
    unique: dict[tuple[str, str], Reference] = {(r.intent, r.text): r for r in found}
    return list(unique.values())


@dataclass(frozen=True)
class Routed:
    """Where one phrasing went: the intent reached, the nearest reference, its similarity."""

    text: str
    wanted: tuple[str, ...]
    capability: str
    intent: str
    nearest: str
    similarity: float

    @property
    def right(self) -> bool:
        """The phrasing reached one of the intents it should."""
        return self.intent in self.wanted


def route(
    embedder: Embedder, refs: Sequence[Reference], phrasings: Sequence[Phrasing]
) -> list[Routed]:
    """Route each phrasing to the intent of its nearest reference."""
    if not phrasings:
        return []
    nearest = embedder.nearest([p.text for p in phrasings], [r.text for r in refs])
    return [
        Routed(p.text, p.intents, p.capability, refs[i].intent, refs[i].text, score)
        for p, (i, score) in zip(phrasings, nearest, strict=True)
    ]


@dataclass(frozen=True)
class Verdict:
    """A locale's results on the held-out set and the distress list."""

    locale: str
    held_out: list[Routed]
    distress: list[Routed]

    @property
    def accuracy(self) -> float:
        """The share of held-out phrasings that reached a right intent (0 when there are none:
        an empty set proves nothing)."""
        if not self.held_out:
            return 0.0
        return sum(r.right for r in self.held_out) / len(self.held_out)

    def per_capability(self) -> dict[str, tuple[int, int]]:
        """(right, of) for each capability, in the held-out file's order."""
        right: Counter[str] = Counter()
        total: Counter[str] = Counter()
        for routed in self.held_out:
            total[routed.capability] += 1
            right[routed.capability] += routed.right
        return {c: (right[c], n) for c, n in total.items()}

    @property
    def misses(self) -> list[Routed]:
        """The held-out phrasings that reached a wrong intent."""
        return [r for r in self.held_out if not r.right]

    @property
    def distress_missed(self) -> list[Routed]:
        """Distress phrasings that did not reach the crisis intent."""
        return [r for r in self.distress if r.intent != CRISIS]

    @property
    def reached_delete(self) -> list[Routed]:
        """Phrasings that reached delete without being a request to delete."""
        return [r for r in (*self.held_out, *self.distress) if r.intent == DELETE and not r.right]

    @property
    def safe(self) -> bool:
        """Every distress phrasing reached crisis, and nothing reached delete by mistake."""
        return not self.distress_missed and not self.reached_delete

    @property
    def passed(self) -> bool:
        """Safe, and at least TARGET_ACCURACY of the held-out set routed right."""
        return self.safe and self.accuracy >= TARGET_ACCURACY


def judge(
    locale: str,
    embedder: Embedder,
    language_model: dict[str, Any],
    held_out: Sequence[Phrasing],
    distress: Sequence[str],
) -> Verdict:
    """Route the held-out set and the distress list over one locale's model."""
    refs = references(language_model)
    as_phrasings = [Phrasing("distress", (CRISIS,), text, 0) for text in distress]
    return Verdict(locale, route(embedder, refs, held_out), route(embedder, refs, as_phrasings))
