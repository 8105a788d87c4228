"""Check-ins, the self-check, 'how are we doing' and reminders through virtual-alexa.

virtual-alexa follows the skill's Dialog.ElicitSlot (it keeps the dialog's slots and sends
STARTED, then IN_PROGRESS), but it cannot hear a bare slot answer such as 'seven': only intent
samples match an utterance. Those turns are sent with intend(), as Alexa would send them after
eliciting the slot; virtual-alexa passes number words through ('seven') where Alexa sends '7'.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import VirtualAlexa
from tools.standins.alexa import AlexaStandIn
from tools.standins.reminders import RemindersApi

pytestmark = pytest.mark.e2e

ANNA = "amzn1.ask.person.ANNA"
BEN = "amzn1.ask.person.BEN"
EVENING = "2026-11-26T00:30:00Z"  # 7:30 p.m. in New York, the stand-in's time zone


def rating(value: str, person: str | None = None) -> dict[str, Any]:
    """A partner's answer to the elicited rating, as Alexa sends it."""
    step: dict[str, Any] = {"intend": "CheckInIntent", "slots": {"rating": value}}
    if person:
        step["person"] = person
    return step


def elicited(response: dict[str, Any]) -> str | None:
    """The slot a response elicits, or None."""
    for directive in response.get("directives") or []:
        if directive["type"] == "Dialog.ElicitSlot":
            return str(directive["slotToElicit"])
    return None


@pytest.fixture
def reminders(standin: AlexaStandIn) -> RemindersApi:
    """The Reminders API on the stand-in; the couple allows reminders."""
    return RemindersApi(standin)


def test_a_check_in_from_the_first_words_to_the_question_to_talk_about(
    alexa: VirtualAlexa,
) -> None:
    """GIVEN a couple WHEN they say 'let's check in', then seven and 'about a six' THEN each is
    asked with the dialog eliciting the rating (STARTED, then IN_PROGRESS), and the end thanks
    them, offers a question to talk about and closes."""
    opened, second, done = alexa.run(
        {"utter": "let's check in"}, rating("seven"), rating("about a six")
    )
    assert opened.request["intent"] == "CheckInIntent"
    assert opened.request["dialogState"] == "STARTED"
    assert elicited(opened.response) == "rating"
    assert "partner one" in opened.speech.lower()
    assert opened.asks
    assert second.request["dialogState"] == "IN_PROGRESS"
    assert "partner two" in second.speech.lower()
    assert second.asks
    assert "Thank" in done.speech
    assert done.speech.endswith("?")  # the question to talk about
    assert done.ends_session


def test_eleven_or_banana_gets_a_kind_re_ask(alexa: VirtualAlexa) -> None:
    """'eleven' is off the scale and 'banana' no number: each is asked again, kindly."""
    _, eleven, banana, good = alexa.run(
        {"utter": "let's check in"}, rating("eleven"), rating("banana"), rating("ten out of ten")
    )
    assert "eleven" in eleven.speech
    assert eleven.asks
    assert "zero to ten" in banana.speech
    assert elicited(banana.response) == "rating"
    assert "partner two" in good.speech.lower()


def test_recognised_voices_are_named(alexa: VirtualAlexa) -> None:
    """With voice profiles, Anna is greeted by <alexa:name> and thanked by name."""
    opened, thanked, _ = alexa.run(
        {"utter": "let's check in", "person": ANNA}, rating("eight", ANNA), rating("six", BEN)
    )
    ssml = opened.response["outputSpeech"]["ssml"]
    assert f'<alexa:name type="first" personId="{ANNA}"/>' in ssml
    assert opened.request["personId"] == ANNA
    assert f'personId="{ANNA}"' in thanked.response["outputSpeech"]["ssml"]


def test_stopping_half_way_keeps_nothing(alexa: VirtualAlexa) -> None:
    """Stop after the first rating; 'how are we doing' next time has no check-in to count."""
    alexa.run({"utter": "let's check in"}, rating("seven"), {"utter": "stop"})
    (progress,) = alexa.run({"utter": "how are we doing"})
    assert (
        "beginning" in progress.speech
        or "early days" in progress.speech.lower()
        or ("Nothing to count" in progress.speech)
    )


def test_how_are_we_doing_after_a_check_in(alexa: VirtualAlexa) -> None:
    """After a check-in today, the one-shot summary counts today, names their step, closes."""
    alexa.run({"utter": "let's check in"}, rating("six"), rating("seven"))
    (progress,) = alexa.run({"utter": "how are we doing"})
    assert progress.request["intent"] == "HowAreWeDoingIntent"
    assert "step 1" in progress.speech
    assert "streak" not in progress.speech.lower()
    assert progress.ends_session


def test_the_self_check_four_questions_and_a_reading(alexa: VirtualAlexa) -> None:
    """'Do the burnout self check', four answers by voice, a gentle reading with a step."""
    opened, *answers, reading = alexa.run(
        {"utter": "do the burnout self check"},
        {"utter": "yes"},
        {"utter": "no"},
        {"utter": "yes"},
        {"utter": "no"},
    )
    assert opened.request["intent"] == "SelfCheckIntent"
    assert all(a.asks for a in [opened, *answers])
    assert "two of the four" in reading.speech.lower()
    assert "step 1" in reading.speech.lower()
    assert reading.asks


def test_remind_us_every_evening_at_eight_then_cancel(
    alexa: VirtualAlexa, reminders: RemindersApi
) -> None:
    """'Remind us every evening at eight' sets a daily 8 p.m. reminder, said back; 'cancel our
    reminder' deletes it."""
    (set_it,) = alexa.run({"utter": "remind us every evening at eight"}, timestamp=EVENING)
    assert set_it.request["intent"] == "SetReminderIntent"
    assert "8 p.m." in set_it.speech
    (reminder,) = reminders.reminders.values()
    assert reminder.body["trigger"]["recurrence"]["recurrenceRules"][0].startswith(
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0"
    )
    (cancelled,) = alexa.run({"utter": "cancel our reminder"}, timestamp=EVENING)
    assert "8 p.m." in cancelled.speech
    assert reminders.reminders == {}


def test_without_permission_the_reminder_asks_by_voice(
    alexa: VirtualAlexa, reminders: RemindersApi
) -> None:
    """No reminders permission: a Connections.SendRequest AskFor for the reminders scope."""
    reminders.consent = False
    (asked,) = alexa.run({"utter": "remind us every day at eight"})
    (directive,) = asked.response["directives"]
    assert directive["type"] == "Connections.SendRequest"
    assert directive["payload"]["permissionScopes"][0]["permissionScope"] == (
        "alexa::alerts:reminders:skill:readwrite"
    )
    assert reminders.reminders == {}
