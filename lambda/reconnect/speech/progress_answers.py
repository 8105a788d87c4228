"""What the skill says for 'how are we doing?'. Content and domain, no ASK."""

from __future__ import annotations

from reconnect.domain.checkin import Direction
from reconnect.domain.progress import WEEK, Progress
from reconnect.domain.record import LAST_STEP
from reconnect.speech.number_words import halves as score
from reconnect.speech.number_words import words
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply
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
