"""What the skill says in the self-check: its four questions and its reading. No ASK here."""

from __future__ import annotations

from reconnect.domain import selfcheck
from reconnect.domain.selfcheck import Answer, Level, Reading
from reconnect.speech.number_words import words
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply, Waiting


def selfcheck_question(phrases: PhrasePicker, answers: tuple[Answer, ...]) -> Reply:
    """The next question of the self-check (with the intro before the first)."""
    sign = selfcheck.next_sign(answers)
    if sign is None:
        raise ValueError("all four signs are answered")
    reply = Reply().add(phrases.say("selfcheck_intro")) if not answers else Reply()
    return reply.ask(sign_question(phrases, answers), Waiting.SELFCHECK)


def sign_question(phrases: PhrasePicker, answers: tuple[Answer, ...]) -> str:
    """The question for the next sign, for asking it or asking it again."""
    return phrases.say(f"ask_sign_{selfcheck.next_sign(answers) or selfcheck.SIGNS[-1]}")


def selfcheck_reading(phrases: PhrasePicker, found: Reading, current_step: int) -> Reply:
    """The gentle reading, plainly the step to begin with, and an offer to go there."""
    reply = Reply()
    start = phrases.content.step(found.start_step)
    if found.level is Level.NONE:
        reply.add(phrases.say("selfcheck_none"))
        reply.add(
            phrases.say("selfcheck_keep_going", step_number=start.number, step_title=start.title)
        )
    else:
        reply.add(phrases.say(f"selfcheck_{found.level.value}", count=words(found.count)))
        reply.add(phrases.say("selfcheck_start", step_number=start.number, step_title=start.title))
        if found.focus_step is not None:
            focus = phrases.content.step(found.focus_step)
            reply.add(
                phrases.say("selfcheck_focus", step_number=focus.number, step_title=focus.title)
            )
    reply.about(found.start_step)
    if current_step == found.start_step:
        reply.add(phrases.say("selfcheck_already_there"))
        return reply.ask(phrases.say("ask_hear_today"), Waiting.TODAY)
    reply.offer = found.start_step
    question = phrases.say("ask_go_to_step", step_number=start.number)
    return reply.ask(question, Waiting.SELFCHECK_GO)
