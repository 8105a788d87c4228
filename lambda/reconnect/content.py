"""The program as data: loads and checks content/ once per cold start."""

from __future__ import annotations

import functools
import os
import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reconnect.checkin_prompts import CHECKIN_PROMPTS, PLAIN_PROMPTS
from reconnect.program_prompts import PROGRAM_PROMPTS
from reconnect.ritual_prompts import (
    MAX_ANNOUNCEMENT_CHARS,
    RITUAL_CHANGES,
    RITUAL_PARTS,
    RITUAL_PROMPTS,
)

DEFAULT_LOCALE = "en-US"

PROMPTS: Mapping[str, frozenset[str]] = {**PROGRAM_PROMPTS, **RITUAL_PROMPTS, **CHECKIN_PROMPTS}
_NOT_PLAIN = frozenset("<>&{}")


class ContentError(ValueError):
    """content/ is missing something or holds something the skill cannot speak."""


@dataclass(frozen=True)
class Step:
    """One step of the program."""

    number: int
    title: str
    short: str
    more: str
    practices: tuple[str, ...]
    questions: tuple[str, ...]


@dataclass(frozen=True)
class Crisis:
    """What is said, and shown on a card, to someone in distress."""

    speech: str
    card_title: str
    card_text: str


@dataclass(frozen=True)
class RitualWords:
    """Together time's words: each step's prompt for each part, part names, timer labels."""

    prompts: Mapping[int, Mapping[str, tuple[str, ...]]]  # step -> part -> phrasings
    names: Mapping[str, str]  # part -> how it is named aloud ("appreciation")
    labels: Mapping[str, str]  # change (the part that begins, or "end") -> timer label


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
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "content", here.parent.parent / "content"):
        if (candidate / "program.toml").is_file():
            return candidate
    raise ContentError(f"no content/ found near {here}")


@functools.cache
def library() -> Library:
    """The content, loaded and checked once per process."""
    return load(content_dir())


def load(directory: Path) -> Library:
    """Read and check every content file under `directory`."""
    program = _read(directory / "program.toml")
    prompts = _read(directory / "prompts.toml")
    steps = tuple(_step(i, raw) for i, raw in enumerate(_list(program, "steps"), start=1))
    if len(steps) != 7:
        raise ContentError(f"program.toml has {len(steps)} steps, not 7")
    signs = _table(program, "signs")
    closing = _table(program, "closing")
    ritual_raw = _read(directory / "ritual.toml")
    checkin_raw = _read(directory / "checkin.toml")
    program_keys = {
        k: v for k, v in PROMPTS.items() if k not in RITUAL_PROMPTS and k not in CHECKIN_PROMPTS
    }
    base_prompts = {
        **_prompts(prompts, "prompts.toml", keys=program_keys),
        **_prompts(ritual_raw.get("prompts", {}), "ritual.toml", keys=RITUAL_PROMPTS),
        **_prompts(checkin_raw.get("prompts", {}), "checkin.toml", keys=CHECKIN_PROMPTS),
    }
    ritual = _ritual(ritual_raw)
    locales: dict[str, LocaleContent] = {}
    for path in sorted((directory / "locales").glob("*.toml")):
        raw = _read(path)
        overrides = _prompts(raw.get("prompts", {}), path.name, partial=True)
        crisis = _table(raw, "crisis")
        locales[path.stem] = LocaleContent(
            locale=path.stem,
            steps=steps,
            signs_intro=_text(signs, "intro"),
            signs=tuple(_texts(signs, "items")),
            signs_outro=_text(signs, "outro"),
            closing=_text(closing, "thought"),
            prompts={**base_prompts, **overrides},
            crisis=Crisis(
                speech=_text(crisis, "speech"),
                card_title=_text(crisis, "card_title"),
                card_text=_text(crisis, "card_text"),
            ),
            time_zone=_text(raw, "time_zone"),
            ritual=ritual,
        )
        _check_announcements(locales[path.stem])
        for key, limit in PLAIN_PROMPTS.items():
            for phrasing in locales[path.stem].phrasings(key):
                _plain(phrasing, f"{path.stem} {key}", limit)
    if DEFAULT_LOCALE not in locales:
        raise ContentError(f"content/locales/{DEFAULT_LOCALE}.toml is missing")
    return Library(locales=locales)


def placeholders(template: str) -> set[str]:
    """The {names} a phrasing uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _read(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: {error}") from error


def _step(number: int, raw: object) -> Step:
    if not isinstance(raw, dict):
        raise ContentError(f"step {number} is not a table")
    if raw.get("number") != number:
        raise ContentError(f"step {number} is numbered {raw.get('number')!r}")
    practices, questions = _texts(raw, "practices"), _texts(raw, "questions")
    if not 2 <= len(practices) <= 4 or not 2 <= len(questions) <= 4:
        raise ContentError(f"step {number} needs two to four practices and questions")
    return Step(
        number=number,
        title=_text(raw, "title"),
        short=_text(raw, "short"),
        more=_text(raw, "more"),
        practices=tuple(practices),
        questions=tuple(questions),
    )


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
        phrasings = _texts(raw, key)
        if not phrasings:
            raise ContentError(f"{where}: {key} has no phrasing")
        for phrasing in phrasings:
            if placeholders(phrasing) != expected:
                raise ContentError(f"{where}: {key} must use exactly {sorted(expected)}")
        out[key] = tuple(phrasings)
    return out


def _table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ContentError(f"[{key}] is missing")
    return value


def _list(raw: dict[str, Any], key: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise ContentError(f"{key} is not a list")
    return value


def _text(raw: dict[str, Any], key: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{key} is missing or empty")
    return value.strip()


def _texts(raw: dict[str, Any], key: str) -> list[str]:
    values = _list(raw, key)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ContentError(f"{key} holds an empty or non-text entry")
    return [v.strip() for v in values]


def _ritual(raw: dict[str, Any]) -> RitualWords:
    """ritual.toml: a prompt (or several) per part for each of the seven steps, names, labels."""
    steps = _list(raw, "steps")
    if len(steps) != 7:
        raise ContentError(f"ritual.toml has {len(steps)} steps, not 7")
    prompts: dict[int, dict[str, tuple[str, ...]]] = {}
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict) or step.get("number") != number:
            raise ContentError(f"ritual.toml: step {number} is missing or misnumbered")
        prompts[number] = {}
        for part in RITUAL_PARTS:
            value = step.get(part)
            phrasings = [value] if isinstance(value, str) else _texts(step, part)
            if not phrasings or not all(isinstance(p, str) and p.strip() for p in phrasings):
                raise ContentError(f"ritual.toml: step {number} has no {part} prompt")
            prompts[number][part] = tuple(
                _plain(p.strip(), f"step {number} {part}", 220) for p in phrasings
            )
    names, labels = _table(raw, "names"), _table(raw, "labels")
    if set(names) != set(RITUAL_PARTS) or set(labels) != set(RITUAL_CHANGES):
        raise ContentError("ritual.toml: [names] needs every part, [labels] every change")
    label_texts = {k: _plain(_text(labels, k), f"label {k}", 256) for k in RITUAL_CHANGES}
    if len(set(label_texts.values())) != len(label_texts):
        raise ContentError("ritual.toml: timer labels must differ from each other")
    return RitualWords(
        prompts=prompts,
        names={k: _plain(_text(names, k), f"name {k}", 60) for k in RITUAL_PARTS},
        labels=label_texts,
    )


def _plain(text: str, where: str, limit: int) -> str:
    """Text read out by a timer or shown on a screen: no SSML, no braces, not too long."""
    if _NOT_PLAIN & set(text) or len(text) > limit:
        raise ContentError(f"ritual.toml: {where} must be plain text of {limit} characters or less")
    return text


def _check_announcements(content: LocaleContent) -> None:
    """Every announcement, with the longest prompt it can carry, is plain and short enough."""
    for part in (*RITUAL_PARTS, "end"):
        key = f"announce_{part}"
        longest = max(
            (p for step in content.ritual.prompts.values() for p in step.get(part, ("",))),
            key=len,
        )
        for phrasing in content.phrasings(key):
            filled = phrasing.format(prompt=longest) if "{prompt}" in phrasing else phrasing
            _plain(
                filled,
                f"{content.locale} {key}",
                MAX_ANNOUNCEMENT_CHARS,
            )
