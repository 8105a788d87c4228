"""What the Alexa API client trusts: Amazon's roots, the environment's store when it names one,
and the full store once, with a warning, should a certificate not chain to Amazon's roots.

Over real HTTPS against the stand-in (its test CA stands for a certificate under another root).
"""

from __future__ import annotations

import logging
import ssl
import warnings
from collections.abc import Iterator

import pytest
from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClientRequest
from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning

from reconnect.alexa import trust
from reconnect.alexa.http_pool import ConnectionPool, TimeoutApiClient
from tools.builders import amazon_roots
from tools.standins import tls as standin_tls
from tools.standins.alexa import AlexaStandIn

ZONE = "/v2/devices/dev/settings/System.timeZone"


@pytest.fixture
def https(certificates: standin_tls.TestCertificates) -> Iterator[AlexaStandIn]:
    """The stand-in over HTTPS."""
    server = AlexaStandIn(tls=certificates.server).start()
    server.time_zones["dev"] = "Europe/Paris"
    yield server
    server.stop()


@pytest.fixture
def no_store_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither SSL_CERT_FILE nor SSL_CERT_DIR set, as on Lambda."""
    monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    monkeypatch.delenv("SSL_CERT_DIR", raising=False)


def status(pool: ConnectionPool, standin: AlexaStandIn) -> int:
    """The Settings API's answer status through a client on `pool`."""
    request = ApiClientRequest(
        url=standin.url + ZONE, method="GET", headers=[("Authorization", f"Bearer {standin.token}")]
    )
    return TimeoutApiClient(1.0, pool=pool).invoke(request).status_code


def amazon_only() -> ssl.SSLContext:
    """A context trusting the shipped roots alone."""
    return ssl.create_default_context(cafile=trust.AMAZON_ROOTS)


@pytest.mark.usefixtures("no_store_in_environment")
def test_by_default_only_amazons_roots_are_trusted() -> None:
    """The shipped PEM, nothing else: five roots, and a fallback waiting."""
    context, narrow = trust.alexa_api_context()
    with warnings.catch_warnings():  # Starfield's root has serial number 0, as it really does
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        found = [x509.load_der_x509_certificate(c) for c in context.get_ca_certs(True)]
    names = {amazon_roots.common_name(c) for c in found}
    assert narrow
    assert names == set(amazon_roots.SUBJECTS)
    assert ConnectionPool.for_alexa_apis(1.0)._wider is trust.full_store_context


def test_ssl_cert_file_is_honoured_with_no_fallback(
    monkeypatch: pytest.MonkeyPatch,
    certificates: standin_tls.TestCertificates,
    https: AlexaStandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The environment's bundle is what the pool trusts: the stand-in answers, no warning."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.bundle))
    assert trust.alexa_api_context()[1] is False
    pool = ConnectionPool.for_alexa_apis(1.0)
    assert status(pool, https) == 200
    assert pool._wider is None
    assert not caplog.records


def test_a_certificate_under_another_root_falls_back_to_the_full_store_once(
    certificates: standin_tls.TestCertificates,
    https: AlexaStandIn,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The first call widens the trust (one warning) and succeeds; later calls just work."""
    wider = ssl.create_default_context(cafile=str(certificates.ca))
    pool = ConnectionPool(amazon_only(), 1.0, wider=lambda: wider)
    with caplog.at_level(logging.WARNING, logger="reconnect.alexa.http_pool"):
        assert status(pool, https) == 200
        assert status(pool, https) == 200
    assert pool.context is wider
    assert [r.levelname for r in caplog.records] == ["WARNING"]


def test_the_warm_up_falls_back_too(
    certificates: standin_tls.TestCertificates, https: AlexaStandIn
) -> None:
    """Connections opened ahead of time widen the trust the same way, and are all kept."""
    wider = ssl.create_default_context(cafile=str(certificates.ca))
    pool = ConnectionPool(amazon_only(), 1.0, wider=lambda: wider)
    assert pool.open(https.url, 3) == 3
    assert pool.context is wider


def test_with_the_full_store_failing_too_the_api_is_unreachable(https: AlexaStandIn) -> None:
    """No root trusts the certificate: the call fails as unreachable, after one fallback."""
    pool = ConnectionPool(amazon_only(), 1.0, wider=ssl.create_default_context)
    with pytest.raises(ApiClientException, match="unreachable"):
        status(pool, https)
    assert pool._wider is None
    assert pool.open(https.url, 2) == 0
