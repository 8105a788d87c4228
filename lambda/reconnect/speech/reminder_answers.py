"""What the skill says about the daily reminder: asking its time, setting it. No ASK here."""

from __future__ import annotations

from reconnect.domain.daily_time import DailyTime, spoken
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply, Waiting


def reminder_set(phrases: PhrasePicker, at: DailyTime, moved: bool, one_shot: bool) -> Reply:
    """The reminder restated with its time; a one-shot closes."""
    reply = Reply().add(phrases.say("reminder_moved" if moved else "reminder_set", time=spoken(at)))
    return reply.close() if one_shot else reply.ask(phrases.say("ask_what_next"))


def reminder_line(phrases: PhrasePicker, key: str, one_shot: bool, **values: object) -> Reply:
    """One reminders sentence; a one-shot closes, in a session the conversation goes on."""
    reply = Reply().add(phrases.say(key, **values))
    return reply.close() if one_shot else reply.ask(phrases.say("ask_what_next"))


def reminder_text(phrases: PhrasePicker) -> str:
    """What Alexa says when the reminder goes off (plain text)."""
    return phrases.say("reminder_text")


def ask_time(phrases: PhrasePicker, again: bool, period: str | None = None) -> Reply:
    """Ask what time the daily reminder should come ('what time in the evening?')."""
    if again:
        question = phrases.say("ask_reminder_time_again")
    elif period:
        question = phrases.say("ask_reminder_time_in", period=period)
    else:
        question = phrases.say("ask_reminder_time")
    return Reply().ask(question, Waiting.REMINDER_TIME)
