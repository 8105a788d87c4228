"""Request envelopes as Alexa sends them, and a session that carries attributes between turns."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
_counter = itertools.count(1)

Handler = Callable[[dict[str, Any], Any], dict[str, Any]]


def _id(kind: str) -> str:
    return f"amzn1.echo-api.{kind}.{uuid.uuid4()}"


def stamp(moment: datetime) -> str:
    """Alexa's timestamp format: UTC, whole seconds, a Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Device:
    """Who is speaking and where: the parts of `context.System` that stay the same."""

    user_id: str = "amzn1.ask.account.LOCALCOUPLE"
    device_id: str = "amzn1.ask.device.LOCALECHO"
    locale: str = "en-US"
    api_endpoint: str | None = None
    api_token: str = "local-api-token"  # noqa: S105 - a stand-in's bearer token
    skill_id: str = SKILL_ID
    person_id: str | None = None

    def system(self) -> dict[str, Any]:
        """The context.System object."""
        system: dict[str, Any] = {
            "application": {"applicationId": self.skill_id},
            "user": {"userId": self.user_id},
            "device": {"deviceId": self.device_id, "supportedInterfaces": {}},
            "apiAccessToken": self.api_token,
        }
        if self.api_endpoint:
            system["apiEndpoint"] = self.api_endpoint
        if self.person_id:
            system["person"] = {"personId": self.person_id}
        return system


def envelope(
    device: Device,
    request: Mapping[str, Any],
    at: datetime,
    session: Mapping[str, Any] | None,
) -> dict[str, Any]:
    """A whole request envelope around `request` (type-specific fields only)."""
    body: dict[str, Any] = {
        "type": request["type"],
        "requestId": _id("request"),
        "timestamp": stamp(at),
        "locale": device.locale,
        **{k: v for k, v in request.items() if k != "type"},
    }
    out: dict[str, Any] = {
        "version": "1.0",
        "context": {"System": device.system()},
        "request": body,
    }
    if session is not None:
        out["session"] = dict(session)
    return out


@dataclass(frozen=True)
class Resolved:
    """How Alexa resolved a custom-type slot's value: the value and id it matched, or none."""

    slot_type: str
    name: str | None = None
    id: str | None = None

    def resolutions(self, skill_id: str) -> dict[str, Any]:
        """The slot's `resolutions` object (ER_SUCCESS_MATCH with the value, or NO_MATCH)."""
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{self.slot_type}",
            "status": {"code": "ER_SUCCESS_NO_MATCH" if self.name is None else "ER_SUCCESS_MATCH"},
        }
        if self.name is not None:
            value = {"name": self.name, **({} if self.id is None else {"id": self.id})}
            authority["values"] = [{"value": value}]
        return {"resolutionsPerAuthority": [authority]}


def intent_request(
    name: str,
    slots: Mapping[str, str | None] | None = None,
    dialog_state: str = "COMPLETED",
    resolved: Mapping[str, Resolved] | None = None,
    skill_id: str = SKILL_ID,
) -> dict[str, Any]:
    """The request part of an IntentRequest; slot values (and, for custom slot types, their
    entity resolution) as Alexa would send them."""
    slot_objects: dict[str, dict[str, Any]] = {
        slot: {"name": slot, "confirmationStatus": "NONE", **({} if v is None else {"value": v})}
        for slot, v in (slots or {}).items()
    }
    for slot, resolution in (resolved or {}).items():
        if slot_objects.get(slot, {}).get("value") is not None:
            slot_objects[slot]["resolutions"] = resolution.resolutions(skill_id)
    return {
        "type": "IntentRequest",
        "dialogState": dialog_state,
        "intent": {"name": name, "confirmationStatus": "NONE", "slots": slot_objects},
    }


@dataclass(frozen=True)
class Dialog:
    """A dialog the skill is driving: Alexa listens for `slot` of `intent` next."""

    intent: str
    slot: str
    slots: dict[str, str | None]

    @classmethod
    def of(cls, answer: Mapping[str, Any]) -> Dialog | None:
        """The dialog a response continues (a Dialog.ElicitSlot directive), or None."""
        for directive in answer.get("response", {}).get("directives") or []:
            if directive.get("type") != "Dialog.ElicitSlot":
                continue
            updated = directive.get("updatedIntent") or {}
            slots = {
                name: (slot or {}).get("value")
                for name, slot in (updated.get("slots") or {}).items()
            }
            return cls(str(updated.get("name", "")), str(directive["slotToElicit"]), slots)
        return None


@dataclass
class Session:
    """A conversation as Alexa runs it: a session opens, carries attributes, and ends."""

    handler: Handler
    device: Device = field(default_factory=Device)
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    dialog_intents: frozenset[str] = frozenset()  # intents with a dialog model: they start one
    dialog: Dialog | None = None  # the slot Alexa listens for next, when the skill elicits one

    @property
    def open(self) -> bool:
        """Whether a session is open (the microphone would be listening)."""
        return self.session_id is not None

    def send(self, request: Mapping[str, Any]) -> dict[str, Any]:
        """Send one request in the current session (opening one if none is open)."""
        new = self.session_id is None
        if new:
            self.session_id = _id("session")
            self.attributes = {}
        session = {
            "new": new,
            "sessionId": self.session_id,
            "application": {"applicationId": self.device.skill_id},
            "user": {"userId": self.device.user_id},
            "attributes": self.attributes,
        }
        answer = self.handler(envelope(self.device, request, self.clock(), session), None)
        response = answer.get("response", {})
        self.attributes = dict(answer.get("sessionAttributes") or {})
        self.dialog = Dialog.of(answer)
        if response.get("shouldEndSession") is not False:
            self.session_id = None
            self.dialog = None
        return answer

    def launch(self) -> dict[str, Any]:
        """'Alexa, open reconnect ritual' (ends any open session first)."""
        self.end()
        return self.send({"type": "LaunchRequest"})

    def intent(self, name: str, **slots: str | None) -> dict[str, Any]:
        """An intent in the current session (a one-shot when none is open).

        Inside a dialog on the same intent it carries the dialog's slots (IN_PROGRESS); an
        intent with a dialog model otherwise starts a new dialog (STARTED).
        """
        return self.resolved_intent(name, slots, {})

    def resolved_intent(
        self, name: str, slots: Mapping[str, str | None], resolved: Mapping[str, Resolved]
    ) -> dict[str, Any]:
        """`intent`, with the entity resolution of its custom-type slots ("the fifth step":
        STEP_ORDINAL value "fifth", id "5")."""
        skill_id = self.device.skill_id
        if self.dialog is not None and self.dialog.intent == name and self.open:
            merged = {**self.dialog.slots, **slots}
            return self.send(intent_request(name, merged, "IN_PROGRESS", resolved, skill_id))
        state = "STARTED" if name in self.dialog_intents else "COMPLETED"
        return self.send(intent_request(name, slots, state, resolved, skill_id))

    def answer(self, value: str | None) -> dict[str, Any]:
        """What someone says when Alexa is listening for the elicited slot ('seven')."""
        if self.dialog is None or not self.open:
            raise RuntimeError("no slot is being elicited")
        return self.intent(self.dialog.intent, **{self.dialog.slot: value})

    def end(self, reason: str = "USER_INITIATED") -> dict[str, Any] | None:
        """Close the open session the way Alexa does, with a SessionEndedRequest."""
        if self.session_id is None:
            return None
        answer = self.send({"type": "SessionEndedRequest", "reason": reason})
        self.session_id = None
        self.dialog = None
        return answer


def speech(answer: Mapping[str, Any]) -> str:
    """The SSML of a response's outputSpeech ('' when silent)."""
    output = answer.get("response", {}).get("outputSpeech") or {}
    return str(output.get("ssml") or output.get("text") or "")


def reprompt(answer: Mapping[str, Any]) -> str:
    """The SSML of a response's reprompt ('' when none)."""
    output = (answer.get("response", {}).get("reprompt") or {}).get("outputSpeech") or {}
    return str(output.get("ssml") or "")
