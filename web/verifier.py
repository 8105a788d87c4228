"""Alexa request verifiers for the web service, on `cryptography` instead of oscrypto.

This module keeps the public contract of `ask_sdk_webservice_support.verifier` (the names
`AbstractVerifier`, `VerificationException`, `RequestVerifier`, `TimestampVerifier` and the
`verify(headers, serialized_request_env, deserialized_request_env)` signature), because
`web.flask_ask` seats it under that name: the original cannot be imported on OpenSSL 3.0.10+
(certvalidator → oscrypto fails while detecting the libcrypto version). Each verifier fails
closed: anything it cannot check is a `VerificationException`, which flask-ask-sdk turns into
HTTP 400 before the skill is invoked.
"""

from __future__ import annotations

import base64
import binascii
from abc import ABC, abstractmethod
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from ask_sdk_model import RequestEnvelope
from ask_sdk_runtime.exceptions import AskSdkException
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.hashes import SHA256

from web.alexa_certs import Clock, SigningCertificates, UntrustedCertificate

SIGNATURE_CERT_CHAIN_URL_HEADER = "SignatureCertChainUrl"
SIGNATURE_HEADER = "Signature-256"  # RSA over SHA-256; the SHA-1 `Signature` header is ignored
MAX_TOLERANCE_MILLIS = 150_000  # Amazon: at most 150 seconds between the request and now
MAX_SIGNATURE_CHARS = 2048  # base64 of a 4096-bit signature is 684 characters


class VerificationException(AskSdkException):
    """The request failed verification; it must not reach the skill."""


class AbstractVerifier(ABC):
    """A check on one incoming request, before the skill sees it."""

    @abstractmethod
    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        """Return if the request passes; raise VerificationException if not."""


def _utc_now() -> datetime:
    return datetime.now(UTC)


class RequestVerifier(AbstractVerifier):
    """The body is signed (RSA, SHA-256) by Alexa's certificate, and that certificate is trusted."""

    def __init__(
        self,
        signature_cert_chain_url_key: str = SIGNATURE_CERT_CHAIN_URL_HEADER,
        signature_key: str = SIGNATURE_HEADER,
        certificates: SigningCertificates | None = None,
    ) -> None:
        self._url_key = signature_cert_chain_url_key.lower()
        self._signature_key = signature_key.lower()
        self._certificates = certificates or SigningCertificates()

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        """Check the certificate URL and chain, then the signature over the raw body."""
        cert_url = _single_header(headers, self._url_key)
        signature = _single_header(headers, self._signature_key)
        if cert_url is None or signature is None:
            raise VerificationException("missing or repeated signature or certificate URL header")
        if len(signature) > MAX_SIGNATURE_CHARS:
            raise VerificationException("signature header is too long")
        try:
            decoded = base64.b64decode(signature, validate=True)
        except binascii.Error as error:
            raise VerificationException("signature is not base64") from error
        try:
            key = self._certificates.public_key(cert_url)
        except UntrustedCertificate as error:
            raise VerificationException(f"signing certificate refused: {error}") from error
        try:
            # flask-ask-sdk hands over the body decoded from UTF-8; encoding it gives the raw bytes.
            key.verify(decoded, serialized_request_env.encode("utf-8"), PKCS1v15(), SHA256())
        except InvalidSignature as error:
            raise VerificationException("signature does not match the body") from error


def _single_header(headers: Mapping[str, Any], lower_name: str) -> str | None:
    """The header's value when it appears exactly once (any case), else None."""
    values = [value for key, value in headers.items() if key.lower() == lower_name]
    if len(values) != 1 or not isinstance(values[0], str):
        return None
    return values[0]


class TimestampVerifier(AbstractVerifier):
    """The request's timestamp is within 150 seconds of now, in either direction."""

    def __init__(
        self, tolerance_in_millis: float = MAX_TOLERANCE_MILLIS, clock: Clock | None = None
    ) -> None:
        if not 0 <= tolerance_in_millis <= MAX_TOLERANCE_MILLIS:
            raise ValueError(f"tolerance must be between 0 and {MAX_TOLERANCE_MILLIS} ms")
        self._tolerance_seconds = tolerance_in_millis / 1000
        self._clock = clock or _utc_now

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        """Refuse a request without a zoned timestamp, or one too old or too far ahead."""
        request = getattr(deserialized_request_env, "request", None)
        stamp = getattr(request, "timestamp", None)
        if not isinstance(stamp, datetime) or stamp.utcoffset() is None:
            raise VerificationException("request has no timestamp with a time zone")
        if abs((self._clock() - stamp).total_seconds()) > self._tolerance_seconds:
            raise VerificationException("request timestamp is outside the 150-second window")


class SkillIdVerifier(AbstractVerifier):
    """The request is for this skill: Amazon signs requests for every skill, not only ours."""

    def __init__(self, skill_id: str) -> None:
        self._skill_id = skill_id

    def verify(
        self,
        headers: Mapping[str, Any],
        serialized_request_env: str,
        deserialized_request_env: RequestEnvelope,
    ) -> None:
        """Refuse a request whose context names another application id (or none)."""
        context = getattr(deserialized_request_env, "context", None)
        system = getattr(context, "system", None)
        application = getattr(system, "application", None)
        if getattr(application, "application_id", None) != self._skill_id:
            raise VerificationException("request is for another skill")
