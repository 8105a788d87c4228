"""The baseline skill for `make bench`, built the way the official Alexa samples build theirs.

`ask_sdk.standard.StandardSkillBuilder(table_name=..., auto_create_table=False)` is what the
samples use; the `ask-sdk` meta package is not installed here, so this builds exactly what it
builds: a CustomSkillBuilder with a DynamoDbAdapter (default partition key "id", the adapter's
module-level default boto3 resource) and the SDK's requests-based DefaultApiClient. Its
handlers do the same work as Reconnect Ritual's for a launch and for today's step: read the
persistent attributes (one GetItem), count the visit, save them (one PutItem) and speak a step
from the same content. The entry point is `sb.lambda_handler()`, as in the samples.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from ask_sdk_core.api_client import DefaultApiClient
from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_dynamodb.adapter import DynamoDbAdapter
from ask_sdk_model import Response
from ask_sdk_model.ui import SimpleCard

from reconnect.speech.content import LocaleContent, library

TABLE_NAME = os.environ.get("BASELINE_TABLE_NAME", "reconnect-baseline")
LIBRARY = library()


def _content(handler_input: HandlerInput) -> LocaleContent:
    return LIBRARY.for_locale(getattr(handler_input.request_envelope.request, "locale", None))


def _today(handler_input: HandlerInput) -> date:
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    return stamp.date() if isinstance(stamp, datetime) else datetime.now(UTC).date()


def _visit(handler_input: HandlerInput) -> dict[str, object]:
    """Read the persistent attributes (GetItem) and count today's visit, as the samples do."""
    manager = handler_input.attributes_manager
    attributes: dict[str, object] = dict(manager.persistent_attributes)
    today = _today(handler_input).isoformat()
    if attributes.get("last_visit") != today:
        visits = attributes.get("visits", 0)
        attributes["visits"] = (visits if isinstance(visits, int) else int(str(visits))) + 1
        attributes["last_visit"] = today
    attributes.setdefault("step", 1)
    return attributes


def _save(handler_input: HandlerInput, attributes: dict[str, object]) -> None:
    manager = handler_input.attributes_manager
    manager.persistent_attributes = attributes
    manager.save_persistent_attributes()


class LaunchRequestHandler(AbstractRequestHandler):
    """Greet, count the visit, offer today's step."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """LaunchRequest."""
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Welcome the couple back to their step."""
        attributes = _visit(handler_input)
        _save(handler_input, attributes)
        step = _content(handler_input).step(int(str(attributes["step"])))
        speech = f"Welcome back. You're on step {step.number}: {step.title}."
        question = "Would you like to hear today's step?"
        builder = handler_input.response_builder
        return builder.speak(f"{speech} {question}").ask(question).response


class TodayStepIntentHandler(AbstractRequestHandler):
    """Today's step and practice, noting that it was heard."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """TodayStepIntent."""
        return bool(is_intent_name("TodayStepIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Speak the step and one practice, with a card."""
        attributes = _visit(handler_input)
        attributes["heard_on"] = _today(handler_input).isoformat()
        _save(handler_input, attributes)
        step = _content(handler_input).step(int(str(attributes["step"])))
        practice = step.practices[_today(handler_input).toordinal() % len(step.practices)]
        speech = f"Today's step is step {step.number}: {step.title}. {step.short} {practice}"
        builder = handler_input.response_builder
        builder.speak(f"{speech} Talk soon.").set_should_end_session(True)
        builder.set_card(SimpleCard(title=f"Step {step.number}", content=practice))
        return builder.response


class HelpIntentHandler(AbstractRequestHandler):
    """Help."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """AMAZON.HelpIntent."""
        return bool(is_intent_name("AMAZON.HelpIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """What to say."""
        text = "You can ask for today's step. What would you like?"
        return handler_input.response_builder.speak(text).ask(text).response


class CancelOrStopIntentHandler(AbstractRequestHandler):
    """Stop and cancel."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """AMAZON.StopIntent or AMAZON.CancelIntent."""
        return bool(
            is_intent_name("AMAZON.CancelIntent")(handler_input)
            or is_intent_name("AMAZON.StopIntent")(handler_input)
        )

    def handle(self, handler_input: HandlerInput) -> Response:
        """Goodbye."""
        builder = handler_input.response_builder
        return builder.speak("Goodbye!").set_should_end_session(True).response


class SessionEndedRequestHandler(AbstractRequestHandler):
    """The session ended."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        """SessionEndedRequest."""
        return bool(is_request_type("SessionEndedRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        """Nothing to say."""
        return handler_input.response_builder.response


class CatchAllExceptionHandler(AbstractExceptionHandler):
    """Every exception."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        """Always."""
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        """Apologise."""
        text = "Sorry, I had trouble doing what you asked. Please try again."
        return handler_input.response_builder.speak(text).ask(text).response


sb = CustomSkillBuilder(
    persistence_adapter=DynamoDbAdapter(table_name=TABLE_NAME, create_table=False),
    api_client=DefaultApiClient(),
)
for _handler in (
    LaunchRequestHandler(),
    TodayStepIntentHandler(),
    HelpIntentHandler(),
    CancelOrStopIntentHandler(),
    SessionEndedRequestHandler(),
):
    sb.add_request_handler(_handler)
sb.add_exception_handler(CatchAllExceptionHandler())

lambda_handler = sb.lambda_handler()
