"""Reading which step was asked for: the `number` slot, or the resolved id of `ordinal`.

HearStepIntent and GoToStepIntent carry both: "step five" fills AMAZON.NUMBER, "the first step"
fills the custom STEP_ORDINAL type, whose values have the ids "1" to "7".
"""

from __future__ import annotations

from dataclasses import dataclass

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_slot

from reconnect.domain.number_parsing import parse_number
from reconnect.domain.record import FIRST_STEP, LAST_STEP

MATCH = "ER_SUCCESS_MATCH"
# The ordinal's own words, for a request that carries no resolution (a local console's).
_ORDINALS = {
    word: n
    for n, words in enumerate(
        [("first", "1st"), ("second", "2nd"), ("third", "3rd"), ("fourth", "4th"),
         ("fifth", "5th"), ("sixth", "6th"), ("seventh", "7th")],
        start=1,
    )
    for word in words
}  # fmt: skip


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
    """The id ('1'..'7') entity resolution matched for the ordinal slot, as a number; without a
    resolution, the ordinal's own word ('first')."""
    slot = get_slot(handler_input, "ordinal")
    said = getattr(slot, "value", None)
    if isinstance(said, str) and not getattr(slot, "resolutions", None):
        return _ORDINALS.get(said.strip().lower())
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
