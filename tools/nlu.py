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

FALLBACK = "AMAZON.FallbackIntent"
UNRESOLVED_NUMBER = "?"  # what Alexa sends for an AMAZON.NUMBER it cannot resolve

# Phrases Alexa routes to its built-in intents without any sample in the model.
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": (
        "yes", "yeah", "yep", "yup", "sure", "okay", "ok", "yes please", "please do",
        "of course", "go ahead", "sounds good", "alright", "all right",
    ),
    "AMAZON.NoIntent": ("no", "nope", "nah", "no thanks", "no thank you", "not now"),
    "AMAZON.StopIntent": ("stop", "off", "shut up", "be quiet", "quiet"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "nevermind", "forget it"),
    "AMAZON.HelpIntent": ("help", "help me", "help please", "can you help me"),
    "AMAZON.RepeatIntent": (
        "repeat", "repeat that", "say that again", "say it again", "again", "what did you say",
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

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1_000, "million": 1_000_000}
# What AMAZON.TIME sends for a part of the day said without a clock time.
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
_MERIDIEM = {"am": 0, "a m": 0, "pm": 12, "p m": 12}


@dataclass(frozen=True)
class Understanding:
    """What Alexa would send: a launch, an intent with slots (one-shot: new session), or exit."""

    kind: Literal["launch", "intent", "exit"]
    intent: str | None = None
    slots: dict[str, str | None] = field(default_factory=dict)
    one_shot: bool = False


def normalise(text: str) -> str:
    """Lower case, straight apostrophes kept inside words, other punctuation gone, one space."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    words = (w.strip("'") for w in text.split())
    return " ".join(w for w in words if w)


def _loose(text: str) -> str:
    """The normalised text without apostrophes, for typists who skip them."""
    return text.replace("'", "")


def number_value(words: str) -> str | None:
    """Digits for a number said in words ("forty two" -> "42"), or None when it is not one."""
    tokens = [t for t in re.split(r"[\s\-]+", words.lower()) if t and t != "and"]
    if not tokens:
        return None
    if len(tokens) == 1 and re.fullmatch(r"\d+", tokens[0]):
        return str(int(tokens[0]))
    sign = 1
    if tokens[0] in ("minus", "negative"):
        sign, tokens = -1, tokens[1:]
    total, current, seen = 0, 0, False
    for token in tokens:
        if token in _UNITS:
            current += _UNITS[token]
        elif token in _TENS:
            current += _TENS[token]
        elif token == "hundred":  # noqa: S105 - a number word, not a password
            current = max(current, 1) * 100
        elif token in _SCALES:
            total += max(current, 1) * _SCALES[token]
            current = 0
        elif token.isdigit():
            current += int(token)
        else:
            return None
        seen = True
    return str(sign * (total + current)) if seen else None


def time_value(words: str) -> str | None:
    """What Alexa sends for an AMAZON.TIME ('20:00' for 'eight pm', 'EV' for 'evening'), or None."""
    text = normalise(words.replace(".", " "))
    for part, code in _DAY_PARTS.items():
        if text in (part, f"in the {part}", f"this {part}"):
            return code
    if text in ("noon", "midday"):
        return "12:00"
    if text == "midnight":
        return "00:00"
    offset = None
    for said, hours in _MERIDIEM.items():
        if text.endswith(" " + said) or (text.endswith(said) and text[: -len(said)].isdigit()):
            offset, text = hours, text[: -len(said)].strip()
            break
    found = re.fullmatch(r"(\d{1,2})(?: ?(\d{2}))?", text.replace(":", " "))
    if found:
        hour, minute = int(found[1]), int(found[2] or 0)
    else:
        spoken = _spoken_time(text)
        if spoken is None:
            return None
        hour, minute = spoken
    if offset is not None and hour <= 12:
        hour = hour % 12 + offset
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def _spoken_time(text: str) -> tuple[int, int] | None:
    """'eight', 'eight thirty', 'half past seven', 'quarter to eight', 'seven o'clock'."""
    for lead, past in (("half past ", 30), ("quarter past ", 15), ("quarter to ", -15)):
        if text.startswith(lead):
            said = number_value(text[len(lead) :])
            if said is None:
                return None
            return ((int(said) - 1) % 24, 45) if past < 0 else (int(said), past)
    words = text.replace("o'clock", "").replace("oclock", "").split()
    hour = number_value(words[0]) if words else None
    rest = [w for w in words[1:] if w != "oh"]
    minute = number_value(" ".join(rest)) if rest else "0"
    return None if hour is None or minute is None else (int(hour), int(minute))


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
            slots: dict[str, str | None] = {
                k: v for k, v in self._intent(intent, heard).slots.items() if v is not None
            }
            if best is None or pattern.literal_words > best[0]:
                best = (pattern.literal_words, Understanding("intent", intent, slots))
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
            resolved = all(v != UNRESOLVED_NUMBER for v in understood.slots.values())
            rank = (resolved, pattern.literal_words)
            if best is None or rank > best[0]:
                best = (rank, understood)
        return best[1] if best is not None else None

    def _intent(self, intent: str, heard: dict[str, str]) -> Understanding:
        slots: dict[str, str | None] = {}
        for slot, slot_type in self._slot_types.get(intent, {}).items():
            value = heard.get(slot)
            if value is not None and slot_type == "AMAZON.NUMBER":
                value = number_value(value) or UNRESOLVED_NUMBER
            elif value is not None and slot_type == "AMAZON.TIME":
                value = time_value(value) or value
            slots[slot] = value
        return Understanding("intent", intent, slots)

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
    return Understanding(understanding.kind, understanding.intent, understanding.slots, True)
