"""The turn's two ends: gather its inputs before any handler runs; save once after it answers."""

from __future__ import annotations

import logging

from ask_sdk_core.dispatch_components import (
    AbstractRequestInterceptor,
    AbstractResponseInterceptor,
)
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest, Response

from reconnect import metrics
from reconnect.alexa import clock, conversation, settings
from reconnect.alexa.service_calls import in_background
from reconnect.alexa.turn import TURN, Turn, session
from reconnect.alexa.unit_of_work import UnitOfWork
from reconnect.domain import day
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
        """Gather the turn's inputs, then let the domain say what today is for this couple."""
        envelope = handler_input.request_envelope
        content = self._library.for_locale(getattr(envelope.request, "locale", None))
        user_id = _user_id(handler_input)
        talk = conversation.read(session(handler_input))
        talk.turns += 1
        known_zone = talk.zone if clock.zone_info(talk.zone) is not None else None
        # A new session asks the Settings API while DynamoDB is read: two waits at once.
        asking = None
        if known_zone is None:
            asking = in_background(lambda: settings.device_time_zone(handler_input))
        stored = self._stored(handler_input, user_id)
        device_zone = asking.result() if asking is not None else None
        record = stored.record if stored is not None else Record()

        talk.zone = known_zone or device_zone or record.time_zone or content.time_zone
        moment, local = (
            clock.request_time(handler_input),
            clock.local_zone(talk.zone, content.time_zone),
        )
        today = day.begin(record, moment, local, device_zone)

        new_session = envelope.session is None or bool(envelope.session.new)
        handler_input.attributes_manager.request_attributes[TURN] = Turn(
            content=content,
            phrases=PhrasePicker(content, today.local_date, talk.turns),
            today=today.local_date,
            greeting=today.greeting,
            one_shot=new_session and isinstance(envelope.request, IntentRequest),
            zone=talk.zone,
            talk=talk,
            work=UnitOfWork(self._store, user_id, stored, today.record),
        )

    def _stored(self, handler_input: HandlerInput, user_id: str | None) -> Stored | None:
        """The record as last saved: from the session, else one GetItem; None if unreadable."""
        stored = _from_session(session(handler_input))
        if stored is None and user_id is not None:
            try:
                stored = self._store.load(user_id)
            except StoreUnavailable as error:
                log.warning("load failed", extra={"reason": str(error)})
        metrics.turn_loaded(stored.record if stored is not None else None)
        return stored


class SaveTurn(AbstractResponseInterceptor):
    """Writes the record if this turn changed it, and keeps it in the session for the next turn."""

    def process(self, handler_input: HandlerInput, response: Response) -> None:
        """Persist after the handler answered: the turn's one commit (unless a handler's words
        needed its change saved first, and then there is nothing left to write)."""
        turn = handler_input.attributes_manager.request_attributes.get(TURN)
        if not isinstance(turn, Turn):
            metrics.turn_answered(None)
            return
        work = turn.work
        if work.can_save:
            work.commit()
        metrics.turn_answered(None if work.deleted or work.stored is None else work.stored.record)
        attributes = session(handler_input)
        if work.deleted:
            attributes.pop(S_RECORD, None)
            attributes.pop(S_VERSION, None)
        elif work.stored is not None:
            attributes[S_RECORD] = work.stored.record.to_dict()
            attributes[S_VERSION] = work.stored.version


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
