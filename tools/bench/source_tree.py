"""The source tree on this Python, for `make bench`: fresh processes, both skills taking turns.

Cold starts run tools/bench/worker.py in fresh processes, Reconnect Ritual and a baseline built
like the official Alexa samples (tools/bench/baseline.py) taking turns, DynamoDB in moto's
server on loopback; then warm latency, DynamoDB calls and peak memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tools.bench.source_report import FLOOR, REQUESTS, Runs
from tools.bench.worker import MARKER, SETTINGS_LABEL

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"ours": ("reconnect-bench", "pk"), "baseline": ("reconnect-baseline-bench", "id")}


def measure(runs: int, requests: int) -> dict[str, Any]:
    """Run every measurement; the raw results."""
    from tools.standins.alexa import AlexaStandIn

    results: dict[str, Any] = {
        "floor": [_run([sys.executable, "-c", "pass"])[1] for _ in range(runs)]
    }
    with tempfile.TemporaryDirectory() as pycache, _moto() as count_items:
        env = _environment(pycache)
        for skill in TABLES:  # compiles every module once, so that each measured run has .pyc
            _worker(["cold", skill, "launch"], env)
        cold: dict[str, Runs] = {f"{s} {r}": {} for r in REQUESTS for s in TABLES}
        cold[FLOOR] = {}
        for _ in range(runs):  # the rows take turns, so that drift on the machine hits them all
            for name, lists in cold.items():
                _cold(lists, ["floor"] if name == FLOOR else ["cold", *name.split()], env)
        written = count_items()
        if min(written.values()) < runs * len(REQUESTS):
            raise RuntimeError(f"the cold runs did not all reach DynamoDB: {written} items")
        results["memory"] = {
            s: [_worker(["memory", s], env)[0]["peak_rss_mb"] for _ in range(3)] for s in TABLES
        }
        results["cold"] = cold
    standin = AlexaStandIn().start()
    try:
        warm = _logged_nothing(_worker(["warm", str(requests), standin.url], env)[0])
        results["warm"] = warm["samples"]
        results["settings_calls"] = len(standin.calls) / (
            len(results["warm"][SETTINGS_LABEL]["wall"]) + 1
        )
    finally:
        standin.stop()
    results["calls"] = _logged_nothing(_worker(["calls"], env)[0])
    results["load"] = os.getloadavg()
    return results


def _cold(lists: Runs, args: list[str], env: dict[str, str], flags: Sequence[str] = ()) -> None:
    result, wall = _worker(args, env, flags)
    for key, value in {**result, "wall": wall}.items():
        lists.setdefault(key, []).append(value)


def _environment(pycache: str) -> dict[str, str]:
    """The workers' environment: local_dynamodb's fake AWS, no AWS config files, our settings."""
    from tools.standins.envelopes import SKILL_ID

    env = dict(
        os.environ,  # local_dynamodb.start() set the endpoint, fake credentials and region
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        BASELINE_TABLE_NAME=TABLES["baseline"][0],
        SKILL_ID=SKILL_ID,
        LOG_LEVEL="INFO",
        ALEXA_API_ALLOW_LOOPBACK_HTTP="1",
        PYTHONPATH=f"{ROOT / 'lambda'}{os.pathsep}{ROOT}",
        PYTHONPYCACHEPREFIX=pycache,  # bytecode goes here, not into the repository or the venv
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # each measured run finds .pyc files, as on disk
    return env


@contextmanager
def _moto() -> Iterator[Callable[[], dict[str, int]]]:
    """moto's server on a free loopback port with both skills' tables; yields an item counter."""
    from tools.standins import local_dynamodb

    local = local_dynamodb.start(state_file=None, table_name=TABLES["ours"][0])
    try:
        name, key = TABLES["baseline"]
        local.client.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": key, "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": key, "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        scan = local.client.scan
        yield lambda: {
            s: scan(TableName=t, Select="COUNT")["Count"] for s, (t, _) in TABLES.items()
        }
    finally:
        local.stop()


def _logged_nothing(result: dict[str, Any]) -> dict[str, Any]:
    """The in-process result, provided the skill logged no warning (else the run is suspect)."""
    if result["warnings"]:
        raise RuntimeError(f"the skill logged warnings: {sorted(set(result['warnings']))}")
    return result


def _worker(
    args: Sequence[str], env: dict[str, str], flags: Sequence[str] = ()
) -> tuple[dict[str, Any], float]:
    """Run tools.bench.worker in a fresh process: its result, and the process's wall time in ms."""
    done, wall = _run([sys.executable, *flags, "-m", "tools.bench.worker", *args], env)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix(MARKER)), wall


def _run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[Any, float]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    return done, (time.perf_counter() - started) * 1000
