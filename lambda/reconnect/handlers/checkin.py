"""The guided check-in: each partner rates from zero to ten, then one question to talk about.

A dialog on CheckInIntent's `rating` slot, elicited twice. The first rating waits in the
session only; nothing reaches the record until both are in, so a check-in cut off half-way
(the session ends, "stop", a crisis phrase) keeps nothing and simply starts again next time.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from reconnect import checkin, program, voices
from reconnect import checkin_answers as say
from reconnect.handlers.base import IntentHandler, saved_or_say_so
from reconnect.handlers.dialog import elicit, person_id, slot_value, started
from reconnect.speech import Reply
from reconnect.turn import Turn, session

INTENT, SLOT = "CheckInIntent", "rating"
S_CHECKIN = "checkin"  # {"rating": first partner's rating, "voice": their hashed voice or None}


class CheckIn(IntentHandler):
    """'Let's check in': rating one, rating two, then the trend and a question to talk about."""

    intents = (INTENT,)

    def reply(self, turn: Turn, handler_input: HandlerInput) -> Reply:
        """The next turn of the check-in dialog."""
        attributes = session(handler_input)
        first = _first(attributes)
        value = slot_value(handler_input, SLOT)
        if started(handler_input) or (first is not None and value is None):
            attributes.pop(S_CHECKIN, None)  # a new check-in: nothing carried over
            first = None
        person = person_id(handler_input)
        name = voices.name_tag(person) if person else None
        if first is None and value is None:
            return _elicit(handler_input, say.first_question(turn.voice, name))
        heard = checkin.parse_rating(value)
        if heard.rating is None:
            return _elicit(handler_input, say.ask_again(turn.voice, heard))
        key = voices.voice_key(person) if person else None
        if first is None:
            attributes[S_CHECKIN] = {"rating": heard.rating, "voice": key}
            return _elicit(handler_input, say.second_question(turn.voice, name))
        if key is not None and key == first[1] and name is not None:
            return _elicit(handler_input, say.same_voice(turn.voice, name))
        attributes.pop(S_CHECKIN, None)
        return _complete(turn, (first[0], heard.rating), (first[1], key))


def _complete(turn: Turn, ratings: tuple[int, int], keys: tuple[str | None, str | None]) -> Reply:
    """Both ratings are in: keep the numbers, count the day as practised, and answer."""
    slots, known = voices.assign(turn.record.voices, keys)
    history = checkin.add(turn.record.checkins, turn.today, zip(slots, ratings, strict=True))
    record = replace(turn.record, checkins=history, voices=known)
    turn.record = program.mark_practised(record, turn.today)
    trend = checkin.today_trend(history, turn.today)
    return saved_or_say_so(turn, say.finished(turn.voice, trend, turn.record.step))


def _elicit(handler_input: HandlerInput, reply: Reply) -> Reply:
    elicit(handler_input, INTENT, SLOT, {})
    return reply


def _first(attributes: dict[str, Any]) -> tuple[int, str | None] | None:
    """The first partner's rating and hashed voice, if the session holds a valid one."""
    state = attributes.get(S_CHECKIN)
    if not isinstance(state, dict):
        return None
    rating, key = state.get("rating"), state.get("voice")
    if isinstance(rating, bool) or not isinstance(rating, int):
        return None
    if not checkin.MIN_RATING <= rating <= checkin.MAX_RATING:
        return None
    return rating, key if isinstance(key, str) and len(key) == 16 else None
