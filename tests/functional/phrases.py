"""Asserting on meaning: which content keys an answer says, by the words or by the markers."""

from __future__ import annotations

from typing import Any

from reconnect.speech.content import LocaleContent, library
from tests.functional.conftest import words_of
from tests.marked_content import Said, heard_in
from tools.standins.envelopes import reprompt, speech

EN_US = library().for_locale("en-US")


def says(answer: dict[str, Any], key: str, content: LocaleContent = EN_US, **values: Any) -> bool:
    """Whether the answer's speech carries one of `key`'s phrasings, filled with `values`."""
    heard = words_of(speech(answer))
    return any(words_of(p.format(**values)) in heard for p in content.phrasings(key))


def markers(answer: dict[str, Any]) -> list[Said]:
    """The markers an answer says, in order (with the `marked` fixture)."""
    return heard_in(words_of(speech(answer)))


def keys(answer: dict[str, Any]) -> list[str]:
    """The content keys an answer says, in order (with the `marked` fixture)."""
    return [said.key for said in markers(answer)]


def step_spoken(answer: dict[str, Any]) -> int | None:
    """The step an answer speaks of: the step_number its first marker carries (`marked`)."""
    numbers = [m.values["step_number"] for m in markers(answer) if "step_number" in m.values]
    return int(numbers[0]) if numbers else None


def reprompt_keys(answer: dict[str, Any]) -> list[str]:
    """The content keys an answer's reprompt says (with the `marked` fixture)."""
    return [said.key for said in heard_in(words_of(reprompt(answer)))]


def reprompts_with(answer: dict[str, Any], key: str, **values: Any) -> bool:
    """Whether the answer's reprompt is one of `key`'s phrasings."""
    again = words_of(reprompt(answer))
    return any(words_of(p.format(**values)) == again for p in EN_US.phrasings(key))


def closes(answer: dict[str, Any]) -> bool:
    """Whether the response ends the session."""
    return answer["response"].get("shouldEndSession") is True


def heard(answer: dict[str, Any]) -> str:
    """The answer's words."""
    return words_of(speech(answer))


def ordinal_slots(step: int) -> dict[str, Any]:
    """The slots Alexa sends for 'the first step' etc.: STEP_ORDINAL resolved to its id."""
    authority = "amzn1.er-authority.echo-sdk.SKILL.STEP_ORDINAL"
    words = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh"]
    return {
        "number": {"name": "number", "confirmationStatus": "NONE"},
        "ordinal": {
            "name": "ordinal",
            "value": words[step - 1],
            "confirmationStatus": "NONE",
            "resolutions": {
                "resolutionsPerAuthority": [
                    {
                        "authority": authority,
                        "status": {"code": "ER_SUCCESS_MATCH"},
                        "values": [{"value": {"name": words[step - 1], "id": str(step)}}],
                    }
                ]
            },
        },
    }
