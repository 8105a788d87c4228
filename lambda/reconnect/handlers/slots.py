"""Reading which step was asked for: the `number` slot, or the resolved id of `ordinal`.

HearStepIntent and GoToStepIntent carry both: "step five" fills AMAZON.NUMBER, "the first step"
fills the custom STEP_ORDINAL type, whose values have the ids "1" to "7".
"""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot

from reconnect.numbers import parse_number
from reconnect.record import FIRST_STEP, LAST_STEP

MATCH = "ER_SUCCESS_MATCH"


@dataclass(frozen=True)
class StepAsked:
    """What was asked for: a step of the path, or the number that is not one (None: unheard)."""

    step: int | None
    number: int | None


def step_asked(handler_input: HandlerInput) -> StepAsked:
    """The step in the request's `number` slot, else in its `ordinal` slot's resolution."""
    slot = get_slot(handler_input, "number")
    number = parse_number(getattr(slot, "value", None))
    if number is None:
        number = _ordinal_id(handler_input)
    if number is not None and FIRST_STEP <= number <= LAST_STEP:
        return StepAsked(number, number)
    return StepAsked(None, number)


def _ordinal_id(handler_input: HandlerInput) -> int | None:
    """The id ('1'..'7') entity resolution matched for the ordinal slot, as a number."""
    slot = get_slot(handler_input, "ordinal")
    resolutions = getattr(getattr(slot, "resolutions", None), "resolutions_per_authority", None)
    for authority in resolutions or []:
        code = getattr(getattr(authority, "status", None), "code", None)
        if getattr(code, "value", code) != MATCH:
            continue
        for value in getattr(authority, "values", None) or []:
            found = parse_number(getattr(getattr(value, "value", None), "id", None))
            if found is not None:
                return found
    return None
