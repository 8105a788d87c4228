"""Two Echos, one couple, the same moment: concurrent writes merge; nothing is lost."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

from reconnect.store import user_key
from tests.conftest import TABLE, Clock
from tools.standins.alexa import AlexaStandIn
from tools.standins.envelopes import Device, Session

ROUNDS = 5


def device_session(handler: Any, standin: AlexaStandIn, clock: Clock, name: str) -> Session:
    """A session on one of the couple's devices (same account, another device id)."""
    device = Device(device_id=f"amzn1.ask.device.{name}", api_endpoint=standin.url)
    return Session(handler, device, clock=clock)


def run_together(actions: list[Callable[[], object]]) -> None:
    """Run the actions in threads released at the same instant; re-raise any failure."""
    barrier = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def run(action: Callable[[], object]) -> None:
        barrier.wait()
        try:
            action()
        except BaseException as error:  # noqa: BLE001 - reported to the test below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors


def test_simultaneous_changes_from_four_echos_all_stay(
    handler: Any, dynamodb: Any, standin: AlexaStandIn, clock: Clock
) -> None:
    """GIVEN four sessions on one record WHEN each changes something at once THEN all stay."""
    for round_number in range(ROUNDS):
        kitchen, bedroom, lounge, study = (
            device_session(handler, standin, clock, name)
            for name in ("KITCHEN", "BEDROOM", "LOUNGE", "STUDY")
        )
        for session in (kitchen, bedroom, lounge):
            session.launch()  # all four now hold the same version of the record
        study.dialog_intents = frozenset({"CheckInIntent"})
        study.intent("CheckInIntent")
        study.answer("seven")
        run_together(
            [
                functools.partial(kitchen.intent, "GoToStepIntent", number="5"),
                functools.partial(bedroom.intent, "StayOnStepIntent"),
                functools.partial(lounge.intent, "StartRitualIntent"),
                functools.partial(study.answer, "six"),
            ]
        )
        item = dynamodb.get_item(
            TableName=TABLE, Key={"pk": {"S": user_key(kitchen.device.user_id)}}
        )["Item"]
        assert item["step"] == {"N": "5"}, round_number
        assert item["hold"] == {"BOOL": True}, round_number
        assert "ritual" in item, round_number
        from reconnect import app

        record = app.STORE.load(kitchen.device.user_id).record
        assert sorted(c.rating for c in record.checkins) == [6, 7], round_number
        lounge.intent("StopRitualIntent")
        for session in (kitchen, bedroom, study):
            session.end()
        dynamodb.delete_item(TableName=TABLE, Key={"pk": {"S": user_key(kitchen.device.user_id)}})
