"""The store's conditional writes: a change racing other writes is merged once, not twice."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import boto3

from reconnect.domain.record import Record
from reconnect.store import Store
from tests.conftest import TABLE

USER = "amzn1.ask.account.RACE"


def test_each_change_counts_once_through_repeated_conflicts(dynamodb: Any) -> None:
    """GIVEN two other writes land just before each of our first two attempts
    WHEN we save a visit THEN every visit is counted exactly once and our step change stays."""
    ours = Store(dynamodb, TABLE)
    theirs = Store(boto3.client("dynamodb"), TABLE)  # another Echo: its own client, no hook
    base = ours.load(USER)
    theirs.save(USER, base, Record(visit_days=1))
    base = ours.load(USER)
    races = 2

    def another_echo_writes_first(**_: Any) -> None:
        nonlocal races
        if races:
            races -= 1
            current = theirs.load(USER)
            theirs.save(
                USER, current, replace(current.record, visit_days=current.record.visit_days + 1)
            )

    dynamodb.meta.events.register("before-call.dynamodb.PutItem", another_echo_writes_first)
    try:
        mine = replace(base.record, step=4, visit_days=base.record.visit_days + 1)
        saved = ours.save(USER, base, mine)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", another_echo_writes_first)
    assert races == 0
    stored = theirs.load(USER)
    assert stored.record.visit_days == 1 + 2 + 1
    assert stored.record.step == 4
    assert saved == stored
