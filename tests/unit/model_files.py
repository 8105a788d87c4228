"""Read the interaction models and skill manifest under interaction_models/ for tests."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO_ROOT / "interaction_models"
MANIFEST_PATH = MODELS_DIR / "skill.json"

LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
INVOCATION_NAME = "reconnect ritual"

# Looking at the program never moves the couple; moving is asked for in so many words.
LOOK_INTENTS = (
    "TodayStepIntent",
    "HearStepIntent",
    "CurrentStepIntent",
    "ListStepsIntent",
    "TellMeMoreIntent",
    "BurnoutSignsIntent",
    "TalkTopicIntent",
    "SmallIdeaIntent",
    "AboutTogetherTimeIntent",
    "StreakIntent",
    "HowAreWeDoingIntent",
)
MOVE_INTENTS = (
    "NextStepIntent",
    "PreviousStepIntent",
    "GoToStepIntent",
    "StayOnStepIntent",
    "RestartPathIntent",
)
CUSTOM_INTENTS = (
    *LOOK_INTENTS,
    *MOVE_INTENTS,
    "DeleteDataIntent",
    "CrisisIntent",
    "StartRitualIntent",
    "PauseRitualIntent",
    "ResumeRitualIntent",
    "StopRitualIntent",
    "RitualTimeLeftIntent",
    "RitualNextIntent",
    "CheckInIntent",
    "SelfCheckIntent",
    "SetReminderIntent",
    "CancelReminderIntent",
    "GoodbyeIntent",
    "SomewhatIntent",
)
REQUIRED_BUILT_INS = (
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
    "AMAZON.StartOverIntent",
)
# Phrases Alexa (and virtual-alexa 0.7.8, which adds them to the model) already route
# to these built-in intents; a custom sample that repeats one competes with the built-in.
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.CancelIntent": ("cancel", "never mind"),
    "AMAZON.HelpIntent": ("help", "help me"),
    "AMAZON.NavigateHomeIntent": ("home", "go home"),
    "AMAZON.NoIntent": ("no", "no thanks"),
    "AMAZON.RepeatIntent": ("repeat", "say that again", "repeat that"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again"),
    "AMAZON.StopIntent": ("stop", "off", "shut up"),
    "AMAZON.YesIntent": ("yes", "yes please", "sure"),
}
# virtual-alexa turns any utterance containing one of these (even inside a word, such as
# "task") into a LaunchRequest, so end-to-end tests can only speak samples without them.
VIRTUAL_ALEXA_LAUNCH_WORDS = re.compile(r"ask|open|launch|talk to|tell", re.IGNORECASE)

Json = dict[str, Any]

_SLOT_REFERENCE = re.compile(r"\{([^{}]*)\}")
_NOT_WORD_CHARACTER = re.compile(r"[^a-z{} ]+")


@cache
def load_model(locale: str) -> Json:
    """Return the languageModel object of a locale's interaction model file."""
    document = json.loads((MODELS_DIR / f"{locale}.json").read_text("utf-8"))
    language_model: Json = document["interactionModel"]["languageModel"]
    return language_model


@cache
def load_manifest() -> Json:
    """Return the body of the skill manifest (the object under "manifest")."""
    document = json.loads(MANIFEST_PATH.read_text("utf-8"))
    manifest: Json = document["manifest"]
    return manifest


def model_file_locales() -> list[str]:
    """Return the locales that have a model file in interaction_models/, sorted."""
    return sorted(p.stem for p in MODELS_DIR.glob("??-??.json"))


def intents(locale: str) -> dict[str, Json]:
    """Return a locale's intents by name."""
    return {intent["name"]: intent for intent in load_model(locale)["intents"]}


def samples(locale: str) -> dict[str, list[str]]:
    """Return each intent's sample utterances in a locale, by intent name."""
    return {name: list(intent.get("samples", [])) for name, intent in intents(locale).items()}


def slot_names(sample: str) -> list[str]:
    """Return the slot names referenced in a sample, in order."""
    return _SLOT_REFERENCE.findall(sample)


def normalise(phrase: str) -> str:
    """Return a phrase lower-cased, without punctuation, with single spaces."""
    return " ".join(_NOT_WORD_CHARACTER.sub("", phrase.lower()).split())


def without_slots(phrase: str) -> str:
    """Return the normalised phrase with its {slot} references removed."""
    return normalise(_SLOT_REFERENCE.sub(" ", phrase))
