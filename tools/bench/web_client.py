"""The load client of tools/bench/web_load.py: a separate process sending signed requests.

python -m tools.bench.web_client --url URL --ca-dir DIR --api-endpoint URL --skill-id ID
    [--requests 3000] [--seconds 30] [--connections 8] [--rate 0]

Each connection (a thread with one keep-alive HTTP connection) plays couples one after
another, as Alexa would send them: a launch, "yes" (today's step), "tell me more", "what are
the steps", "help", the session's end, then a one-shot "ask ... for today's step". Every body is
signed when it is sent (the CA's key in DIR/key.pem), with a fresh timestamp, so the server
checks a real signature each time. It stops at --requests or --seconds, whichever comes first;
--rate paces the sending (requests per second in all, 0: as fast as answers come).

It prints one JSON object: counts, errors by kind, elapsed seconds and every latency in ms.
An error is any answer but HTTP 200 with the skill's speech (the session's end: no speech).
"""

from __future__ import annotations

import argparse
import base64
import http.client
import itertools
import json
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tools.standins import envelopes
from tools.standins.signing_ca import headers

KEY_FILE = "key.pem"
CONVERSATION: tuple[tuple[str, str | None], ...] = (
    ("launch", None),
    ("intent", "AMAZON.YesIntent"),
    ("intent", "TellMeMoreIntent"),
    ("intent", "ListStepsIntent"),
    ("intent", "AMAZON.HelpIntent"),
    ("end", None),
    ("intent", "TodayStepIntent"),  # a one-shot: a new session, closed by the answer
)


class Stop(Exception):
    """The bounds are reached: no more requests."""


@dataclass
class Budget:
    """The shared bounds: a request count, a deadline and a pace."""

    requests: int
    deadline: float
    interval: float  # seconds between two sends in all; 0 for no pacing
    _issued: int = 0
    _next_send: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> None:
        """Wait for this request's turn; raise Stop when the bounds are reached."""
        with self._lock:
            now = time.monotonic()
            if self._issued >= self.requests or now >= self.deadline:
                raise Stop
            self._issued += 1
            send_at = max(now, self._next_send)
            self._next_send = send_at + self.interval
        if send_at > now:
            time.sleep(send_at - now)


@dataclass
class Tally:
    """What came back, shared by the connections."""

    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    ok: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, ms: float, error: str | None) -> None:
        """Count one answer."""
        with self._lock:
            self.latencies.append(ms)
            if error is None:
                self.ok += 1
            else:
                self.errors[error] += 1


def _signer(ca_dir: Path) -> Callable[[bytes], str]:
    """Signature-256 for a body, with the key of the CA's signing certificate."""
    key = serialization.load_pem_private_key((ca_dir / KEY_FILE).read_bytes(), password=None)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise TypeError("the signing key is not RSA")

    def sign(body: bytes) -> str:
        return base64.b64encode(key.sign(body, padding.PKCS1v15(), hashes.SHA256())).decode()

    return sign


def _connection_loop(number: int, args: argparse.Namespace, budget: Budget, tally: Tally) -> None:
    """One keep-alive connection playing couples until the budget is spent."""
    url = urlsplit(args.url)
    sign = _signer(args.ca_dir)
    connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)

    def via_http(event: dict[str, Any], context: Any) -> dict[str, Any]:
        budget.take()
        body = json.dumps(event).encode()
        sent = {"Content-Type": "application/json", **headers(sign(body))}
        started = time.perf_counter()
        try:
            connection.request("POST", url.path or "/", body, sent)
            answer = connection.getresponse()
            data = answer.read()
        except (OSError, http.client.HTTPException) as failure:
            connection.close()
            tally.record((time.perf_counter() - started) * 1000, type(failure).__name__)
            return {}
        ms = (time.perf_counter() - started) * 1000
        parsed: dict[str, Any] = json.loads(data) if answer.status == 200 else {}
        silent = event["request"]["type"] == "SessionEndedRequest"
        error = None if answer.status == 200 else f"HTTP {answer.status}"
        if error is None and not silent and not envelopes.speech(parsed):
            error = "no speech"
        tally.record(ms, error)
        return parsed

    try:
        for couple in itertools.count():
            user = f"amzn1.ask.account.BENCH-{number}-{couple}"
            device = envelopes.Device(
                user_id=user, api_endpoint=args.api_endpoint, skill_id=args.skill_id
            )
            session = envelopes.Session(via_http, device)
            for kind, name in CONVERSATION:
                if kind == "launch":
                    session.launch()
                elif kind == "end":
                    session.end()
                else:
                    session.intent(str(name))
    except Stop:
        pass
    finally:
        connection.close()


def run(args: argparse.Namespace) -> dict[str, Any]:
    """Send the load; return the counts, errors, elapsed time and latencies."""
    interval = 1 / args.rate if args.rate > 0 else 0.0
    started = time.monotonic()
    budget = Budget(args.requests, started + args.seconds, interval)
    tally = Tally()
    threads = [
        threading.Thread(target=_connection_loop, args=(n, args, budget, tally), daemon=True)
        for n in range(args.connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=args.seconds + 60)
    elapsed = time.monotonic() - started
    return {
        "sent": len(tally.latencies),
        "ok": tally.ok,
        "errors": dict(tally.errors),
        "seconds": elapsed,
        "latencies_ms": tally.latencies,
        "connections": args.connections,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the client from the command line; print its JSON result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--url", required=True)
    parser.add_argument("--ca-dir", type=Path, required=True)
    parser.add_argument("--api-endpoint", required=True)
    parser.add_argument("--skill-id", required=True)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--rate", type=float, default=0.0)
    args = parser.parse_args(argv)
    json.dump(run(args), sys.stdout)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
