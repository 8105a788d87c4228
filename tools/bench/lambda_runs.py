"""`make bench`'s Lambda rows: the artifact as built, run as Lambda runs it, beside the baseline.

Every row is a fresh Python 3.13 process with `-B -S`: the shipped artifact from a read-only
mount (ours), the baseline as the samples deploy it, and the SDK floor, taking turns. Init runs
at full CPU; with a cgroup, the requests then run under MemorySize/1769 of a core. The Alexa
APIs are the stand-in over HTTPS (a test CA made here, trusted through SSL_CERT_FILE only),
`round_trip` away; DynamoDB is moto's server answering after `dynamodb_delay`.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.bench import lambda_env as env
from tools.bench.worker import MARKER

ROOT = Path(__file__).resolve().parents[2]
TABLE, BASELINE_TABLE = "reconnect-lambda-bench", "reconnect-lambda-baseline-bench"
MODULES = {"ours": "reconnect.app", "baseline": "bench_baseline"}
COLD_ROWS = ("ours launch", "ours today", "baseline launch", "baseline today", "floor")
SESSION_STEPS = ("launch", "together", "second launch")


@dataclass(frozen=True)
class Options:
    """What to measure, and how far away the APIs are."""

    runs: int = 15  # fresh processes per cold row
    session_runs: int = 9  # fresh processes per session row
    memory_mb: int = 256  # the template's MemorySize
    memory_sizes: tuple[int, ...] = (128, 256, 512, 1024)
    size_runs: int = 5  # fresh processes per memory size and row
    round_trip: float = 0.020
    dynamodb_delay: float = 0.005
    artifact: Path | None = None  # a built artifact to measure instead of building one
    preconnect: bool = True  # set ALEXA_API_ENDPOINT, as the template does
    cold_only: bool = False  # only the full-CPU cold rows (ours, baseline, floor)


@dataclass
class Setup:
    """What was prepared, and the notes the report prints about it."""

    python: Path
    runtime: Path
    baseline: Path
    artifact: Path
    artifact_bytes: int
    notes: list[str]
    env: dict[str, str]
    api_url: str
    cgroups: dict[int, Path | None]
    clear_timers: Callable[[], None]


def measure(options: Options) -> dict[str, Any]:
    """Prepare everything, run every Lambda row, and return the raw results."""
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        setup = _prepare(options, Path(tmp), stack)
        results: dict[str, Any] = {"notes": setup.notes, "artifact_bytes": setup.artifact_bytes}
        results["cold"] = _cold_rows(setup, options.runs, None)
        group = setup.cgroups[options.memory_mb]
        results["share_enforced"] = group is not None
        if not options.cold_only:
            results["cold_share"] = _cold_rows(setup, options.runs, group, ("ours launch",))
            results["session"] = _sessions(setup, options.session_runs, group)
            results["sizes"] = _sizes(setup, options)
        results["options"] = {
            "memory_mb": options.memory_mb,
            "round_trip_ms": options.round_trip * 1000,
            "dynamodb_delay_ms": options.dynamodb_delay * 1000,
            "runs": options.runs,
            "session_runs": options.session_runs,
            "size_runs": options.size_runs,
        }
        return results


def _sizes(setup: Setup, options: Options) -> dict[str, Any]:
    """Per memory size: the cold start at its share, and whole sessions."""
    sizes: dict[str, Any] = {}
    for mb in options.memory_sizes:
        sizes[str(mb)] = {
            "cold": _cold_rows(setup, options.size_runs, setup.cgroups[mb], ("ours launch",)),
            "session": _sessions(setup, options.size_runs, setup.cgroups[mb]),
        }
    return sizes


def _prepare(options: Options, tmp: Path, stack: ExitStack) -> Setup:
    from tools.builders import lambda_artifact
    from tools.standins import tls

    notes: list[str] = []
    python = env.lambda_python()
    runtime, baseline = env.runtime_packages(python), env.baseline_package(python)
    if options.artifact is not None:
        built = options.artifact.resolve()
        notes.append(f"artifact: {built}, as given (--artifact)")
    else:
        built = lambda_artifact.build(tmp / "lambda")
        notes.append(
            "artifact: built by tools.builders.lambda_artifact.build(), as `make build` does"
        )
    if env.has_bytecode(built):
        notes.append("bytecode: the artifact's own cpython-313 .pyc files, as built")
    else:
        env.compile_fallback(python, built)
        notes.append(
            "bytecode: FALLBACK - the build shipped none, so the bench compiled it with "
            "python3.13 -m compileall --invalidation-mode unchecked-hash (what issue 9 ships)"
        )
    size = lambda_artifact.zipped_size(built)
    artifact, how = stack.enter_context(env.read_only(built, tmp / "task"))
    notes.append(f"task root: {how}; workers run python3.13 -B -S, no bytecode written")
    certificates = tls.make(tmp / "tls")
    api_url, clear = stack.enter_context(_alexa_apis(certificates.server, options.round_trip))
    dynamodb_url = stack.enter_context(_dynamodb(options.dynamodb_delay))
    cgroups: dict[int, Path | None] = {}
    for mb in {options.memory_mb, *options.memory_sizes}:
        cgroups[mb] = stack.enter_context(env.cpu_group(mb))
    if any(group is None for group in cgroups.values()):
        notes.append("CPU share: NOT ENFORCED (the cgroup-v1 cpu controller is not writable)")
    else:
        notes.append(
            f"CPU share: cgroup-v1 cpu.cfs_quota_us per {env.CPU_PERIOD_US} us period, "
            f"MemorySize/{env.MB_PER_CORE} of a core, entered after init"
        )
    worker_env = _environment(dynamodb_url, certificates.bundle)
    if options.preconnect:
        worker_env["ALEXA_API_ENDPOINT"] = api_url  # as the template sets the region's API host
        notes.append("ALEXA_API_ENDPOINT: the stand-in, as the template names the region's API")
    return Setup(
        python, runtime, baseline, artifact, size, notes, worker_env, api_url, cgroups, clear
    )


@contextmanager
def _alexa_apis(server: Any, round_trip: float) -> Iterator[tuple[str, Callable[[], None]]]:
    """The Alexa API stand-in (Settings and Timers) over HTTPS, `round_trip` away."""
    from tools.standins.alexa import AlexaStandIn
    from tools.standins.timers import TimersApi

    standin = AlexaStandIn(tls=server, round_trip=round_trip).start()
    timers = TimersApi(standin)
    try:
        yield standin.url, timers.timers.clear
    finally:
        standin.stop()


@contextmanager
def _dynamodb(delay: float) -> Iterator[str]:
    """moto's server with both tables, behind a keep-alive front that answers after `delay`.

    DynamoDB keeps a client's connection open between calls; moto's server (werkzeug) closes
    every one, so a small HTTP/1.1 front relays each request to it and keeps the client's open.
    """
    from tools.standins import local_dynamodb

    local = local_dynamodb.start(state_file=None, table_name=TABLE)
    try:
        local.client.create_table(
            TableName=BASELINE_TABLE,
            KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        with _keep_alive_front(local.url, delay) as url:
            yield url
    finally:
        local.stop()


@contextmanager
def _keep_alive_front(upstream: str, delay: float) -> Iterator[str]:
    """An HTTP/1.1 relay to `upstream` on a free loopback port; yields its URL."""
    import http.client
    import socket
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import urlsplit

    target = urlsplit(upstream)
    hop = {"connection", "keep-alive", "transfer-encoding", "content-length"}

    class Relay(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def setup(self) -> None:
            # Two writes per answer (headers, body): no Nagle delay on a kept-alive connection.
            self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            super().setup()

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            time.sleep(delay)
            out = http.client.HTTPConnection(target.hostname or "", target.port, timeout=10)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in hop}
            out.request("POST", self.path, body=body, headers=headers)
            answer = out.getresponse()
            payload = answer.read()
            out.close()
            self.send_response(answer.status)
            for name, value in answer.getheaders():
                if name.lower() not in hop:
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet."""

    class Front(ThreadingHTTPServer):
        request_queue_size = 64

    server = Front(("127.0.0.1", 0), Relay)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _environment(dynamodb_url: str, bundle: Path) -> dict[str, str]:
    """The workers' environment: Lambda's variables, fake AWS, the CA bundle; nothing else."""
    from tools.standins.envelopes import SKILL_ID

    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TZ")}
    return {
        **keep,
        "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_url,
        "AWS_ACCESS_KEY_ID": "local",
        "AWS_SECRET_ACCESS_KEY": "local",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_LAMBDA_FUNCTION_NAME": "reconnect-bench",
        "TABLE_NAME": TABLE,
        "BASELINE_TABLE_NAME": BASELINE_TABLE,
        "SKILL_ID": SKILL_ID,
        "LOG_LEVEL": "INFO",
        "PYTHONDONTWRITEBYTECODE": "1",
        "SSL_CERT_FILE": str(bundle),
    }


def _cold_rows(
    setup: Setup, runs: int, group: Path | None, rows: Sequence[str] = COLD_ROWS
) -> dict[str, dict[str, list[float]]]:
    """Each row's cold starts, the rows taking turns so that drift on the machine hits all."""
    found: dict[str, dict[str, list[float]]] = {row: {} for row in rows}
    for _ in range(runs):
        for row in rows:
            skill, _, request = row.partition(" ")
            args = ["floor"] if row == "floor" else ["cold", MODULES[skill], request]
            result = _worker(setup, "baseline" if skill == "baseline" else "ours", args, group)
            for key, value in result.items():
                found[row].setdefault(key, []).append(value)
    return found


def _sessions(setup: Setup, runs: int, group: Path | None) -> list[dict[str, Any]]:
    """Fresh processes, each: launch with the Settings API, together time, a second launch."""
    found = []
    for _ in range(runs):
        found.append(_worker(setup, "ours", ["session", MODULES["ours"], setup.api_url], group))
        setup.clear_timers()
    return found


def _worker(setup: Setup, skill: str, args: list[str], group: Path | None) -> dict[str, Any]:
    """Run tools.bench.lambda_worker in a fresh python3.13 process; its result."""
    code = setup.baseline if skill == "baseline" else setup.artifact
    path = os.pathsep.join(str(p) for p in (code, setup.runtime, ROOT))
    worker_env = dict(setup.env, PYTHONPATH=path)
    if group is not None:
        worker_env["BENCH_CGROUP"] = str(group)
    command = [str(setup.python), "-B", "-S", "-m", "tools.bench.lambda_worker", *args]
    with tempfile.TemporaryDirectory() as cwd:  # -m puts the cwd first on sys.path: keep it empty
        done = subprocess.run(
            command, env=worker_env, cwd=cwd, capture_output=True, text=True, check=False
        )
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    warnings = [line for line in done.stdout.splitlines() if '"level": "WARNING"' in line]
    if warnings:
        raise RuntimeError(f"the skill logged warnings in {' '.join(args)}: {warnings[:3]}")
    result: dict[str, Any] = json.loads(lines[-1].removeprefix(MARKER))
    return result
