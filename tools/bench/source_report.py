"""The source-tree half of `make bench` as text: cold starts, warm latency, calls, figures."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from typing import Any

from tools.bench.table import Figure, percentile, table
from tools.bench.worker import SETTINGS_LABEL

REQUESTS = ("launch", "today")  # a new couple's LaunchRequest; a one-shot TodayStepIntent
FLOOR = "floor: boto3 client + ASK SDK"
RATIO, WARM_P99_MS, MEMORY_MB = 0.8, 3.0, 64.0
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
