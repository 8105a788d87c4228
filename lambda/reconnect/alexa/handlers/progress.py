"""'How are we doing?': encouragement from what the couple has done, never guilt."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.handlers.base import IntentHandler
from reconnect.alexa.turn import Turn
from reconnect.domain import progress
from reconnect.speech import progress_answers
from reconnect.speech.reply import Reply


class HowAreWeDoing(IntentHandler):
    """Days practised this week and month, rituals completed, the check-in trend, the step."""

    intents = ("HowAreWeDoingIntent",)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The summary; a one-shot closes the session."""
        record = turn.record
        summary = progress.summarise(
            record.step,
            record.practised_days,
            record.rituals_completed,
            record.checkins,
            turn.today,
            record.paths_completed,
        )
        return progress_answers.how_we_are_doing(turn.phrases, summary, turn.one_shot)


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (HowAreWeDoing(),)
