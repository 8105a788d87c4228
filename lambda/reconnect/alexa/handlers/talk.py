"""Handlers for small asks that never change the step: a topic, an idea, together time, streaks."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.handlers.program import todays_step
from reconnect.alexa.turn import Turn
from reconnect.domain import progress
from reconnect.domain.record import PRACTICE_MODE
from reconnect.speech import program_answers, talk_answers
from reconnect.speech.reply import Reply


class TalkTopic(IntentHandler):
    """'Ask us something to talk about': one question for each other from their step."""

    intents = ("TalkTopicIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The question; the session closes so they can talk to each other."""
        return talk_answers.talk_topic(turn.phrases, todays_step(turn))


class SmallIdea(IntentHandler):
    """'Something small we could try': a practice from their step."""

    intents = ("SmallIdeaIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """One small idea; in a session, the offer of another."""
        return small_idea_reply(turn)


def small_idea_reply(turn: Turn) -> Reply:
    """A small idea, never today's practice, and in one session never the same twice running."""
    given = turn.talk.ideas
    turn.talk.ideas += 1
    step = todays_step(turn)
    if turn.record.step == PRACTICE_MODE:
        todays = program_answers.practice_of_the_day(turn.phrases)[1]
    else:
        todays = turn.phrases.pick(turn.content.step(step).practices, f"practice-{step}")
    return talk_answers.small_idea(turn.phrases, step, todays, given, turn.one_shot)


class AboutTogetherTime(IntentHandler):
    """'What is together time?': how the ten minutes work, and the offer to start."""

    intents = ("AboutTogetherTimeIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Two breaths about together time, then 'shall we start?'."""
        return talk_answers.about_together_time(turn.phrases)


class Streak(IntentHandler):
    """'What's our streak?': no streaks; the days they made time this week."""

    intents = ("StreakIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Honest and free of guilt."""
        days = progress.days_practised(turn.record.practised_days, turn.today, progress.WEEK)
        return talk_answers.streak(turn.phrases, days, turn.one_shot)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (TalkTopic(), SmallIdea(), AboutTogetherTime(), Streak())
