"""What the skill says about the program: content and domain composed into replies. No ASK here."""

from __future__ import annotations

from reconnect.program import Greeting, Today
from reconnect.record import LAST_STEP
from reconnect.speech import Card, Reply, Voice, plain_text

PENDING_TODAY = "hear_today"
PENDING_MORE = "more"
PENDING_DELETE = "delete"
PENDING_START_OVER = "start_over"


def welcome(voice: Voice, kind: Greeting, step: int) -> Reply:
    """The opening words for a couple, tapered by how often they come."""
    title = voice.content.step(min(step, LAST_STEP)).title
    greeting = {
        Greeting.NEW: lambda: voice.say("welcome_new"),
        Greeting.RETURNING: lambda: voice.say(
            "greeting_return", step_number=step, step_title=title
        ),
        Greeting.FREQUENT: lambda: voice.say("greeting_frequent", step_number=step),
        Greeting.PATH_DONE: lambda: voice.say("greeting_path_done"),
    }[kind]()
    return Reply().add(greeting).ask(voice.say("ask_hear_today"), PENDING_TODAY)


def today_step(voice: Voice, today: Today, one_shot: bool) -> Reply:
    """Today's step and today's practice; a one-shot answer closes the session."""
    if today.practice_mode:
        reply = _practice_of_the_day(voice)
    else:
        step = voice.content.step(today.step)
        practice = voice.pick(step.practices, f"practice-{step.number}")
        reply = Reply().add(
            voice.say("today_intro", step_number=step.number, step_title=step.title),
            step.short,
            voice.say("practice_intro", practice=practice),
        )
        reply.card = Card(
            title=f"Step {step.number}: {sentence_case(plain_text(step.title))}",
            text=f"{plain_text(step.short)}\n\n{plain_text(practice)}",
        )
    if one_shot:
        return reply.close()
    return reply.ask(voice.say("ask_more"), PENDING_MORE)


def _practice_of_the_day(voice: Voice) -> Reply:
    every = [(s, p) for s in voice.content.steps for p in s.practices]
    step, practice = voice.pick(every, "practice-mode")
    intro = voice.say(
        "practice_mode_intro", step_number=step.number, step_title=step.title, practice=practice
    )
    reply = Reply().add(intro)
    reply.card = Card(title="Today's practice", text=plain_text(intro))
    return reply


def step_overview(voice: Voice, number: int) -> Reply:
    """A step heard on moving to it: its short version and one question to ask each other."""
    step = voice.content.step(number)
    question = voice.pick(step.questions, f"question-{number}")
    return (
        Reply()
        .add(
            voice.say("step_intro", step_number=number, step_title=step.title),
            step.short,
            voice.say("question_intro", question=question),
        )
        .ask(voice.say("ask_more"), PENDING_MORE)
    )


def more(voice: Voice, number: int) -> Reply:
    """The longer 'tell me more' for a step."""
    step = voice.content.step(number)
    reply = Reply().add(voice.say("more_intro", step_number=number), step.more)
    if number == LAST_STEP:
        reply.add(voice.content.closing)
    return reply.ask(voice.say("ask_open"))


def steps_list(voice: Voice) -> Reply:
    """The seven steps by name."""
    titles = [f"<s>Step {s.number}, {s.title}.</s>" for s in voice.content.steps]
    return Reply().add(voice.say("list_steps_intro"), *titles).ask(voice.say("ask_which_step"))


def burnout_signs(voice: Voice) -> Reply:
    """The signs of burnout from the article, and where to begin."""
    c = voice.content
    items = [f"<s>{sentence_case(sign)}.</s>" for sign in c.signs]
    return (
        Reply()
        .add(c.signs_intro, *items, c.signs_outro)
        .ask(voice.say("ask_hear_today"), PENDING_TODAY)
    )


def simple(voice: Voice, key: str, **values: object) -> Reply:
    """One prompt, then the question of what next, naming a few things to say."""
    return Reply().add(voice.say(key, **values)).ask(voice.say("ask_what_next"))


def open_question(voice: Voice, key: str, **values: object) -> Reply:
    """A prompt that already names what to say, then a plain 'what would you like?'."""
    return Reply().add(voice.say(key, **values)).ask(voice.say("ask_open"))


def step_range(voice: Voice, number: int | None) -> Reply:
    """A kind correction for a step that does not exist, or a number not caught."""
    said = (
        voice.say("step_not_heard")
        if number is None
        else voice.say("step_out_of_range", number=number)
    )
    return Reply().add(said).ask(voice.say("ask_which_step"))


def help_text(voice: Voice) -> Reply:
    """Help: what this is, that it is not therapy, what to say; ends with a question."""
    return open_question(voice, "help")


def goodbye(voice: Voice) -> Reply:
    """A warm goodbye that ends the session."""
    return Reply().add(voice.say("goodbye")).close()


def crisis(voice: Voice) -> Reply:
    """The help lines for the couple's country, by voice and on a card, and nothing else."""
    c = voice.content.crisis
    reply = Reply().add(c.speech).close()
    reply.card = Card(title=c.card_title, text=c.card_text)
    reply.urgent = True
    return reply


def sentence_case(text: str) -> str:
    """The text with its first letter capitalised, for a sentence or a card title."""
    return text[:1].upper() + text[1:]


def failure(voice: Voice, key: str = "error_generic") -> Reply:
    """Something failed on our side: say so kindly and keep the conversation open."""
    return Reply().add(voice.say(key)).ask(voice.say("ask_what_next"))
