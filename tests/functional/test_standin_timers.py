"""The Timers API stand-in speaks the API as documented: what the skill's tests rely on."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from tests.conftest import Clock
from tests.standin_client import Api
from tools.standins.alexa import AlexaStandIn
from tools.standins.timers import Fired, TimersApi


def timer_body(duration: str = "PT1M", label: str | None = "tea", **extra: Any) -> dict[str, Any]:
    """A create-timer body that announces 'Tea is ready'."""
    body: dict[str, Any] = {
        "duration": duration,
        "creationBehavior": {"displayExperience": {"visibility": "VISIBLE"}},
        "triggeringBehavior": {
            "operation": {
                "type": "ANNOUNCE",
                "textToAnnounce": [{"locale": "en-US", "text": "Tea is ready"}],
            },
            "notificationConfig": {"playAudible": False},
        },
        **extra,
    }
    if label is not None:
        body["timerLabel"] = label
    return body


@pytest.fixture
def timers(standin: AlexaStandIn, clock: Clock) -> TimersApi:
    """The Timers API on the stand-in, on the test's clock."""
    return TimersApi(standin, now=clock)


@pytest.fixture
def api(standin: AlexaStandIn) -> Api:
    """A client holding the stand-in's token."""
    return Api(standin)


def test_create_answers_a_running_timer_that_fires_its_announcement(
    timers: TimersApi, api: Api, clock: Clock
) -> None:
    """GIVEN a one-minute timer WHEN a minute passes THEN it fires with its text and is gone."""
    status, body = api("POST", "/v1/alerts/timers", timer_body())
    assert status == 200
    assert body["status"] == "ON"
    assert body["timerLabel"] == "tea"
    assert body["duration"] == "PT1M"
    clock.advance(seconds=59)
    assert timers.fire_due() == []
    clock.advance(seconds=1)
    fired = timers.fire_due()
    assert fired == [Fired("tea", "Tea is ready", "en-US", clock.now, "PT1M")]
    assert api("GET", f"/v1/alerts/timers/{body['id']}")[0] == 404


def test_pause_keeps_the_remaining_time_and_resume_runs_it_again(
    timers: TimersApi, api: Api, clock: Clock
) -> None:
    """Paused after 20 s of a minute: 40 s remain however long the pause, then it fires."""
    _, body = api("POST", "/v1/alerts/timers", timer_body())
    clock.advance(seconds=20)
    assert api("POST", f"/v1/alerts/timers/{body['id']}/pause")[0] == 200
    clock.advance(hours=1)
    assert timers.fire_due() == []
    status, paused = api("GET", f"/v1/alerts/timers/{body['id']}")
    assert (status, paused["status"], paused["remainingTimeWhenPaused"]) == (
        200,
        "PAUSED",
        "PT0H0M40S",
    )
    api("POST", f"/v1/alerts/timers/{body['id']}/resume")
    assert timers.remaining(body["id"]) == timedelta(seconds=40)
    clock.advance(seconds=40)
    assert [f.label for f in timers.fire_due()] == ["tea"]


def test_list_delete_one_and_delete_all(timers: TimersApi, api: Api) -> None:
    """List shows every timer with a total; delete one, then delete all."""
    ids = [api("POST", "/v1/alerts/timers", timer_body(label=f"t{n}"))[1]["id"] for n in range(3)]
    status, listing = api("GET", "/v1/alerts/timers")
    assert status == 200
    assert listing["totalCount"] == 3
    assert api("DELETE", f"/v1/alerts/timers/{ids[0]}")[0] == 200
    assert api("DELETE", f"/v1/alerts/timers/{ids[0]}")[0] == 404
    assert api("DELETE", "/v1/alerts/timers")[0] == 200
    assert api("GET", "/v1/alerts/timers")[1]["totalCount"] == 0


def test_without_consent_every_call_is_401(timers: TimersApi, api: Api) -> None:
    """No permission for timers: create, list, pause and delete all answer 401."""
    timers.consent = False
    assert api("POST", "/v1/alerts/timers", timer_body())[0] == 401
    assert api("GET", "/v1/alerts/timers")[0] == 401
    assert api("POST", "/v1/alerts/timers/timer-1/pause")[0] == 401
    assert api("DELETE", "/v1/alerts/timers")[0] == 401


def test_a_wrong_bearer_token_is_401(timers: TimersApi, standin: AlexaStandIn) -> None:
    """Only the stand-in's own apiAccessToken is accepted."""
    assert Api(standin, token="someone-else")("GET", "/v1/alerts/timers")[0] == 401


@pytest.mark.parametrize("duration", ["PT0S", "PT2H1S", "PT3H", "10 minutes", "P1D", "", None])
def test_a_bad_or_too_long_duration_is_400(timers: TimersApi, api: Api, duration: Any) -> None:
    """Durations are ISO-8601 PT…, above zero and at most two hours."""
    status, body = api("POST", "/v1/alerts/timers", timer_body(duration=duration))
    assert status == 400
    assert body["code"] == "INVALID_DURATION"


def test_two_hours_exactly_is_allowed(timers: TimersApi, api: Api) -> None:
    """The limit itself is fine."""
    assert api("POST", "/v1/alerts/timers", timer_body(duration="PT2H"))[0] == 200


def test_a_label_already_in_use_is_400(timers: TimersApi, api: Api) -> None:
    """Labels are unique among the user's timers."""
    assert api("POST", "/v1/alerts/timers", timer_body(label="same"))[0] == 200
    status, body = api("POST", "/v1/alerts/timers", timer_body(label="same"))
    assert (status, body["code"]) == (400, "DUPLICATE_TIMER_LABEL")


@pytest.mark.parametrize(
    "damage",
    [
        {"creationBehavior": {}},
        {"triggeringBehavior": {"operation": {"type": "ANNOUNCE"}}},
        {"triggeringBehavior": {"operation": {"type": "RING"}}},
    ],
)
def test_a_malformed_body_is_400(timers: TimersApi, api: Api, damage: dict[str, Any]) -> None:
    """Visibility, operation type, announcement text and playAudible are all required."""
    assert api("POST", "/v1/alerts/timers", timer_body(**damage))[0] == 400


def test_at_most_ten_timers_counting_the_users_own(timers: TimersApi, api: Api) -> None:
    """With four timers of their own, the user's seventh skill timer is refused."""
    timers.others = 4
    for n in range(6):
        assert api("POST", "/v1/alerts/timers", timer_body(label=f"t{n}"))[0] == 200
    status, body = api("POST", "/v1/alerts/timers", timer_body(label="one too many"))
    assert (status, body["code"]) == (400, "MAX_TIMERS_EXCEEDED")


def test_listeners_hear_each_timer_as_it_fires(timers: TimersApi, api: Api, clock: Clock) -> None:
    """on_fire callbacks get each announcement in trigger order (what the console prints)."""
    heard: list[str] = []
    timers.on_fire(lambda fired: heard.append(fired.label or ""))
    api("POST", "/v1/alerts/timers", timer_body(duration="PT2M", label="second"))
    api("POST", "/v1/alerts/timers", timer_body(duration="PT1M", label="first"))
    clock.advance(minutes=5)
    timers.fire_due()
    assert heard == ["first", "second"]
