"""What the skill says in a check-in and in the self-check. Content and domain, no ASK here."""

from __future__ import annotations

from reconnect.domain import selfcheck
from reconnect.domain.checkin import Direction, Heard, Problem, Trend
from reconnect.domain.selfcheck import Answer, Level, Reading
from reconnect.speech.number_words import halves, words
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply, Waiting
from reconnect.speech.talk_answers import talk_question


def first_question(voice: PhrasePicker, name: str | None, explain: bool) -> Reply:
    """The opening, then the question for whoever goes first: by name if Alexa knows the voice,
    else 'partner one', said plainly the first time in a session (`explain`)."""
    reply = Reply().add(voice.say("checkin_intro"))
    if name:
        return reply.ask(voice.say("ask_rating_first_named", name=name), Waiting.RATING)
    if explain:
        reply.add(voice.say("partners_who"))
    return reply.ask(voice.say("ask_rating_first"), Waiting.RATING)


def second_question(voice: PhrasePicker, first_name: str | None) -> Reply:
    """Thanks to the first partner, then the question for the other one."""
    if first_name:
        thanks = voice.say("rating_thanks_named", name=first_name)
        return Reply().add(thanks).ask(voice.say("ask_rating_other"), Waiting.RATING)
    thanks = voice.say("rating_thanks")
    return Reply().add(thanks).ask(voice.say("ask_rating_second"), Waiting.RATING)


def rating_question(voice: PhrasePicker, second: bool) -> str:
    """The rating question again, for help or a fallback in the middle of a check-in."""
    return voice.say("ask_rating_second" if second else "ask_rating_first")


def ask_again(voice: PhrasePicker, heard: Heard) -> Reply:
    """A kind re-ask: nothing heard ('banana'), or a number off the scale ('eleven')."""
    if heard.problem is Problem.OFF_SCALE and heard.number is not None:
        question = voice.say("ask_rating_off_scale", number=words(heard.number))
        return Reply().ask(question, Waiting.RATING)
    return Reply().ask(voice.say("ask_rating_unheard"), Waiting.RATING)


def same_voice(voice: PhrasePicker, name: str) -> Reply:
    """The same recognised voice answered twice: ask for the other partner."""
    return Reply().ask(voice.say("ask_rating_same_voice", name=name), Waiting.RATING)


def trend_words(voice: PhrasePicker, trend: Trend | None) -> str:
    """How today compares with their recent check-ins, always about the two of them together."""
    if trend is None:
        return ""
    now = halves(trend.now)
    if trend.direction is Direction.FIRST or trend.before is None:
        return voice.say("trend_first", now=now)
    key = f"trend_{trend.direction.value}_{trend.period}"
    if trend.direction is Direction.STEADY:
        return voice.say(key, now=now)
    return voice.say(key, before=halves(trend.before), now=now)


def finished(
    voice: PhrasePicker, trend: Trend | None, step: int, unheard: int | None = None
) -> Reply:
    """Thanks, the trend, and one question from today's step to talk about; the session closes.

    `unheard` is their step when they have not heard it yet: the check-in says it is waiting
    (a step is practised only once heard)."""
    reply = Reply().add(voice.say("checkin_thanks_both"), trend_words(voice, trend))
    if unheard is not None:
        reply.add(voice.say("step_waiting", step_number=unheard))
    return reply.add(voice.say("talk_about", question=talk_question(voice, step))).close()


def cared_for(voice: PhrasePicker) -> Reply:
    """A very low check-in: care, and the locale's support line by voice and on a card, instead
    of a question to talk about; the session closes."""
    care = voice.content.care
    reply = Reply().add(voice.say("checkin_care"), care.speech)
    reply.card = Card(title=care.card_title, text=care.card_text)
    return reply.close()


def selfcheck_question(voice: PhrasePicker, answers: tuple[Answer, ...]) -> Reply:
    """The next question of the self-check (with the intro before the first)."""
    sign = selfcheck.next_sign(answers)
    if sign is None:
        raise ValueError("all four signs are answered")
    reply = Reply().add(voice.say("selfcheck_intro")) if not answers else Reply()
    return reply.ask(sign_question(voice, answers), Waiting.SELFCHECK)


def sign_question(voice: PhrasePicker, answers: tuple[Answer, ...]) -> str:
    """The question for the next sign, for asking it or asking it again."""
    return voice.say(f"ask_sign_{selfcheck.next_sign(answers) or selfcheck.SIGNS[-1]}")


def selfcheck_reading(voice: PhrasePicker, found: Reading, current_step: int) -> Reply:
    """The gentle reading, plainly the step to begin with, and an offer to go there."""
    reply = Reply()
    start = voice.content.step(found.start_step)
    if found.level is Level.NONE:
        reply.add(voice.say("selfcheck_none"))
        reply.add(
            voice.say("selfcheck_keep_going", step_number=start.number, step_title=start.title)
        )
    else:
        reply.add(voice.say(f"selfcheck_{found.level.value}", count=words(found.count)))
        reply.add(voice.say("selfcheck_start", step_number=start.number, step_title=start.title))
        if found.focus_step is not None:
            focus = voice.content.step(found.focus_step)
            reply.add(
                voice.say("selfcheck_focus", step_number=focus.number, step_title=focus.title)
            )
    reply.about(found.start_step)
    if current_step == found.start_step:
        reply.add(voice.say("selfcheck_already_there"))
        return reply.ask(voice.say("ask_hear_today"), Waiting.TODAY)
    reply.offer = found.start_step
    question = voice.say("ask_go_to_step", step_number=start.number)
    return reply.ask(question, Waiting.SELFCHECK_GO)
