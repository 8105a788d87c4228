"""What the skill says in a check-in and in the self-check. Content and domain, no ASK here."""

from __future__ import annotations

from reconnect import selfcheck
from reconnect.checkin import Direction, Heard, Problem, Trend
from reconnect.record import LAST_STEP
from reconnect.selfcheck import Level, Reading
from reconnect.speech import Reply, Voice

PENDING_SELFCHECK = "selfcheck"
PENDING_SELFCHECK_GO = "selfcheck_go"  # "would you like to go to step N?"; N is in the session


def score(value: float) -> str:
    """A couple's score as said aloud: '6', '6 and a half'."""
    whole, half = int(value), value - int(value) >= 0.5
    return f"{whole} and a half" if half else str(whole)


def first_question(voice: Voice, name: str | None) -> Reply:
    """The opening: a word, then the question for whoever goes first (by name if recognised)."""
    ask = voice.say("ask_rating_first_named", name=name) if name else voice.say("ask_rating_first")
    return Reply().add(voice.say("checkin_intro")).ask(ask)


def second_question(voice: Voice, first_name: str | None) -> Reply:
    """Thanks to the first partner, then the question for the other one."""
    if first_name:
        return (
            Reply()
            .add(voice.say("rating_thanks_named", name=first_name))
            .ask(voice.say("ask_rating_other"))
        )
    return Reply().add(voice.say("rating_thanks")).ask(voice.say("ask_rating_second"))


def ask_again(voice: Voice, heard: Heard) -> Reply:
    """A kind re-ask: nothing heard ('banana'), or a number off the scale ('eleven')."""
    if heard.problem is Problem.OFF_SCALE and heard.number is not None:
        return Reply().ask(voice.say("ask_rating_off_scale", number=heard.number))
    return Reply().ask(voice.say("ask_rating_unheard"))


def same_voice(voice: Voice, name: str) -> Reply:
    """The same recognised voice answered twice: ask for the other partner."""
    return Reply().ask(voice.say("ask_rating_same_voice", name=name))


def trend_words(voice: Voice, trend: Trend | None) -> str:
    """How today compares with their recent check-ins, always about the two of them together."""
    if trend is None:
        return ""
    now = score(trend.now)
    if trend.direction is Direction.FIRST or trend.before is None:
        return voice.say("trend_first", now=now)
    key = f"trend_{trend.direction.value}_{trend.period}"
    if trend.direction is Direction.STEADY:
        return voice.say(key, now=now)
    return voice.say(key, before=score(trend.before), now=now)


def finished(voice: Voice, trend: Trend | None, step: int) -> Reply:
    """Thanks, the trend, and one question from today's step to talk about; the session closes."""
    return (
        Reply()
        .add(
            voice.say("checkin_thanks_both"),
            trend_words(voice, trend),
            voice.say("talk_about", question=talk_question(voice, step)),
        )
        .close()
    )


def talk_question(voice: Voice, step: int) -> str:
    """A question from today's step (in practice mode, from any step), chosen by the day."""
    steps = voice.content.steps if step > LAST_STEP else (voice.content.step(step),)
    every = [q for s in steps for q in s.questions]
    return voice.pick(every, "checkin-question")


def selfcheck_question(voice: Voice, answers: tuple[bool, ...]) -> Reply:
    """The next yes/no question of the self-check (with the intro before the first)."""
    sign = selfcheck.next_sign(answers)
    if sign is None:
        raise ValueError("all four signs are answered")
    reply = Reply().add(voice.say("selfcheck_intro")) if not answers else Reply()
    return reply.ask(voice.say(f"ask_sign_{sign}"), PENDING_SELFCHECK)


def selfcheck_reading(voice: Voice, found: Reading, current_step: int) -> Reply:
    """The gentle reading, the step to start with, and an offer to go there."""
    count = len(found.recognised)
    reply = Reply()
    start = voice.content.step(found.start_step)
    if found.level is Level.NONE:
        reply.add(voice.say("selfcheck_none"))
        reply.add(
            voice.say("selfcheck_keep_going", step_number=start.number, step_title=start.title)
        )
    else:
        reply.add(voice.say(f"selfcheck_{found.level.value}", count=count))
        reply.add(voice.say("selfcheck_start", step_number=start.number, step_title=start.title))
        if found.focus_step is not None:
            focus = voice.content.step(found.focus_step)
            reply.add(
                voice.say("selfcheck_focus", step_number=focus.number, step_title=focus.title)
            )
    if current_step == found.start_step:
        return reply.ask(voice.say("ask_open"))
    return reply.ask(voice.say("ask_go_to_step", step_number=start.number), PENDING_SELFCHECK_GO)
