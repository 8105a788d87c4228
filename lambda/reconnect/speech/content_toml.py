"""Reading content/ TOML files: the checked getters every content loader shares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_NOT_PLAIN = frozenset("<>&{}")


class ContentError(ValueError):
    """content/ is missing something or holds something the skill cannot speak."""


def read(path: Path) -> dict[str, Any]:
    """A TOML file as a table; ContentError when it cannot be read."""
    import tomllib  # only when content is loaded from TOML: not from the artifact's snapshot

    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: {error}") from error


def table(raw: dict[str, Any], key: str) -> dict[str, Any]:
    """A sub-table; ContentError when it is missing."""
    value = raw.get(key)
    if not isinstance(value, dict):
        raise ContentError(f"[{key}] is missing")
    return value


def list_of(raw: dict[str, Any], key: str) -> list[Any]:
    """A list; ContentError when it is not one."""
    value = raw.get(key)
    if not isinstance(value, list):
        raise ContentError(f"{key} is not a list")
    return value


def text(raw: dict[str, Any], key: str) -> str:
    """A non-empty string, stripped; ContentError otherwise."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{key} is missing or empty")
    return value.strip()


def texts(raw: dict[str, Any], key: str) -> list[str]:
    """A list of non-empty strings, stripped; ContentError otherwise."""
    values = list_of(raw, key)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise ContentError(f"{key} holds an empty or non-text entry")
    return [v.strip() for v in values]


def plain(text: str, where: str, limit: int) -> str:
    """Text read out by a timer or shown on a screen: no SSML, no braces, not too long."""
    if _NOT_PLAIN & set(text) or len(text) > limit:
        raise ContentError(f"ritual.toml: {where} must be plain text of {limit} characters or less")
    return text
