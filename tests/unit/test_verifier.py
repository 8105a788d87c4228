"""The request verifiers (signature, timestamp, skill id) and the flask-ask-sdk import shim."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import types
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope

import web.verifier
from tests.signing import CERT_URL, NOW, FakeS3, SigningCA, headers
from tools.standins import envelopes
from web import flask_ask
from web.alexa_certs import SigningCertificates
from web.verifier import (
    MAX_TOLERANCE_MILLIS,
    RequestVerifier,
    SkillIdVerifier,
    TimestampVerifier,
    VerificationException,
)

SKILL_ID = envelopes.SKILL_ID
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def ca() -> SigningCA:
    """The CA the tests trust."""
    return SigningCA("Trusted")


def envelope_text(at: Any = NOW, **system: Any) -> str:
    """A LaunchRequest envelope as Alexa would send it, stamped `at`."""
    event = envelopes.envelope(envelopes.Device(), {"type": "LaunchRequest"}, at, None)
    event["context"]["System"].update(system)
    return json.dumps(event)


def parsed(text: str) -> RequestEnvelope:
    """The envelope as the SDK reads it."""
    envelope: RequestEnvelope = DefaultSerializer().deserialize(text, RequestEnvelope)
    return envelope


def signature_check(ca: SigningCA) -> RequestVerifier:
    """A RequestVerifier trusting `ca`, the chain at CERT_URL, at NOW."""
    s3 = FakeS3({CERT_URL: ca.chain()})
    return RequestVerifier(certificates=SigningCertificates([ca.root], fetch=s3, clock=lambda: NOW))


def test_a_body_signed_by_alexas_certificate_passes(ca: SigningCA) -> None:
    """The signature over the exact body, by the trusted leaf, verifies."""
    body = envelope_text()
    signature_check(ca).verify(headers(ca.sign(body.encode())), body, parsed(body))


def test_header_names_are_matched_in_any_case(ca: SigningCA) -> None:
    """HTTP header names are case-insensitive."""
    body = envelope_text()
    sent = {"signaturecertchainurl": CERT_URL, "SIGNATURE-256": ca.sign(body.encode())}
    signature_check(ca).verify(sent, body, parsed(body))


def test_a_tampered_body_is_refused(ca: SigningCA) -> None:
    """One changed character after signing breaks the signature."""
    body = envelope_text()
    signature = ca.sign(body.encode())
    tampered = body.replace("LaunchRequest", "LaunchRequesT")
    with pytest.raises(VerificationException, match="does not match"):
        signature_check(ca).verify(headers(signature), tampered, parsed(body))


def test_a_signature_by_another_key_is_refused(ca: SigningCA) -> None:
    """A valid-looking signature made with a key other than the leaf's is refused."""
    body = envelope_text()
    other = SigningCA("Other")
    with pytest.raises(VerificationException, match="does not match"):
        signature_check(ca).verify(headers(other.sign(body.encode())), body, parsed(body))


@pytest.mark.parametrize("signature", ["", "not base64!", "QUJD", "A" * 3000])
def test_a_malformed_signature_is_refused(ca: SigningCA, signature: str) -> None:
    """Empty, non-base64, short and oversized signatures are refused."""
    body = envelope_text()
    with pytest.raises(VerificationException):
        signature_check(ca).verify(headers(signature), body, parsed(body))


@pytest.mark.parametrize("missing", ["SignatureCertChainUrl", "Signature-256"])
def test_a_missing_header_is_refused(ca: SigningCA, missing: str) -> None:
    """Both headers are required."""
    body = envelope_text()
    sent = headers(ca.sign(body.encode()))
    del sent[missing]
    with pytest.raises(VerificationException, match="missing"):
        signature_check(ca).verify(sent, body, parsed(body))


def test_only_the_legacy_sha1_signature_header_is_refused(ca: SigningCA) -> None:
    """The SHA-1 `Signature` header is not accepted in place of Signature-256."""
    body = envelope_text()
    sent = {"SignatureCertChainUrl": CERT_URL, "Signature": ca.sign(body.encode())}
    with pytest.raises(VerificationException, match="missing"):
        signature_check(ca).verify(sent, body, parsed(body))


def test_a_repeated_signature_header_is_refused(ca: SigningCA) -> None:
    """Two Signature-256 values are ambiguous, so neither is trusted."""
    body = envelope_text()
    signature = ca.sign(body.encode())
    sent = [("SignatureCertChainUrl", CERT_URL), ("Signature-256", signature)] * 2

    class Pairs(dict[str, str]):
        def items(self) -> Any:
            return sent

    with pytest.raises(VerificationException, match="repeated"):
        signature_check(ca).verify(Pairs(), body, parsed(body))


def test_a_bad_cert_url_is_refused_before_any_fetch(ca: SigningCA) -> None:
    """An http URL fails the URL rules; nothing is downloaded."""
    s3 = FakeS3({})
    check = RequestVerifier(
        certificates=SigningCertificates([ca.root], fetch=s3, clock=lambda: NOW)
    )
    body = envelope_text()
    with pytest.raises(VerificationException, match="not https"):
        check.verify(
            headers(ca.sign(body.encode()), CERT_URL.replace("https", "http")), body, parsed(body)
        )
    assert s3.fetches == []


@pytest.mark.parametrize("offset", [0, 150, -150, 149.5])
def test_a_timestamp_within_150_seconds_passes(offset: float) -> None:
    """Up to 150 seconds either side of now is accepted."""
    body = envelope_text(at=NOW + timedelta(seconds=offset))
    TimestampVerifier(clock=lambda: NOW).verify({}, body, parsed(body))


@pytest.mark.parametrize("offset", [151, -151, 3600, -86400])
def test_a_stale_or_future_timestamp_is_refused(offset: float) -> None:
    """More than 150 seconds old, or ahead, is refused (a replay or a wrong clock)."""
    body = envelope_text(at=NOW + timedelta(seconds=offset))
    with pytest.raises(VerificationException, match="150-second"):
        TimestampVerifier(clock=lambda: NOW).verify({}, body, parsed(body))


@pytest.mark.parametrize("stamp", [None, "2026-11-25T14:00:00"])
def test_a_missing_or_zoneless_timestamp_is_refused(stamp: str | None) -> None:
    """Without a timestamp that names its zone there is nothing to compare; refused."""
    event = json.loads(envelope_text())
    event["request"]["timestamp"] = stamp
    body = json.dumps(event)
    with pytest.raises(VerificationException, match="no timestamp"):
        TimestampVerifier(clock=lambda: NOW).verify({}, body, parsed(body))


@pytest.mark.parametrize("tolerance", [-1, MAX_TOLERANCE_MILLIS + 1])
def test_the_window_cannot_be_widened_past_150_seconds(tolerance: float) -> None:
    """A tolerance above Amazon's limit (or below zero) is refused at construction."""
    with pytest.raises(ValueError, match="tolerance"):
        TimestampVerifier(tolerance)


def test_the_default_timestamp_clock_is_now() -> None:
    """Without an injected clock, a request stamped a day ago is refused."""
    body = envelope_text(at=NOW - timedelta(days=1))
    with pytest.raises(VerificationException):
        TimestampVerifier().verify({}, body, parsed(body))


def test_a_request_for_this_skill_passes() -> None:
    """The application id matches."""
    body = envelope_text()
    SkillIdVerifier(SKILL_ID).verify({}, body, parsed(body))


@pytest.mark.parametrize("application", [{"applicationId": "amzn1.ask.skill.other"}, {}])
def test_a_request_for_another_skill_is_refused(application: dict[str, str]) -> None:
    """Another skill's id, or none, is refused."""
    body = envelope_text(application=application)
    with pytest.raises(VerificationException, match="another skill"):
        SkillIdVerifier(SKILL_ID).verify({}, body, parsed(body))


@pytest.mark.parametrize("check", [TimestampVerifier(), SkillIdVerifier(SKILL_ID)])
def test_an_envelope_without_request_or_context_is_refused(check: Any) -> None:
    """An empty envelope has nothing to check, so it fails; it does not crash."""
    with pytest.raises(VerificationException):
        check.verify({}, "{}", RequestEnvelope())


def test_the_shim_seats_our_verifiers_inside_flask_ask_sdk() -> None:
    """flask-ask-sdk imports, catches our exception, and its defaults are our real verifiers."""
    from ask_sdk_webservice_support import webservice_handler
    from flask_ask_sdk import skill_adapter

    assert flask_ask.SkillAdapter is skill_adapter.SkillAdapter
    assert sys.modules["ask_sdk_webservice_support.verifier"] is web.verifier
    assert skill_adapter.VerificationException is VerificationException
    assert vars(webservice_handler)["RequestVerifier"] is RequestVerifier
    assert vars(webservice_handler)["TimestampVerifier"] is TimestampVerifier


def test_flask_ask_sdk_imports_in_a_fresh_process_without_oscrypto() -> None:
    """On this OpenSSL the original import fails; through the shim, oscrypto is never loaded."""
    code = (
        "import sys, web.flask_ask; "
        "assert 'oscrypto' not in sys.modules and 'certvalidator' not in sys.modules"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "lambda"), str(ROOT)])}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_shim_refuses_when_the_original_verifier_is_already_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Two VerificationException classes would turn 400s into 500s, so it refuses loudly."""
    monkeypatch.setitem(sys.modules, flask_ask.ORIGINAL, types.ModuleType(flask_ask.ORIGINAL))
    with pytest.raises(RuntimeError, match="already imported"):
        flask_ask.install_verifier()
