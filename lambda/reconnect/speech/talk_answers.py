"""Small things to ask for: something to talk about, a small idea, what together time is, streaks.

None of them changes the couple's step. Content and domain, no ASK here.
"""

from __future__ import annotations

import zlib

from reconnect.domain.progress import WEEK
from reconnect.domain.record import LAST_STEP
from reconnect.speech.number_words import words
from reconnect.speech.phrasing import PhrasePicker, rotation
from reconnect.speech.reply import Reply, Waiting


def talk_question(phrases: PhrasePicker, step: int, offset: int = 0) -> str:
    """A question from `step` for the two of them, chosen by the day (`offset` picks another)."""
    questions = phrases.content.step(min(step, LAST_STEP)).questions
    index = rotation(phrases.day, len(questions), zlib.crc32(b"talk-question") + offset)
    return questions[index].ask


def talk_topic(phrases: PhrasePicker, step: int) -> Reply:
    """'Give us something to talk about': one question from their step; the session closes,
    because the answer is for each other, not for Alexa."""
    question = talk_question(phrases, step, offset=1)  # not the one today's check-in offers
    return Reply().add(phrases.say("talk_about", question=question)).about(step).close()


def small_idea(
    phrases: PhrasePicker, step: int, todays: str, another: int, one_shot: bool
) -> Reply:
    """'Something small we could try': a practice from their step that is not today's
    (`todays`), then, for `another` ones, from the steps after it; in a session, the offer of
    another. No change of step."""
    steps = phrases.content.steps
    first = min(step, LAST_STEP)
    order = [*steps[first - 1 :], *steps[: first - 1]]
    ideas = [p for s in order for p in s.practices if p != todays]
    practice = ideas[another % len(ideas)]
    reply = Reply().add(phrases.say("small_idea", practice=practice)).about(step)
    if one_shot:
        return reply.close()
    return reply.ask(phrases.say("ask_another_idea"), Waiting.IDEA)


def about_together_time(phrases: PhrasePicker) -> Reply:
    """'What is together time?': how the ten minutes work, in two breaths, and the offer."""
    reply = Reply().add(phrases.say("about_together_time"))
    return reply.ask(phrases.say("ask_start_ritual"), Waiting.START_RITUAL)


def streak(phrases: PhrasePicker, days_this_week: int, one_shot: bool) -> Reply:
    """'What's our streak?': no streaks, just the days they made time, said without guilt."""
    if days_this_week == 0:
        said = phrases.say("streak_none")
    elif days_this_week >= WEEK:
        said = phrases.say("streak_every_day")
    else:
        said = phrases.say("streak_days", days=words(days_this_week))
    reply = Reply().add(said)
    return reply.close() if one_shot else reply.ask(phrases.say("ask_what_next"))
