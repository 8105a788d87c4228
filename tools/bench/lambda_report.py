"""`make bench`'s Lambda section as text: figures and verdicts, tables, and what it all costs.

Takes the raw results of tools.bench.lambda_runs.measure() (and, optionally, an earlier run's, to
print beside them): no timing happens here.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from typing import Any

from tools.bench.table import Figure, percentile, table

# AWS Lambda, arm64, us-east-1, first pricing tier: as published on the pricing page (checked
# 2026-12-01; unchanged since arm64 launched in September 2021).
ARM64_GB_SECOND = 0.0000133334
PER_MILLION_REQUESTS = 0.20
PRICE_NOTE = (
    "price: arm64 us-east-1 $0.0000133334 per GB-s and $0.20 per million requests "
    "(AWS Lambda pricing page, checked 2026-12-01)"
)
RATIO, ABOVE_FLOOR_MS = 0.85, 40.0
SESSION_LIMITS = {"launch": 120.0, "together": 150.0, "second launch": 90.0}
SESSION_NAMES = {
    "launch": "launch, new session (Settings API)",
    "together": "together time, same session (six timers)",
    "second launch": "launch, a second session",
}
ARTIFACT_MIB = 5.0


def totals(runs: dict[str, list[float]]) -> list[float]:
    """Init plus first request, run by run."""
    return [i + f for i, f in zip(runs["init"], runs["first"], strict=True)]


def cpu_totals(runs: dict[str, list[float]]) -> list[float]:
    """Init's plus the first request's CPU time, run by run."""
    return [i + f for i, f in zip(runs["init_cpu"], runs["first_cpu"], strict=True)]


def step_values(sessions: Sequence[dict[str, Any]], step: str, key: str) -> list[float]:
    """One step's `key` across the session runs."""
    return [float(run[step][key]) for run in sessions]


def figures(lam: dict[str, Any]) -> list[Figure]:
    """The Lambda figures, each beside its target."""
    cold, share_mb = lam["cold"], lam["options"]["memory_mb"]
    out: list[Figure] = []
    floor = statistics.median(cold["floor"]["init"])
    for request in ("launch", "today"):
        ours = statistics.median(totals(cold[f"ours {request}"]))
        base = statistics.median(totals(cold[f"baseline {request}"]))
        out.append(
            Figure(
                f"3.13 cold start as shipped, {request}: ours / baseline",
                ours / base,
                "",
                RATIO,
                True,
            )
        )
        out.append(
            Figure(
                f"3.13 cold start as shipped, {request}: ours above the SDK floor",
                ours - floor,
                "ms",
                ABOVE_FLOOR_MS,
                True,
            )
        )
        mine, theirs = cpu_totals(cold[f"ours {request}"]), cpu_totals(cold[f"baseline {request}"])
        ratio = statistics.median(mine) / statistics.median(theirs)
        out.append(Figure(f"  {request} in CPU time (unstretched by a busy machine): ratio", ratio))
        above = statistics.median(mine) - statistics.median(cold["floor"]["init_cpu"])
        out.append(Figure(f"  {request} in CPU time: ours above the SDK floor", above, "ms"))
    if "session" in lam:  # absent with --cold-only
        out += _session_figures(lam["session"], share_mb, lam["share_enforced"])
    mib = lam["artifact_bytes"] / 1_048_576
    out.append(Figure("artifact as built, zipped (with its bytecode)", mib, "MiB", ARTIFACT_MIB))
    return out


def _session_figures(
    sessions: Sequence[dict[str, Any]], share_mb: int, share_enforced: bool
) -> list[Figure]:
    """A new couple's session at the template's share: each request, and SSL contexts built."""
    out: list[Figure] = []
    enforced = "" if share_enforced else " (share NOT enforced)"
    for step, limit in SESSION_LIMITS.items():
        value = statistics.median(step_values(sessions, step, "wall"))
        name = f"{share_mb} MB share{enforced}, {SESSION_NAMES[step]}, p50"
        out.append(Figure(name, value, "ms", limit, True))
    built = sum(sum(step_values(sessions, s, "contexts")) for s in SESSION_LIMITS)
    out.append(
        Figure("SSL contexts built after init (every request, every run)", built, "", 0, True)
    )
    return out


def cold_table(cold: dict[str, dict[str, list[float]]]) -> str:
    """p50, p90 and spread (min-max) of init, first request and their sum, per row."""
    rows: list[list[object]] = []
    for name, runs in cold.items():
        total = totals(runs)
        rows.append(
            [
                name,
                percentile(runs["init"], 50),
                percentile(runs["first"], 50),
                percentile(total, 50),
                percentile(total, 90),
                f"{min(total):.0f}-{max(total):.0f}",
                percentile(runs["init_cpu"], 50),
                percentile(runs["first_cpu"], 50),
            ]
        )
    heads = ["row", "init p50", "first p50", "sum p50", "sum p90", "sum range", "init cpu"]
    return table([*heads, "first cpu"], rows)


def session_table(sessions: Sequence[dict[str, Any]], before: Sequence[dict[str, Any]]) -> str:
    """Per request of the session: wall p50/p90/spread, CPU, contexts and connections."""
    rows: list[list[object]] = []
    for step, name in SESSION_NAMES.items():
        wall = step_values(sessions, step, "wall")
        old = f"{statistics.median(step_values(before, step, 'wall')):.1f}" if before else "-"
        rows.append(
            [
                name,
                old,
                percentile(wall, 50),
                percentile(wall, 90),
                f"{min(wall):.0f}-{max(wall):.0f}",
                percentile(step_values(sessions, step, "cpu"), 50),
                max(step_values(sessions, step, "contexts")),
                statistics.median(step_values(sessions, step, "api_connections")),
                statistics.median(step_values(sessions, step, "other_connections")),
            ]
        )
    heads = ["request", "before p50", "p50", "p90", "range", "cpu p50", "SSL ctx", "API conn"]
    return table([*heads, "DynamoDB conn"], rows)


def cost_per_million(memory_mb: int, billed_ms: float) -> float:
    """Dollars per million requests of `billed_ms` each (rounded up to the ms, as billed)."""
    gb_seconds = memory_mb / 1024 * math.ceil(billed_ms) / 1000
    return PER_MILLION_REQUESTS + gb_seconds * ARM64_GB_SECOND * 1_000_000


def size_table(sizes: dict[str, dict[str, Any]]) -> str:
    """Cold start, launch and together time per memory size, and the cost of a request."""
    rows: list[list[object]] = []
    for mb, found in sizes.items():
        sessions = found["session"]
        p50 = {s: statistics.median(step_values(sessions, s, "wall")) for s in SESSION_NAMES}
        cold = statistics.median(totals(found["cold"]["ours launch"]))
        mean = statistics.fmean(p50.values())
        rows.append(
            [
                f"{mb} MB",
                f"{int(mb) / 1769:.1%}",
                cold,
                p50["launch"],
                p50["together"],
                p50["second launch"],
                cost_per_million(int(mb), mean),
                cold * int(mb) / 1024 / 1000 * ARM64_GB_SECOND * 1_000_000,
            ]
        )
    heads = ["memory", "CPU", "cold start", "launch", "together", "2nd launch", "$/M requests"]
    return table([*heads, "$/M cold inits"], rows)


def report(lam: dict[str, Any], before: dict[str, Any] | None = None) -> str:
    """The Lambda section: how it was run, the tables, and the figures (beside `before`'s)."""
    options = lam["options"]
    old = {f.name: f.value for f in figures(before)} if before else {}
    figs = figures(lam)
    rows = [
        [f.name, f"{old[f.name]:.2f}" if f.name in old else "-", float(f.value), *_verdict(f)]
        for f in figs
    ]
    parts = [
        "AS LAMBDA RUNS IT: Python 3.13, fresh processes, init at full CPU, requests under "
        f"MemorySize/1769 of a core; Alexa APIs over HTTPS {options['round_trip_ms']:g} ms away "
        f"(new connection: +2 round trips), DynamoDB {options['dynamodb_delay_ms']:g} ms away.",
        *[f"  {note}" for note in lam["notes"]],
        "",
        f"COLD START, ms, full CPU, no apiEndpoint ({options['runs']} runs per row, taking turns):",
        cold_table(lam["cold"]),
        "",
    ]
    if "session" in lam:  # absent with --cold-only
        parts += [
            f"A NEW COUPLE'S SESSION at the {options['memory_mb']} MB share, ms "
            f"({options['session_runs']} fresh processes; connections opened by each request):",
            session_table(lam["session"], before["session"] if before else []),
            "",
            f"MEMORY SIZES ({options['size_runs']} fresh processes each; cold start = init at "
            "full CPU + first request at the share; $/M requests = the mean of the three "
            "requests):",
            size_table(lam["sizes"]),
            f"  {PRICE_NOTE}",
            "",
        ]
    parts += [
        "LAMBDA FIGURES AND TARGETS" + (f" (before: {before.get('label', '')})" if before else ""),
        table(["figure", "before", "now", "unit", "target", "verdict"], rows),
    ]
    return "\n".join(parts)


def _verdict(figure: Figure) -> list[str]:
    return [figure.unit, figure.target, figure.verdict]
