"""`make bench`: cold start, warm latency, DynamoDB calls, memory and artifact size, as a table.

Not a test: it prints figures, each beside its target. First the source tree on this Python
(cold starts in fresh processes, tools/bench_worker.py; Reconnect Ritual and a baseline built
like the official Alexa samples, tools/bench_baseline.py, taking turns, DynamoDB in moto's server
on loopback), then the artifact as Lambda runs it (tools/bench_lambda.py: Python 3.13, read-only,
the request's CPU share, the Alexa APIs over HTTPS), beside an earlier run's figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tools.bench_table import Figure, percentile, table
from tools.bench_worker import MARKER, SETTINGS_LABEL

ROOT = Path(__file__).resolve().parent.parent
TABLES = {"ours": ("reconnect-bench", "pk"), "baseline": ("reconnect-baseline-bench", "id")}
REQUESTS = ("launch", "today")  # a new couple's LaunchRequest; a one-shot TodayStepIntent
FLOOR = "floor: boto3 client + ASK SDK"
RATIO, WARM_P99_MS, MEMORY_MB = 0.8, 3.0, 64.0
BEFORE = ROOT / "bench" / "issue-10-before.json"  # the Lambda figures before issue 10's changes
OPS = ("GetItem", "PutItem", "DeleteItem")
COLD = "skill, request|init p50|init p90|first p50|first p90|sum p50|sum p90|cpu p50|process p50"
Runs = dict[str, list[float]]


def totals(runs: Runs) -> list[float]:
    """Init plus first request, run by run."""
    return [i + f for i, f in zip(runs["init"], runs["first"], strict=True)]


def cold_rows(cold: dict[str, Runs]) -> list[list[object]]:
    """Per row: p50 and p90 of init, first request and their sum; then CPU and process p50."""
    rows: list[list[object]] = []
    for name, runs in cold.items():
        stats = [
            percentile(c, q) for c in (runs["init"], runs["first"], totals(runs)) for q in (50, 90)
        ]
        rows.append([name, *stats, percentile(runs["cpu"], 50), percentile(runs["wall"], 50)])
    return rows


def figures(results: dict[str, Any]) -> list[Figure]:
    """Every figure, with its target where it has one (the others are for comparison)."""
    cold, warm, calls = results["cold"], dict(results["warm"]), results["calls"]
    out: list[Figure] = []
    for request in REQUESTS:
        ours, base = cold[f"ours {request}"], cold[f"baseline {request}"]
        ratio = statistics.median(totals(ours)) / statistics.median(totals(base))
        out.append(
            Figure(f"cold init + first request, {request}, ours / baseline", ratio, "", RATIO, True)
        )
        ratio = statistics.median(ours["cpu"]) / statistics.median(base["cpu"])
        out.append(Figure("  the same, CPU time only", ratio))
        ratio = statistics.median(totals(cold[FLOOR])) / statistics.median(totals(base))
        out.append(Figure("  the shared floor alone (boto3 client + ASK SDK) / baseline", ratio))
    settings = warm.pop(SETTINGS_LABEL)
    for clock, name in (("wall", "wall"), ("cpu", "CPU")):
        worst = max(percentile(v[clock], 99) for v in warm.values())
        out.append(Figure(f"warm p99, slowest request type, {name} time", worst, "ms", WARM_P99_MS))
    extra = percentile(settings["wall"], 50) - percentile(
        warm["LaunchRequest (returning)"]["wall"], 50
    )
    out.append(Figure("Settings API call on a session's first request, p50", extra, "ms"))
    gets = max(session["GetItem"] for session in calls["sessions"])
    writes = sum(r["PutItem"] + r["DeleteItem"] for r in calls["rows"] if r["read_only"])
    out.append(Figure("GetItem per session (the most in any session)", gets, "", 1, True))
    out.append(Figure("writes on read-only turns (all of them)", writes, "", 0, True))
    for skill, peaks in results["memory"].items():
        limit = MEMORY_MB if skill == "ours" else None
        out.append(Figure(f"peak RSS, {skill}", statistics.median(peaks), "MiB", limit))
    return out


REPORT = """\
COLD START, ms: {runs} fresh processes per row, rows taking turns; DynamoDB = moto on loopback;
no apiEndpoint. init = import of the Lambda module, first = its first request, cpu = CPU time
of both, process = the whole process. Interpreter floor (python -c pass, whole process): p50
{floor[0]:.2f} ms, p90 {floor[1]:.2f} ms.
{cold}

WARM LATENCY, ms: lambda_handler in-process, DynamoDB in memory, no apiEndpoint (time zone
from the locale), request types taking turns; the Settings API row points apiEndpoint at the
Alexa stand-in ({settings_calls:.2f} calls a session). off-cpu: requests that waited > 1 ms,
for the network (Settings API) or while the machine ran something else (load: {load}).
{warm}

DYNAMODB CALLS per session ({flow}):
{sessions}

DYNAMODB CALLS on the measured turn only (* = a read-only turn):
{rows}

FIGURES AND TARGETS (peak RSS = VmHWM after import and 50 requests, median of 3 processes):
{figures}"""


def report(results: dict[str, Any]) -> str:
    """The whole report as text."""
    calls, figs = results["calls"], figures(results)
    warm = [
        [k, len(v["wall"]), *_stats(v["wall"], 50, 99), *_stats(v["cpu"], 50, 99), _off_cpu(v)]
        for k, v in results["warm"].items()
    ]
    return REPORT.format(
        runs=len(results["floor"]),
        cold=table(COLD.split("|"), cold_rows(results["cold"])),
        floor=_stats(results["floor"], 50, 90),
        settings_calls=results["settings_calls"],
        warm=table(["request", "n", "p50", "p99", "cpu p50", "cpu p99", "off-cpu"], warm),
        flow=calls["flow"],
        sessions=table(["couple", *OPS], [[s["couple"], *_ops(s)] for s in calls["sessions"]]),
        rows=table(
            ["request", "context", *OPS],
            [[r["request"] + " *" * r["read_only"], r["context"], *_ops(r)] for r in calls["rows"]],
        ),
        figures=table(
            ["figure", "value", "unit", "target", "verdict"],
            [[f.name, float(f.value), f.unit, f.target, f.verdict] for f in figs],
        ),
        load=", ".join(f"{x:.2f}" for x in results["load"]),
    )


def _stats(values: Sequence[float], *qs: float) -> list[float]:
    return [percentile(values, q) for q in qs]


def _off_cpu(times: Runs) -> int:
    """How many requests spent over 1 ms off the CPU (the machine ran something else)."""
    return sum(wall - cpu > 1 for wall, cpu in zip(times["wall"], times["cpu"], strict=True))


def _ops(counts: dict[str, Any]) -> list[int]:
    return [counts[op] for op in OPS]


def measure(runs: int, requests: int) -> dict[str, Any]:
    """Run every measurement; the raw results."""
    from tools.alexa_standin import AlexaStandIn

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
    from tools.envelopes import SKILL_ID

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
    from tools import local_dynamodb

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
    """Run tools.bench_worker in a fresh process: its result, and the process's wall time in ms."""
    done, wall = _run([sys.executable, *flags, "-m", "tools.bench_worker", *args], env)
    lines = [line for line in done.stdout.splitlines() if line.startswith(MARKER)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"bench worker {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1].removeprefix(MARKER)), wall


def _run(command: Sequence[str], env: dict[str, str] | None = None) -> tuple[Any, float]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    return done, (time.perf_counter() - started) * 1000


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, then print the report (or JSON)."""
    from tools import bench_lambda, bench_lambda_report

    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__)
    parser.add_argument("--runs", type=int, default=20, help="fresh processes per row (default 20)")
    parser.add_argument("--requests", type=int, default=2000, help="warm requests per type (2000)")
    lam = parser.add_argument_group("as Lambda runs it (Python 3.13)")
    lam.add_argument("--no-lambda", action="store_true", help="skip the Lambda rows")
    lam.add_argument("--cold-only", action="store_true", help="only the cold rows (full CPU)")
    lam.add_argument("--lambda-runs", type=int, default=15, help="per cold row (15)")
    lam.add_argument("--session-runs", type=int, default=9, help="sessions at the share (9)")
    lam.add_argument("--size-runs", type=int, default=5, help="per memory size (5)")
    lam.add_argument("--memory-mb", type=int, default=_template_memory(), help="template's")
    lam.add_argument("--round-trip-ms", type=float, default=20.0, help="Alexa APIs (20)")
    lam.add_argument("--dynamodb-delay-ms", type=float, default=5.0, help="DynamoDB (5)")
    lam.add_argument("--artifact", type=Path, help="measure this built artifact (else build one)")
    lam.add_argument("--compare", type=Path, default=BEFORE, help="earlier --save file")
    lam.add_argument("--save", type=Path, help="write the Lambda results here (JSON)")
    lam.add_argument("--label", default="", help="what the saved results are, for --compare")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = measure(args.runs, args.requests) if args.runs > 0 else None
    lambda_results = None
    if not args.no_lambda:
        options = bench_lambda.Options(
            runs=args.lambda_runs,
            session_runs=args.session_runs,
            size_runs=args.size_runs,
            memory_mb=args.memory_mb,
            round_trip=args.round_trip_ms / 1000,
            dynamodb_delay=args.dynamodb_delay_ms / 1000,
            artifact=args.artifact,
            cold_only=args.cold_only,
        )
        lambda_results = {**bench_lambda.measure(options), "label": args.label}
        if args.save:
            args.save.write_text(json.dumps(lambda_results, indent=1) + "\n")
    before = json.loads(args.compare.read_text()) if args.compare.is_file() else None
    if args.json:
        out: dict[str, Any] = {"lambda": lambda_results}
        if results is not None:
            heads = [h.replace(", ", "_").replace(" ", "_") for h in COLD.split("|")]
            cold = [dict(zip(heads, row, strict=True)) for row in cold_rows(results["cold"])]
            figs = [dict(asdict(f), target=f.target, verdict=f.verdict) for f in figures(results)]
            out.update({**results, "cold": cold, "warm": None, "figures": figs})
        print(json.dumps(out, indent=1))
        return 0
    if results is not None:
        print(report(results))
    if lambda_results is not None:
        print("\n" + bench_lambda_report.report(lambda_results, before))
    print(f"\nmake bench took {time.perf_counter() - started:.0f} s.")
    return 0


def _template_memory() -> int:
    """The function's MemorySize in template.yaml (256 if it cannot be read)."""
    import re

    found = re.search(r"^\s+MemorySize: (\d+)", (ROOT / "template.yaml").read_text(), re.M)
    return int(found[1]) if found else 256


if __name__ == "__main__":
    raise SystemExit(main())
