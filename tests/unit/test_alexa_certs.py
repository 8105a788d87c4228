"""Alexa's signing certificate: URL rules, chain to a trusted root, dates, name, fetch and cache."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from tests.signing import CERT_URL, NOW, FakeS3, SigningCA, pem
from web.alexa_certs import (
    FETCH_TIMEOUT_SECONDS,
    MAX_CHAIN_BYTES,
    SigningCertificates,
    UntrustedCertificate,
    checked_cert_url,
    default_trust_roots,
    fetch_https,
)


@pytest.fixture(scope="module")
def ca() -> SigningCA:
    """The CA the tests trust."""
    return SigningCA("Trusted")


def certificates(ca: SigningCA, chain: bytes) -> SigningCertificates:
    """Signing certificates trusting only `ca`, with `chain` served at CERT_URL, at NOW."""
    return SigningCertificates([ca.root], fetch=FakeS3({CERT_URL: chain}), clock=lambda: NOW)


@pytest.mark.parametrize(
    ("url", "fetched"),
    [
        ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem", "/echo.api/echo-api-cert.pem"),
        ("https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem", "/echo.api/echo-api-cert.pem"),
        ("HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem", "/echo.api/echo-api-cert.pem"),
        ("https://s3.amazonaws.com/echo.api/../echo.api/c.pem", "/echo.api/c.pem"),
        ("https://s3.amazonaws.com/echo.api/./sub/c.pem", "/echo.api/sub/c.pem"),
    ],
)
def test_amazons_cert_urls_are_accepted_and_normalised(url: str, fetched: str) -> None:
    """Amazon's own examples of valid URLs pass; the URL fetched is the normalised one."""
    assert checked_cert_url(url) == f"https://s3.amazonaws.com{fetched}"


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "ftp://s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://notamazon.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert.pem",
        "https://evil.example/s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem",
        "https://s3.amazonaws.com/invalid.path/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/../x",
        "https://s3.amazonaws.com/echo.api/%2e%2e/x",
        "https://s3.amazonaws.com/echo.api/..%2Fx",
        "https://s3.amazonaws.com/echo.api\\..\\x",
        "https://s3.amazonaws.com/echo.api/",
        "https://s3.amazonaws.com/echo.api",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:80/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com:notaport/echo.api/echo-api-cert.pem",
        "https://user:pw@s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1",
        "https://s3.amazonaws.com/echo.api/echo-api-cert.pem#x",
        "//s3.amazonaws.com/echo.api/echo-api-cert.pem",
        "",
    ],
)
def test_cert_urls_off_amazons_rules_are_refused(url: str) -> None:
    """Scheme, host, port, path (after normalisation) and extras are each checked."""
    with pytest.raises(UntrustedCertificate):
        checked_cert_url(url)


def test_a_good_chain_yields_the_signing_key(ca: SigningCA) -> None:
    """GIVEN leaf + intermediate to a trusted root WHEN checked THEN the leaf's key is returned."""
    key = certificates(ca, ca.chain()).public_key(CERT_URL)
    assert key.public_numbers() == ca.leaf_key.public_key().public_numbers()


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("expired", "expired or not yet valid"),
        ("not_yet_valid", "expired or not yet valid"),
        ("wrong_name", "not trusted"),
        ("wildcard_name", "is not a name"),
        ("no_names", "not trusted"),
        ("cannot_sign", "may not sign"),
    ],
)
def test_a_bad_signing_certificate_is_refused(ca: SigningCA, case: str, reason: str) -> None:
    """Dates, the exact name echo-api.amazon.com and a signing key usage are all required."""
    leaf = {
        "expired": lambda: ca.leaf(not_before=NOW - timedelta(90), not_after=NOW - timedelta(1)),
        "not_yet_valid": lambda: ca.leaf(not_before=NOW + timedelta(1)),
        "wrong_name": lambda: ca.leaf(names=("evil.example.com",)),
        "wildcard_name": lambda: ca.leaf(names=("*.amazon.com",)),
        "no_names": lambda: ca.leaf(names=()),
        "cannot_sign": lambda: ca.leaf(digital_signature=False),
    }[case]()
    with pytest.raises(UntrustedCertificate, match=reason):
        certificates(ca, ca.chain(leaf)).public_key(CERT_URL)


def test_a_signing_key_that_is_not_rsa_is_refused(ca: SigningCA) -> None:
    """Alexa signs with RSA; a chain-valid EC leaf cannot have made the signature."""
    leaf = ca.leaf(key=ec.generate_private_key(ec.SECP256R1()))
    with pytest.raises(UntrustedCertificate, match="not RSA"):
        certificates(ca, ca.chain(leaf)).public_key(CERT_URL)


def test_a_chain_to_an_untrusted_root_is_refused(ca: SigningCA) -> None:
    """A well-formed chain from another CA (same names, other keys) is not trusted."""
    impostor = SigningCA("Trusted")
    with pytest.raises(UntrustedCertificate, match="not trusted"):
        certificates(ca, impostor.chain()).public_key(CERT_URL)


def test_a_chain_without_its_intermediate_is_refused(ca: SigningCA) -> None:
    """The leaf alone does not lead to the root."""
    with pytest.raises(UntrustedCertificate, match="not trusted"):
        certificates(ca, pem(ca.leaf())).public_key(CERT_URL)


def test_a_leaf_that_names_itself_is_refused(ca: SigningCA) -> None:
    """The root is a trust anchor, not a signing certificate: a chain of just the root fails."""
    with pytest.raises(UntrustedCertificate):
        certificates(ca, pem(ca.root)).public_key(CERT_URL)


@pytest.mark.parametrize("data", [b"", b"not a certificate", b"-----BEGIN CERTIFICATE-----\n"])
def test_an_unreadable_chain_is_refused(ca: SigningCA, data: bytes) -> None:
    """Junk at the URL is not a certificate."""
    with pytest.raises(UntrustedCertificate, match="unreadable"):
        certificates(ca, data).public_key(CERT_URL)


def test_the_chain_is_fetched_once_with_a_timeout_and_cached(ca: SigningCA) -> None:
    """GIVEN two look-ups of one URL THEN one fetch, with the timeout, of the normalised URL."""
    s3 = FakeS3({CERT_URL: ca.chain()})
    signing = SigningCertificates([ca.root], fetch=s3, clock=lambda: NOW)
    signing.public_key(CERT_URL)
    signing.public_key(CERT_URL.replace("/echo.api/", "/echo.api/../echo.api/"))
    assert s3.fetches == [(CERT_URL, FETCH_TIMEOUT_SECONDS)]


def test_a_cached_certificate_is_refused_once_it_expires(ca: SigningCA) -> None:
    """Dates are checked on every use; an expired chain leaves the cache and is fetched again."""
    now = [NOW]
    s3 = FakeS3({CERT_URL: ca.chain()})
    signing = SigningCertificates([ca.root], fetch=s3, clock=lambda: now[0])
    signing.public_key(CERT_URL)
    now[0] = NOW + timedelta(days=61)
    with pytest.raises(UntrustedCertificate, match="expired"):
        signing.public_key(CERT_URL)
    with pytest.raises(UntrustedCertificate, match="expired"):
        signing.public_key(CERT_URL)
    assert len(s3.fetches) == 2


def test_a_failed_fetch_is_not_cached(ca: SigningCA) -> None:
    """A URL that could not be fetched is tried again on the next request."""
    s3 = FakeS3({})
    signing = SigningCertificates([ca.root], fetch=s3, clock=lambda: NOW)
    for _ in range(2):
        with pytest.raises(UntrustedCertificate):
            signing.public_key(CERT_URL)
    assert len(s3.fetches) == 2


def test_the_default_trust_store_is_the_certifi_bundle_with_amazons_root() -> None:
    """Amazon Root CA 1, where Alexa's chain ends, is among the default roots."""
    subjects = {root.subject.rfc4514_string() for root in default_trust_roots()}
    assert "CN=Amazon Root CA 1,O=Amazon,C=US" in subjects


def test_the_default_trust_store_does_not_trust_the_test_ca(ca: SigningCA) -> None:
    """With certifi's roots, a chain made in a test is refused."""
    signing = SigningCertificates(fetch=FakeS3({CERT_URL: ca.chain()}), clock=lambda: NOW)
    with pytest.raises(UntrustedCertificate, match="not trusted"):
        signing.public_key(CERT_URL)


def test_an_empty_trust_store_is_a_configuration_error() -> None:
    """No roots would refuse everything silently; it is refused at construction instead."""
    with pytest.raises(ValueError, match="trust root"):
        SigningCertificates([])


@pytest.fixture
def silent_server() -> Iterator[str]:
    """A loopback socket that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/echo.api/cert.pem"
    listener.close()


def test_a_fetch_that_hangs_gives_up_at_the_timeout(silent_server: str) -> None:
    """The download is bounded by its timeout, and the failure is UntrustedCertificate."""
    started = time.monotonic()
    with pytest.raises(UntrustedCertificate, match="not fetched"):
        fetch_https(silent_server, timeout=0.3)
    assert time.monotonic() - started < 2


class _Canned(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/big")
            self.end_headers()
            return
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"x" * (MAX_CHAIN_BYTES + 10))

    def log_message(self, format: str, *args: object) -> None:
        """Quiet."""


@pytest.fixture
def canned_server() -> Iterator[str]:
    """A loopback server that redirects /redirect and serves an oversized /big."""
    server = HTTPServer(("127.0.0.1", 0), _Canned)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_fetch_does_not_follow_redirects(canned_server: str) -> None:
    """Only the URL that was checked is fetched."""
    with pytest.raises(UntrustedCertificate, match="not fetched"):
        fetch_https(f"{canned_server}/redirect", timeout=2)


def test_a_fetch_refuses_an_oversized_chain(canned_server: str) -> None:
    """At most MAX_CHAIN_BYTES are read."""
    with pytest.raises(UntrustedCertificate, match="too large"):
        fetch_https(f"{canned_server}/big", timeout=2)
