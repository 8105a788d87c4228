"""Load the couple's record once per session; save it once, only when it changed."""

from __future__ import annotations

import logging
from dataclasses import replace

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from reconnect import metrics
from reconnect.alexa import clock, conversation
from reconnect.alexa.service_calls import in_background
from reconnect.alexa.turn import TURN, Turn, session
from reconnect.domain import program, ritual
from reconnect.domain.record import Record
from reconnect.speech.content import Library
from reconnect.speech.phrasing import PhrasePicker
from reconnect.store import Store, Stored, StoreUnavailable

log = logging.getLogger(__name__)

# The record as last read or written rides in the session, so a session reads DynamoDB once.
S_RECORD, S_VERSION = "record", "version"


class LoadTurn(AbstractRequestInterceptor):
    """Builds the Turn: record from the session, else one GetItem; the local day; the content."""

    def __init__(self, library: Library, store: Store) -> None:
        self._library = library
        self._store = store

    def process(self, handler_input: HandlerInput) -> None:
        """Prepare the turn before any handler runs."""
        envelope = handler_input.request_envelope
        content = self._library.for_locale(getattr(envelope.request, "locale", None))
        user_id = _user_id(handler_input)
        attributes = session(handler_input)
        talk = conversation.read(attributes)
        talk.turns += 1
        kept = talk.zone
        zone = kept if kept is not None and clock.zone_info(kept) is not None else None
        # A new session asks the Settings API while DynamoDB is read: two waits at once.
        asking = None if zone else in_background(lambda: clock.device_time_zone(handler_input))
        stored = _from_session(attributes)
        if stored is None and user_id is not None:
            try:
                stored = self._store.load(user_id)
            except StoreUnavailable as error:
                log.warning("load failed", extra={"reason": str(error)})
        record = stored.record if stored is not None else Record()
        metrics.turn_loaded(stored.record if stored is not None else None)

        if asking is not None:
            device_zone = asking.result()
            if device_zone is not None and device_zone != record.time_zone:
                record = replace(record, time_zone=device_zone)
        zone = zone or record.time_zone or content.time_zone
        talk.zone = zone
        moment = clock.request_time(handler_input)
        local = clock.local_zone(zone, content.time_zone)
        today = moment.astimezone(local).date()
        # A ritual that reached 10:00 since the last request counts, on the day it ended.
        record = ritual.conclude(record, moment, local)
        settled = program.settle(record, today)
        greeting = program.greeting(settled, today)
        new_session = envelope.session is None or bool(envelope.session.new)
        handler_input.attributes_manager.request_attributes[TURN] = Turn(
            content=content,
            phrases=PhrasePicker(content, today, talk.turns),
            today=today,
            user_id=user_id,
            store=self._store,
            stored=stored,
            record=program.note_visit(settled, today),
            greeting=greeting,
            one_shot=new_session and isinstance(envelope.request, IntentRequest),
            zone=zone,
            talk=talk,
        )


class SaveTurn(AbstractResponseInterceptor):
    """Writes the record if this turn changed it, and keeps it in the session for the next turn."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        """Persist after the handler answered."""
        turn = handler_input.attributes_manager.request_attributes.get(TURN)
        if not isinstance(turn, Turn):
            metrics.turn_answered(None)
            return
        if turn.can_save:
            turn.commit()
        metrics.turn_answered(None if turn.deleted or turn.stored is None else turn.stored.record)
        attributes = session(handler_input)
        if turn.deleted:
            attributes.pop(S_RECORD, None)
            attributes.pop(S_VERSION, None)
        elif turn.stored is not None:
            attributes[S_RECORD] = turn.stored.record.to_dict()
            attributes[S_VERSION] = turn.stored.version


def _from_session(attributes: dict[str, object]) -> Stored | None:
    raw, version = attributes.get(S_RECORD), attributes.get(S_VERSION)
    if raw is None or not isinstance(version, int) or isinstance(version, bool) or version < 0:
        return None
    try:
        return Stored(Record.from_dict(raw), version)
    except ValueError:
        return None


def _user_id(handler_input: HandlerInput) -> str | None:
    envelope = handler_input.request_envelope
    for holder in (
        getattr(getattr(envelope.context, "system", None), "user", None),
        getattr(envelope.session, "user", None),
    ):
        user_id = getattr(holder, "user_id", None)
        if isinstance(user_id, str) and user_id:
            return user_id
    return None
