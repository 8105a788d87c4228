"""Handlers for the program: today's step, moving between steps, more, the list, the signs."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot

from reconnect import answers, program
from reconnect.handlers.base import IntentHandler, saved_or_say_so
from reconnect.numbers import parse_number
from reconnect.record import Record
from reconnect.speech import Reply
from reconnect.turn import Turn


def today_reply(turn: Turn, one_shot: bool) -> Reply:
    """Today's step (or practice), noting that the couple heard it."""
    turn.record = program.mark_heard(turn.record, turn.today)
    return answers.today_step(turn.voice, program.today_of(turn.record), one_shot)


def move_reply(turn: Turn, moved: Record) -> Reply:
    """Go to the step in `moved`, save it, and give its overview."""
    turn.record = program.mark_heard(moved, turn.today)
    return saved_or_say_so(turn, answers.step_overview(turn.voice, moved.step))


class TodayStep(IntentHandler):
    """'What's today's step?': one-shot closes the session, in a session it offers more."""

    intents = ("TodayStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Today's step."""
        return today_reply(turn, turn.one_shot)


class NextStep(IntentHandler):
    """'Next step': moves on at once."""

    intents = ("NextStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next step, or a word that this is the last one."""
        moved = program.next_step(turn.record)
        if moved is None:
            return answers.simple(turn.voice, "at_last_step")
        return move_reply(turn, moved)


class PreviousStep(IntentHandler):
    """'Previous step': goes back one."""

    intents = ("PreviousStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The step before, or a word that this is the first."""
        moved = program.previous_step(turn.record)
        if moved is None:
            return answers.simple(turn.voice, "at_first_step")
        return move_reply(turn, moved)


class GoToStep(IntentHandler):
    """'Go to step four'; 'step forty-two' gets a kind correction."""

    intents = ("GoToStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The asked-for step, or which steps there are."""
        slot = get_slot(handler_input, "number")
        number = parse_number(slot.value if slot is not None else None)
        if number is None:
            return answers.step_range(turn.voice, None)
        try:
            moved = program.go_to(turn.record, number)
        except program.StepOutOfRange:
            return answers.step_range(turn.voice, number)
        return move_reply(turn, moved)


class ListSteps(IntentHandler):
    """'What are the steps?'"""

    intents = ("ListStepsIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The seven steps by name."""
        return answers.steps_list(turn.voice)


class TellMeMore(IntentHandler):
    """'Tell me more' about the current step."""

    intents = ("TellMeMoreIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The longer version of the current step."""
        return answers.more(turn.voice, program.current_step(turn.record))


class BurnoutSigns(IntentHandler):
    """'What are the signs of burnout?'"""

    intents = ("BurnoutSignsIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The four signs and where to begin."""
        return answers.burnout_signs(turn.voice)


class StayOnStep(IntentHandler):
    """'Stay on this step': days pass without moving on."""

    intents = ("StayOnStepIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Hold the step and say so."""
        turn.record = program.stay(turn.record)
        step = program.current_step(turn.record)
        reply = answers.open_question(turn.voice, "stay_on_step", step_number=step)
        return saved_or_say_so(turn, reply)


class StartOver(IntentHandler):
    """'Start over': asks first, since it leaves the current step."""

    intents = ("AMAZON.StartOverIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """Ask to confirm starting again."""
        return Reply().ask(turn.voice.say("start_over_confirm"), answers.PENDING_START_OVER)


def start_over_reply(turn: Turn) -> Reply:
    """Walk the path again from step one (after a yes)."""
    turn.record = program.mark_heard(program.start_over(turn.record), turn.today)
    title = turn.content.step(1).title
    reply = answers.step_overview(turn.voice, 1)
    reply.parts[0] = turn.voice.say("start_over_done", step_title=title)
    return saved_or_say_so(turn, reply)
