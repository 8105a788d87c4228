"""The skill as a web service: flask-ask-sdk's SkillAdapter at POST /, Alexa's checks on.

python -m web.service [--host 127.0.0.1] [--port 8000] [--no-verify-i-know-this-is-local]

Every request must carry Alexa's signature over its body (a certificate chain from
s3.amazonaws.com/echo.api/ that leads to a trusted root and names echo-api.amazon.com), a
timestamp within 150 seconds, and this skill's id (SKILL_ID). A request that fails any check
gets HTTP 400 and never reaches the skill. `GET /health` answers "ok" for a load balancer.

This command runs it on Werkzeug's development server, for a laptop or a tunnel (and the only
place the checks can be switched off, on loopback). To self-host for real, `make serve` runs
the same app under gunicorn (web/server.py), behind your HTTPS.
"""

from __future__ import annotations

import argparse
import ipaddress
import json
import logging
import re
import sys
import time
from collections.abc import Sequence
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope
from cryptography import x509
from flask import Flask, abort, request
from werkzeug.exceptions import HTTPException

from reconnect.logs import request_facts
from web.alexa_certs import Clock, Fetch, SigningCertificates, fetch_https
from web.flask_ask import SkillAdapter
from web.verifier import AbstractVerifier, RequestVerifier, SkillIdVerifier, TimestampVerifier

MAX_BODY = 256 * 1024  # far above any real Alexa request; larger bodies get 413 unread
VERIFY_CONFIG = "RECONNECT_VERIFY_REQUESTS"
NO_VERIFY_FLAG = "--no-verify-i-know-this-is-local"
log = logging.getLogger("web.service")
# One JSON line per request, as on Lambda: the skill's "reconnect" logger has the JSON handler.
request_log = logging.getLogger("reconnect.web_service")

WARNING = f"""
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  {NO_VERIFY_FLAG}: Alexa's signature and timestamp are NOT checked.
!!  Anyone who can reach this port can speak to the skill as any user.
!!  Listening on loopback only. Never expose this to a network or a tunnel.
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
"""


def create_app(
    verify: bool = True,
    *,
    trust_roots: Sequence[x509.Certificate] | None = None,
    fetch: Fetch = fetch_https,
    clock: Clock | None = None,
    skill: CustomSkill | None = None,
) -> Flask:
    """The Flask app serving `skill` (default: reconnect.app.SKILL) at POST /."""
    if skill is None:
        from reconnect.app import SKILL  # only now: the skill reads its environment once

        skill = SKILL
    verifiers: list[AbstractVerifier] = []
    if verify:
        certificates = SigningCertificates(trust_roots, fetch=fetch, clock=clock)
        verifiers += [
            RequestVerifier(certificates=certificates),
            TimestampVerifier(clock=clock),
        ]
    else:
        log.warning("request verification is OFF: signatures and timestamps are not checked")
    if skill.skill_id is not None:
        # The skill refuses a foreign id itself (the SDK raises, flask-ask-sdk answers 500);
        # checking the same id here answers 400 before the skill is invoked.
        verifiers.append(SkillIdVerifier(skill.skill_id))

    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY
    app.config[VERIFY_CONFIG] = verify
    # Verification is on when `verify` is: the verifiers above go in through `verifiers=`, with
    # their trust roots, fetch and clock. flask-ask-sdk's two switches (read once, when the
    # adapter is built) would only add default-constructed copies of the same classes (the shim
    # makes them ours), ignoring what was injected; so they stay off, and VERIFY_CONFIG records
    # what applies.
    app.config["ASK_SDK_VERIFY_SIGNATURE"] = False
    app.config["ASK_SDK_VERIFY_TIMESTAMP"] = False
    adapter = SkillAdapter(
        skill=skill, skill_id=skill.skill_id or "reconnect", verifiers=verifiers, app=app
    )

    @app.get("/health")
    def health() -> Any:
        """For a load balancer or a supervisor: the process is up (the skill is not invoked)."""
        return {"status": "ok"}

    @app.post("/")
    def invoke() -> Any:
        """Alexa's request in, the skill's response out (400 when unreadable or unverified)."""
        started = time.perf_counter()
        body = request.get_data()
        try:
            facts = request_facts(json.loads(body))
        except ValueError:
            facts = request_facts(None)
        try:
            if not _is_envelope(body, skill):
                abort(400, description="The body is not an Alexa request envelope.")
            answer = adapter.dispatch_request()
            facts["outcome"] = "ok"
            return answer
        except HTTPException as refusal:
            facts["outcome"] = f"refused {refusal.code}"
            raise
        finally:
            facts["ms"] = round((time.perf_counter() - started) * 1000, 2)
            request_log.info("request", extra=facts)

    return app


# An Alexa skill id as the developer console shows it (template.yaml's SkillId pattern too).
SKILL_ID_PATTERN = re.compile(
    r"amzn1\.ask\.skill\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


class MissingSkillId(RuntimeError):
    """Serving with verification but no SKILL_ID (any skill's requests would be answered), or
    one that is no skill id (every request would be refused as another skill's)."""

    def __init__(self, skill_id: str | None = None) -> None:
        super().__init__(
            "Refusing to serve with verification but no SKILL_ID: Amazon signs requests for "
            "every skill, so anyone's skill could use this one. Set SKILL_ID=amzn1.ask.skill..."
            if skill_id is None
            else f"Refusing to serve: SKILL_ID={skill_id!r} is not an Alexa skill id "
            "(amzn1.ask.skill. and a lowercase UUID, as the developer console shows it)."
        )


def check_skill_id(skill_id: str | None) -> str:
    """`skill_id` if it is an Alexa skill id; else raise MissingSkillId."""
    if skill_id is None or SKILL_ID_PATTERN.fullmatch(skill_id) is None:
        raise MissingSkillId(skill_id)
    return skill_id


def verified_app() -> Flask:
    """The app as self-hosting serves it: Amazon's roots trusted, a real SKILL_ID required."""
    from reconnect.app import SKILL  # only now: the skill reads its environment once

    check_skill_id(SKILL.skill_id)
    return create_app(verify=True, skill=SKILL)


def _is_envelope(body: bytes, skill: CustomSkill) -> bool:
    """Whether the SDK reads the body as an envelope with a request (else flask-ask-sdk: 500)."""
    try:
        envelope = skill.serializer.deserialize(body.decode("utf-8"), RequestEnvelope)
    except (UnicodeDecodeError, AskSdkException):
        return False
    return isinstance(envelope, RequestEnvelope) and envelope.request is not None


def is_loopback(host: str) -> bool:
    """Whether `host` is localhost or a loopback address (127.0.0.0/8, ::1)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main(argv: list[str] | None = None) -> int:
    """Serve the skill until Ctrl-C; refuse unsafe combinations of options."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8000, help="port to listen on")
    parser.add_argument(
        NO_VERIFY_FLAG,
        dest="no_verify",
        action="store_true",
        help="skip Alexa's signature and timestamp checks (loopback hosts only)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    if args.no_verify:
        if not is_loopback(args.host):
            print(f"Refusing {NO_VERIFY_FLAG} on {args.host}: loopback only.", file=sys.stderr)
            return 2
        print(WARNING, file=sys.stderr)
    try:
        app = create_app(verify=False) if args.no_verify else verified_app()
    except MissingSkillId as refusal:
        print(refusal, file=sys.stderr)
        return 2
    app.run(host=args.host, port=args.port, threaded=True, debug=False, use_reloader=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
