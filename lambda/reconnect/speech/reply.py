"""The shape of a reply: body fragments, at most one question and what it waits for."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Literal

from reconnect.speech.ssml import to_ssml

# A real answer is what 'repeat' says again; a fallback or a repeat leaves the last one in place.
Kind = Literal["answer", "fallback", "repeat"]


class Waiting(Enum):
    """What the skill's last question waits for: a 'yes' or 'no', a slot, or anything."""

    NOTHING = "nothing"  # no question, or an open one ("what would you like?")
    TODAY = "today"  # yes: today's step
    MORE = "more"  # yes: more about `topic`
    MOVE = "move"  # yes: make `offer` their step (after looking at it)
    SELFCHECK_GO = "selfcheck_go"  # yes: go to `offer`, the step the self-check points to
    DELETE = "delete"  # yes: erase their data
    START_OVER = "start_over"  # yes: walk the path again from step one
    RESTART_RITUAL = "restart_ritual"  # yes: begin together time afresh
    START_RITUAL = "start_ritual"  # yes: start together time
    CARRY_ON = "carry_on"  # yes: together time carries on
    IDEA = "idea"  # yes: another small idea (in practice mode, another practice)
    TALK = "talk"  # yes: something to talk about
    SELFCHECK = "selfcheck"  # yes, no or 'sort of' to one of the four signs
    RATING = "rating"  # a check-in rating (the elicited slot)
    REMINDER_TIME = "reminder_time"  # the reminder's time of day (the elicited slot)

    @property
    def is_yes_no(self) -> bool:
        """Whether the question is answered with 'yes' or 'no'."""
        return self not in (Waiting.NOTHING, Waiting.RATING, Waiting.REMINDER_TIME)


@dataclass(frozen=True)
class Card:
    """A simple card for the Alexa app: plain text only."""

    title: str
    text: str


@dataclass
class Reply:
    """What the skill says: body fragments, then at most one question (which keeps the mic open)."""

    parts: list[str] = field(default_factory=list)
    question: str | None = None
    end_session: bool = False
    card: Card | None = None
    waiting: Waiting = Waiting.NOTHING  # what the question waits for (a "yes", a rating...)
    urgent: bool = False  # safety words: nothing else is said before or after them
    kind: Kind = "answer"
    topic: int | None = None  # the step this answer spoke about ('tell me more' follows it)
    offer: int | None = None  # the step a "yes" would move them to

    def add(self, *fragments: str) -> Reply:
        """Append spoken fragments."""
        self.parts.extend(f for f in fragments if f)
        return self

    def ask(self, question: str, waiting: Waiting = Waiting.NOTHING) -> Reply:
        """End with a question; the session stays open and the question is the reprompt."""
        self.question = question
        self.waiting = waiting
        self.end_session = False
        return self

    def close(self) -> Reply:
        """End the session after speaking."""
        self.question = None
        self.waiting = Waiting.NOTHING
        self.end_session = True
        return self

    def about(self, step: int | None) -> Reply:
        """Note the step this answer speaks about, for 'tell me more' and talk topics."""
        self.topic = step
        return self

    def speech(self) -> str:
        """The whole answer as one SSML document."""
        return to_ssml([*self.parts, *([self.question] if self.question else [])])
