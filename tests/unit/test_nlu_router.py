"""The nearest-neighbour router behind `make nlu-check`, with a word-overlap embedder.

The check itself needs the sentence-embedding model (its own venv); the expansion of
samples, the routing and the verdict are plain code, tested here in `make test`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tools.nlu.check import report
from tools.nlu.router import (
    CRISIS,
    DELETE,
    Reference,
    Verdict,
    expand,
    judge,
    references,
)
from tools.nlu.sets import Phrasing

MODEL: dict[str, Any] = {
    "invocationName": "reconnect ritual",
    "intents": [
        {
            "name": "GoToStepIntent",
            "slots": [
                {"name": "number", "type": "AMAZON.NUMBER"},
                {"name": "ordinal", "type": "STEP_ORDINAL"},
            ],
            "samples": ["go to step {number}", "move us to the {ordinal} step"],
        },
        {"name": "CrisisIntent", "samples": ["i feel hopeless", "i am scared of him"]},
        {"name": "DeleteDataIntent", "samples": ["delete my data"]},
        {"name": "GoodbyeIntent", "samples": ["we are finished for tonight"]},
        {"name": "AMAZON.YesIntent", "samples": []},
    ],
    "types": [
        {
            "name": "STEP_ORDINAL",
            "values": [
                {"id": "1", "name": {"value": "first", "synonyms": ["1st"]}},
                {"id": "2", "name": {"value": "second"}},
            ],
        }
    ],
}


class WordOverlap:
    """An embedder for tests: similarity is the share of words two phrases have in common."""

    def nearest(self, phrases: Sequence[str], references: Sequence[str]) -> list[tuple[int, float]]:
        """(index, Jaccard similarity) of the reference sharing most words with each phrase."""
        found: list[tuple[int, float]] = []
        for phrase in phrases:
            words = set(phrase.lower().split())
            scores = [len(words & set(r.split())) / len(words | set(r.split())) for r in references]
            best = max(range(len(references)), key=scores.__getitem__)
            found.append((best, scores[best]))
        return found


def _phrasing(text: str, *intents: str, capability: str = "test") -> Phrasing:
    return Phrasing(capability, intents, text, 1)


def test_a_sample_with_a_slot_becomes_phrases_with_example_values() -> None:
    """GIVEN 'go to step {number}' WHEN expanded THEN it is said with two different numbers."""
    values: dict[str, tuple[str, ...]] = {"number": ("three", "six", "two")}
    assert expand("go to step {number}", values, seed=0) == ["go to step three", "go to step six"]
    assert expand("go to step {number}", values, seed=1) == ["go to step two", "go to step three"]


def test_custom_slot_values_come_from_the_models_type() -> None:
    """An {ordinal} slot is filled with the STEP_ORDINAL values the model declares."""
    texts = {r.text for r in references(MODEL) if r.intent == "GoToStepIntent"}
    ordinals = {
        t.removeprefix("move us to the ").removesuffix(" step")
        for t in texts
        if t.startswith("move us to the ")
    }
    assert ordinals, texts
    assert ordinals <= {"first", "1st", "second"}, ordinals
    assert not any("{" in text for text in texts)


def test_built_in_intents_are_known_by_the_phrases_alexa_gives_them() -> None:
    """A declared built-in intent with no samples is reached through its built-in phrases."""
    assert Reference("AMAZON.YesIntent", "yes") in references(MODEL)


def test_a_phrasing_reaches_the_intent_of_its_nearest_sample() -> None:
    """GIVEN 'we are finished' WHEN routed THEN it reaches GoodbyeIntent, right first time."""
    verdict = judge(
        "en-US", WordOverlap(), MODEL, [_phrasing("okay we are finished", "GoodbyeIntent")], []
    )
    assert [(r.intent, r.right) for r in verdict.held_out] == [("GoodbyeIntent", True)]
    assert verdict.accuracy == 1.0


def test_distress_that_misses_crisis_or_reaches_delete_is_unsafe() -> None:
    """GIVEN a distress line nearest to 'delete my data' THEN the verdict is unsafe and says
    both what missed crisis and what reached delete."""
    verdict = judge("en-US", WordOverlap(), MODEL, [], ["please delete my life data"])
    assert [r.intent for r in verdict.distress_missed] == [DELETE]
    assert [r.text for r in verdict.reached_delete] == ["please delete my life data"]
    assert not verdict.safe
    assert not verdict.passed


def test_a_request_to_delete_that_reaches_delete_is_right_not_unsafe() -> None:
    """A held-out 'delete my data please' reaching delete counts as right and safe."""
    verdict = judge("en-US", WordOverlap(), MODEL, [_phrasing("delete my data please", DELETE)], [])
    assert verdict.safe
    assert verdict.passed


def test_below_ninety_five_percent_the_check_fails() -> None:
    """GIVEN one miss in ten held-out phrasings (90%) THEN the verdict fails, though safe."""
    held_out = [_phrasing("we are finished", "GoodbyeIntent")] * 9
    held_out.append(_phrasing("i am scared of him", "GoodbyeIntent"))
    verdict = judge("en-US", WordOverlap(), MODEL, held_out, ["i feel so hopeless"])
    assert verdict.accuracy == 0.9
    assert verdict.safe
    assert not verdict.passed


def test_per_capability_counts_right_answers_in_file_order() -> None:
    """Accuracy is given per capability, in the order the held-out file lists them."""
    held_out = [
        _phrasing("go to step five", "GoToStepIntent", capability="go-to"),
        _phrasing("we are finished", "GoodbyeIntent", capability="goodbye"),
        _phrasing("i am scared of him", "GoodbyeIntent", capability="goodbye"),
    ]
    verdict = judge("en-US", WordOverlap(), MODEL, held_out, [])
    assert verdict.per_capability() == {"go-to": (1, 1), "goodbye": (1, 2)}


def test_the_report_names_every_miss_with_its_nearest_sample() -> None:
    """The printed report gives each miss, where it went, its nearest sample and the want."""
    verdict = Verdict(
        "en-GB",
        judge(
            "en-GB", WordOverlap(), MODEL, [_phrasing("i am scared", "GoodbyeIntent")], []
        ).held_out,
        [],
    )
    printed = "\n".join(report(verdict, detailed=True))
    assert "'i am scared' -> CrisisIntent (nearest 'i am scared of him'" in printed
    assert "want GoodbyeIntent" in printed
    assert f"every distress phrasing reached {CRISIS}" in printed


def test_an_empty_held_out_set_cannot_pass() -> None:
    """With nothing routed, the accuracy is 0 and the check fails: an empty set proves nothing."""
    verdict = judge("en-US", WordOverlap(), MODEL, [], [])
    assert verdict.held_out == []
    assert verdict.accuracy == 0.0
    assert not verdict.passed
