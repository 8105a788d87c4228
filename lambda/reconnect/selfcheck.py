"""The burnout self-check: the four signs as yes/no questions, a gentle reading, where to start.

Pure. The answers live only in the session while the questions are asked; nothing is stored.
The signs are the article's, in its order: on edge or numb; avoiding the conversations that
matter; feeling taken for granted or misunderstood; pulling back from closeness.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from reconnect.record import FIRST_STEP

SIGNS = ("edge", "avoiding", "unseen", "withdrawn")
# The step that speaks most to each sign: rest and wellbeing; talking without pressure;
# small acts of appreciation; safety and trust.
FOCUS_STEP = {"edge": 6, "avoiding": 3, "unseen": 5, "withdrawn": 2}
KEEP_GOING_STEP = 5  # no sign recognised: small, meaningful actions keep closeness alive


class Level(Enum):
    """How many of the four signs the couple recognised."""

    NONE = "none"  # none of them
    SOME = "some"  # one or two
    MANY = "many"  # three or four


@dataclass(frozen=True)
class Reading:
    """The gentle reading of the answers: how many, which, and the step to start with."""

    level: Level
    recognised: tuple[str, ...]
    start_step: int  # where to begin: step one whenever a sign is recognised
    focus_step: int | None  # the step that speaks to the first sign they recognised


class Incomplete(ValueError):
    """A reading was asked for before all four questions were answered."""


def next_sign(answers: Sequence[bool]) -> str | None:
    """The sign to ask about next; None once all four are answered."""
    return SIGNS[len(answers)] if len(answers) < len(SIGNS) else None


def answer(answers: Sequence[bool], yes: bool) -> tuple[bool, ...]:
    """The answers with one more; ValueError past the fourth."""
    if len(answers) >= len(SIGNS):
        raise ValueError("all four signs are answered")
    return (*answers, yes)


def reading(answers: Sequence[bool]) -> Reading:
    """Read four yes/no answers gently: none, some or many signs, and the step to start with."""
    if len(answers) != len(SIGNS):
        raise Incomplete(f"{len(answers)} of {len(SIGNS)} answered")
    recognised = tuple(sign for sign, yes in zip(SIGNS, answers, strict=True) if yes)
    if not recognised:
        return Reading(Level.NONE, (), KEEP_GOING_STEP, None)
    level = Level.SOME if len(recognised) <= 2 else Level.MANY
    return Reading(level, recognised, FIRST_STEP, FOCUS_STEP[recognised[0]])
