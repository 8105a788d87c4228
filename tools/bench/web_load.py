"""Load on the self-hosted web service: gunicorn on loopback, signed requests, figures.

python -m tools.bench.web_load [--requests 4000] [--seconds 40] [--connections 8]
                               [--workers 2] [--threads 8]
python -m tools.bench.web_load --soak 600 [--rate 25]      what `make soak` runs

Everything runs on this machine, on loopback: the service as `make serve` runs it
(tools/standins/loopback_service.py: gunicorn, every check on, a test CA in place of
Amazon's), moto's DynamoDB server and the Alexa API stand-in in this process, and the load
in a second process (tools/bench/web_client.py) that signs every request. The load is
bounded in count and in time. The report gives requests per second, latency percentiles,
errors (the verdict: there must be none) and the service's memory; the soak samples memory
from start to end.

The figures are this machine's, with the client, moto and the service sharing its cores: moto
answers slower than DynamoDB's network round trip costs a real deployment, and the client's
signing takes CPU the service would have behind a real Alexa. Not a test: nothing here fails
`make test`.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import boto3
from cryptography.hazmat.primitives import serialization
from moto.server import ThreadedMotoServer

from tools.bench.web_client import KEY_FILE
from tools.standins import loopback_service
from tools.standins.alexa import AlexaStandIn
from tools.standins.local_dynamodb import create_table, environment_for
from tools.standins.signing_ca import SigningCA
from web.server import ServerOptions

SKILL_ID = "amzn1.ask.skill.bbbbbbbb-0000-4000-8000-000000000001"
TABLE = "reconnect-bench-web"
WARM_UP_REQUESTS = 200
SAMPLE_SECONDS = 30.0


@dataclass
class Stage:
    """The running service and what it needs, for one bench run."""

    service: loopback_service.Running
    ca_dir: Path
    api_endpoint: str


@contextmanager
def stage(options: ServerOptions, folder: Path) -> Iterator[Stage]:
    """moto, the stand-in, a fresh CA (its signing key for the client) and the service."""
    ca = SigningCA("Bench", now=datetime.now(UTC))
    ca_dir = loopback_service.write_ca(ca, folder / "ca")
    key = ca.leaf_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (ca_dir / KEY_FILE).write_bytes(key)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # moto's and the stand-in's lines
    moto = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    moto.start()
    standin = AlexaStandIn().start()
    try:
        host, port = moto.get_host_and_port()
        env = environment_for(f"http://{host}:{port}", TABLE, dict(os.environ))
        env |= {"SKILL_ID": SKILL_ID, "ALEXA_API_ALLOW_LOOPBACK_HTTP": "1", "LOG_LEVEL": "WARNING"}
        create_table(
            boto3.client(
                "dynamodb",
                endpoint_url=env["AWS_ENDPOINT_URL_DYNAMODB"],
                region_name=env["AWS_REGION"],
                aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
                aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
            ),
            TABLE,
        )
        with loopback_service.start(ca_dir, options, env, folder / "service.log") as service:
            yield Stage(service, ca_dir, standin.url)
    finally:
        standin.stop()
        moto.stop()


def load(
    on: Stage, requests: int, seconds: float, connections: int, rate: float = 0.0
) -> dict[str, Any]:
    """Run the client process against the service; its result."""
    command = [sys.executable, "-m", "tools.bench.web_client", "--url", on.service.url]
    command += ["--ca-dir", str(on.ca_dir), "--api-endpoint", on.api_endpoint]
    command += ["--skill-id", SKILL_ID, "--requests", str(requests)]
    command += ["--seconds", str(seconds), "--connections", str(connections), "--rate", str(rate)]
    env = {**os.environ, "PYTHONPATH": loopback_service.IMPORT_PATH}
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 120, env=env, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"the load client failed: {done.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def rss_mib(master: int) -> float:
    """Resident memory of the gunicorn master and its workers, in MiB (from /proc)."""
    pids = [master] + [
        int(entry) for entry in os.listdir("/proc") if entry.isdigit() and _parent(entry) == master
    ]
    return sum(_rss_kib(pid) for pid in pids) / 1024


def _parent(pid: str) -> int | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return int(stat.rsplit(")", 1)[1].split()[1])


def _rss_kib(pid: int) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    line = next((x for x in status.splitlines() if x.startswith("VmRSS:")), "VmRSS: 0 kB")
    return int(line.split()[1])


def _load() -> str:
    """The machine's 1-minute load average: how much else ran beside the bench."""
    return f"{os.getloadavg()[0]:.2f}"


def summary(result: dict[str, Any]) -> dict[str, float]:
    """Requests per second and latency percentiles (ms) of one client result."""
    latencies = result["latencies_ms"]
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "requests": result["sent"],
        "errors": sum(result["errors"].values()),
        "seconds": result["seconds"],
        "rps": result["sent"] / result["seconds"],
        "p50": cuts[49],
        "p90": cuts[89],
        "p99": cuts[98],
        "max": max(latencies),
    }


def verdict(result: dict[str, Any]) -> str:
    """PASS with zero errors, else FAIL naming them."""
    errors = result["errors"]
    return "PASS (0 errors)" if not errors else f"FAIL ({json.dumps(errors)})"


def bench(args: argparse.Namespace, folder: Path) -> int:
    """The load run: warm up, measure, report."""
    options = ServerOptions(
        port=loopback_service.free_port(), workers=args.workers, threads=args.threads
    )
    with stage(options, folder) as on:
        load(on, WARM_UP_REQUESTS, 60, args.connections)
        before = rss_mib(on.service.process.pid)
        result = load(on, args.requests, args.seconds, args.connections)
        after = rss_mib(on.service.process.pid)
    figures = summary(result)
    print(
        f"web service under load: gunicorn gthread, {args.workers} workers x {args.threads} "
        f"threads, {args.connections} keep-alive connections from a second process, every "
        f"request signed and verified; {os.cpu_count()} cores shared with moto and the client "
        f"(load average {_load()})\n"
        f"  requests {figures['requests']:.0f} in {figures['seconds']:.1f} s "
        f"(bounds: {args.requests} requests, {args.seconds:g} s)\n"
        f"  throughput {figures['rps']:.0f} requests/s\n"
        f"  latency ms  p50 {figures['p50']:.1f}  p90 {figures['p90']:.1f}  "
        f"p99 {figures['p99']:.1f}  max {figures['max']:.1f}\n"
        f"  memory (master + workers) {before:.0f} MiB before, {after:.0f} MiB after\n"
        f"  errors: {verdict(result)}"
    )
    return 0 if not result["errors"] else 1


def soak(args: argparse.Namespace, folder: Path) -> int:
    """The soak: a steady paced load for --soak seconds, memory sampled start to end."""
    options = ServerOptions(
        port=loopback_service.free_port(), workers=args.workers, threads=args.threads
    )
    with stage(options, folder) as on:
        load(on, WARM_UP_REQUESTS, 60, args.connections)
        samples = [(0.0, rss_mib(on.service.process.pid))]
        started = time.monotonic()
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_SECONDS):
                samples.append((time.monotonic() - started, rss_mib(on.service.process.pid)))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        total = int(args.soak * args.rate) + 1
        result = load(on, total, args.soak, args.connections, rate=args.rate)
        done.set()
        sampler.join()
        samples.append((time.monotonic() - started, rss_mib(on.service.process.pid)))
    figures = summary(result)
    start_mib, end_mib = samples[0][1], samples[-1][1]
    peak = max(mib for _, mib in samples)
    print(
        f"soak: {args.soak:g} s at {args.rate:g} requests/s, gunicorn {args.workers} workers x "
        f"{args.threads} threads, signed requests (load average {_load()})\n"
        f"  requests {figures['requests']:.0f}, latency ms p50 {figures['p50']:.1f} "
        f"p99 {figures['p99']:.1f} max {figures['max']:.1f}\n"
        f"  memory (master + workers): start {start_mib:.1f} MiB, end {end_mib:.1f} MiB, "
        f"peak {peak:.1f} MiB, change {end_mib - start_mib:+.1f} MiB\n"
        f"  samples every {SAMPLE_SECONDS:g} s: "
        + ", ".join(f"{mib:.1f}" for _, mib in samples)
        + f"\n  errors: {verdict(result)}"
    )
    return 0 if not result["errors"] else 1


def main(argv: Sequence[str] | None = None) -> int:
    """Run the load bench (or, with --soak, the soak) and print its report."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.bench.web_load",
        description=__doc__.splitlines()[0] if __doc__ else None,
    )
    parser.add_argument("--requests", type=int, default=4000, help="at most this many requests")
    parser.add_argument("--seconds", type=float, default=40.0, help="and for at most this long")
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections")
    parser.add_argument("--workers", type=int, default=ServerOptions.workers)
    parser.add_argument("--threads", type=int, default=ServerOptions.threads)
    parser.add_argument("--soak", type=float, default=0.0, help="soak for this many seconds")
    parser.add_argument("--rate", type=float, default=25.0, help="the soak's requests per second")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as folder:
        if args.soak > 0:
            return soak(args, Path(folder))
        return bench(args, Path(folder))


if __name__ == "__main__":
    sys.exit(main())
