"""Alexa's signing certificate: the URL rules, a bounded fetch, a cache, and the chain checks.

Follows "Verify the signature certificate URL" and "Check the request signature" in Amazon's
"Host a Custom Skill as a Web Service", with `cryptography` doing the X.509 work (path building
to a trusted root, validity dates at every level, the WebPKI profile). Every failure raises
`UntrustedCertificate`; nothing here returns a key it has not fully checked.
"""

from __future__ import annotations

import http.client
import posixpath
import re
import threading
import urllib.parse
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import certifi
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

CERT_URL_SCHEME = "https"
CERT_URL_HOST = "s3.amazonaws.com"
CERT_URL_PORT = 443
CERT_URL_PATH_PREFIX = "/echo.api/"
SIGNING_NAME = "echo-api.amazon.com"
FETCH_TIMEOUT_SECONDS = 2.0  # the first request of a new chain must still answer inside 8 s
MAX_CHAIN_BYTES = 64 * 1024  # Amazon's chain is about 7 KB
MAX_CHAIN_CERTIFICATES = 8
CACHE_SIZE = 16  # Amazon rotates the URL rarely; bounded so junk URLs cannot grow memory

_PEM_BLOCK = re.compile(rb"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.DOTALL)

Fetch = Callable[[str, float], bytes]
Clock = Callable[[], datetime]


class UntrustedCertificate(Exception):
    """The signing certificate or its URL failed a check."""


def checked_cert_url(url: str) -> str:
    """The URL normalised, if it follows Amazon's rules (https, s3.amazonaws.com, /echo.api/)."""
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise UntrustedCertificate(f"unreadable certificate URL: {error}") from error
    if parts.scheme.lower() != CERT_URL_SCHEME:
        raise UntrustedCertificate("certificate URL is not https")
    if (parts.hostname or "").lower() != CERT_URL_HOST:
        raise UntrustedCertificate("certificate URL host is not s3.amazonaws.com")
    if port is not None and port != CERT_URL_PORT:
        raise UntrustedCertificate("certificate URL port is not 443")
    if parts.username is not None or parts.password is not None or parts.query or parts.fragment:
        raise UntrustedCertificate("certificate URL carries credentials, a query or a fragment")
    # Percent-escapes are decoded first, so `%2e%2e` cannot hide a `..` from the normalisation.
    path = urllib.parse.unquote(parts.path)
    if "\\" in path:
        raise UntrustedCertificate("certificate URL path has a backslash")
    normal = posixpath.normpath(path) if path else ""
    if not normal.startswith(CERT_URL_PATH_PREFIX):
        raise UntrustedCertificate("certificate URL path does not start with /echo.api/")
    return f"{CERT_URL_SCHEME}://{CERT_URL_HOST}{urllib.parse.quote(normal)}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a redirect becomes an HTTPError: we fetch exactly the URL we checked


def fetch_https(url: str, timeout: float) -> bytes:
    """GET `url` (TLS verified by the default context), no redirects, at most MAX_CHAIN_BYTES."""
    opener = urllib.request.build_opener(_NoRedirects)
    try:
        with opener.open(url, timeout=timeout) as response:
            data: bytes = response.read(MAX_CHAIN_BYTES + 1)
    except (OSError, http.client.HTTPException, ValueError) as error:  # timeouts are OSErrors
        raise UntrustedCertificate(f"certificate chain not fetched: {error}") from error
    if len(data) > MAX_CHAIN_BYTES:
        raise UntrustedCertificate("certificate chain is too large")
    return data


def default_trust_roots() -> list[x509.Certificate]:
    """The Mozilla root store as certifi ships it (Amazon's chain ends at Amazon Root CA 1)."""
    roots = []
    for block in _PEM_BLOCK.findall(Path(certifi.where()).read_bytes()):
        # A few old roots have serial number 0: cryptography warns today and may refuse later.
        # Such a root is then left out, which can only make the store stricter.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CryptographyDeprecationWarning)
            try:
                roots.append(x509.load_pem_x509_certificate(block))
            except ValueError:
                continue
    return roots


@dataclass(frozen=True)
class _Chain:
    leaf: x509.Certificate
    intermediates: tuple[x509.Certificate, ...]


class SigningCertificates:
    """Fetches, caches by URL and checks Alexa's signing chain; hands out the checked RSA key."""

    def __init__(
        self,
        trust_roots: Sequence[x509.Certificate] | None = None,
        fetch: Fetch = fetch_https,
        timeout: float = FETCH_TIMEOUT_SECONDS,
        clock: Clock | None = None,
    ) -> None:
        roots = list(default_trust_roots() if trust_roots is None else trust_roots)
        if not roots:
            raise ValueError("at least one trust root is needed")
        self._store = Store(roots)
        self._fetch = fetch
        self._timeout = timeout
        self._clock = clock or (lambda: datetime.now(UTC))
        self._cache: OrderedDict[str, _Chain] = OrderedDict()
        self._lock = threading.Lock()

    def public_key(self, cert_url: str) -> RSAPublicKey:
        """The signing key named by `cert_url`, once URL, chain, dates and name all check out."""
        url = checked_cert_url(cert_url)
        with self._lock:
            chain = self._cache.get(url)
            if chain is not None:
                self._cache.move_to_end(url)
        if chain is None:
            chain = _parse(self._fetch(url, self._timeout))
        try:
            key = self._check(chain)
        except UntrustedCertificate:
            with self._lock:
                self._cache.pop(url, None)  # a replaced chain at the same URL is fetched afresh
            raise
        with self._lock:
            self._cache[url] = chain
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        return key

    def _check(self, chain: _Chain) -> RSAPublicKey:
        now = self._clock()
        leaf = chain.leaf
        # Checked on every use, not only on fetch: a cached certificate can expire.
        if not leaf.not_valid_before_utc <= now <= leaf.not_valid_after_utc:
            raise UntrustedCertificate("signing certificate is expired or not yet valid")
        verifier = (
            PolicyBuilder()
            .store(self._store)
            .time(now)
            .build_server_verifier(x509.DNSName(SIGNING_NAME))
        )
        try:
            verifier.verify(leaf, list(chain.intermediates))
        except VerificationError as error:
            raise UntrustedCertificate(f"certificate chain not trusted: {error}") from error
        try:  # extensions and keys are parsed lazily: a malformed one is refused, not a crash
            _check_leaf(leaf)
            key = leaf.public_key()
        except (ValueError, UnsupportedAlgorithm) as error:
            raise UntrustedCertificate(f"signing certificate unreadable: {error}") from error
        if not isinstance(key, RSAPublicKey):
            raise UntrustedCertificate("signing key is not RSA")
        return key


def _parse(data: bytes) -> _Chain:
    try:
        certificates = x509.load_pem_x509_certificates(data)
    except ValueError as error:
        raise UntrustedCertificate(f"certificate chain unreadable: {error}") from error
    if len(certificates) > MAX_CHAIN_CERTIFICATES:
        raise UntrustedCertificate("certificate chain is too long")
    return _Chain(certificates[0], tuple(certificates[1:]))


def _check_leaf(leaf: x509.Certificate) -> None:
    """Amazon's own rules on top of the WebPKI profile: the exact name, a signing key usage."""
    try:
        names = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound as error:
        raise UntrustedCertificate("signing certificate has no subject alternative name") from error
    # Exact (case-insensitive) match: a wildcard such as *.amazon.com is not Amazon's rule.
    if SIGNING_NAME not in {name.lower() for name in names.get_values_for_type(x509.DNSName)}:
        raise UntrustedCertificate(f"{SIGNING_NAME} is not a name of the signing certificate")
    try:
        usage = leaf.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return  # RFC 5280: no KeyUsage extension means no restriction
    if not usage.digital_signature:
        raise UntrustedCertificate("signing certificate may not sign")
