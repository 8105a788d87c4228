"""Together time's words in content/ritual.toml: each step's prompts per part, names, labels."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from reconnect.speech.content_toml import ContentError, list_of, plain, table, text, texts
from reconnect.speech.ritual_keys import CHANGE_KEYS, MAX_ANNOUNCEMENT_CHARS, PART_KEYS

MIN_PART_PHRASINGS = 3  # heard every evening by a couple who does this daily


class Announcing(Protocol):
    """What check_announcements needs of a locale's content."""

    @property
    def locale(self) -> str:
        """The locale's name, for errors."""
        ...

    @property
    def ritual(self) -> RitualWords:
        """Together time's words."""
        ...

    def phrasings(self, key: str) -> tuple[str, ...]:
        """All phrasings of a prompt."""
        ...


@dataclass(frozen=True)
class RitualWords:
    """Together time's words: each step's prompt for each part, part names, timer labels."""

    prompts: Mapping[int, Mapping[str, tuple[str, ...]]]  # step -> part -> phrasings
    names: Mapping[str, str]  # part -> how it is named aloud ("appreciation")
    labels: Mapping[str, str]  # change (the part that begins, or "end") -> timer label


def parse_ritual(raw: dict[str, Any]) -> RitualWords:
    """ritual.toml: three phrasings or more per part for each of the seven steps, names, labels."""
    steps = list_of(raw, "steps")
    if len(steps) != 7:
        raise ContentError(f"ritual.toml has {len(steps)} steps, not 7")
    prompts: dict[int, dict[str, tuple[str, ...]]] = {}
    for number, step in enumerate(steps, start=1):
        if not isinstance(step, dict) or step.get("number") != number:
            raise ContentError(f"ritual.toml: step {number} is missing or misnumbered")
        prompts[number] = {}
        for part in PART_KEYS:
            phrasings = texts(step, part)
            if len(set(phrasings)) < MIN_PART_PHRASINGS:
                raise ContentError(
                    f"ritual.toml: step {number} {part} needs {MIN_PART_PHRASINGS} phrasings"
                )
            prompts[number][part] = tuple(
                plain(p.strip(), f"step {number} {part}", 220) for p in phrasings
            )
    names, labels = table(raw, "names"), table(raw, "labels")
    if set(names) != set(PART_KEYS) or set(labels) != set(CHANGE_KEYS):
        raise ContentError("ritual.toml: [names] needs every part, [labels] every change")
    label_texts = {k: plain(text(labels, k), f"label {k}", 256) for k in CHANGE_KEYS}
    if len(set(label_texts.values())) != len(label_texts):
        raise ContentError("ritual.toml: timer labels must differ from each other")
    return RitualWords(
        prompts=prompts,
        names={k: plain(text(names, k), f"name {k}", 60) for k in PART_KEYS},
        labels=label_texts,
    )


def check_announcements(content: Announcing) -> None:
    """Every announcement, with the longest prompt it can carry, is plain and short enough."""
    for part in (*PART_KEYS, "end"):
        key = f"announce_{part}"
        longest = max(
            (p for step in content.ritual.prompts.values() for p in step.get(part, ("",))),
            key=len,
        )
        for phrasing in content.phrasings(key):
            filled = phrasing.format(prompt=longest) if "{prompt}" in phrasing else phrasing
            plain(filled, f"{content.locale} {key}", MAX_ANNOUNCEMENT_CHARS)
