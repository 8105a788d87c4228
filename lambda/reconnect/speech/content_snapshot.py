"""content/ as the artifact build loaded and checked it, saved as JSON for init to read back.

Reading the TOML files and checking every phrasing costs a cold start several milliseconds
(and the import of tomllib). The artifact build (tools/build_artifact.py) loads content/ once,
checks it, and writes the result with a hash of the files it came from; `content.library()`
uses that when the content it would load has the same hash (so a CONTENT_DIR override, or
an edited file, is loaded and checked from its TOML as before). The source tree has no
snapshot: tests and the console always load the TOML.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from reconnect.speech.content import Crisis, Library, LocaleContent, Question, Step
from reconnect.speech.ritual_content import RitualWords

FORMAT = 1  # bumped whenever the shape below changes


def files_hash(directory: Path) -> str:
    """SHA-256 over every TOML file under `directory`: relative paths and bytes, in order."""
    digest = hashlib.sha256()
    for path in sorted(directory.rglob("*.toml")):
        digest.update(path.relative_to(directory).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def write(library: Library, directory: Path, path: Path) -> None:
    """Save `library`, loaded from `directory`, at `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": FORMAT, "hash": files_hash(directory), "library": to_plain(library)}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def read(path: Path, directory: Path) -> Library | None:
    """The library saved at `path` if it was made from `directory`'s content as it is now."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return None
    if data.get("format") != FORMAT or data.get("hash") != files_hash(directory):
        return None
    return from_plain(data["library"])


def to_plain(library: Library) -> dict[str, Any]:
    """The library as JSON-ready data; the steps, together time's words and the prompts every
    locale shares, once."""
    first = next(iter(library.locales.values()))
    ritual = first.ritual
    shared = {
        key: phrasings
        for key, phrasings in first.prompts.items()
        if all(c.prompts.get(key) == phrasings for c in library.locales.values())
    }
    return {
        "steps": [_step(s) for s in first.steps],
        "prompts": shared,
        "ritual": {
            "prompts": {str(n): dict(parts) for n, parts in ritual.prompts.items()},
            "names": dict(ritual.names),
            "labels": dict(ritual.labels),
        },
        "locales": {
            name: {
                "signs_intro": c.signs_intro,
                "signs": c.signs,
                "signs_outro": c.signs_outro,
                "closing": c.closing,
                "prompts": {k: p for k, p in c.prompts.items() if shared.get(k) != p},
                "crisis": _crisis(c.crisis),
                "care": _crisis(c.care),
                "time_zone": c.time_zone,
            }
            for name, c in library.locales.items()
        },
    }


def from_plain(data: dict[str, Any]) -> Library:
    """The library `to_plain` saved, with the same types (tuples, not lists)."""
    steps = tuple(
        Step(
            number=s["number"],
            title=s["title"],
            short=s["short"],
            more=s["more"],
            practices=tuple(s["practices"]),
            questions=tuple(Question(ask=q[0], invite=q[1]) for q in s["questions"]),
        )
        for s in data["steps"]
    )
    shared = {key: tuple(p) for key, p in data["prompts"].items()}
    raw = data["ritual"]
    ritual = RitualWords(
        prompts={
            int(n): {part: tuple(p) for part, p in parts.items()}
            for n, parts in raw["prompts"].items()
        },
        names=raw["names"],
        labels=raw["labels"],
    )
    locales = {
        name: LocaleContent(
            locale=name,
            steps=steps,
            signs_intro=c["signs_intro"],
            signs=tuple(c["signs"]),
            signs_outro=c["signs_outro"],
            closing=c["closing"],
            prompts={**shared, **{key: tuple(p) for key, p in c["prompts"].items()}},
            crisis=Crisis(*c["crisis"]),
            care=Crisis(*c["care"]),
            time_zone=c["time_zone"],
            ritual=ritual,
        )
        for name, c in data["locales"].items()
    }
    return Library(locales=locales)


def _step(step: Step) -> dict[str, Any]:
    return {
        "number": step.number,
        "title": step.title,
        "short": step.short,
        "more": step.more,
        "practices": step.practices,
        "questions": [(q.ask, q.invite) for q in step.questions],
    }


def _crisis(crisis: Crisis) -> list[str]:
    return [crisis.speech, crisis.card_title, crisis.card_text]
