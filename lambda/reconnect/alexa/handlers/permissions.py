"""Asking for a permission by voice, and reading Alexa's answer: one mechanism for every feature.

The skill sends Connections.SendRequest (name AskFor) with a token naming what it will do once
allowed; Alexa asks the couple, then sends a Connections.Response with the same token and
payload.status ACCEPTED, DENIED or NOT_ANSWERED. Together time (timers) and reminders both use
this; each answer goes to the feature whose token it carries.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_request_type
from ask_sdk_model.interfaces.connections import SendRequestDirective

MAX_TOKEN_CHARS = 100


def ask_for(handler_input: HandlerInput, scope: str, token: str) -> None:
    """Add the AskFor directive for `scope`; the answer comes back carrying `token`."""
    if not token or len(token) > MAX_TOKEN_CHARS:
        raise ValueError("a permission token is short text")
    handler_input.response_builder.add_directive(
        SendRequestDirective(
            name="AskFor",
            payload={
                "@type": "AskForPermissionsConsentRequest",
                "@version": "2",
                "permissionScopes": [{"permissionScope": scope, "consentLevel": "ACCOUNT"}],
            },
            token=token,
        )
    )


def is_answer(handler_input: HandlerInput) -> bool:
    """Whether this request is Alexa's answer to an AskFor."""
    if not is_request_type("Connections.Response")(handler_input):
        return False
    return getattr(handler_input.request_envelope.request, "name", None) == "AskFor"


def token(handler_input: HandlerInput) -> str:
    """The token the answer carries back ('' when none)."""
    value = getattr(handler_input.request_envelope.request, "token", None)
    return value[:MAX_TOKEN_CHARS] if isinstance(value, str) else ""


def answer(handler_input: HandlerInput) -> str | None:
    """ACCEPTED, DENIED or NOT_ANSWERED; None when Alexa could not ask (status code not 200)."""
    request = handler_input.request_envelope.request
    code = str(getattr(getattr(request, "status", None), "code", ""))
    payload = getattr(request, "payload", None) or {}
    status = payload.get("status") if isinstance(payload, dict) and code == "200" else None
    return status if status in ("ACCEPTED", "DENIED", "NOT_ANSWERED") else None
