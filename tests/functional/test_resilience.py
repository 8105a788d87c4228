"""Bad input and failing services get a kind, clear answer; nothing is lost or falsely claimed."""

from __future__ import annotations

import copy
import dataclasses
from typing import Any

import pytest
from botocore.exceptions import ClientError

from reconnect.speech.content import LocaleContent
from reconnect.store import user_key
from tests.conftest import TABLE, load_event
from tests.functional.phrases import keys, markers
from tools.standins.alexa import AlexaStandIn, Fault
from tools.standins.envelopes import Session, speech


def speaks(answer: dict[str, Any]) -> bool:
    """A valid response with something to hear."""
    return answer.get("version") == "1.0" and len(speech(answer)) > len("<speak></speak>")


def test_unknown_request_type_still_gets_an_answer(handler: Any) -> None:
    """A request type the SDK cannot read is answered kindly, not with an error."""
    assert speaks(handler(load_event("unknown_request_type.json"), None))


def test_unknown_intent_gets_the_fallback(handler: Any) -> None:
    """An intent this skill does not know is answered like the fallback."""
    event = load_event("intent_go_to_step.json")
    event["request"]["intent"] = {"name": "SomethingNewIntent", "slots": {}}
    answer = handler(event, None)
    assert speaks(answer)
    assert answer["response"]["shouldEndSession"] is False


def test_step_forty_two_from_an_event_file(handler: Any, marked: LocaleContent) -> None:
    """The envelope Alexa sends for 'step forty-two' gets a correction and a question."""
    answer = handler(load_event("intent_go_to_step.json"), None)
    assert keys(answer) == ["step_out_of_range", "ask_which_step"]
    assert markers(answer)[0].values == {"number": "42"}
    assert answer["response"]["shouldEndSession"] is False


@pytest.mark.parametrize(
    "damage",
    [
        lambda e: e.pop("context"),
        lambda e: e.pop("session"),
        lambda e: e["context"]["System"].pop("user"),
        lambda e: e["request"].pop("timestamp"),
        lambda e: e["request"].update(locale="xx-YY"),
        lambda e: e["request"]["intent"].pop("slots"),
        lambda e: e["request"]["intent"]["slots"]["number"].update(value="<speak>&" * 3000),
        lambda e: e["session"].update(attributes={"record": {"step": 99}, "version": "x"}),
        lambda e: e["session"].update(attributes={"record": "junk", "last": 5, "pending": []}),
    ],
)
def test_damaged_envelopes_are_answered(handler: Any, damage: Any) -> None:
    """Missing context, session, user, timestamp, slots; odd locale; junk attributes: it speaks."""
    event = copy.deepcopy(load_event("intent_go_to_step.json"))
    damage(event)
    answer = handler(event, None)
    assert speaks(answer)
    assert len(speech(answer)) < 8000


def test_crisis_gets_the_help_lines_of_the_locale_and_a_card(handler: Any) -> None:
    """In the UK, Samaritans and Refuge by voice and on a card; the session ends."""
    answer = handler(load_event("intent_crisis_en_gb.json"), None)
    card = answer["response"]["card"]
    assert "116 123" in card["content"]
    assert "999" in card["content"]
    assert answer["response"]["shouldEndSession"] is True


def test_crisis_says_the_locales_help_lines_and_nothing_else(
    handler: Any, marked: LocaleContent
) -> None:
    """In the UK, the en-GB crisis words by voice and on the card, and no program content."""
    answer = handler(load_event("intent_crisis_en_gb.json"), None)
    assert keys(answer) == ["en-GB.crisis.speech"]
    card = answer["response"]["card"]
    assert (card["title"], card["content"]) == (
        "[en-GB.crisis.card_title]",
        "[en-GB.crisis.card_text]",
    )


def test_other_skills_requests_are_refused(handler: Any, monkeypatch: Any) -> None:
    """With SKILL_ID set, a request for another skill never reaches the handlers."""
    from reconnect import app

    skill_id = "amzn1.ask.skill.11111111-1111-1111-1111-111111111111"
    monkeypatch.setattr(app, "SETTINGS", dataclasses.replace(app.SETTINGS, skill_id=skill_id))
    with pytest.raises(app.ForeignSkillError):
        handler(load_event("launch_new.json"), None)
    event = load_event("launch_new.json")
    event["context"]["System"]["application"]["applicationId"] = skill_id
    event["session"]["application"]["applicationId"] = skill_id
    event["context"]["System"].pop("apiEndpoint")
    assert speaks(handler(event, None))


def test_missing_table_still_speaks_and_saves_nothing(
    couple: Session, dynamodb: Any, marked: LocaleContent
) -> None:
    """When DynamoDB cannot be read, today's step is still spoken, after a word of warning."""
    dynamodb.delete_table(TableName=TABLE)
    answer = couple.intent("TodayStepIntent")
    assert speaks(answer)
    assert keys(answer)[:3] == ["error_storage", "today_intro", "program.steps.1.short"]
    assert markers(answer)[1].values["step_number"] == "1"


def test_failed_save_is_said_not_hidden(
    couple: Session, dynamodb: Any, marked: LocaleContent
) -> None:
    """When a change cannot be saved, the couple is told so; nothing claims it was kept."""
    from reconnect import app

    couple.launch()

    def throttle(**_: Any) -> None:
        raise ClientError(
            {"Error": {"Code": "ProvisionedThroughputExceededException", "Message": "slow"}},
            "PutItem",
        )

    events = app.STORE.call_events
    events.register("before-call.dynamodb.PutItem", throttle)
    try:
        answer = couple.intent("GoToStepIntent", number="4")
    finally:
        events.unregister("before-call.dynamodb.PutItem", throttle)
    assert keys(answer)[0] == "error_not_saved"
    item = dynamodb.get_item(TableName=TABLE, Key={"pk": {"S": user_key(couple.device.user_id)}})
    assert item.get("Item", {}).get("step") != {"N": "4"}


@pytest.mark.parametrize("fault", [Fault("timeZone", status=500), Fault("timeZone", delay=1.5)])
def test_settings_api_failure_falls_back_to_the_locale(
    couple: Session, standin: AlexaStandIn, fault: Fault
) -> None:
    """A failing or slow Settings API costs a second at most, and the skill still answers."""
    standin.faults.append(fault)
    assert speaks(couple.intent("TodayStepIntent"))
