"""The daily reminder through lambda_handler and the Reminders API stand-in: create-only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from reconnect.alexa.reminders import SCOPE
from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.phrases import keys, markers
from tests.functional.test_checkin import elicits, said, stored
from tests.marked_content import names_in
from tools.standins.alexa import AlexaStandIn, Fault
from tools.standins.envelopes import Session
from tools.standins.reminders import RemindersApi


@pytest.fixture
def reminders(standin: AlexaStandIn, clock: Clock) -> RemindersApi:
    """The Reminders API on the stand-in; the couple has allowed reminders."""
    return RemindersApi(standin, now=clock)


@pytest.fixture
def couple(couple: Session, reminders: RemindersApi) -> Session:
    """The couple, with Alexa's dialog states, and reminders on the stand-in."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def permission_answer(status: str, token: str) -> dict[str, Any]:
    """The Connections.Response Alexa sends after asking for the reminders permission."""
    return {
        "type": "Connections.Response",
        "name": "AskFor",
        "status": {"code": "200", "message": "OK"},
        "payload": {"status": status, "isCardThrown": False, "permissionScope": SCOPE},
        "token": token,
    }


@pytest.fixture(autouse=True)
def words(marked: LocaleContent) -> LocaleContent:
    """Every test here runs on marked content: they check which prompt and which time."""
    return marked


def time_said(answer: dict[str, Any]) -> str:
    """The reminder time the answer's one marker with a {time} was filled with."""
    (time,) = (m.values["time"] for m in markers(answer) if "time" in m.values)
    return time


def directives(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The response's directives."""
    return list(answer["response"].get("directives") or [])


def test_remind_us_every_evening_at_eight_sets_a_daily_reminder_and_says_it_back(
    couple: Session, reminders: RemindersApi, clock: Clock
) -> None:
    """GIVEN permission WHEN 'remind us every evening at eight' THEN one daily reminder at
    20:00 New York time, the time said back, its id kept; and it goes off at 8 p.m."""
    answer = couple.intent("SetReminderIntent", time="08:00", period="evening")
    assert keys(answer) == ["reminder_set"]
    assert time_said(answer) == "8 p.m."
    assert answer["response"]["shouldEndSession"] is True
    (reminder,) = reminders.reminders.values()
    trigger = reminder.body["trigger"]
    assert trigger["timeZoneId"] == "America/New_York"
    assert trigger["recurrence"]["recurrenceRules"] == [
        "FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"
    ]
    assert stored(couple).reminder_id == reminder.token
    assert stored(couple).reminder_at == "20:00"
    clock.now = datetime(2026, 11, 26, 1, 0, tzinfo=UTC)  # 8 p.m. in New York
    (rang,) = reminders.fire_due()
    assert names_in(rang.text) == ["reminder_text"]


def test_without_a_time_alexa_asks_for_one_through_the_dialog(
    couple: Session, reminders: RemindersApi
) -> None:
    """'Set a daily reminder': the time slot is elicited; 'half past seven' in the evening,
    or '19:30', sets it; a vague 'in the evening' is asked again."""
    first = couple.intent("SetReminderIntent")
    assert elicits(first) == "time"
    assert said(first).endswith("?")
    vague = couple.answer("EV")
    assert elicits(vague) == "time"
    assert reminders.reminders == {}
    done = couple.answer("19:30")
    assert time_said(done) == "7:30 p.m."
    assert stored(couple).reminder_at == "19:30"


def test_a_new_time_replaces_the_old_reminder_by_its_id(
    couple: Session, reminders: RemindersApi, standin: AlexaStandIn
) -> None:
    """Setting 9 p.m. after 8 p.m. deletes the old reminder by its id and keeps one; the skill
    never reads reminders back (the SDK cannot)."""
    couple.intent("SetReminderIntent", time="20:00")
    old = stored(couple).reminder_id
    moved = couple.intent("SetReminderIntent", time="21:00")
    assert keys(moved) == ["reminder_moved"]
    assert time_said(moved) == "9 p.m."
    assert old not in reminders.reminders
    assert len(reminders.reminders) == 1
    assert f"DELETE /v1/alerts/reminders/{old}" in standin.calls
    assert not [c for c in standin.calls if c.startswith("GET /v1/alerts/reminders")]


def test_without_permission_alexa_asks_by_voice_and_the_answer_sets_it(
    couple: Session, reminders: RemindersApi
) -> None:
    """GIVEN no reminders permission WHEN they ask for a reminder THEN a Connections.SendRequest
    AskFor for the reminders scope, nothing created; ACCEPTED then creates it at that time."""
    reminders.consent = False
    asked = couple.intent("SetReminderIntent", time="20:00")
    (directive,) = directives(asked)
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"]["permissionScopes"][0]["permissionScope"] == SCOPE
    assert reminders.reminders == {}
    reminders.consent = True
    done = couple.send(permission_answer("ACCEPTED", directive["token"]))
    assert time_said(done) == "8 p.m."
    assert stored(couple).reminder_at == "20:00"
    assert len(reminders.reminders) == 1


def test_a_declined_permission_is_accepted_kindly(couple: Session, reminders: RemindersApi) -> None:
    """DENIED: a kind word, nothing created, nothing kept."""
    reminders.consent = False
    couple.intent("SetReminderIntent", time="20:00")
    declined = couple.send(permission_answer("DENIED", "set_reminder:20:00"))
    assert keys(declined) == ["reminder_declined"]
    assert reminders.reminders == {}
    assert stored(couple).reminder_id is None


def test_cancel_our_reminder_deletes_it_by_id_and_says_which(
    couple: Session, reminders: RemindersApi
) -> None:
    """'Cancel our reminder' deletes by the kept id and names its time; asked again, there is
    none to cancel."""
    couple.intent("SetReminderIntent", time="20:00")
    cancelled = couple.intent("CancelReminderIntent")
    assert keys(cancelled) == ["reminder_cancelled"]
    assert time_said(cancelled) == "8 p.m."
    assert reminders.reminders == {}
    assert stored(couple).reminder_id is None
    assert keys(couple.intent("CancelReminderIntent")) == ["reminder_none"]


def test_a_reminder_already_deleted_in_the_app_still_cancels(
    couple: Session, reminders: RemindersApi
) -> None:
    """The couple deleted it in the Alexa app (404): cancelling forgets it all the same."""
    couple.intent("SetReminderIntent", time="20:00")
    reminders.reminders.clear()
    couple.intent("CancelReminderIntent")
    assert stored(couple).reminder_id is None


def test_when_the_api_fails_nothing_is_kept_and_they_hear_so(
    couple: Session, reminders: RemindersApi, standin: AlexaStandIn
) -> None:
    """A 500 from the Reminders API: a kind sentence to try later; no id kept."""
    standin.faults.append(Fault(r"^POST /v1/alerts/reminders$", status=500))
    answer = couple.intent("SetReminderIntent", time="20:00")
    assert keys(answer) == ["reminder_unavailable"]
    assert stored(couple).reminder_id is None


def test_a_failed_cancel_keeps_the_id_to_try_again(
    couple: Session, reminders: RemindersApi, standin: AlexaStandIn
) -> None:
    """A 500 on delete: they hear it did not work (and of the app); the id is kept."""
    couple.intent("SetReminderIntent", time="20:00")
    token = stored(couple).reminder_id
    standin.faults.append(Fault(r"^DELETE ", status=500))
    answer = couple.intent("CancelReminderIntent")
    assert keys(answer) == ["reminder_cancel_failed"]
    assert stored(couple).reminder_id == token


def test_remind_us_at_seven_said_at_six_in_the_evening_is_seven_that_evening(
    couple: Session, reminders: RemindersApi, clock: Clock
) -> None:
    """GIVEN 6 p.m. in New York WHEN 'remind us at seven' (AMAZON.TIME sends 07:00) THEN the
    reminder is at 7 p.m., and the answer says so (before: 7 a.m.)."""
    clock.now = datetime(2026, 11, 25, 23, 0, tzinfo=UTC)  # 6 p.m. in New York
    answer = couple.intent("SetReminderIntent", time="07:00")
    assert time_said(answer) == "7 p.m."
    assert stored(couple).reminder_at == "19:00"


def test_in_the_evening_asks_what_time_in_the_evening_and_keeps_it(
    couple: Session, reminders: RemindersApi
) -> None:
    """'Remind us in the evening' (EV): the question asks what time in the evening, and 'eight'
    is then 8 p.m. (before: 'I didn't catch a time')."""
    asked = couple.intent("SetReminderIntent", time="EV")
    assert elicits(asked) == "time"
    assert [(m.key, m.values) for m in markers(asked)] == [
        ("ask_reminder_time_in", {"period": "evening"})
    ]
    couple.answer("08:00")
    assert stored(couple).reminder_at == "20:00"
