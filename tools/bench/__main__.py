"""`make bench`: cold start, warm latency, DynamoDB calls, memory and artifact size, as a table.

Not a test: it prints figures, each beside its target. First the source tree on this Python
(cold starts in fresh processes, tools/bench/worker.py; Reconnect Ritual and a baseline built
like the official Alexa samples, tools/bench/baseline.py, taking turns, DynamoDB in moto's server
on loopback), then the artifact as Lambda runs it (tools/bench/lambda_runs.py: Python 3.13,
read-only, the request's CPU share, the Alexa APIs over HTTPS), beside an earlier run's figures.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from tools.bench import lambda_report, lambda_runs, source_tree
from tools.bench.source_report import COLD, cold_rows, figures, report

ROOT = Path(__file__).resolve().parents[2]
BEFORE = ROOT / "bench" / "issue-10-before.json"  # the Lambda figures before issue 10's changes


def main(argv: Sequence[str] | None = None) -> int:
    """Measure, then print the report (or JSON)."""
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
    results = source_tree.measure(args.runs, args.requests) if args.runs > 0 else None
    lambda_results = None
    if not args.no_lambda:
        options = lambda_runs.Options(
            runs=args.lambda_runs,
            session_runs=args.session_runs,
            size_runs=args.size_runs,
            memory_mb=args.memory_mb,
            round_trip=args.round_trip_ms / 1000,
            dynamodb_delay=args.dynamodb_delay_ms / 1000,
            artifact=args.artifact,
            cold_only=args.cold_only,
        )
        lambda_results = {**lambda_runs.measure(options), "label": args.label}
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
        print("\n" + lambda_report.report(lambda_results, before))
    print(f"\nmake bench took {time.perf_counter() - started:.0f} s.")
    return 0


def _template_memory() -> int:
    """The function's MemorySize in template.yaml (256 if it cannot be read)."""
    import re

    found = re.search(r"^\s+MemorySize: (\d+)", (ROOT / "template.yaml").read_text(), re.M)
    return int(found[1]) if found else 256


if __name__ == "__main__":
    raise SystemExit(main())
