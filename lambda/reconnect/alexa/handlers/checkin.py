"""The guided check-in: each partner rates from zero to ten, then one question to talk about.

A dialog on CheckInIntent's `rating` slot, elicited twice. The first rating waits in the
session only; nothing reaches the record until both are in, so a check-in cut off half-way
(the session ends, "stop", a crisis phrase) keeps nothing and simply starts again next time.
"""

from __future__ import annotations

from dataclasses import replace

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.conversation import FirstRating
from reconnect.alexa.handlers.base import IntentHandler, saved_or_say_so
from reconnect.alexa.handlers.dialog import elicit, person_id, slot_value, started
from reconnect.alexa.handlers.program import todays_step
from reconnect.alexa.turn import Turn
from reconnect.domain import checkin, partners, program
from reconnect.domain.record import LAST_STEP
from reconnect.speech import checkin_answers as say
from reconnect.speech.reply import Reply

INTENT, SLOT = "CheckInIntent", "rating"


class CheckIn(IntentHandler):
    """'Let's check in': rating one, rating two, then the trend and a question to talk about."""

    intents = (INTENT,)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next turn of the check-in dialog."""
        talk = turn.talk
        first = talk.checkin if talk.in_checkin else None
        value = slot_value(handler_input, SLOT)
        if started(handler_input) or (first is not None and value is None):
            first = None  # a new check-in: nothing carried over
        talk.checkin = first
        person = person_id(handler_input)
        name = partners.name_tag(person) if person else None
        if first is None and value is None:
            explain = name is None and not talk.explained_partners
            talk.explained_partners = talk.explained_partners or explain
            return _elicit(handler_input, say.first_question(turn.phrases, name, explain))
        heard = checkin.parse_rating(value)
        if heard.rating is None:
            return _elicit(handler_input, say.ask_again(turn.phrases, heard))
        key = partners.voice_key(person) if person else None
        if first is None:
            talk.checkin = FirstRating(heard.rating, key)
            return _elicit(handler_input, say.second_question(turn.phrases, name))
        if key is not None and key == first.voice and name is not None:
            return _elicit(handler_input, say.same_voice(turn.phrases, name))
        talk.checkin = None
        return _complete(turn, (first.rating, heard.rating), (first.voice, key))


def _complete(turn: Turn, ratings: tuple[int, int], keys: tuple[str | None, str | None]) -> Reply:
    """Both ratings are in: keep the numbers, count the day (and a heard step) as practised, and
    answer: care for a very low check-in, else the trend and a question to talk about."""
    before = turn.record.checkins
    slots, known = partners.assign(turn.record.voices, keys)
    history = checkin.add(before, turn.today, zip(slots, ratings, strict=True))
    record = replace(turn.record, checkins=history, voices=known)
    turn.record = program.mark_practised(record, turn.today)
    if checkin.needs_care(ratings, before, turn.today):
        return saved_or_say_so(turn, say.cared_for(turn.phrases))
    trend = checkin.today_trend(history, turn.today)
    record = turn.record
    unheard = record.step if record.step <= LAST_STEP and not program.is_heard(record) else None
    return saved_or_say_so(turn, say.finished(turn.phrases, trend, todays_step(turn), unheard))


def _elicit(handler_input: HandlerInput, reply: Reply) -> Reply:
    elicit(handler_input, INTENT, SLOT, {})
    return reply


# This module's handlers; app.py registers them in its ORDER.
HANDLERS = (CheckIn(),)
