"""What the skill says about together time, and what its timers announce. No ASK here."""

from __future__ import annotations

from reconnect.domain.record import LAST_STEP
from reconnect.domain.ritual import SCHEDULE, Announcement, Change, Part
from reconnect.speech.number_words import duration, times
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply, Waiting

_PAUSE = '<break time="700ms"/>'


def spoken_time(seconds: int) -> str:
    """A time the way people say it: 'forty seconds', 'a minute', 'six and a half minutes'."""
    return duration(seconds)


def times_said(count: int) -> str:
    """'once', 'twice', 'three times'."""
    return times(count)


def prompt_step(phrases: PhrasePicker, step: int) -> int:
    """The step a ritual draws on: its own, or (after the path) one of the seven by the day."""
    if step <= LAST_STEP:
        return step
    return phrases.pick(range(1, LAST_STEP + 1), "ritual-practice")


def part_prompt(phrases: PhrasePicker, step: int, part: Part) -> str:
    """The step's prompt for one part of the ritual (plain text)."""
    phrasings = phrases.content.ritual.prompts[prompt_step(phrases, step)][part.value]
    return phrases.pick(phrasings, f"ritual-{part.value}")


def part_words(phrases: PhrasePicker, step: int, part: Part) -> str:
    """What is said as a part begins: its announcement with the step's prompt (plain text)."""
    return phrases.say(f"announce_{part.value}", prompt=part_prompt(phrases, step, part))


def announcement_text(phrases: PhrasePicker, step: int, change: Change) -> str:
    """What the timer for a change says when it goes off."""
    if change.part is None:
        return phrases.say("announce_end")
    return part_words(phrases, step, change.part)


def announcements(phrases: PhrasePicker, step: int) -> tuple[Announcement, ...]:
    """The six timers of a ritual starting now: label, seconds from now, announcement."""
    labels = phrases.content.ritual.labels
    return tuple(
        Announcement(labels[c.key], c.at, announcement_text(phrases, step, c)) for c in SCHEDULE
    )


def part_name(phrases: PhrasePicker, part: Part) -> str:
    """How a part is named aloud."""
    return phrases.content.ritual.names[part.value]


def started(phrases: PhrasePicker, step: int, guided: bool, lead: str | None = None) -> Reply:
    """The ritual begins: a word on how it runs, then the first part; the session closes."""
    reply = Reply().add(*([lead] if lead else []))
    if guided:
        reply.add(
            phrases.say("ritual_begin_guided"), _PAUSE, part_words(phrases, step, Part.ARRIVE)
        )
        return reply.add(_PAUSE, phrases.say("ritual_guided_hint")).close()
    reply.add(phrases.say("ritual_begin_timers"), _PAUSE, part_words(phrases, step, Part.ARRIVE))
    return reply.close()


def guided_part(phrases: PhrasePicker, step: int, part: Part) -> Reply:
    """Guided mode: the next part, and how to move on from it."""
    words = part_words(phrases, step, part)
    return Reply().add(words, _PAUSE, phrases.say("ritual_guided_hint")).close()


def finished(phrases: PhrasePicker) -> Reply:
    """The ritual reached its end."""
    return Reply().add(phrases.say("announce_end")).close()


def ask_permission(phrases: PhrasePicker) -> Reply:
    """A word before Alexa asks the couple for the timers permission."""
    return Reply().add(phrases.say("ritual_permission_intro")).close()


def status(phrases: PhrasePicker, part: Part | None, left: int, paused: bool) -> str:
    """Where the ritual is: the part and the time left, or that it is paused."""
    if paused or part is None:
        return phrases.say("ritual_time_left_paused", left=spoken_time(left))
    return phrases.say("ritual_time_left", part=part_name(phrases, part), left=spoken_time(left))


def one_line(phrases: PhrasePicker, key: str, **values: object) -> Reply:
    """A single ritual prompt; the session closes."""
    return Reply().add(phrases.say(key, **values)).close()


def confirm_restart(phrases: PhrasePicker) -> Reply:
    """A ritual is going: ask before starting another."""
    return Reply().ask(phrases.say("ritual_restart_confirm"), Waiting.RESTART_RITUAL)
