"""The skill builder and lambda_handler: wiring, and the per-process work of init.

Init starts opening its connections (in Lambda) first, then imports and builds the rest while
their round trips pass; so the imports below come after that start.
"""

# ruff: noqa: E402 - the connections start opening before the rest is imported
from __future__ import annotations

import json
import logging
import time
from typing import Any

from reconnect import config, logs, warm
from reconnect.alexa.http_pool import ConnectionPool, TimeoutApiClient

SETTINGS = config.from_env()
logs.configure(SETTINGS.log_level)
log = logging.getLogger("reconnect.app")

# One TLS context (Amazon's roots, read once) and one pool of keep-alive connections per process.
ALEXA_APIS = ConnectionPool.for_alexa_apis(SETTINGS.alexa_api_timeout)
OPENING = warm.Opening()
if SETTINGS.in_lambda:
    OPENING.alexa_api(ALEXA_APIS, SETTINGS.alexa_api_endpoint)

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope

from reconnect import metrics
from reconnect.alexa.handlers import (
    builtins,
    checkin,
    data,
    errors,
    moments,
    program,
    progress,
    reminders,
    ritual,
    ritual_controls,
    safety,
    selfcheck,
    talk,
)
from reconnect.alexa.interceptors import LoadTurn, SaveTurn
from reconnect.speech.content import DEFAULT_LOCALE, library
from reconnect.store import Store, make_client

STORE = Store(make_client(), SETTINGS.table_name)
if SETTINGS.in_lambda:
    OPENING.dynamodb(STORE)
LIBRARY = library()


class ForeignSkillError(PermissionError):
    """The request was meant for another skill."""


# The handler modules; each exports its HANDLERS.
HANDLER_MODULES = (
    builtins, checkin, data, moments, program, progress, reminders, ritual, ritual_controls, safety,
    selfcheck, talk,
)  # fmt: skip
# can_handle is asked in this order and the first yes wins: distress first, then each feature's
# own intents, then the answers that depend on what was asked (a permission, yes, no, somewhat),
# the moments any turn can have, and the catch-all last.
ORDER: tuple[type[AbstractRequestHandler], ...] = (
    safety.Crisis,
    builtins.Launch,
    program.TodayStep,
    program.HearStep,
    program.CurrentStep,
    program.NextStep,
    program.PreviousStep,
    program.GoToStep,
    program.ListSteps,
    program.TellMeMore,
    program.BurnoutSigns,
    program.StayOnStep,
    program.StartOver,
    talk.TalkTopic,
    talk.SmallIdea,
    talk.AboutTogetherTime,
    talk.Streak,
    data.DeleteData,
    ritual.StartRitual,
    ritual_controls.PauseRitual,
    ritual_controls.ResumeRitual,
    ritual_controls.StopRitual,
    ritual_controls.RitualTimeLeft,
    ritual_controls.RitualNext,
    checkin.CheckIn,
    selfcheck.SelfCheck,
    selfcheck.SelfCheckAnswer,
    progress.HowAreWeDoing,
    reminders.SetReminder,
    reminders.CancelReminder,
    reminders.ReminderPermissionAnswer,
    ritual.PermissionAnswer,
    builtins.Yes,
    builtins.No,
    moments.Somewhat,
    moments.Repeat,
    moments.Help,
    moments.Goodbye,
    builtins.NavigateHome,
    moments.Fallback,
    builtins.SessionEnded,
    builtins.Anything,
)


def request_handlers() -> tuple[AbstractRequestHandler, ...]:
    """Every handler module's HANDLERS, in ORDER; one exported but not ordered is an error."""
    exported = {type(h): h for module in HANDLER_MODULES for h in module.HANDLERS}
    if len(exported) != len(ORDER) or set(exported) != set(ORDER):
        raise LookupError(f"ORDER and the modules' HANDLERS differ: {set(exported) ^ set(ORDER)}")
    return tuple(exported[kind] for kind in ORDER)


def build_skill(store: Store = STORE) -> Any:
    """Assemble the skill: interceptors, handlers in order, the catch-all exception handler."""
    builder = CustomSkillBuilder(
        api_client=TimeoutApiClient(
            SETTINGS.alexa_api_timeout, SETTINGS.allow_loopback_http, ALEXA_APIS
        )
    )
    builder.skill_id = SETTINGS.skill_id  # type: ignore[assignment]  # the SDK annotates None
    builder.add_global_request_interceptor(LoadTurn(LIBRARY, store))
    builder.add_global_response_interceptor(SaveTurn())
    for handler in request_handlers():
        builder.add_request_handler(handler)
    builder.add_exception_handler(errors.SpeakKindly())
    return builder.create()


SKILL = build_skill()


def _connect() -> None:
    if SETTINGS.in_lambda:
        warm.connect(STORE, ALEXA_APIS, SETTINGS.alexa_api_endpoint)


warm.prime(SKILL, warm.primers(SETTINGS.skill_id, (DEFAULT_LOCALE,)))
OPENING.wait()  # init ends with the connections open
warm.register_snapshot_hooks(before=lambda: warm.disconnect(STORE, ALEXA_APIS), after=_connect)


def lambda_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one Alexa request; whatever happens inside, Alexa gets a response that speaks."""
    started = time.perf_counter()
    request = event.get("request") if isinstance(event, dict) else None
    request = request if isinstance(request, dict) else {}
    facts = logs.request_facts(event)
    _check_skill_id(event)
    with metrics.request(SETTINGS.function_name) as tally:
        try:
            envelope = SKILL.serializer.deserialize(json.dumps(event), RequestEnvelope)
            answer: dict[str, Any] = SKILL.serializer.serialize(SKILL.invoke(envelope, context))
            facts["outcome"] = "ok" if tally.answered else "handler error"
            if not tally.answered:  # the catch-all exception handler spoke instead
                metrics.count(metrics.SKILL_ERRORS)
        except Exception as error:  # noqa: BLE001 - the last line of defence: Alexa must hear
            log.error("request failed outside the skill", extra={"error": type(error).__name__})
            answer = _apology(request.get("locale"))
            facts["outcome"] = "apology"
            metrics.count(metrics.UNREADABLE_REQUESTS)
    facts["ms"] = round((time.perf_counter() - started) * 1000, 2)
    log.info("request", extra=facts)
    return answer


def _check_skill_id(event: Any) -> None:
    if SETTINGS.skill_id is None:
        return
    try:
        application_id = event["context"]["System"]["application"]["applicationId"]
    except (KeyError, TypeError):
        application_id = None
    if application_id != SETTINGS.skill_id:
        log.warning("request for another skill refused")
        raise ForeignSkillError("request for another skill")


def _apology(locale: object) -> dict[str, Any]:
    text = LIBRARY.for_locale(locale if isinstance(locale, str) else None).phrasings(
        "error_generic"
    )[0]
    return {
        "version": "1.0",
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": f"<speak>{text}</speak>"},
            "shouldEndSession": True,
        },
    }
