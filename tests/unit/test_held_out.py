"""The held-out phrasings measure generalisation only if no sample repeats them.

tests/nlu/held_out.tsv and tests/nlu/distress.txt are routed by
`make nlu-check`; here, without the embedding model, the sets are checked for shape and
for being new: no line may equal a sample of any locale's model, nor a phrase the console
gives a built-in intent, once case, punctuation and slot values are set aside.
"""

from __future__ import annotations

from collections import Counter

import pytest

from tools.nlu.model import BUILT_IN_PHRASES
from tools.nlu.sets import (
    NUMBER,
    Sample,
    SampleMatcher,
    load_distress,
    load_held_out,
    locale_samples,
    plain,
)

CAPABILITIES = {
    "today", "look", "first-or-given", "current", "list", "more", "signs", "talk-topic",
    "small-idea", "about-together-time", "streak", "how-are-we-doing", "next", "back",
    "go-to", "skip", "reset", "stay", "ritual-start", "ritual-pause", "ritual-resume",
    "ritual-stop", "ritual-time-left", "ritual-next-part", "check-in", "self-check",
    "reminder-set", "reminder-cancel", "delete", "goodbye", "help", "somewhat", "yes", "no",
    "repeat", "crisis",
}  # fmt: skip


def _matcher() -> SampleMatcher:
    """Every sample of every locale, and the console's built-in phrases."""
    samples = list(locale_samples())
    samples += [
        Sample("console", intent, phrase)
        for intent, phrases in BUILT_IN_PHRASES.items()
        for phrase in phrases
    ]
    return SampleMatcher(samples)


def _sets() -> list[str]:
    """Every phrase of the held-out set and of the distress list."""
    return [p.text for p in load_held_out()] + load_distress()


def test_held_out_set_has_at_least_150_phrasings_over_every_capability() -> None:
    """At least 150 phrasings, each capability with four or more of them."""
    phrasings = load_held_out()
    per_capability = Counter(p.capability for p in phrasings)
    assert len(phrasings) >= 150
    assert set(per_capability) == CAPABILITIES
    assert [c for c, n in per_capability.items() if n < 4] == []


def test_distress_list_has_at_least_40_phrasings() -> None:
    """At least 40 ways of saying despair, fear, threats or self-harm, each must reach crisis."""
    assert len(load_distress()) >= 40


def test_no_phrasing_is_listed_twice() -> None:
    """Each phrasing appears once across the held-out set and the distress list."""
    counts = Counter(plain(p) for p in _sets())
    assert [p for p, n in counts.items() if n > 1] == []


def test_no_held_out_phrasing_equals_a_sample() -> None:
    """No held-out or distress line equals a sample of any locale (case, punctuation and
    slot values aside): the check measures how the models generalise, not what they list."""
    matcher = _matcher()
    equal = {phrase: matcher.equal_samples(phrase) for phrase in _sets()}
    assert {phrase: found for phrase, found in equal.items() if found} == {}


def _sample(text: str) -> Sample:
    """A sample with a number slot, a time slot and an ordinal slot, as the models type them."""
    return Sample("en-US", "SomeIntent", text, {"number": NUMBER, "ordinal": "(?:first|second)"})


@pytest.mark.parametrize(
    ("phrase", "sample"),
    [
        ("Go to step FIVE!", "go to step {number}"),
        ("what's step 5", "whats step {number}"),
        ("remind us at half past eight in the evening", "remind us at {time} in the {period}"),
        ("Thanks, that's all.", "thanks that's all"),
        ("let's start the second step", "let's start the {ordinal} step"),
    ],
)
def test_the_matcher_sets_aside_case_punctuation_and_slot_values(phrase: str, sample: str) -> None:
    """A phrase that differs from a sample only in case, punctuation or a slot value is
    the same phrase."""
    assert SampleMatcher([_sample(sample)]).equal_samples(phrase) != []


@pytest.mark.parametrize(
    ("phrase", "sample"),
    [
        ("go to step five now", "go to step {number}"),
        ("let's go to step five", "go to step {number}"),
        ("thanks that's all for tonight", "thanks that's all"),
        ("let's start the next step", "let's start the {ordinal} step"),
    ],
)
def test_the_matcher_keeps_phrases_with_other_words_apart(phrase: str, sample: str) -> None:
    """A phrase with words a sample does not have is a different phrase."""
    assert SampleMatcher([_sample(sample)]).equal_samples(phrase) == []
