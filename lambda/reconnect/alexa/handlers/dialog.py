"""The dialog model from the handlers' side: eliciting a slot, the dialog's state, who is speaking.

The skill drives its dialogs (delegation strategy SKILL_RESPONSE in the interaction models):
each turn needs words Alexa's static prompts cannot say, such as a recognised partner's name,
so the skill answers with Dialog.ElicitSlot and its own speech, and checks every value itself
against the same bounds the model's validation rules declare.
"""

from __future__ import annotations

from collections.abc import Mapping

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_dialog_state, get_slot
from ask_sdk_model import Intent, IntentConfirmationStatus, Slot, SlotConfirmationStatus
from ask_sdk_model.dialog import ElicitSlotDirective

from reconnect.alexa.conversation import Elicit
from reconnect.alexa.turn import turn_of
from reconnect.domain import partners

MAX_SLOT_CHARS = 60


def elicit(
    handler_input: HandlerInput, intent: str, slot: str, keep: Mapping[str, str | None]
) -> None:
    """Ask Alexa to listen for `slot` next; `slot` is cleared, the `keep` slots carried along."""
    turn_of(handler_input).talk.elicit = Elicit(intent, slot, dict(keep))
    slots = {
        name: Slot(name=name, value=value, confirmation_status=SlotConfirmationStatus.NONE)
        for name, value in {**keep, slot: None}.items()
    }
    handler_input.response_builder.add_directive(
        ElicitSlotDirective(
            slot_to_elicit=slot,
            updated_intent=Intent(
                name=intent, confirmation_status=IntentConfirmationStatus.NONE, slots=slots
            ),
        )
    )


def elicit_again(handler_input: HandlerInput) -> bool:
    """Re-send the last ElicitSlot (for 'repeat' or help mid-dialog); False when none is open."""
    last = turn_of(handler_input).talk.elicit
    if last is None:
        return False
    elicit(handler_input, last.intent, last.slot, last.keep)
    return True


def started(handler_input: HandlerInput) -> bool:
    """Whether Alexa marks this turn as the first of a new dialog."""
    state = get_dialog_state(handler_input)
    return getattr(state, "value", None) == "STARTED"


def slot_value(handler_input: HandlerInput, name: str) -> str | None:
    """What Alexa heard for a slot (capped), or None."""
    slot = get_slot(handler_input, name)
    value = getattr(slot, "value", None)
    return value[:MAX_SLOT_CHARS] if isinstance(value, str) and value.strip() else None


def person_id(handler_input: HandlerInput) -> str | None:
    """The recognised speaker's personId (context.System.person), or None without a profile."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    person = getattr(system, "person", None)
    return partners.usable(getattr(person, "person_id", None))
