"""flask-ask-sdk's SkillAdapter, importable on OpenSSL 3.0.10+ with `web.verifier` inside it.

Why a shim: `flask_ask_sdk.skill_adapter` imports `ask_sdk_webservice_support.verifier`, which
imports certvalidator → oscrypto 1.3.0, whose libcrypto version detection raises
`LibraryNotFoundError` on OpenSSL 3.0.10 and later (wbond/oscrypto issues 75 and 78; the fix is
not released). So that module cannot be loaded here at all, and flask-ask-sdk with it.

What the shim does, once, before flask-ask-sdk is imported: it registers `web.verifier` in
`sys.modules` as `ask_sdk_webservice_support.verifier`. Nothing is patched inside any module
that did load; no check is stubbed out. `web.verifier` has the same public names and
`verify(...)` signature and verifies for real with `cryptography`, so:

- flask-ask-sdk's `except VerificationException` (→ HTTP 400) catches our exceptions;
- the library's own default verifiers (app config ASK_SDK_VERIFY_SIGNATURE/TIMESTAMP) would be
  ours too, never a no-op.

It refuses to run after the original module was imported (two `VerificationException` classes
would turn our 400s into 500s), and nothing in lambda/ imports it: Lambda needs no verifier.
"""

from __future__ import annotations

import sys

import ask_sdk_webservice_support

from web import verifier

ORIGINAL = "ask_sdk_webservice_support.verifier"
DEPENDENTS = ("ask_sdk_webservice_support.webservice_handler", "flask_ask_sdk.skill_adapter")


def install_verifier() -> None:
    """Seat web.verifier as ask_sdk_webservice_support.verifier; idempotent, loud on conflict."""
    present = sys.modules.get(ORIGINAL)
    if present is verifier:
        return
    if present is not None or any(name in sys.modules for name in DEPENDENTS):
        raise RuntimeError(
            f"{ORIGINAL} or a module using it is already imported; import web.flask_ask first"
        )
    sys.modules[ORIGINAL] = verifier
    ask_sdk_webservice_support.verifier = verifier  # type: ignore[attr-defined]


install_verifier()

from flask_ask_sdk.skill_adapter import SkillAdapter  # noqa: E402 - needs the verifier seated

__all__ = ["SkillAdapter", "install_verifier"]
