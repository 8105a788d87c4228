"""The shipped trust for the Alexa APIs: exactly Amazon's roots, as the system store has them."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.utils import CryptographyDeprecationWarning

from reconnect.alexa import trust
from tools.builders import amazon_roots


def shipped() -> list[x509.Certificate]:
    """The certificates of the PEM the skill ships (Starfield's root has serial number 0,
    which cryptography warns about: it is the real root's)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CryptographyDeprecationWarning)
        return x509.load_pem_x509_certificates(Path(trust.AMAZON_ROOTS).read_bytes())


def test_the_pem_holds_exactly_amazons_four_roots_and_starfields_services_root() -> None:
    """Five certificates, one per subject, in order."""
    assert [amazon_roots.common_name(c) for c in shipped()] == list(amazon_roots.SUBJECTS)


def test_each_is_a_valid_self_signed_ca_certificate_today() -> None:
    """A root: self-issued and self-signed, a CA that signs certificates, inside its dates."""
    now = datetime.now(UTC)
    for certificate in shipped():
        assert certificate.subject == certificate.issuer
        certificate.verify_directly_issued_by(certificate)  # raises on a bad signature
        assert certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        assert certificate.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
        assert certificate.not_valid_before_utc <= now < certificate.not_valid_after_utc


def test_the_pem_is_what_the_system_store_holds_for_those_subjects() -> None:
    """Taken from the real store, byte for byte (python -m tools.builders.amazon_roots)."""
    try:
        store = amazon_roots.system_store()
    except FileNotFoundError:
        pytest.skip("no system CA bundle on this machine")
    expected = amazon_roots.pem_text(amazon_roots.amazon_roots(store))
    assert Path(trust.AMAZON_ROOTS).read_text() == expected
