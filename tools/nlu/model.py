"""Understand typed text the way Alexa would, from an interaction model file.

A line becomes what Alexa would send the skill: a LaunchRequest ("open reconnect ritual"),
an intent with slot values ("go to step three" -> GoToStepIntent, number "3"), a one-shot
in a new session ("ask reconnect ritual for today's step"), or AMAZON.FallbackIntent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from tools.nlu.spoken_values import normalise, number_value, time_value
from tools.standins.envelopes import Resolved

FALLBACK = "AMAZON.FallbackIntent"
UNRESOLVED_NUMBER = "?"  # what Alexa sends for an AMAZON.NUMBER it cannot resolve

# Phrases Alexa routes to its built-in intents without any sample in the model.
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "sure", "okay", "ok", "yes please", "please do",
        "of course", "go ahead", "sounds good", "alright", "all right", "go on then",
        "definitely", "let's do it", "yes let's", "why not", "that would be nice",
    ),
    "AMAZON.NoIntent": (
        "no", "nope", "nah", "no thanks", "no thank you", "not now", "not today",
        "not right now", "no not now", "i'd rather not", "not this time", "no need",
    ),
    "AMAZON.StopIntent": ("stop", "off", "shut up", "be quiet", "quiet"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it"),
    "AMAZON.HelpIntent": ("help", "help me", "help please", "can you help me"),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "say that again", "say it again", "again", "what did you say",
        "pardon", "pardon me", "say again", "sorry what", "could you repeat that", "one more time",
    ),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "begin again"),
    "AMAZON.NavigateHomeIntent": ("home", "go home", "go to home", "main menu"),
    "AMAZON.PauseIntent": ("pause",),
    "AMAZON.ResumeIntent": ("resume", "continue"),
}  # fmt: skip

_EXIT_WORDS = frozenset({"exit", "quit"})
_LAUNCH_VERBS = r"open|launch|start|begin|load|play|talk to|use|run"
_ASK_VERBS = r"ask|tell"
_CONNECTORS = r"to|for|about|if|whether|and|that"
_SUFFIX_LINKS = r"using|with|from|on|in"


@dataclass(frozen=True)
class Understanding:
    """What Alexa would send: a launch, an intent with slots (one-shot: new session), or exit."""

    kind: Literal["launch", "intent", "exit"]
    intent: str | None = None
    slots: dict[str, str | None] = field(default_factory=dict)
    one_shot: bool = False
    # Entity resolution of the custom-type slots that have a value ("fifth" -> id "5").
    resolved: dict[str, Resolved] = field(default_factory=dict)


def _loose(text: str) -> str:
    """The normalised text without apostrophes, for typists who skip them."""
    return text.replace("'", "")


@dataclass(frozen=True)
class _Pattern:
    intent: str
    regex: re.Pattern[str]
    literal_words: int


class Model:
    """An interaction model, loaded once, that turns typed text into what Alexa would send."""

    def __init__(
        self, language_model: dict[str, Any], dialog: dict[str, Any] | None = None
    ) -> None:
        self.invocation = normalise(str(language_model["invocationName"]))
        self._slot_types: dict[str, dict[str, str]] = {}
        self._custom_values = _custom_values(language_model.get("types", []))
        self._exact: dict[str, str] = {}
        self._exact_loose: dict[str, str] = {}
        self._patterns: list[_Pattern] = []
        self._slot_patterns: dict[tuple[str, str], list[_Pattern]] = {}
        intents: list[dict[str, Any]] = list(language_model.get("intents", []))
        for intent in intents:
            name = str(intent["name"])
            self._slot_types[name] = {
                str(s["name"]): str(s.get("type", "")) for s in intent.get("slots", [])
            }
            for sample in intent.get("samples", []):
                self._add_sample(name, str(sample))
            for slot in intent.get("slots", []):
                self._slot_patterns[(name, str(slot["name"]))] = [
                    _Pattern(name, *_sample_regex(str(sample)))
                    for sample in slot.get("samples", [])
                ]
        self.dialog_intents = frozenset(
            str(i["name"]) for i in (dialog or {}).get("intents", []) if "name" in i
        )
        declared = set(self._slot_types)
        for name, phrases in BUILT_IN_PHRASES.items():
            if name in declared:
                for phrase in phrases:
                    self._exact.setdefault(phrase, name)
                    self._exact_loose.setdefault(_loose(phrase), name)
        self._invocation_forms = self._compile_invocation_forms()

    @classmethod
    def from_file(cls, path: str | Path) -> Model:
        """Load an interaction model JSON file (interaction_models/<locale>.json)."""
        document = json.loads(Path(path).read_text("utf-8"))
        model = document["interactionModel"]
        return cls(model["languageModel"], model.get("dialog"))

    @property
    def intent_names(self) -> list[str]:
        """The intents the model declares."""
        return list(self._slot_types)

    def understand(self, text: str) -> Understanding:
        """What Alexa would send for `text`: a launch, a one-shot, an in-session intent, or exit."""
        words = normalise(text)
        if words.startswith("alexa "):
            words = words[len("alexa ") :]
        elif words == "alexa":
            words = ""
        if words in _EXIT_WORDS:
            return Understanding("exit")
        launch, one_shots = self._invocation_forms
        if words == self.invocation or launch.fullmatch(words):
            return Understanding("launch")
        for form in one_shots:
            match = form.fullmatch(words)
            if match is None:
                continue
            connector, rest = match.groupdict().get("connector"), match.group("rest")
            if connector:
                with_connector = self._match(f"{connector} {rest}")
                if with_connector is not None:
                    return _one_shot(with_connector)
            return _one_shot(self._match(rest) or self._fallback())
        return self._match(words) or self._fallback()

    def understand_slot(self, text: str, intent: str, slot: str) -> Understanding | None:
        """What Alexa hears while it listens for `slot` (a Dialog.ElicitSlot): the slot's own
        samples ('about a {rating}', '{time} in the {period}'); None when none matches."""
        words = normalise(text)
        best: tuple[int, Understanding] | None = None
        for pattern in self._slot_patterns.get((intent, slot), []):
            match = pattern.regex.fullmatch(words)
            if match is None:
                continue
            heard = {k: v for k, v in match.groupdict().items() if v is not None}
            understood = self._intent(intent, heard)
            slots: dict[str, str | None] = {
                k: v for k, v in understood.slots.items() if v is not None
            }
            if best is None or pattern.literal_words > best[0]:
                best = (
                    pattern.literal_words,
                    Understanding("intent", intent, slots, resolved=understood.resolved),
                )
        return best[1] if best is not None else None

    def _add_sample(self, intent: str, sample: str) -> None:
        words = normalise(sample.replace("{", " {").replace("}", "} "))
        if "{" not in sample:
            self._exact.setdefault(words, intent)
            self._exact_loose.setdefault(_loose(words), intent)
            return
        self._patterns.append(_Pattern(intent, *_sample_regex(sample)))

    def _match(self, words: str) -> Understanding | None:
        """Exact samples (and built-in phrases) first, then samples with slots."""
        intent = self._exact.get(words) or self._exact_loose.get(_loose(words))
        if intent is not None:
            return self._intent(intent, {})
        best: tuple[tuple[bool, int], Understanding] | None = None
        for pattern in self._patterns:
            match = pattern.regex.fullmatch(words)
            if match is None:
                continue
            heard = {k: v for k, v in match.groupdict().items() if v is not None}
            understood = self._intent(pattern.intent, heard)
            resolved = all(v != UNRESOLVED_NUMBER for v in understood.slots.values()) and all(
                r.name is not None for r in understood.resolved.values()
            )
            rank = (resolved, pattern.literal_words)
            if best is None or rank > best[0]:
                best = (rank, understood)
        return best[1] if best is not None else None

    def _intent(self, intent: str, heard: dict[str, str]) -> Understanding:
        slots: dict[str, str | None] = {}
        resolved: dict[str, Resolved] = {}
        for slot, slot_type in self._slot_types.get(intent, {}).items():
            value = heard.get(slot)
            if value is not None and slot_type == "AMAZON.NUMBER":
                value = number_value(value) or UNRESOLVED_NUMBER
            elif value is not None and slot_type == "AMAZON.TIME":
                value = time_value(value) or value
            elif value is not None and slot_type in self._custom_values:
                said = self._custom_values[slot_type]
                resolved[slot] = said.get(normalise(value)) or Resolved(slot_type)
            slots[slot] = value
        return Understanding("intent", intent, slots, resolved=resolved)

    def _fallback(self) -> Understanding:
        return Understanding("intent", FALLBACK, {})

    def _compile_invocation_forms(self) -> tuple[re.Pattern[str], list[re.Pattern[str]]]:
        name = re.escape(self.invocation)
        launch = re.compile(rf"(?:{_LAUNCH_VERBS}|{_ASK_VERBS}) {name}")
        one_shots = [
            re.compile(rf"(?:{_ASK_VERBS}) {name}(?: (?P<connector>{_CONNECTORS}))? (?P<rest>.+)"),
            re.compile(rf"(?:{_LAUNCH_VERBS}) {name} (?P<connector>and|to|for) (?P<rest>.+)"),
            re.compile(rf"(?P<rest>.+?) (?:{_SUFFIX_LINKS}) {name}"),
        ]
        return launch, one_shots


def _sample_regex(sample: str) -> tuple[re.Pattern[str], int]:
    """A sample with {slots} as a regex with named groups, and how many literal words it has."""
    parts: list[str] = []
    literal = 0
    used: set[str] = set()
    for token in sample.replace("{", " {").replace("}", "} ").split():
        slot = re.fullmatch(r"\{([A-Za-z][A-Za-z0-9_]*)\}", token)
        if slot and slot.group(1) not in used:
            used.add(slot.group(1))
            parts.append(rf"(?P<{slot.group(1)}>\S+(?: \S+)*?)")
        elif normalise(token):
            literal += 1
            parts.append(
                " ".join(re.escape(w).replace("'", "'?") for w in normalise(token).split())
            )
    return re.compile(" ".join(parts)), literal


def _one_shot(understanding: Understanding) -> Understanding:
    return Understanding(
        understanding.kind, understanding.intent, understanding.slots, True, understanding.resolved
    )


def _custom_values(types: list[dict[str, Any]]) -> dict[str, dict[str, Resolved]]:
    """For each custom slot type, what Alexa resolves each value and synonym to."""
    found: dict[str, dict[str, Resolved]] = {}
    for slot_type in types:
        name = str(slot_type["name"])
        values = found.setdefault(name, {})
        for value in slot_type.get("values", []):
            canonical = str(value["name"]["value"])
            raw_id = value.get("id")
            resolved = Resolved(name, canonical, None if raw_id is None else str(raw_id))
            for said in (canonical, *value["name"].get("synonyms", [])):
                values.setdefault(normalise(str(said)), resolved)
    return found
