"""Help, fallback and goodbye that know the moment: a check-in, the self-check, together time,
a question waiting for yes or no, setting a reminder, or anything at all. No ASK here.

Help and a fallback in the middle of something speak to it and ask its question again, so
nothing is lost; a second fallback in a row says more than the first, never the same words.
"""

from __future__ import annotations

from enum import Enum
from typing import Protocol

from reconnect.domain.selfcheck import Answer
from reconnect.speech.checkin_answers import rating_question
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply, Waiting
from reconnect.speech.selfcheck_answers import sign_question

# The question each kind of waiting asks, so that help and a fallback can ask it again, in the
# phrasing of the turn (a repeat of the very same words would sound stuck).
_QUESTIONS = {
    Waiting.TODAY: "ask_hear_today",
    Waiting.MORE: "ask_more",
    Waiting.DELETE: "delete_confirm",
    Waiting.START_OVER: "start_over_confirm",
    Waiting.RESTART_RITUAL: "ritual_restart_confirm",
    Waiting.START_RITUAL: "ask_start_ritual",
    Waiting.CARRY_ON: "ask_carry_on",
    Waiting.IDEA: "ask_another_idea",
    Waiting.TALK: "ask_talk_topic",
}


class Awaiting(Protocol):
    """What a session is waiting on, as far as asking its question again needs to know."""

    @property
    def waiting(self) -> Waiting:
        """What the last question waits for."""

    @property
    def offer(self) -> int | None:
        """The step a MOVE or SELFCHECK_GO question offers."""

    @property
    def checkin(self) -> object | None:
        """The first partner's rating, when the second one is awaited."""

    @property
    def selfcheck(self) -> tuple[Answer, ...] | None:
        """The self-check's answers so far."""


class Moment(Enum):
    """Where the couple is in the conversation."""

    CHECKIN = "checkin"  # a rating is awaited
    SELFCHECK = "selfcheck"  # one of the four signs is awaited
    REMINDER = "reminder"  # the reminder's time is awaited
    OFFER = "yes_no"  # a question waits for yes or no
    TOGETHER = "ritual"  # together time is going on
    ANYTIME = "anytime"


def moment_of(waiting: Waiting, ritual_running: bool) -> Moment:
    """The moment from what the skill waits for, and whether together time is going on."""
    if waiting is Waiting.RATING:
        return Moment.CHECKIN
    if waiting is Waiting.SELFCHECK:
        return Moment.SELFCHECK
    if waiting is Waiting.REMINDER_TIME:
        return Moment.REMINDER
    if ritual_running and waiting in (Waiting.NOTHING, Waiting.TODAY, Waiting.CARRY_ON):
        return Moment.TOGETHER  # opening the skill mid-ritual: help speaks of together time
    if waiting.is_yes_no:
        return Moment.OFFER
    return Moment.ANYTIME


def question_for(phrases: PhrasePicker, talk: Awaiting) -> str | None:
    """The question the conversation is waiting on, asked afresh; None when it waits for none."""
    waiting = talk.waiting
    if waiting in _QUESTIONS:
        return phrases.say(_QUESTIONS[waiting])
    if waiting in (Waiting.MOVE, Waiting.SELFCHECK_GO) and talk.offer is not None:
        key = "ask_make_step" if waiting is Waiting.MOVE else "ask_go_to_step"
        return phrases.say(key, step_number=talk.offer)
    if waiting is Waiting.RATING:
        return rating_question(phrases, second=talk.checkin is not None)
    if waiting is Waiting.SELFCHECK and talk.selfcheck is not None:
        return sign_question(phrases, talk.selfcheck)
    if waiting is Waiting.REMINDER_TIME:
        return phrases.say("ask_reminder_time")
    return None


def help_for(
    phrases: PhrasePicker, moment: Moment, question: str | None, waiting: Waiting, status: str = ""
) -> Reply:
    """Help in the moment: what is going on and what to say, then its question again.

    `question` and `waiting` are the question the moment is waiting on (the rating, the sign,
    the offer); `status` is where together time is.
    """
    if moment is Moment.TOGETHER:
        reply = Reply().add(phrases.say("help_ritual"), status)
        return reply.ask(phrases.say("ask_carry_on"), Waiting.CARRY_ON)
    if moment in (Moment.CHECKIN, Moment.SELFCHECK, Moment.REMINDER) and question:
        return Reply().add(phrases.say(f"help_{moment.value}")).ask(question, waiting)
    reply = Reply().add(phrases.say("help"))
    if moment is Moment.OFFER and question:
        return reply.ask(question, waiting)
    return reply.ask(phrases.say("ask_what_next"))


def fallback_for(
    phrases: PhrasePicker,
    moment: Moment,
    in_a_row: int,
    question: str | None,
    waiting: Waiting,
    status: str = "",
) -> Reply:
    """What could not be placed, in the moment; the second in a row says more than the first.

    `in_a_row` counts the fallbacks before this one in this session.
    """
    key = "fallback" if moment is Moment.ANYTIME else f"fallback_{moment.value}"
    if in_a_row >= 1:
        key += "_again"
    reply = Reply(kind="fallback").add(phrases.say(key))
    if moment is Moment.TOGETHER:
        return reply.add(status).ask(phrases.say("ask_carry_on"), Waiting.CARRY_ON)
    if moment is not Moment.ANYTIME and question:
        return reply.ask(question, waiting)
    return reply.ask(phrases.say("ask_what_next"))


def goodbye(phrases: PhrasePicker, moment: Moment) -> Reply:
    """A kind goodbye that ends the session; what was under way is left kindly."""
    reply = Reply()
    if moment in (Moment.CHECKIN, Moment.SELFCHECK, Moment.TOGETHER):
        reply.add(phrases.say(f"goodbye_{moment.value}"))
    return reply.add(phrases.say("goodbye")).close()
