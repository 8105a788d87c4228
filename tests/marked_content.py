"""content/ with every phrasing replaced by a marker naming it, and a reader for the markers.

A test that checks which prompt the skill chose runs the skill on this copy and asserts on
the markers it hears ("[today_intro#2 step_number=1 step_title=[program.steps.1.title]]"), so
an author can reword content/ without breaking it. The copy keeps content/'s shape (every key,
every phrasing, every placeholder, a question mark where a phrasing ends in one), so it passes
the production loader unchanged. Tests of the real words' quality stay on content/.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reconnect.speech.content import placeholders

KEPT = frozenset({"time_zone", "number"})  # settings, not words
PROMPT_TABLES = frozenset({"prompts"})  # their keys are content keys, used as they are


def write(source: Path, target: Path) -> Path:
    """Copy every TOML file under `source` to `target`, each phrasing made a marker."""
    for path in sorted(source.rglob("*.toml")):
        relative = path.relative_to(source)
        raw = tomllib.loads(path.read_text())
        top = "" if path.stem == "prompts" else path.stem  # prompts.toml: content keys only
        marked = {key: _mark(value, _join(top, key), key) for key, value in raw.items()}
        out = target / relative
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text("".join(f"{json.dumps(k)} = {_toml(v)}\n" for k, v in marked.items()))
    return target


def _join(prefix: str, key: str) -> str:
    if key in PROMPT_TABLES:
        return ""
    return f"{prefix}.{key}" if prefix else key


def _mark(value: Any, name: str, key: str) -> Any:
    if key in KEPT:
        return value
    if isinstance(value, str):
        return marker(name, value)
    if isinstance(value, dict):
        return {k: _mark(v, _join(name, k), k) for k, v in value.items()}
    if isinstance(value, list):
        return [_mark(v, _item(name, i, v), key) for i, v in enumerate(value)]
    return value


def _item(name: str, index: int, value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("number"), int):
        return f"{name}.{value['number']}"  # a step, by its number
    return f"{name}#{index}"


def marker(name: str, phrasing: str) -> str:
    """The marker for one phrasing: its name, its placeholders, and its closing question mark."""
    filled = "".join(f" {p}={{{p}}}" for p in sorted(placeholders(phrasing)))
    return f"[{name}{filled}]" + ("?" if phrasing.strip().endswith("?") else "")


def _toml(value: Any) -> str:
    if isinstance(value, str):
        return json.dumps(value)  # a TOML basic string: JSON's escapes are TOML's
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"no TOML for {value!r}")


@dataclass(frozen=True)
class Said:
    """One marker heard: the content key, which phrasing, and the values filled in."""

    key: str  # "today_intro", "program.steps.1.questions.ask", "en-GB.crisis.speech"
    index: int | None  # which phrasing of the key; None for a single text
    values: dict[str, str] = field(default_factory=dict)

    def value(self, name: str) -> list[Said]:
        """The markers inside one filled-in value (a step title inside today_intro)."""
        return heard_in(self.values[name])


def heard_in(text: str) -> list[Said]:
    """The top-level markers in spoken text, in order (nested ones are in their values)."""
    found: list[Said] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "[":
            depth, start = depth + 1, i if depth == 0 else start
        elif char == "]" and depth:
            depth -= 1
            if depth == 0:
                found.append(_said(text[start + 1 : i]))
    return found


def names_in(text: str) -> list[str]:
    """Every marker's key in the text, nested ones included, in order."""
    return [_key(head)[0] for head in re.findall(r"\[([^\s\]]+)", text)]


def _said(inside: str) -> Said:
    head, _, rest = inside.partition(" ")
    values = dict(part.partition("=")[::2] for part in _split_values(rest))
    return Said(*_key(head), values)


def _key(head: str) -> tuple[str, int | None]:
    """'program.steps.1.questions#0.ask' -> ('program.steps.1.questions.ask', 0)."""
    found = re.search(r"#(\d+)", head)
    if found is None:
        return head, None
    return head[: found.start()] + head[found.end() :], int(found[1])


def _split_values(rest: str) -> list[str]:
    """' a=x b=[y z]' split at the spaces before each name=, outside brackets."""
    parts: list[str] = []
    depth, current = 0, ""
    for i, char in enumerate(rest):
        depth += {"[": 1, "]": -1}.get(char, 0)
        starts_value = char == " " and depth == 0 and _is_name(rest[i + 1 :])
        if starts_value and current:
            parts.append(current)
            current = ""
        elif not starts_value:
            current += char
    if current:
        parts.append(current)
    return parts


def _is_name(text: str) -> bool:
    name, equals, _ = text.partition("=")
    return bool(equals) and name.isidentifier()
