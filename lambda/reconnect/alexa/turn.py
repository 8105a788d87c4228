"""One request's context: the couple's day, their content and words, the session's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from ask_sdk_core.handler_input import HandlerInput

from reconnect.alexa.conversation import Conversation
from reconnect.alexa.unit_of_work import UnitOfWork
from reconnect.domain.program import Greeting
from reconnect.domain.record import Record
from reconnect.speech.content import LocaleContent
from reconnect.speech.phrasing import PhrasePicker

TURN = "turn"


@dataclass
class Turn:
    """What a handler works with. `record` is the couple's record as this turn leaves it."""

    content: LocaleContent
    phrases: PhrasePicker
    today: date
    greeting: Greeting
    one_shot: bool
    zone: str
    talk: Conversation  # what this session remembers; respond() writes it back
    work: UnitOfWork  # the record, and saving it
    warned: bool = False  # the couple has already heard that storage failed

    @property
    def record(self) -> Record:
        """The couple's record as this turn has it so far."""
        return self.work.record

    @record.setter
    def record(self, record: Record) -> None:
        self.work.record = record

    def commit(self) -> bool:
        """Save now (a handler whose words depend on it); True when the record is safely stored."""
        return self.work.commit()


def turn_of(handler_input: HandlerInput) -> Turn:
    """The Turn that the load interceptor made for this request."""
    turn = handler_input.attributes_manager.request_attributes[TURN]
    assert isinstance(turn, Turn)
    return turn


def session(handler_input: HandlerInput) -> dict[str, Any]:
    """This session's attributes (an empty dict outside a session)."""
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if isinstance(attributes, dict) else {}
