"""Handlers for the program: looking at steps (never moves) and moving between them (asked for).

Looking: today's step, 'what's step five', 'which step are we on', the list, 'tell me more',
the signs. Moving, only when asked in so many words: next, previous, go to, start over; each
answer says where they now are.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler, saved_or_say_so
from reconnect.alexa.handlers.slots import StepAsked, step_asked
from reconnect.alexa.turn import Turn
from reconnect.domain import program
from reconnect.domain.record import LAST_STEP, PRACTICE_MODE, Record
from reconnect.speech import common_answers, program_answers
from reconnect.speech.reply import Reply, Waiting


def today_reply(turn: Turn, one_shot: bool) -> Reply:
    """Today's step (or practice), noting that the couple heard it."""
    turn.record = program.mark_heard(turn.record, turn.today)
    return program_answers.today_step(turn.phrases, program.today_of(turn.record), one_shot)


def move_reply(turn: Turn, moved: Record) -> Reply:
    """Go to the step in `moved` (they heard it now), save it, and say where they now are."""
    turn.record = program.mark_heard(moved, turn.today)
    return saved_or_say_so(turn, program_answers.step_overview(turn.phrases, moved.step))


def todays_step(turn: Turn) -> int:
    """Their step; in practice mode, the step today's practice comes from."""
    if turn.record.step == PRACTICE_MODE:
        return program_answers.practice_of_the_day(turn.phrases)[0].number
    return turn.record.step


def topic_step(turn: Turn) -> int:
    """The step a follow-up ('tell me more') speaks of: the last one spoken about in this
    session, else today's."""
    if turn.talk.topic is not None:
        return min(turn.talk.topic, LAST_STEP)
    return todays_step(turn)


def next_reply(turn: Turn) -> Reply:
    """'Next step': the step after the one they last heard; in practice mode, another practice."""
    record = turn.record
    if record.step == PRACTICE_MODE:
        if not (program.is_heard(record) and record.heard_on == turn.today):
            return today_reply(turn, one_shot=False)
        turn.record = program.mark_heard(record, turn.today)
        return program_answers.another_practice(turn.phrases, topic_step(turn))
    moved = program.next_step(record)
    if moved is None:
        return program_answers.at_last_step(turn.phrases)
    return move_reply(turn, moved)


class TodayStep(IntentHandler):
    """'What's today's step?': one-shot closes the session, in a session it offers more."""

    intents = ("TodayStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Today's step."""
        return today_reply(turn, turn.one_shot)


class HearStep(IntentHandler):
    """'What's step five?': tells it, never moves; offers to make it theirs."""

    intents = ("HearStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The step's short version, and (if it is not theirs) the offer to move there."""
        asked = step_asked(handler_input)
        if asked.step is None:
            return program_answers.step_range(turn.phrases, asked.number)
        if asked.step == turn.record.step:
            turn.record = program.mark_heard(turn.record, turn.today)
        return program_answers.hear_step(turn.phrases, asked.step, turn.record.step)


class CurrentStep(IntentHandler):
    """'Which step are we on?': their step named plainly, without moving."""

    intents = ("CurrentStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Their step, and whether they have heard it yet."""
        record = turn.record
        return program_answers.current_step(
            turn.phrases, record.step, program.is_heard(record), turn.one_shot
        )


class NextStep(IntentHandler):
    """'Next step': the one after the step they last heard, never two ahead."""

    intents = ("NextStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next step, another practice, or a word about what comes after step seven."""
        return next_reply(turn)


class PreviousStep(IntentHandler):
    """'Previous step': goes back one."""

    intents = ("PreviousStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The step before, or a word that this is the first."""
        moved = program.previous_step(turn.record)
        if moved is None:
            return common_answers.simple(turn.phrases, "at_first_step")
        return move_reply(turn, moved)


class GoToStep(IntentHandler):
    """'Go to step four', 'let's work on the first step'; 'step forty-two' is corrected kindly."""

    intents = ("GoToStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The asked-for step, or which steps there are."""
        asked: StepAsked = step_asked(handler_input)
        if asked.step is None:
            return program_answers.step_range(turn.phrases, asked.number)
        return move_reply(turn, program.go_to(turn.record, asked.step))


class ListSteps(IntentHandler):
    """'What are the steps?'"""

    intents = ("ListStepsIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The seven steps by name, and where they are."""
        return program_answers.steps_list(turn.phrases, turn.record.step)


class TellMeMore(IntentHandler):
    """'Tell me more': about what they last heard (in practice mode, that practice's step)."""

    intents = ("TellMeMoreIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The longer version of that step."""
        return program_answers.more(turn.phrases, topic_step(turn))


class BurnoutSigns(IntentHandler):
    """'What are the signs of burnout?'"""

    intents = ("BurnoutSignsIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The four signs and where to begin."""
        return program_answers.burnout_signs(turn.phrases)


class StayOnStep(IntentHandler):
    """'Stay on this step': days pass without moving on."""

    intents = ("StayOnStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Hold the step and say so."""
        turn.record = program.stay(turn.record)
        step = program.current_step(turn.record)
        reply = common_answers.simple(turn.phrases, "stay_on_step", step_number=step)
        return saved_or_say_so(turn, reply.close() if turn.one_shot else reply)


class StartOver(IntentHandler):
    """'Start over', 'reset our progress': asks first, since it leaves the current step."""

    intents = ("AMAZON.StartOverIntent", "RestartPathIntent")

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Ask to confirm starting again."""
        return Reply().ask(turn.phrases.say("start_over_confirm"), Waiting.START_OVER)


def start_over_reply(turn: Turn) -> Reply:
    """Walk the path again from step one (after a yes)."""
    turn.record = program.mark_heard(program.start_over(turn.record), turn.today)
    title = turn.content.step(1).title
    reply = program_answers.step_overview(turn.phrases, 1)
    reply.parts[0] = turn.phrases.say("start_over_done", step_title=title)
    return saved_or_say_so(turn, reply)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (
    TodayStep(), HearStep(), CurrentStep(), NextStep(), PreviousStep(), GoToStep(), ListSteps(),
    TellMeMore(), BurnoutSigns(), StayOnStep(), StartOver(),
)  # fmt: skip
