"""A loopback stand-in for the Alexa service APIs, speaking their HTTP as Amazon documents it.

Routes are registered by path pattern, so other APIs (timers, reminders) plug in beside the
Settings API. Faults can be injected per route for tests: a status code or a delay.

For `make bench` it can also speak HTTPS (`tls`, a server context from tools/standins/tls.py)
and answer as if it were `round_trip` seconds away: each request waits one round trip, and
each new connection two more before its TLS handshake (TCP's, then TLS 1.3's). It speaks
HTTP/1.1, so a client may keep a connection open across requests.
"""

from __future__ import annotations

import json
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, ClassVar

Reply = tuple[int, Any]
Route = Callable[["Call"], Reply]


def stamp(moment: datetime) -> str:
    """A moment as the Alexa APIs write it: UTC, milliseconds, a Z."""
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def bad_request(code: str, message: str) -> Reply:
    """HTTP 400 with the stand-in's own error code and message."""
    return 400, {"code": code, "message": message}


@dataclass(frozen=True)
class Call:
    """One HTTP request the stand-in received."""

    method: str
    path: str
    match: re.Match[str]
    token: str | None
    body: Any


@dataclass
class Fault:
    """Make requests whose 'METHOD path' matches `pattern` fail or stall."""

    pattern: str
    status: int | None = None
    delay: float = 0.0
    times: int | None = None  # None: every time
    skip: int = 0  # let this many matching requests through first (fail "the third create")
    drop: bool = False  # read the request, then close the connection without an answer


class Ticking:
    """For an API whose alerts go off: a background thread calling fire_due(), for the console."""

    tick_every: ClassVar[float] = 0.05  # real seconds between looks
    _ticking: threading.Event | None

    def fire_due(self) -> object:
        """Set off what is due; the API decides what that means."""
        raise NotImplementedError

    def start_ticking(self) -> None:
        """Look for due alerts every `tick_every` real seconds, on a daemon thread."""
        if self._ticking is not None:
            return
        stop = self._ticking = threading.Event()

        def tick() -> None:
            while not stop.wait(self.tick_every):
                self.fire_due()

        threading.Thread(target=tick, daemon=True, name=type(self).__name__).start()

    def stop_ticking(self) -> None:
        """Stop the background thread."""
        if self._ticking is not None:
            self._ticking.set()
            self._ticking = None


@dataclass
class AlexaStandIn:
    """The stand-in server: start() it, point context.System.apiEndpoint at `url`."""

    token: str = "local-api-token"  # noqa: S105 - the stand-in's own bearer token
    time_zones: dict[str, str] = field(default_factory=dict)
    default_time_zone: str = "America/New_York"
    faults: list[Fault] = field(default_factory=list)
    calls: list[str] = field(default_factory=list)
    tls: ssl.SSLContext | None = None
    round_trip: float = 0.0  # seconds, as if the API were this far away
    idle_timeout: float | None = None  # close a kept-alive connection idle this long
    connections: int = 0  # connections accepted
    in_flight: int = 0  # requests being answered now
    peak_in_flight: int = 0  # the most answered at once
    _routes: list[tuple[str, re.Pattern[str], Route]] = field(default_factory=list)
    _server: ThreadingHTTPServer | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self.route("GET", r"/v2/devices/(?P<device>[^/]+)/settings/System\.timeZone", self._zone)

    def route(self, method: str, pattern: str, handler: Route) -> None:
        """Serve `handler` for `method` requests whose path fully matches `pattern`."""
        self._routes.append((method, re.compile(pattern), handler))

    @property
    def url(self) -> str:
        """The apiEndpoint to put in request envelopes."""
        assert self._server is not None, "start() the stand-in first"
        host, port = self._server.server_address[:2]
        return f"{'https' if self.tls else 'http'}://{host!s}:{port}"

    def start(self) -> AlexaStandIn:
        """Listen on a free loopback port in a background thread."""
        standin = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive: a client may reuse its connection
            timeout = standin.idle_timeout

            def setup(self) -> None:
                # Headers and body go out in two writes: without this, Nagle's algorithm and
                # the client's delayed ACK hold the body back ~40 ms on a kept-alive connection.
                self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                super().setup()

            def do_GET(self) -> None:
                standin._serve(self, "GET")

            def do_POST(self) -> None:
                standin._serve(self, "POST")

            def do_PUT(self) -> None:
                standin._serve(self, "PUT")

            def do_DELETE(self) -> None:
                standin._serve(self, "DELETE")

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: tests and the console print what matters themselves."""

        class Server(ThreadingHTTPServer):
            daemon_threads = True
            # socketserver's default backlog of 5 drops the 6th of six connections opened at
            # once (the skill opens six to the Alexa API during init): a second's stall.
            request_queue_size = 64

            def finish_request(self, request: Any, client_address: Any) -> None:
                """Each connection, on its own thread: the round trips, the TLS handshake."""
                with standin._lock:
                    standin.connections += 1
                if standin.tls is not None:
                    time.sleep(2 * standin.round_trip)
                    try:
                        request = standin.tls.wrap_socket(request, server_side=True)
                    except (ssl.SSLError, OSError):
                        return  # the client gave up or did not trust us: nothing to serve
                super().finish_request(request, client_address)

        self._server = Server(("127.0.0.1", 0), Handler)
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def _serve(self, http: BaseHTTPRequestHandler, method: str) -> None:
        path = http.path.split("?", 1)[0]
        length = int(http.headers.get("Content-Length") or 0)
        raw = http.rfile.read(length) if length else b""
        with self._lock:
            self.calls.append(f"{method} {path}")
            fault = self._fault_for(f"{method} {path}")
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            wait = self.round_trip + (fault.delay if fault is not None else 0.0)
            if wait:
                time.sleep(wait)
            if fault is not None and fault.drop:
                http.close_connection = True
                return
            auth = http.headers.get("Authorization")
            status, body = self._dispatch(method, path, auth, raw, fault)
        finally:
            with self._lock:
                self.in_flight -= 1
        payload = b"" if body is None else json.dumps(body).encode()
        try:
            http.send_response(status)
            http.send_header("Content-Type", "application/json")
            http.send_header("Content-Length", str(len(payload)))
            http.end_headers()
            http.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting (a timeout test): nothing to answer

    def _dispatch(
        self, method: str, path: str, auth: str | None, raw: bytes, fault: Fault | None
    ) -> Reply:
        if fault is not None and fault.status is not None:
            return fault.status, {"code": "INJECTED_FAULT", "message": "injected by a test"}
        token = auth[7:] if auth and auth.startswith("Bearer ") else None
        if token != self.token:
            return 401, {"code": "UNAUTHORIZED", "message": "The authentication token is invalid."}
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            return 400, {"code": "INVALID_REQUEST", "message": "Body is not JSON."}
        for route_method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match and route_method == method:
                with self._lock:
                    return handler(Call(method, path, match, token, body))
        return 404, {"code": "NOT_FOUND", "message": f"No route for {method} {path}"}

    def _fault_for(self, key: str) -> Fault | None:
        for fault in self.faults:
            if re.search(fault.pattern, key) and fault.times != 0:
                if fault.skip > 0:
                    fault.skip -= 1
                    continue
                if fault.times is not None:
                    fault.times -= 1
                return fault
        return None

    def _zone(self, call: Call) -> Reply:
        return 200, self.time_zones.get(call.match["device"], self.default_time_zone)
