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

DEFAULT_LOCALE = "en-US"

# Every recurring prompt, with the placeholders each phrasing must use.
PROMPTS: Mapping[str, frozenset[str]] = {
    "welcome_new": frozenset(),
    "greeting_return": frozenset({"step_number", "step_title"}),
    "greeting_frequent": frozenset({"step_number"}),
    "greeting_path_done": frozenset(),
    "ask_hear_today": frozenset(),
    "ask_what_next": frozenset(),
    "ask_open": frozenset(),
    "ask_more": frozenset(),
    "ask_which_step": frozenset(),
    "today_intro": frozenset({"step_number", "step_title"}),
    "step_intro": frozenset({"step_number", "step_title"}),
    "practice_intro": frozenset({"practice"}),
    "question_intro": frozenset({"question"}),
    "practice_mode_intro": frozenset({"step_number", "step_title", "practice"}),
    "more_intro": frozenset({"step_number"}),
    "list_steps_intro": frozenset(),
    "at_last_step": frozenset(),
    "at_first_step": frozenset(),
    "step_out_of_range": frozenset({"number"}),
    "step_not_heard": frozenset(),
    "stay_on_step": frozenset({"step_number"}),
    "no_problem": frozenset(),
    "nothing_pending": frozenset(),
    "help": frozenset(),
    "goodbye": frozenset(),
    "fallback": frozenset(),
    "delete_confirm": frozenset(),
    "delete_done": frozenset(),
    "delete_cancelled": frozenset(),
    "start_over_confirm": frozenset(),
    "start_over_done": frozenset({"step_title"}),
    "repeat_nothing": frozenset(),
    "error_generic": frozenset(),
    "error_storage": frozenset(),
    "error_not_saved": frozenset(),
}


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
    base_prompts = _prompts(prompts, "prompts.toml")
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
        )
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


def _prompts(raw: object, where: str, partial: bool = False) -> dict[str, tuple[str, ...]]:
    if not isinstance(raw, dict):
        raise ContentError(f"{where}: prompts are not a table")
    unknown = set(raw) - set(PROMPTS)
    if unknown:
        raise ContentError(f"{where}: unknown prompts {sorted(unknown)}")
    missing = set(PROMPTS) - set(raw)
    if missing and not partial:
        raise ContentError(f"{where}: missing prompts {sorted(missing)}")
    out: dict[str, tuple[str, ...]] = {}
    for key, expected in PROMPTS.items():
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
