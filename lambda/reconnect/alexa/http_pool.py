"""An ApiClient for the SDK's service clients: one TLS context per process, keep-alive connections
per API host, and a short timeout on every call.

Lambda runs a request on a fraction of a core: loading the CA store, or a TCP and TLS handshake
per call, would be paid inside the request. So the TLS context is built once, at init (it
trusts Amazon's roots, or what SSL_CERT_FILE names: reconnect.alexa.trust), and each host's
connections are kept open between calls and turns. A connection is reused only when idle and
not closed by the server; a failure closes it. Safe to share between threads.
"""

from __future__ import annotations

import http.client
import json
import logging
import select
import ssl
import threading
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from ask_sdk_core.exceptions import ApiClientException
from ask_sdk_model.services import ApiClient, ApiClientRequest, ApiClientResponse

from reconnect import metrics
from reconnect.alexa import trust

log = logging.getLogger(__name__)
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE"})
# A reused connection the server closed fails this way before any answer: send it again.
_CLOSED_ON_US = (
    http.client.RemoteDisconnected,
    ConnectionResetError,
    BrokenPipeError,
    ssl.SSLEOFError,
)
Key = tuple[str, str, int]  # scheme, host, port


class ConnectionPool:
    """Idle keep-alive connections per (scheme, host, port), with the process's TLS context.

    `wider` makes the context to fall back to, once, when a certificate fails verification
    against `context` (Amazon's roots only: reconnect.alexa.trust)."""

    def __init__(
        self,
        context: ssl.SSLContext,
        timeout: float,
        idle_seconds: float = 30.0,
        wider: Callable[[], ssl.SSLContext] | None = None,
    ) -> None:
        self.context = context
        self.timeout = timeout
        self._wider = wider
        self.idle_seconds = idle_seconds  # older idle connections may have been dropped silently
        self.max_idle = 8  # per host: the six timers of together time, in parallel, and spares
        self._idle: dict[Key, list[tuple[float, http.client.HTTPConnection]]] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_alexa_apis(cls, timeout: float) -> ConnectionPool:
        """A pool trusting Amazon's roots (or the environment's store), widening if need be."""
        context, narrow = trust.alexa_api_context()
        return cls(context, timeout, wider=trust.full_store_context if narrow else None)

    def widen(self, failed: ssl.SSLContext) -> bool:
        """After a verification failure with `failed`: trust the full store from now on, the
        first time; whether a new attempt may succeed (False once widened already)."""
        with self._lock:
            if self.context is not failed:
                return True  # another call widened it meanwhile
            if self._wider is None:
                return False
            log.warning("Alexa API certificate not under Amazon's roots: trusting the full store")
            self.context, self._wider = self._wider(), None
            return True

    def take(self, key: Key) -> tuple[http.client.HTTPConnection, bool]:
        """An idle connection to `key` that still looks open, else a new one; and whether reused."""
        now = time.monotonic()
        while True:
            with self._lock:
                idle = self._idle.get(key)
                if not idle:
                    break
                since, connection = idle.pop()
            if now - since < self.idle_seconds and _still_open(connection):
                return connection, True
            connection.close()
        return self._new(key), False

    def give(self, key: Key, connection: http.client.HTTPConnection) -> None:
        """Keep `connection` for the next call to `key` (or close it when enough are kept)."""
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self.max_idle:
                idle.append((time.monotonic(), connection))
                return
        connection.close()

    def open(self, url: str, count: int = 1) -> int:
        """Open `count` connections to `url`'s host at once (TCP and TLS), ahead of the calls
        that will need them, and keep them idle; how many opened."""
        key = _key(urlsplit(url))
        opened: list[http.client.HTTPConnection] = []

        def one() -> None:
            while True:
                context, connection = self.context, self._new(key)
                try:
                    connection.connect()
                except ssl.SSLCertVerificationError:
                    connection.close()
                    if self.widen(context):
                        continue
                    return
                except (OSError, ValueError):
                    connection.close()
                    return
                opened.append(connection)
                return

        threads = [threading.Thread(target=one, name="alexa-api-connect") for _ in range(count)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        for connection in opened:
            self.give(key, connection)
        return len(opened)

    def close_all(self) -> None:
        """Close every idle connection (before a snapshot, after a restore)."""
        with self._lock:
            idle, self._idle = self._idle, {}
        for connections in idle.values():
            for _, connection in connections:
                connection.close()

    def _new(self, key: Key) -> http.client.HTTPConnection:
        scheme, host, port = key
        if scheme == "https":
            return http.client.HTTPSConnection(
                host, port, timeout=self.timeout, context=self.context
            )
        return http.client.HTTPConnection(host, port, timeout=self.timeout)


class TimeoutApiClient(ApiClient):
    """Calls the Alexa service APIs; never waits longer than `timeout` seconds for a step."""

    def __init__(
        self,
        timeout: float,
        allow_loopback_http: bool = False,
        pool: ConnectionPool | None = None,
    ) -> None:
        self.timeout = timeout
        self.allow_loopback_http = allow_loopback_http
        self.pool = pool or ConnectionPool.for_alexa_apis(timeout)

    def invoke(self, request: ApiClientRequest) -> ApiClientResponse:
        """Send one request; HTTP errors come back as responses, failures as ApiClientException."""
        parts = urlsplit(request.url or "")
        plain_ok = self.allow_loopback_http and parts.hostname in _LOOPBACK
        if parts.scheme != "https" and not (parts.scheme == "http" and plain_ok):
            metrics.api_answered(None)
            raise ApiClientException("Requests against non-HTTPS endpoints are not allowed.")
        method = request.method or "GET"
        headers = dict(request.headers or [])
        data: bytes | None = None
        if request.body is not None:
            body = request.body
            data = (json.dumps(body) if not isinstance(body, str) else body).encode()
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            key = _key(parts)
        except ValueError as error:
            raise _unreachable(error) from error
        while True:
            context = self.pool.context
            connection, reused = self.pool.take(key)
            sent = False
            try:
                connection.request(method, target, body=data, headers=headers)
                sent = True
                answer = connection.getresponse()
                payload = answer.read()
            except ssl.SSLCertVerificationError as error:
                connection.close()
                if self.pool.widen(context):
                    continue
                raise _unreachable(error) from error
            except _CLOSED_ON_US as error:
                connection.close()
                if reused and (not sent or method in _IDEMPOTENT):
                    continue  # the server had closed it while idle: once more, on a new one
                raise _unreachable(error) from error
            except (OSError, http.client.HTTPException, ValueError) as error:
                connection.close()
                raise _unreachable(error) from error
            if answer.will_close:
                connection.close()
            else:
                self.pool.give(key, connection)
            metrics.api_answered(answer.status)
            return ApiClientResponse(
                headers=answer.getheaders(),
                status_code=answer.status,
                body=payload.decode("utf-8", "replace"),
            )


def _unreachable(error: Exception) -> ApiClientException:
    metrics.api_answered(None)
    return ApiClientException(f"Alexa API unreachable: {type(error).__name__}")


def _key(parts: object) -> Key:
    """(scheme, host, port) of a split URL; ValueError for a bad port."""
    scheme = str(getattr(parts, "scheme", ""))
    host = getattr(parts, "hostname", None)
    if not host:
        raise ValueError("no host")
    port = getattr(parts, "port", None) or (443 if scheme == "https" else 80)
    return scheme, str(host), int(port)


def _still_open(connection: http.client.HTTPConnection) -> bool:
    """Whether an idle connection is still usable. A closed one reads as ready (EOF); so does a
    new TLS 1.3 one whose session tickets are not read yet, which a non-blocking read takes in."""
    sock = connection.sock
    if sock is None:
        return False
    try:
        poller = select.poll()  # not select(): it fails for descriptors past 1023
        poller.register(sock, select.POLLIN)
        if not poller.poll(0):
            return True
        timeout = sock.gettimeout()
        sock.settimeout(0)
        try:
            sock.recv(1)  # b"": closed; a byte: an answer nobody asked for; either way, unusable
        except (ssl.SSLWantReadError, BlockingIOError):
            return True  # only TLS records (session tickets) were waiting
        finally:
            sock.settimeout(timeout)
    except (OSError, ValueError):
        return False
    return False
