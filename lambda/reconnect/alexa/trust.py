"""The TLS trust for the Alexa APIs: Amazon's roots only, unless the environment names a store.

Loading the whole system CA store costs tens of milliseconds of init; the Alexa APIs'
certificates chain to Amazon Root CA 1-4 (or Starfield Services Root CA G2, which cross-signs
them), so the skill ships those five (`amazon_roots.pem`, taken from the system store by
tools/builders/amazon_roots.py) and trusts nothing else. `SSL_CERT_FILE` or `SSL_CERT_DIR`,
when set, is honoured as OpenSSL does everywhere. Should a certificate ever fail against
Amazon's roots, the pool falls back to the full default store once
(http_pool.ConnectionPool.widen).
"""

from __future__ import annotations

import os
import ssl

AMAZON_ROOTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "amazon_roots.pem")
_ENVIRONMENT = ("SSL_CERT_FILE", "SSL_CERT_DIR")


def alexa_api_context() -> tuple[ssl.SSLContext, bool]:
    """The context for Alexa API calls, and whether it trusts Amazon's roots only."""
    if any(os.environ.get(name) for name in _ENVIRONMENT) or not os.path.isfile(AMAZON_ROOTS):
        return ssl.create_default_context(), False
    return ssl.create_default_context(cafile=AMAZON_ROOTS), True


def full_store_context() -> ssl.SSLContext:
    """The default context: the whole CA store OpenSSL finds (the fallback)."""
    return ssl.create_default_context()
