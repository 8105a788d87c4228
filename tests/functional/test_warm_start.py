"""Init does the per-process work, and nothing it keeps goes stale in a SnapStart snapshot.

Priming runs requests that touch no couple; in Lambda, init opens the connections a first
request would open; SnapStart's hooks close them before the snapshot and open them again after
each restore.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest

from reconnect import warm
from reconnect.alexa.http_pool import ConnectionPool, TimeoutApiClient
from reconnect.alexa.service_calls import PARALLEL_CALLS
from reconnect.store import WARM_UP_KEY, Store, user_key
from tests.conftest import TABLE
from tests.functional.conftest import CallCounter
from tools.standins.alexa import AlexaStandIn


def test_priming_reads_and_writes_no_couple(handler: Any, dynamodb_calls: CallCounter) -> None:
    """GIVEN the primers WHEN they run through the skill THEN no DynamoDB call is made."""
    from reconnect import app

    events = warm.primers(app.SETTINGS.skill_id, ("en-US", "en-GB"))
    assert events
    assert all("user" not in e["context"]["System"] and "user" not in e["session"] for e in events)
    warm.prime(app.SKILL, events)
    assert dynamodb_calls.calls == []


def test_priming_a_skill_that_fails_does_not_stop_init() -> None:
    """A primer that raises is logged, not raised: init must always finish."""

    class Broken:
        serializer = None

    warm.prime(Broken(), warm.primers(None, ("en-US",)))


def test_the_warm_up_read_asks_for_a_key_no_couple_can_have(dynamodb: Any) -> None:
    """The warm-up is one GetItem, of a key that is not a hex digest: never a couple's."""
    asked: list[dict[str, Any]] = []
    dynamodb.meta.events.register(
        "provide-client-params.dynamodb.GetItem", lambda params, **_: asked.append(params)
    )
    Store(dynamodb, TABLE).warm()
    assert [a["Key"] for a in asked] == [{"pk": {"S": WARM_UP_KEY}}]
    assert len(user_key("anyone")) == 64
    assert set(user_key("anyone")) <= set("0123456789abcdef")
    assert not set(WARM_UP_KEY) <= set("0123456789abcdef")


def test_a_failing_warm_up_costs_nothing_but_the_time(dynamodb: Any) -> None:
    """GIVEN the table is missing WHEN init warms up THEN nothing is raised."""
    Store(dynamodb, "no-such-table").warm()


@pytest.fixture
def pool() -> ConnectionPool:
    """A pool of its own (plain HTTP on loopback), so the app's is left alone."""
    import ssl

    return ConnectionPool(ssl.create_default_context(), 1.0)


def zone_call(client: TimeoutApiClient, standin: AlexaStandIn) -> int:
    """One Settings API call; its status."""
    from ask_sdk_model.services import ApiClientRequest

    request = ApiClientRequest(
        url=standin.url + "/v2/devices/d/settings/System.timeZone",
        method="GET",
        headers=[("Authorization", f"Bearer {standin.token}")],
    )
    return int(client.invoke(request).status_code or 0)


def test_connect_opens_the_api_connection_the_first_request_then_uses(
    dynamodb: Any, standin: AlexaStandIn, pool: ConnectionPool
) -> None:
    """GIVEN init connected to the Alexa API WHEN calls come, as many at once as together time
    makes, THEN no new connection is opened for them."""
    warm.connect(Store(dynamodb, TABLE), pool, standin.url)
    assert [len(idle) for idle in pool._idle.values()] == [PARALLEL_CALLS]
    client = TimeoutApiClient(1.0, allow_loopback_http=True, pool=pool)
    threads = [
        threading.Thread(target=zone_call, args=(client, standin)) for _ in range(PARALLEL_CALLS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(standin.calls) == PARALLEL_CALLS
    assert standin.connections == PARALLEL_CALLS


def test_an_unreachable_api_at_init_is_only_logged(dynamodb: Any, pool: ConnectionPool) -> None:
    """Init never fails because the Alexa API cannot be reached."""
    warm.connect(Store(dynamodb, TABLE), pool, "http://127.0.0.1:9")


def test_snapshot_hooks_close_connections_before_and_reopen_after(
    dynamodb: Any, standin: AlexaStandIn, pool: ConnectionPool
) -> None:
    """GIVEN a kept connection WHEN a snapshot is taken THEN it is closed; after the restore,
    calls open a fresh one (none made before the snapshot is reused)."""
    import snapshot_restore_py

    store = Store(dynamodb, TABLE)
    client = TimeoutApiClient(1.0, allow_loopback_http=True, pool=pool)
    assert zone_call(client, standin) == 200
    before, after = (
        len(snapshot_restore_py.get_before_snapshot()),
        len(snapshot_restore_py.get_after_restore()),
    )
    assert warm.register_snapshot_hooks(
        before=lambda: warm.disconnect(store, pool),
        after=lambda: warm.connect(store, pool, standin.url),
    )
    (snap, args, kwargs) = snapshot_restore_py.get_before_snapshot()[before]
    snap(*args, **kwargs)
    assert pool._idle == {}
    (restore, args, kwargs) = snapshot_restore_py.get_after_restore()[after]
    restore(*args, **kwargs)
    reopened = sum(len(kept) for kept in pool._idle.values())
    assert 1 <= reopened <= PARALLEL_CALLS  # as many as opened in time (all, on a quiet machine)
    assert zone_call(client, standin) == 200
    assert standin.connections == 1 + reopened  # the call used a fresh one, opened no other


def test_the_app_registers_its_snapshot_hooks(handler: Any) -> None:
    """reconnect.app registers one before-snapshot and one after-restore hook at import."""
    import snapshot_restore_py

    from reconnect import app

    hooks = [f for f, _, _ in snapshot_restore_py.get_before_snapshot()]
    assert any(getattr(f, "__module__", "") == app.__name__ for f in hooks)
    restores = [f for f, _, _ in snapshot_restore_py.get_after_restore()]
    assert app._connect in restores
