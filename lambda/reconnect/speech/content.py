"""The program as data: loads and checks content/ once per cold start."""

from __future__ import annotations

import functools
import os
import string
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconnect.speech.checkin_keys import CHECKIN_KEYS, PLAIN_KEYS
from reconnect.speech.content_toml import ContentError, list_of, plain, read, table, text, texts
from reconnect.speech.program_keys import PROGRAM_KEYS
from reconnect.speech.ritual_content import RitualWords, check_announcements, parse_ritual
from reconnect.speech.ritual_keys import RITUAL_KEYS

__all__ = [
    "PROMPTS", "SNAPSHOT", "ContentError", "Crisis", "Library", "LocaleContent", "Question",
    "Step", "content_dir", "library", "load", "placeholders",
]  # fmt: skip

DEFAULT_LOCALE = "en-US"

PROMPTS: Mapping[str, frozenset[str]] = {**PROGRAM_KEYS, **RITUAL_KEYS, **CHECKIN_KEYS}


@dataclass(frozen=True)
class Question:
    """A question the partners ask each other, in two forms.

    `ask` is the question itself, said where the session closes (the couple answers each
    other, not Alexa); `invite` is the same thing without a question mark ("Ask each other
    what..."), said where the microphone stays open for the one question Alexa asks.
    """

    ask: str
    invite: str


@dataclass(frozen=True)
class Step:
    """One step of the program."""

    number: int
    title: str
    short: str
    more: str
    practices: tuple[str, ...]
    questions: tuple[Question, ...]


@dataclass(frozen=True)
class Crisis:
    """What is said, and shown on a card, to someone in distress (or after a very low check-in)."""

    speech: str
    card_title: str
    card_text: str


@dataclass(frozen=True)
class LocaleContent:
    """Everything a couple in one locale can hear."""

    locale: str
    steps: tuple[Step, ...]
    signs_intro: str
    signs: tuple[str, ...]
    signs_outro: str
    closing: str
    prompts: Mapping[str, tuple[str, ...]]
    crisis: Crisis
    care: Crisis  # after a very low check-in: the locale's support line, gently
    time_zone: str
    ritual: RitualWords

    def step(self, number: int) -> Step:
        """The step with this number (one to seven)."""
        return self.steps[number - 1]

    def phrasings(self, key: str) -> tuple[str, ...]:
        """All phrasings of a recurring prompt."""
        return self.prompts[key]


@dataclass(frozen=True)
class Library:
    """The content of every locale."""

    locales: Mapping[str, LocaleContent]

    def for_locale(self, locale: str | None) -> LocaleContent:
        """The content for a request's locale, falling back to en-US for any other."""
        if locale and locale in self.locales:
            return self.locales[locale]
        return self.locales[DEFAULT_LOCALE]


def content_dir() -> Path:
    """Where content/ is: $CONTENT_DIR, beside the package (the artifact), or the repo root."""
    override = os.environ.get("CONTENT_DIR")
    if override:
        return Path(override)
    here = Path(__file__).resolve().parents[1]  # the reconnect package
    for candidate in (here.parent / "content", here.parent.parent / "content"):
        if (candidate / "program.toml").is_file():
            return candidate
    raise ContentError(f"no content/ found near {here}")


# Written by the artifact build (reconnect.speech.content_snapshot); absent in the source tree.
SNAPSHOT = Path(__file__).resolve().parent.parent / "_built" / "content.json"


@functools.cache
def library() -> Library:
    """The content, loaded and checked once per process (or the artifact build's snapshot of
    it, when that was made from these very files)."""
    directory = content_dir()
    if SNAPSHOT.is_file():
        from reconnect.speech import content_snapshot  # it needs this module's classes

        saved = content_snapshot.read(SNAPSHOT, directory)
        if saved is not None:
            return saved
    return load(directory)


def load(directory: Path) -> Library:
    """Read and check every content file under `directory`."""
    program = read(directory / "program.toml")
    prompts = read(directory / "prompts.toml")
    steps = tuple(_step(i, raw) for i, raw in enumerate(list_of(program, "steps"), start=1))
    if len(steps) != 7:
        raise ContentError(f"program.toml has {len(steps)} steps, not 7")
    signs = table(program, "signs")
    closing = table(program, "closing")
    ritual_raw = read(directory / "ritual.toml")
    checkin_raw = read(directory / "checkin.toml")
    program_keys = {
        k: v for k, v in PROMPTS.items() if k not in RITUAL_KEYS and k not in CHECKIN_KEYS
    }
    base_prompts = {
        **_prompts(prompts, "prompts.toml", keys=program_keys),
        **_prompts(ritual_raw.get("prompts", {}), "ritual.toml", keys=RITUAL_KEYS),
        **_prompts(checkin_raw.get("prompts", {}), "checkin.toml", keys=CHECKIN_KEYS),
    }
    ritual = parse_ritual(ritual_raw)
    locales: dict[str, LocaleContent] = {}
    for path in sorted((directory / "locales").glob("*.toml")):
        raw = read(path)
        overrides = _prompts(raw.get("prompts", {}), path.name, partial=True)
        crisis, care = table(raw, "crisis"), table(raw, "care")
        locales[path.stem] = LocaleContent(
            locale=path.stem,
            steps=steps,
            signs_intro=text(signs, "intro"),
            signs=tuple(texts(signs, "items")),
            signs_outro=text(signs, "outro"),
            closing=text(closing, "thought"),
            prompts={**base_prompts, **overrides},
            crisis=_help_lines(crisis),
            care=_help_lines(care),
            time_zone=text(raw, "time_zone"),
            ritual=ritual,
        )
        check_announcements(locales[path.stem])
        for key, limit in PLAIN_KEYS.items():
            for phrasing in locales[path.stem].phrasings(key):
                plain(phrasing, f"{path.stem} {key}", limit)
    if DEFAULT_LOCALE not in locales:
        raise ContentError(f"content/locales/{DEFAULT_LOCALE}.toml is missing")
    return Library(locales=locales)


def _help_lines(raw: dict[str, Any]) -> Crisis:
    return Crisis(
        speech=text(raw, "speech"),
        card_title=text(raw, "card_title"),
        card_text=text(raw, "card_text"),
    )


def placeholders(template: str) -> set[str]:
    """The {names} a phrasing uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _step(number: int, raw: object) -> Step:
    if not isinstance(raw, dict):
        raise ContentError(f"step {number} is not a table")
    if raw.get("number") != number:
        raise ContentError(f"step {number} is numbered {raw.get('number')!r}")
    practices, questions = texts(raw, "practices"), _questions(raw, number)
    if not 2 <= len(practices) <= 4 or not 2 <= len(questions) <= 4:
        raise ContentError(f"step {number} needs two to four practices and questions")
    return Step(
        number=number,
        title=text(raw, "title"),
        short=text(raw, "short"),
        more=text(raw, "more"),
        practices=tuple(practices),
        questions=tuple(questions),
    )


def _questions(raw: dict[str, Any], number: int) -> tuple[Question, ...]:
    """A step's questions: each one asked (ending in '?') and as an invitation (none)."""
    out = []
    for entry in list_of(raw, "questions"):
        if not isinstance(entry, dict) or set(entry) != {"ask", "invite"}:
            raise ContentError(f"step {number}: each question needs exactly ask and invite")
        ask, invite = text(entry, "ask"), text(entry, "invite")
        if not ask.endswith("?") or ask.count("?") != 1 or "?" in invite:
            raise ContentError(f"step {number}: ask is one question; invite asks none")
        out.append(Question(ask=ask, invite=invite))
    return tuple(out)


def _prompts(
    raw: object,
    where: str,
    partial: bool = False,
    keys: Mapping[str, frozenset[str]] = PROMPTS,
) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: prompts are not a table")
    unknown = set(raw) - set(keys)
    if unknown:
        raise ContentError(f"{where}: unknown prompts {sorted(unknown)}")
    missing = set(keys) - set(raw)
    if missing and not partial:
        raise ContentError(f"{where}: missing prompts {sorted(missing)}")
    out: dict[str, tuple[str, ...]] = {}
    for key, expected in keys.items():
        if key not in raw:
            continue
        phrasings = texts(raw, key)
        if not phrasings:
            raise ContentError(f"{where}: {key} has no phrasing")
        for phrasing in phrasings:
            if placeholders(phrasing) != expected:
                raise ContentError(f"{where}: {key} must use exactly {sorted(expected)}")
        out[key] = tuple(phrasings)
    return out
