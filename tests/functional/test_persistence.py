"""Progress in DynamoDB: one read per session, writes only on change, merges, deletion."""

from __future__ import annotations

from datetime import date
from typing import Any

from reconnect.domain.record import Record
from reconnect.speech.content import LocaleContent
from reconnect.store import Store, user_key
from tests.conftest import TABLE, Clock
from tests.functional.conftest import CallCounter
from tests.functional.phrases import keys, step_spoken
from tools.standins.envelopes import Device, Session


def saved(dynamodb: Any, device: Device) -> dict[str, Any]:
    """The couple's item as stored."""
    item: dict[str, Any] = dynamodb.get_item(
        TableName=TABLE, Key={"pk": {"S": user_key(device.user_id)}}
    ).get("Item", {})
    return item


def seed(dynamodb: Any, device: Device, record: Record) -> None:
    """Store a record for the couple, as an earlier session would have."""
    store = Store(dynamodb, TABLE)
    store.save(device.user_id, store.load(device.user_id), record)


def step_said(answer: dict[str, Any]) -> int:
    """The step today's step speaks of (with the `marked` fixture)."""
    assert keys(answer)[0] == "today_intro", keys(answer)
    step = step_spoken(answer)
    assert step is not None
    return step


def test_one_read_per_session(couple: Session, dynamodb_calls: CallCounter) -> None:
    """A whole session reads the record once; later turns use the session's copy."""
    couple.launch()
    for intent in ("AMAZON.YesIntent", "NextStepIntent", "AMAZON.HelpIntent", "AMAZON.StopIntent"):
        couple.intent(intent)
    assert dynamodb_calls.count("GetItem") == 1


def test_read_only_turns_write_nothing(couple: Session, dynamodb_calls: CallCounter) -> None:
    """Help, the list, more, the signs, repeat and today's step again write nothing."""
    couple.launch()
    couple.intent("AMAZON.YesIntent")
    dynamodb_calls.reset()
    for intent in (
        "AMAZON.HelpIntent",
        "ListStepsIntent",
        "TellMeMoreIntent",
        "BurnoutSignsIntent",
        "AMAZON.RepeatIntent",
        "TodayStepIntent",
        "AMAZON.FallbackIntent",
    ):
        couple.intent(intent)
    assert dynamodb_calls.calls == []


def test_a_second_session_the_same_day_writes_nothing(
    couple: Session, dynamodb_calls: CallCounter
) -> None:
    """The day's visit is counted once; another one-shot that day only reads."""
    couple.intent("TodayStepIntent")
    dynamodb_calls.reset()
    couple.intent("TodayStepIntent")
    assert dynamodb_calls.calls == ["GetItem"]


def test_progress_survives_between_sessions(
    couple: Session, clock: Clock, marked: LocaleContent
) -> None:
    """A step chosen today is still today's step tomorrow when it was not practised."""
    couple.launch()
    couple.intent("GoToStepIntent", number="4")
    couple.end()
    clock.advance(days=1)
    assert step_said(couple.intent("TodayStepIntent")) == 4


def test_practised_step_moves_on_the_next_local_day(
    couple: Session, dynamodb: Any, clock: Clock, marked: LocaleContent
) -> None:
    """A step practised yesterday makes today's step the next one."""
    yesterday = date(2026, 11, 24)
    seed(dynamodb, couple.device, Record(step=2, practised_on=yesterday, last_seen=yesterday))
    assert step_said(couple.intent("TodayStepIntent")) == 3


def test_held_step_does_not_move_on(couple: Session, dynamodb: Any, marked: LocaleContent) -> None:
    """A held step stays today's step even after it was practised on an earlier day."""
    yesterday = date(2026, 11, 24)
    seed(
        dynamodb,
        couple.device,
        Record(step=2, practised_on=yesterday, last_seen=yesterday, hold=True),
    )
    assert step_said(couple.intent("TodayStepIntent")) == 2


def test_stay_on_this_step_is_saved(couple: Session, dynamodb: Any) -> None:
    """'Stay on this step' is stored, so it holds on later days."""
    couple.launch()
    couple.intent("StayOnStepIntent")
    assert saved(dynamodb, couple.device)["hold"] == {"BOOL": True}


def test_no_user_id_or_words_are_stored(couple: Session, dynamodb: Any) -> None:
    """The item's key is a hash; nothing in it is the user id or anything said."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    items = dynamodb.scan(TableName=TABLE)["Items"]
    assert len(items) == 1
    assert couple.device.user_id not in str(items)
    assert set(items[0]) <= {
        "pk", "version", "expires_at", "step", "heard_step", "heard_on", "practised_on", "hold",
        "paths_completed", "first_seen", "last_seen", "visit_days", "time_zone",
        "ritual", "rituals_completed", "timers_permission_declined",
    }  # fmt: skip


def test_record_carries_an_expiry_for_inactive_couples(couple: Session, dynamodb: Any) -> None:
    """The TTL attribute lies about thirteen months after the last visit."""
    couple.launch()
    couple.intent("GoToStepIntent", number="2")
    expires = int(saved(dynamodb, couple.device)["expires_at"]["N"])
    seen = couple.clock().timestamp()
    assert 390 * 86400 < expires - seen < 410 * 86400


def test_change_from_a_second_echo_is_merged_not_lost(
    couple: Session, handler: Any, standin: Any, clock: Clock, dynamodb: Any
) -> None:
    """GIVEN two Echos in one home WHEN both change the record in one moment THEN both stay."""
    kitchen = couple
    bedroom = Session(
        handler, Device(device_id="amzn1.ask.device.BEDROOM", api_endpoint=standin.url), clock
    )
    kitchen.launch()
    bedroom.launch()
    bedroom.intent("GoToStepIntent", number="5")
    kitchen.intent("StayOnStepIntent")
    item = saved(dynamodb, couple.device)
    assert item["step"] == {"N": "5"}
    assert item["hold"] == {"BOOL": True}
    assert item["visit_days"] == {"N": "1"}


def test_delete_my_data_asks_then_erases(couple: Session, dynamodb: Any) -> None:
    """'Delete my data' asks to confirm; 'yes' erases the item and ends the session."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    assert couple.intent("DeleteDataIntent")["response"]["shouldEndSession"] is False
    answer = couple.intent("AMAZON.YesIntent")
    assert answer["response"]["shouldEndSession"] is True
    assert saved(dynamodb, couple.device) == {}


def test_delete_my_data_no_keeps_everything(couple: Session, dynamodb: Any) -> None:
    """A 'no' to the confirmation keeps the record."""
    couple.launch()
    couple.intent("GoToStepIntent", number="3")
    couple.intent("DeleteDataIntent")
    couple.intent("AMAZON.NoIntent")
    assert saved(dynamodb, couple.device)["step"] == {"N": "3"}
