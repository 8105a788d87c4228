"""The test CA (tools/standins/signing_ca.py), and a fake of Amazon's certificate bucket."""

from __future__ import annotations

from collections.abc import Mapping

from tools.standins.signing_ca import ALEXA_NAME, CERT_URL, NOW, SigningCA, headers, pem
from web.alexa_certs import UntrustedCertificate

__all__ = ["ALEXA_NAME", "CERT_URL", "NOW", "FakeS3", "SigningCA", "headers", "pem"]


class FakeS3:
    """Serves certificate files by URL, as Fetch does, and records each fetch and its timeout."""

    def __init__(self, files: Mapping[str, bytes], anywhere: bytes | None = None) -> None:
        self.files = dict(files)
        self.anywhere = anywhere  # served for any other URL, to show a URL rule refused it
        self.fetches: list[tuple[str, float]] = []

    def __call__(self, url: str, timeout: float) -> bytes:
        """The file at `url`, or UntrustedCertificate as a failed download would be."""
        self.fetches.append((url, timeout))
        found = self.files.get(url, self.anywhere)
        if found is None:
            raise UntrustedCertificate(f"404 for {url}")
        return found
