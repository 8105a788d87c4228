"""Write lambda/reconnect/alexa/amazon_roots.pem: the roots the Alexa APIs' certificates chain to.

Taken from the system CA store (never typed in), by subject: Amazon Root CA 1 to 4 and
Starfield Services Root Certificate Authority - G2 (which cross-signs Amazon Root CA 1).
`python -m tools.builders.amazon_roots` rewrites the file; tests/unit/test_amazon_roots.py
checks it.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.oid import NameOID

ROOT = Path(__file__).resolve().parents[2]
PEM = ROOT / "lambda" / "reconnect" / "alexa" / "amazon_roots.pem"
SUBJECTS = (
    "Amazon Root CA 1",
    "Amazon Root CA 2",
    "Amazon Root CA 3",
    "Amazon Root CA 4",
    "Starfield Services Root Certificate Authority - G2",
)
SYSTEM_STORES = ("/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt")


def common_name(certificate: x509.Certificate) -> str:
    """The subject's common name ("" when it has none)."""
    names = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else ""


def system_store() -> list[x509.Certificate]:
    """Every certificate of the first system CA bundle found."""
    for path in SYSTEM_STORES:
        if Path(path).is_file():
            with warnings.catch_warnings():  # some stores hold a root with a negative serial
                warnings.simplefilter("ignore", CryptographyDeprecationWarning)
                return x509.load_pem_x509_certificates(Path(path).read_bytes())
    raise FileNotFoundError(f"no system CA bundle among {SYSTEM_STORES}")


def amazon_roots(store: list[x509.Certificate]) -> list[x509.Certificate]:
    """The SUBJECTS' self-signed certificates from `store`, in SUBJECTS' order."""
    found = {common_name(c): c for c in store if c.subject == c.issuer}
    missing = [s for s in SUBJECTS if s not in found]
    if missing:
        raise LookupError(f"not in the system CA store: {missing}")
    return [found[s] for s in SUBJECTS]


def pem_text(roots: list[x509.Certificate]) -> str:
    """The bundle's text: each root under a comment naming it."""
    parts = [f"# {common_name(c)}\n{c.public_bytes(Encoding.PEM).decode()}" for c in roots]
    return "".join(parts)


def main() -> int:
    """Rewrite the PEM from the system store."""
    PEM.write_text(pem_text(amazon_roots(system_store())))
    print(f"{PEM}: {len(SUBJECTS)} roots", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
