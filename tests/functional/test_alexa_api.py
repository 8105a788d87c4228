"""The Alexa API client: one TLS context, kept-alive connections per host, failures closed off.

Against the stand-in over real HTTPS (a test CA made here; the client's context trusts it the
way Lambda's process trusts the system store), counting the connections the stand-in accepts.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClientRequest

from reconnect.alexa import http_pool
from reconnect.alexa.http_pool import ConnectionPool, TimeoutApiClient
from tools.standins import tls
from tools.standins.alexa import AlexaStandIn, Fault

ZONE = "/v2/devices/{device}/settings/System.timeZone"


@pytest.fixture
def https(certificates: tls.TestCertificates) -> Iterator[AlexaStandIn]:
    """The stand-in over HTTPS; a kept-alive connection is closed after 0.2 s idle."""
    server = AlexaStandIn(tls=certificates.server, idle_timeout=0.2).start()
    server.time_zones["dev"] = "Europe/Paris"
    yield server
    server.stop()


@pytest.fixture
def client(certificates: tls.TestCertificates) -> TimeoutApiClient:
    """The skill's client, its one context trusting the test CA beside the system store."""
    context = ssl.create_default_context(cafile=str(certificates.bundle))
    return TimeoutApiClient(1.0, pool=ConnectionPool(context, 1.0))


def zone(client: TimeoutApiClient, standin: AlexaStandIn, device: str = "dev") -> tuple[Any, Any]:
    """Ask the Settings API for a device's time zone; the answer's (status, body)."""
    answer = client.invoke(
        ApiClientRequest(
            url=standin.url + ZONE.format(device=device),
            method="GET",
            headers=[("Authorization", f"Bearer {standin.token}")],
        )
    )
    return answer.status_code, answer.body


def create(client: TimeoutApiClient, standin: AlexaStandIn) -> int | None:
    """POST a request to the stand-in (no such route: 404); its status."""
    answer = client.invoke(
        ApiClientRequest(
            url=standin.url + "/v1/alerts/timers",
            method="POST",
            headers=[("Authorization", f"Bearer {standin.token}")],
            body='{"duration": "PT1M"}',
        )
    )
    return answer.status_code


def test_calls_to_one_host_share_one_kept_alive_connection(
    client: TimeoutApiClient, https: AlexaStandIn
) -> None:
    """GIVEN three calls in a row THEN one TLS connection carries them all."""
    for _ in range(3):
        assert zone(client, https) == (200, '"Europe/Paris"')
    assert https.connections == 1


def test_a_connection_the_server_closed_while_idle_is_not_reused(
    client: TimeoutApiClient, https: AlexaStandIn
) -> None:
    """GIVEN the server closed the idle connection WHEN the next call comes THEN a new one."""
    assert zone(client, https)[0] == 200
    closed = threading.Event()
    closed.wait(0.5)  # past the stand-in's idle timeout: it has closed its end
    assert zone(client, https) == (200, '"Europe/Paris"')
    assert https.connections == 2


def test_a_get_on_a_connection_found_closed_is_sent_again_once(
    client: TimeoutApiClient, https: AlexaStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN a closed connection that still looked open WHEN a GET goes out THEN it is sent
    again, once, on a new connection."""
    assert zone(client, https)[0] == 200
    monkeypatch.setattr(http_pool, "_still_open", lambda connection: True)
    threading.Event().wait(0.5)  # the stand-in closes its end of the idle connection
    assert zone(client, https) == (200, '"Europe/Paris"')
    assert https.connections == 2


def test_a_post_the_server_read_but_never_answered_is_not_sent_twice(
    client: TimeoutApiClient, https: AlexaStandIn
) -> None:
    """GIVEN a kept connection WHEN the server reads a POST and hangs up THEN the call fails
    rather than risk creating a timer twice; a GET in the same case is sent again."""
    assert zone(client, https)[0] == 200
    https.faults.append(Fault(r"^POST ", drop=True, times=1))
    with pytest.raises(ApiClientException, match="unreachable"):
        create(client, https)
    assert [c for c in https.calls if c.startswith("POST")] == ["POST /v1/alerts/timers"]
    assert zone(client, https)[0] == 200  # a new connection, kept
    https.faults.append(Fault(r"timeZone$", drop=True, times=1))
    assert zone(client, https) == (200, '"Europe/Paris"')


def test_a_timeout_closes_the_connection_and_the_next_call_opens_another(
    client: TimeoutApiClient, https: AlexaStandIn
) -> None:
    """GIVEN an answer slower than the timeout THEN ApiClientException, and a fresh start."""
    https.faults.append(Fault(r"timeZone$", delay=1.5, times=1))
    with pytest.raises(ApiClientException, match="unreachable"):
        zone(client, https)
    assert zone(client, https) == (200, '"Europe/Paris"')
    assert https.connections == 2


def test_many_threads_at_once_each_get_their_own_answer(
    client: TimeoutApiClient, https: AlexaStandIn
) -> None:
    """GIVEN twelve calls at the same moment THEN each gets its own device's zone, and no more
    than the pool's share of connections are kept for later."""
    for number in range(12):
        https.time_zones[f"dev{number}"] = f"Etc/GMT+{number % 12}"
    https.faults.append(Fault(r"timeZone$", delay=0.05))
    answers: dict[int, object] = {}

    def call(number: int) -> None:
        answers[number] = zone(client, https, f"dev{number}")

    threads = [threading.Thread(target=call, args=(n,)) for n in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == {n: (200, f'"Etc/GMT+{n % 12}"') for n in range(12)}
    assert https.connections <= 12
    kept = sum(len(idle) for idle in client.pool._idle.values())
    assert kept <= client.pool.max_idle


def test_plain_http_is_refused_except_on_loopback_when_allowed(https: AlexaStandIn) -> None:
    """An http:// apiEndpoint is refused unless the loopback exception is switched on."""
    plain = AlexaStandIn().start()
    try:
        request = ApiClientRequest(url=plain.url + ZONE.format(device="x"), method="GET")
        with pytest.raises(ApiClientException, match="non-HTTPS"):
            TimeoutApiClient(1.0).invoke(request)
        assert TimeoutApiClient(1.0, allow_loopback_http=True).invoke(request).status_code == 401
    finally:
        plain.stop()


def test_an_untrusted_certificate_is_refused(https: AlexaStandIn) -> None:
    """Only what the process trusts: the system store alone does not know the test CA."""
    client = TimeoutApiClient(1.0, pool=ConnectionPool(ssl.create_default_context(), 1.0))
    with pytest.raises(ApiClientException, match="unreachable"):
        zone(client, https)
