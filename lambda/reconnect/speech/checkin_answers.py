"""What the skill says in a check-in. Content and domain, no ASK here."""

from __future__ import annotations

from reconnect.domain.checkin import Direction, Heard, Problem, Trend
from reconnect.speech.number_words import halves, words
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply, Waiting
from reconnect.speech.talk_answers import talk_question


def first_question(phrases: PhrasePicker, name: str | None, explain: bool) -> Reply:
    """The opening, then the question for whoever goes first: by name if Alexa knows the voice,
    else 'partner one', said plainly the first time in a session (`explain`)."""
    reply = Reply().add(phrases.say("checkin_intro"))
    if name:
        return reply.ask(phrases.say("ask_rating_first_named", name=name), Waiting.RATING)
    if explain:
        reply.add(phrases.say("partners_who"))
    return reply.ask(phrases.say("ask_rating_first"), Waiting.RATING)


def second_question(phrases: PhrasePicker, first_name: str | None) -> Reply:
    """Thanks to the first partner, then the question for the other one."""
    if first_name:
        thanks = phrases.say("rating_thanks_named", name=first_name)
        return Reply().add(thanks).ask(phrases.say("ask_rating_other"), Waiting.RATING)
    thanks = phrases.say("rating_thanks")
    return Reply().add(thanks).ask(phrases.say("ask_rating_second"), Waiting.RATING)


def rating_question(phrases: PhrasePicker, second: bool) -> str:
    """The rating question again, for help or a fallback in the middle of a check-in."""
    return phrases.say("ask_rating_second" if second else "ask_rating_first")


def ask_again(phrases: PhrasePicker, heard: Heard) -> Reply:
    """A kind re-ask: nothing heard ('banana'), or a number off the scale ('eleven')."""
    if heard.problem is Problem.OFF_SCALE and heard.number is not None:
        question = phrases.say("ask_rating_off_scale", number=words(heard.number))
        return Reply().ask(question, Waiting.RATING)
    return Reply().ask(phrases.say("ask_rating_unheard"), Waiting.RATING)


def same_voice(phrases: PhrasePicker, name: str) -> Reply:
    """The same recognised voice answered twice: ask for the other partner."""
    return Reply().ask(phrases.say("ask_rating_same_voice", name=name), Waiting.RATING)


def trend_words(phrases: PhrasePicker, trend: Trend | None) -> str:
    """How today compares with their recent check-ins, always about the two of them together."""
    if trend is None:
        return ""
    now = halves(trend.now)
    if trend.direction is Direction.FIRST or trend.before is None:
        return phrases.say("trend_first", now=now)
    key = f"trend_{trend.direction.value}_{trend.period}"
    if trend.direction is Direction.STEADY:
        return phrases.say(key, now=now)
    return phrases.say(key, before=halves(trend.before), now=now)


def finished(
    phrases: PhrasePicker, trend: Trend | None, step: int, unheard: int | None = None
) -> Reply:
    """Thanks, the trend, and one question from today's step to talk about; the session closes.

    `unheard` is their step when they have not heard it yet: the check-in says it is waiting
    (a step is practised only once heard)."""
    reply = Reply().add(phrases.say("checkin_thanks_both"), trend_words(phrases, trend))
    if unheard is not None:
        reply.add(phrases.say("step_waiting", step_number=unheard))
    return reply.add(phrases.say("talk_about", question=talk_question(phrases, step))).close()


def cared_for(phrases: PhrasePicker) -> Reply:
    """A very low check-in: care, and the locale's support line by voice and on a card, instead
    of a question to talk about; the session closes."""
    care = phrases.content.care
    reply = Reply().add(phrases.say("checkin_care"), care.speech)
    reply.card = Card(title=care.card_title, text=care.card_text)
    return reply.close()
