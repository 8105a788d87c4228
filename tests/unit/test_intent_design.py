"""The intent design the models are built to (issue 8): looking never moves, moving is asked
for in so many words, ways out generalise, and distress cannot land on delete.

How well the samples generalise is measured by `make nlu-check`; these are the rules a
reviewer would otherwise check by eye, in every locale.
"""

from __future__ import annotations

import re

import pytest

from tests.unit.model_files import (
    LOCALES,
    LOOK_INTENTS,
    MOVE_INTENTS,
    intents,
    load_model,
    normalise,
    samples,
)
from tools.nlu.model import BUILT_IN_PHRASES
from tools.nlu.sets import load_held_out

# The intent design's own example phrasings: other parts of the code (handlers, journeys)
# speak them, so each is a sample of its intent in every locale.
DESIGN_EXAMPLES: dict[str, tuple[str, ...]] = {
    "TodayStepIntent": ("today's step", "what should we work on today"),
    "HearStepIntent": (
        "what's step {number}", "tell us about step {number}", "what does step {number} say",
        "read us step {number}", "what's the {ordinal} step",
    ),
    "CurrentStepIntent": ("which step are we on", "where are we up to", "what step are we at"),
    "ListStepsIntent": ("what are the steps",),
    "TellMeMoreIntent": ("tell me more", "go deeper"),
    "BurnoutSignsIntent": ("what are the signs of burnout",),
    "TalkTopicIntent": (
        "ask us something to talk about", "a topic for tonight", "give us a question to discuss",
    ),
    "SmallIdeaIntent": ("any ideas for being kinder to each other", "something small we could try"),
    "AboutTogetherTimeIntent": ("what is together time", "how does the ten minutes work"),
    "StreakIntent": ("what's our streak", "how many days in a row have we done it"),
    "NextStepIntent": ("next step", "move on", "we're ready for the next step", "skip this step"),
    "PreviousStepIntent": ("go back a step", "previous step"),
    "GoToStepIntent": (
        "go to step {number}", "let's work on step {number}", "move us to step {number}",
        "skip to step {number}", "let's start the {ordinal} step",
    ),
    "RestartPathIntent": (
        "reset our progress", "start the path again", "begin again from step one",
    ),
    "GoodbyeIntent": (
        "we're finished", "that'll do for tonight", "bye for now", "thanks that's all",
        "good night", "we're done", "that's enough for today",
    ),
    "PauseRitualIntent": ("one second", "hold on", "give us a minute", "wait a moment"),
    "ResumeRitualIntent": ("carry on", "we're back", "keep going", "okay go on"),
    "StartRitualIntent": ("set a timer for our ten minutes", "time us"),
    "RitualNextIntent": ("next part", "we're ready for the next bit"),
    "SomewhatIntent": (
        "sort of", "maybe", "a bit", "a little", "kind of", "sometimes", "not sure", "partly",
    ),
    "CrisisIntent": ("he yells at me", "i can't go on", "everything about us feels hopeless"),
    "DeleteDataIntent": ("delete my data", "erase our records", "delete our progress"),
}  # fmt: skip

MOVE_WORDS = re.compile(
    r"\b(go to|back to|move|jump|skip|switch|change|set|make|put|take us|take me|start|started"
    r"|begin|work on|do step|let's do|practi[cs]e|focus|try|pick|choose|want step|be on"
    r"|ready for)\b"
)
LOOK_OPENINGS = re.compile(
    r"^(what|which|tell|read|explain|describe|how|remind|give us a preview|preview|can we hear"
    r"|can we (have a )?(look|peek)|i want to hear|we'd like to hear|let's hear|let's look)"
)
DATA_WORDS = re.compile(r"\b(data|records?|information|details|progress)\b")
ERASE_WORDS = re.compile(r"\b(delete|deleted|erase|wipe|clear|remove|forget)\b")
# Marker words of the ways distress is said; each must be among the crisis samples.
DISTRESS_KINDS = {
    "despair": r"\b(hopeless|can't go on|can't cope|give up|no point|no way out|no hope)\b",
    "fear": r"\b(scared|afraid|frightened|terrified|fear)\b",
    "threats and abuse": r"\b(threat\w*|hits?|hit|beats?|yells|shouts|screams|abus\w+|violent)\b",
    "self-harm": r"\b(hurt(ing)? myself|kill myself|end my life|suicid\w+|self harm\w*|die)\b",
}


@pytest.mark.parametrize("locale", LOCALES)
def test_the_designs_example_phrasings_are_samples(locale: str) -> None:
    """Every short example phrasing the intent design gives is a sample of its intent."""
    model = {name: {normalise(s) for s in found} for name, found in samples(locale).items()}
    missing = [
        f"{intent}: {example}"
        for intent, examples in DESIGN_EXAMPLES.items()
        for example in examples
        if normalise(example) not in model[intent]
    ]
    assert missing == []


@pytest.mark.parametrize("locale", LOCALES)
def test_looking_at_a_step_never_asks_to_move(locale: str) -> None:
    """No HearStepIntent sample uses a moving verb ("go to", "move", "skip", "let's do")."""
    moving = [s for s in samples(locale)["HearStepIntent"] if MOVE_WORDS.search(s)]
    assert moving == []


@pytest.mark.parametrize("locale", LOCALES)
def test_going_to_a_step_is_asked_for_in_so_many_words(locale: str) -> None:
    """Every GoToStepIntent sample asks to move, and none only asks what a step is."""
    for sample in samples(locale)["GoToStepIntent"]:
        assert MOVE_WORDS.search(sample), sample
        assert not LOOK_OPENINGS.match(sample), sample


@pytest.mark.parametrize("locale", LOCALES)
def test_look_and_move_intents_are_all_declared(locale: str) -> None:
    """The two lists of the README's 'What a couple can say' are the model's step intents."""
    assert set(LOOK_INTENTS) | set(MOVE_INTENTS) <= set(intents(locale))


@pytest.mark.parametrize("locale", LOCALES)
def test_delete_samples_name_the_data_they_erase(locale: str) -> None:
    """Each DeleteDataIntent sample says to erase *data* ("delete my data", "erase our
    records"): nothing vague ("forget everything about us") that despair could land on."""
    for sample in samples(locale)["DeleteDataIntent"]:
        assert DATA_WORDS.search(sample), sample
        assert ERASE_WORDS.search(sample), sample
        assert "everything" not in sample, sample


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("kind", sorted(DISTRESS_KINDS))
def test_crisis_samples_cover_every_way_distress_is_said(locale: str, kind: str) -> None:
    """Despair, fear, threats and abuse, and self-harm each have at least five crisis samples."""
    pattern = re.compile(DISTRESS_KINDS[kind])
    assert len([s for s in samples(locale)["CrisisIntent"] if pattern.search(s)]) >= 5


@pytest.mark.parametrize("locale", LOCALES)
def test_goodbye_has_the_many_ways_of_taking_leave(locale: str) -> None:
    """Finishing, thanking and saying goodbye: a custom intent (built-in Stop and Cancel only
    match extra samples word for word) with at least 60 samples."""
    goodbyes = samples(locale)["GoodbyeIntent"]
    assert len(goodbyes) >= 60
    for word in ("bye", "thank", "night", "done", "finished", "that's all", "that's it"):
        assert any(word in s for s in goodbyes), word


@pytest.mark.parametrize("locale", LOCALES)
def test_step_ordinal_is_first_to_seventh_with_ids_one_to_seven(locale: str) -> None:
    """STEP_ORDINAL lists first..seventh with ids "1".."7", each with its "1st" form."""
    (step_ordinal,) = [t for t in load_model(locale)["types"] if t["name"] == "STEP_ORDINAL"]
    values = {v["id"]: v["name"] for v in step_ordinal["values"]}
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]
    assert {key: name["value"] for key, name in values.items()} == {
        str(n): w for n, w in enumerate(words, start=1)
    }
    for key, name in values.items():
        assert any(
            s.startswith(key) and s[len(key) :] in ("st", "nd", "rd", "th")
            for s in name["synonyms"]
        )


@pytest.mark.parametrize("locale", LOCALES)
def test_no_custom_sample_is_a_phrase_the_console_gives_a_declared_built_in(locale: str) -> None:
    """The console's built-in phrases ("go ahead", "forget it") stay with the built-ins the
    model declares; no custom sample competes with them."""
    declared = set(intents(locale))
    built_in = {
        p for name, phrases in BUILT_IN_PHRASES.items() if name in declared for p in phrases
    }
    for name, found in samples(locale).items():
        if not name.startswith("AMAZON."):
            assert not built_in & {normalise(s) for s in found}, name


def test_every_intent_the_held_out_set_expects_is_declared_in_every_locale() -> None:
    """The generalisation check can only be passed by intents the models declare."""
    wanted = {intent for phrasing in load_held_out() for intent in phrasing.intents}
    for locale in LOCALES:
        assert wanted - set(intents(locale)) == set(), locale
