"""A test CA (root → intermediate → leaf) shaped like Alexa's, and requests signed with it.

For the tests and the load bench only: a web service trusts this CA only where it is told to
(create_app's trust_roots; tools/standins/loopback_service.py on loopback), never by default.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.types import CertificateIssuerPrivateKeyTypes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tools.standins.tls import key_usage

NOW = datetime(2026, 11, 25, 14, 0, tzinfo=UTC)
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem"
ALEXA_NAME = "echo-api.amazon.com"


def _key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _ca_usage() -> x509.KeyUsage:
    return key_usage(ca=True)


def _leaf_usage(digital_signature: bool) -> x509.KeyUsage:
    return key_usage(ca=False, digital_signature=digital_signature, key_encipherment=True)


def _issue(
    builder: x509.CertificateBuilder,
    subject_key: CertificateIssuerPrivateKeyTypes,
    issuer_key: rsa.RSAPrivateKey,
) -> x509.Certificate:
    public = subject_key.public_key()
    builder = builder.public_key(public).serial_number(x509.random_serial_number())
    builder = builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(public), False)
    builder = builder.add_extension(
        x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer_key.public_key()), False
    )
    return builder.sign(issuer_key, hashes.SHA256())


@dataclass
class SigningCA:
    """A root and an intermediate that issue Alexa-style signing certificates."""

    name: str = "Test"
    now: datetime = NOW  # the CA's dates are around this moment
    root_key: rsa.RSAPrivateKey = field(default_factory=_key)
    intermediate_key: rsa.RSAPrivateKey = field(default_factory=_key)
    leaf_key: rsa.RSAPrivateKey = field(default_factory=_key)

    def __post_init__(self) -> None:
        self.root = _issue(
            x509.CertificateBuilder()
            .subject_name(_name(f"{self.name} Root CA"))
            .issuer_name(_name(f"{self.name} Root CA"))
            .not_valid_before(self.now - timedelta(days=3650))
            .not_valid_after(self.now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .add_extension(_ca_usage(), True),
            self.root_key,
            self.root_key,
        )
        self.intermediate = _issue(
            x509.CertificateBuilder()
            .subject_name(_name(f"{self.name} RSA 2048 M01"))
            .issuer_name(self.root.subject)
            .not_valid_before(self.now - timedelta(days=1000))
            .not_valid_after(self.now + timedelta(days=1000))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), True)
            .add_extension(_ca_usage(), True),
            self.intermediate_key,
            self.root_key,
        )

    def leaf(
        self,
        names: Sequence[str] = (ALEXA_NAME,),
        not_before: datetime | None = None,
        not_after: datetime | None = None,
        digital_signature: bool = True,
        key: CertificateIssuerPrivateKeyTypes | None = None,
    ) -> x509.Certificate:
        """A signing certificate issued by the intermediate (Alexa's by default), valid from
        30 days before the CA's `now` to 60 days after unless told otherwise."""
        not_before = self.now - timedelta(days=30) if not_before is None else not_before
        not_after = self.now + timedelta(days=60) if not_after is None else not_after
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(names[0] if names else "no-names"))
            .issuer_name(self.intermediate.subject)
            .not_valid_before(not_before)
            .not_valid_after(not_after)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), True)
            .add_extension(_leaf_usage(digital_signature), True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), False)
        )
        if names:
            builder = builder.add_extension(
                x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), False
            )
        return _issue(builder, key or self.leaf_key, self.intermediate_key)

    def chain(self, leaf: x509.Certificate | None = None) -> bytes:
        """The PEM file Amazon serves: signing certificate first, then the intermediate."""
        return pem(leaf or self.leaf(), self.intermediate)

    def sign(self, body: bytes) -> str:
        """The Signature-256 header for `body`: RSA PKCS#1 v1.5 over SHA-256, base64."""
        signature = self.leaf_key.sign(body, padding.PKCS1v15(), hashes.SHA256())
        return base64.b64encode(signature).decode()


def pem(*certificates: x509.Certificate) -> bytes:
    """Certificates as one PEM file."""
    return b"".join(c.public_bytes(serialization.Encoding.PEM) for c in certificates)


def headers(signature: str, url: str = CERT_URL) -> dict[str, str]:
    """The two headers Alexa adds to each request."""
    return {"SignatureCertChainUrl": url, "Signature-256": signature}
