"""What the skill says for 'how are we doing?' and about reminders. Content and domain, no ASK."""

from __future__ import annotations

from reconnect.domain.checkin import Direction
from reconnect.domain.daily_time import DailyTime, spoken
from reconnect.domain.progress import WEEK, Progress
from reconnect.domain.record import LAST_STEP
from reconnect.speech.number_words import halves as score
from reconnect.speech.number_words import words
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply, Waiting
from reconnect.speech.ssml import plain_text


def how_we_are_doing(phrases: PhrasePicker, progress: Progress, one_shot: bool) -> Reply:
    """Encouragement from the counts: days they made time, rituals, the check-in trend, the step.

    It counts what they did, never what they missed; a quiet week is met with an open door.
    """
    reply = Reply()
    if progress.beginning:
        reply.add(phrases.say("progress_new"))
    else:
        reply.add(
            *_practice(phrases, progress), _rituals(phrases, progress), _trend(phrases, progress)
        )
    reply.add(_step(phrases, progress.step))
    reply.card = Card(title="How you two are doing", text=plain_text(" ".join(reply.parts)))
    return reply.close() if one_shot else reply.ask(phrases.say("ask_what_next"))


def _practice(phrases: PhrasePicker, progress: Progress) -> list[str]:
    week, month = progress.week_days, progress.month_days
    if week == 0:
        if month == 1:
            return [phrases.say("progress_quiet_week_one")]
        return [phrases.say("progress_quiet_week", days=words(month))] if month else []
    if week >= WEEK:
        said = phrases.say("progress_week_all")
    elif week == 1:
        said = phrases.say("progress_week_one")
    else:
        said = phrases.say("progress_week", days=words(week))
    return [said, phrases.say("progress_month", days=words(month))] if month > week else [said]


def _rituals(phrases: PhrasePicker, progress: Progress) -> str:
    if progress.rituals_completed == 0:
        return ""
    if progress.rituals_completed == 1:
        return phrases.say("progress_rituals_one")
    return phrases.say("progress_rituals", count=words(progress.rituals_completed))


def _trend(phrases: PhrasePicker, progress: Progress) -> str:
    trend = progress.trend
    if trend is None:
        return ""
    now = score(trend.now)
    if trend.direction is Direction.FIRST or trend.before is None:
        return phrases.say("progress_trend_level", now=now)
    if trend.direction is Direction.STEADY:
        return phrases.say("progress_trend_steady", now=now)
    return phrases.say(
        f"progress_trend_{trend.direction.value}", before=score(trend.before), now=now
    )


def _step(phrases: PhrasePicker, step: int) -> str:
    if step > LAST_STEP:
        return phrases.say("progress_practice_mode")
    return phrases.say(
        "progress_step", step_number=step, step_title=phrases.content.step(step).title
    )


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
