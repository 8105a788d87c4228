"""A loopback HTTP server that serves lambda_handler to end-to-end clients such as virtual-alexa.

POST / with an Alexa request envelope (JSON) answers with the skill's response (JSON). A stand-in
for the real web service (flask-ask-sdk, with signature checks), which will replace it: it checks
no signature and listens on 127.0.0.1 only. Try it by hand with
`python -m tools.http_skill --local` (moto DynamoDB and the Alexa API stand-in, no AWS needed).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import threading
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3

from tools.alexa_standin import AlexaStandIn
from tools.envelopes import Handler

MAX_BODY = 256 * 1024  # far above any real Alexa request; refuses junk before parsing it
POLL_SECONDS = 0.05  # how often the serving thread looks for stop(); stop() waits this long
log = logging.getLogger("tools.http_skill")


@dataclass
class HttpSkill:
    """The server: start() it and point the client's skill URL at `url`."""

    handler: Handler
    port: int = 0  # 0: any free port
    _server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """The skill URL for clients (POST here)."""
        assert self._server is not None, "start() the server first"
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/"

    def start(self) -> HttpSkill:
        """Listen on the loopback port in a background thread."""
        self._server = self._bind()
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": POLL_SECONDS}, daemon=True
        ).start()
        return self

    def serve_forever(self, on_ready: Callable[[str], None] | None = None) -> None:
        """Listen in this thread until interrupted; `on_ready` gets the URL once bound."""
        self._server = self._bind()
        if on_ready is not None:
            on_ready(self.url)
        try:
            self._server.serve_forever(poll_interval=POLL_SECONDS)
        finally:
            self._server.server_close()
            self._server = None

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _bind(self) -> ThreadingHTTPServer:
        skill = self

        class Endpoint(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                status, body = skill._answer(self)
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json;charset=UTF-8")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the skill logs each request itself."""

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Endpoint)
        server.daemon_threads = True
        return server

    def _answer(self, http: BaseHTTPRequestHandler) -> tuple[int, Any]:
        if http.path.split("?", 1)[0] != "/":
            return 404, {"error": "POST the request envelope to /"}
        try:
            length = int(http.headers.get("Content-Length") or 0)
        except ValueError:
            return 400, {"error": "bad Content-Length"}
        if length <= 0 or length > MAX_BODY:
            return 413 if length > MAX_BODY else 400, {"error": "body missing or too large"}
        try:
            event = json.loads(http.rfile.read(length))
        except ValueError:
            return 400, {"error": "body is not JSON"}
        if not isinstance(event, dict):
            return 400, {"error": "body is not a request envelope"}
        try:
            return 200, self.handler(event, None)
        except PermissionError:
            return 403, {"error": "request refused"}
        except Exception as error:  # a test server reports a failure, it does not crash
            log.exception("lambda_handler raised")
            return 500, {"error": type(error).__name__}


def main(argv: list[str] | None = None) -> None:
    """Serve the skill on 127.0.0.1 until Ctrl-C."""
    parser = argparse.ArgumentParser(
        description="Serve lambda_handler over HTTP on 127.0.0.1 (no signature checks).",
        epilog="Without --local the skill uses the DynamoDB table named by TABLE_NAME "
        "in the AWS account and region of the environment.",
    )
    parser.add_argument("--port", type=int, default=8123, help="port on 127.0.0.1 (0: any free)")
    parser.add_argument(
        "--local",
        action="store_true",
        help="keep records in an in-process moto DynamoDB and serve the Alexa APIs from a "
        "loopback stand-in (no AWS account needed)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    with ExitStack() as stack:
        if args.local:
            standin = _local(stack)
            print(f"Alexa API stand-in (apiEndpoint) at {standin.url}")
        from reconnect.app import lambda_handler  # only now: it reads the environment once

        server = HttpSkill(lambda_handler, port=args.port)
        try:
            server.serve_forever(
                lambda url: print(f"Skill at {url} (POST envelopes; Ctrl-C stops)")
            )
        except KeyboardInterrupt:
            print()


def _local(stack: ExitStack) -> AlexaStandIn:
    """Fake AWS in this process (moto), the skill's table in it, and the Alexa API stand-in."""
    os.environ.update(
        AWS_ACCESS_KEY_ID="local",
        AWS_SECRET_ACCESS_KEY="local",  # noqa: S106 - moto's fake credentials
        AWS_DEFAULT_REGION=os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
        TABLE_NAME=os.environ.get("TABLE_NAME", "reconnect-local"),
        ALEXA_API_ALLOW_LOOPBACK_HTTP="1",
    )
    os.environ.pop("AWS_SESSION_TOKEN", None)
    os.environ.pop("AWS_PROFILE", None)
    from moto import mock_aws

    stack.enter_context(mock_aws())
    boto3.client("dynamodb").create_table(
        TableName=os.environ["TABLE_NAME"],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    standin = AlexaStandIn().start()
    stack.callback(standin.stop)
    return standin


if __name__ == "__main__":
    main()
