"""The burnout self-check: the four signs as questions, a gentle reading, where to start.

Pure. The answers live only in the session while the questions are asked; nothing is stored.
The signs are the article's, in its order: on edge or numb; avoiding the conversations that
matter; feeling taken for granted or misunderstood; pulling back from closeness. Each is
answered yes, no, or something in between ('sort of', 'a bit'), which counts as half.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from reconnect.domain.record import FIRST_STEP

SIGNS = ("edge", "avoiding", "unseen", "withdrawn")
# The step that speaks most to each sign: rest and wellbeing; talking without pressure;
# small acts of appreciation; safety and trust.
FOCUS_STEP = {"edge": 6, "avoiding": 3, "unseen": 5, "withdrawn": 2}
KEEP_GOING_STEP = 5  # no sign recognised: small, meaningful actions keep closeness alive
MANY_FROM = 2.5  # three signs, or two and two halves: a heavy time


class Answer(Enum):
    """An answer to one of the four questions."""

    YES = "yes"
    NO = "no"
    SOMEWHAT = "somewhat"  # 'sort of', 'maybe', 'a bit': part of the way there

    @property
    def weight(self) -> float:
        """How much of a sign the answer recognises: one, none, or half."""
        return {Answer.YES: 1.0, Answer.NO: 0.0, Answer.SOMEWHAT: 0.5}[self]


class Level(Enum):
    """How much of the four signs the couple recognised."""

    NONE = "none"  # none of them
    SOME = "some"  # one or two (halves count half)
    MANY = "many"  # three or more


@dataclass(frozen=True)
class Reading:
    """The gentle reading of the answers: how many, which, and the step to start with."""

    level: Level
    recognised: tuple[str, ...]  # signs answered yes
    partly: tuple[str, ...]  # signs answered 'sort of'
    start_step: int  # where to begin: step one whenever a sign is recognised, even partly
    focus_step: int | None  # the step that speaks to the first sign they recognised

    @property
    def count(self) -> int:
        """How many signs rang true at all, fully or in part."""
        return len(self.recognised) + len(self.partly)


class Incomplete(ValueError):
    """A reading was asked for before all four questions were answered."""


def next_sign(answers: Sequence[Answer]) -> str | None:
    """The sign to ask about next; None once all four are answered."""
    return SIGNS[len(answers)] if len(answers) < len(SIGNS) else None


def answer(answers: Sequence[Answer], given: Answer) -> tuple[Answer, ...]:
    """The answers with one more; ValueError past the fourth."""
    if len(answers) >= len(SIGNS):
        raise ValueError("all four signs are answered")
    return (*answers, given)


def reading(answers: Sequence[Answer]) -> Reading:
    """Read four answers gently: none, some or many signs, and the step to start with."""
    if len(answers) != len(SIGNS):
        raise Incomplete(f"{len(answers)} of {len(SIGNS)} answered")
    pairs = tuple(zip(SIGNS, answers, strict=True))
    recognised = tuple(sign for sign, a in pairs if a is Answer.YES)
    partly = tuple(sign for sign, a in pairs if a is Answer.SOMEWHAT)
    weight = sum(a.weight for a in answers)
    if weight == 0:
        return Reading(Level.NONE, (), (), KEEP_GOING_STEP, None)
    level = Level.MANY if weight >= MANY_FROM else Level.SOME
    first = (recognised or partly)[0]
    return Reading(level, recognised, partly, FIRST_STEP, FOCUS_STEP[first])
