"""What the skill says about the program: content and domain composed into replies. No ASK here."""

from __future__ import annotations

from reconnect.domain.program import Greeting, Today
from reconnect.domain.record import LAST_STEP
from reconnect.speech.content import Step
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply, Waiting
from reconnect.speech.ssml import plain_text


def welcome(phrases: PhrasePicker, kind: Greeting, step: int) -> Reply:
    """The opening words for a couple, tapered by how often they come."""
    title = phrases.content.step(min(step, LAST_STEP)).title
    greeting = {
        Greeting.NEW: lambda: phrases.say("welcome_new"),
        Greeting.RETURNING: lambda: phrases.say(
            "greeting_return", step_number=step, step_title=title
        ),
        Greeting.FREQUENT: lambda: phrases.say("greeting_frequent", step_number=step),
        Greeting.PATH_DONE: lambda: phrases.say("greeting_path_done"),
    }[kind]()
    return Reply().add(greeting).ask(phrases.say("ask_hear_today"), Waiting.TODAY)


def practice_of_the_day(phrases: PhrasePicker) -> tuple[Step, str]:
    """In practice mode: today's practice and its step; the step changes every day, so a week
    visits all seven, and the practice within it rotates too."""
    step = phrases.pick(phrases.content.steps, "practice-mode")
    return step, phrases.pick(step.practices, f"practice-mode-{step.number}")


def today_step(phrases: PhrasePicker, today: Today, one_shot: bool) -> Reply:
    """Today's step and today's practice; a one-shot answer closes the session."""
    if today.practice_mode:
        step, practice = practice_of_the_day(phrases)
        intro = phrases.say(
            "practice_mode_intro", step_number=step.number, step_title=step.title, practice=practice
        )
        reply = Reply().add(intro)
        reply.card = Card(title="Today's practice", text=plain_text(intro))
    else:
        step = phrases.content.step(today.step)
        practice = phrases.pick(step.practices, f"practice-{step.number}")
        reply = Reply().add(
            phrases.say("today_intro", step_number=step.number, step_title=step.title),
            step.short,
            phrases.say("practice_intro", practice=practice),
        )
        reply.card = Card(
            title=f"Step {step.number}: {sentence_case(plain_text(step.title))}",
            text=f"{plain_text(step.short)}\n\n{plain_text(practice)}",
        )
    reply.about(step.number)
    if one_shot:
        return reply.close()
    return reply.ask(phrases.say("ask_more"), Waiting.MORE)


def another_practice(phrases: PhrasePicker, after: int) -> Reply:
    """Practice mode's 'next': a practice from the step after the one they just heard."""
    step = phrases.content.step(after % LAST_STEP + 1)
    practice = phrases.pick(step.practices, f"practice-{step.number}")
    said = phrases.say(
        "practice_next", step_number=step.number, step_title=step.title, practice=practice
    )
    return Reply().add(said).about(step.number).ask(phrases.say("ask_more"), Waiting.MORE)


def step_overview(phrases: PhrasePicker, number: int) -> Reply:
    """A step they moved to: where they now are, its short version, one thing to talk about."""
    step = phrases.content.step(number)
    invite = phrases.pick(step.questions, f"question-{number}").invite
    return (
        Reply()
        .add(
            phrases.say("move_intro", step_number=number, step_title=step.title),
            step.short,
            phrases.say("invite_intro", invite=invite),
        )
        .about(number)
        .ask(phrases.say("ask_more"), Waiting.MORE)
    )


def hear_step(phrases: PhrasePicker, number: int, theirs: int) -> Reply:
    """A step they asked to hear: its short version; if it is not theirs, an offer to move."""
    step = phrases.content.step(number)
    reply = Reply().add(phrases.say("step_intro", step_number=number, step_title=step.title))
    reply.add(step.short).about(number)
    if number == theirs:
        reply.add(phrases.say("hear_step_is_theirs"))
        return reply.ask(phrases.say("ask_more"), Waiting.MORE)
    reply.add(where_they_are(phrases, theirs))
    reply.offer = number
    return reply.ask(phrases.say("ask_make_step", step_number=number), Waiting.MOVE)


def where_they_are(phrases: PhrasePicker, step: int) -> str:
    """'You're on step two.' (or that the path is walked), for answers that look elsewhere."""
    if step > LAST_STEP:
        return phrases.say("current_practice_mode")
    return phrases.say("you_are_on", step_number=step, step_title=phrases.content.step(step).title)


def current_step(phrases: PhrasePicker, step: int, heard: bool, one_shot: bool) -> Reply:
    """'Which step are we on?': their step named plainly; in a session, the offer to hear it."""
    reply = Reply().add(where_they_are(phrases, step)).about(min(step, LAST_STEP))
    if step <= LAST_STEP and not heard:
        reply.add(phrases.say("step_not_heard_yet"))
    if one_shot:
        return reply.close()
    return reply.ask(phrases.say("ask_hear_today"), Waiting.TODAY)


def at_last_step(phrases: PhrasePicker) -> Reply:
    """'Next step' on step seven, before it is practised: what comes after the path."""
    reply = Reply().add(phrases.say("at_last_step")).about(LAST_STEP)
    return reply.ask(phrases.say("ask_more"), Waiting.MORE)


def more(phrases: PhrasePicker, number: int) -> Reply:
    """The longer 'tell me more' for a step (in practice mode, the step of today's practice),
    and the offer of something to talk about."""
    step = phrases.content.step(number)
    reply = Reply().add(phrases.say("more_intro", step_number=number), step.more).about(number)
    return reply.ask(phrases.say("ask_talk_topic"), Waiting.TALK)


def steps_list(phrases: PhrasePicker, step: int) -> Reply:
    """The seven steps by name, and where they are."""
    titles = [f"<s>Step {s.number}, {s.title}.</s>" for s in phrases.content.steps]
    reply = Reply().add(phrases.say("list_steps_intro"), *titles, where_they_are(phrases, step))
    return reply.ask(phrases.say("ask_which_step"))


def burnout_signs(phrases: PhrasePicker) -> Reply:
    """The signs of burnout from the article, and where to begin."""
    c = phrases.content
    items = [f"<s>{sentence_case(sign)}.</s>" for sign in c.signs]
    return (
        Reply()
        .add(c.signs_intro, *items, c.signs_outro)
        .ask(phrases.say("ask_hear_today"), Waiting.TODAY)
    )


def step_range(phrases: PhrasePicker, number: int | None) -> Reply:
    """A kind correction for a step that does not exist, or a number not caught."""
    said = (
        phrases.say("step_not_heard")
        if number is None
        else phrases.say("step_out_of_range", number=number)
    )
    return Reply().add(said).ask(phrases.say("ask_which_step"))


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised, for a sentence or a card title."""
    return text[:1].upper() + text[1:]
