"""`make bench`'s Lambda section: verdicts and costs from given figures (no timing here)."""

from __future__ import annotations

from typing import Any

import pytest

from tools.bench.lambda_report import cost_per_million, figures, report


def lambda_results(ours: float = 600.0, launch: float = 100.0, contexts: int = 0) -> dict[str, Any]:
    """Raw Lambda results as lambda_runs.measure() returns them, every number chosen here."""

    def runs(init: float, first: float = 20.0) -> dict[str, list[float]]:
        return {
            "init": [init] * 3,
            "first": [first] * 3,
            "init_cpu": [init] * 3,
            "first_cpu": [first] * 3,
        }

    def session(wall: float) -> dict[str, Any]:
        step = {"cpu": 5.0, "contexts": contexts, "api_connections": 0, "other_connections": 0}
        return {
            "launch": {**step, "wall": wall},
            "together": {**step, "wall": 140.0},
            "second launch": {**step, "wall": 80.0},
        }

    cold = {
        "ours launch": runs(ours),
        "ours today": runs(ours),
        "baseline launch": runs(780.0),
        "baseline today": runs(780.0),
        "floor": runs(600.0, 0.0),
    }
    sessions = [session(launch)] * 3
    return {
        "notes": ["a note"],
        "artifact_bytes": 3 * 1_048_576,
        "cold": cold,
        "cold_share": {"ours launch": runs(ours)},
        "session": sessions,
        "sizes": {"256": {"cold": {"ours launch": runs(ours)}, "session": sessions}},
        "share_enforced": True,
        "options": {
            "memory_mb": 256,
            "round_trip_ms": 20.0,
            "dynamodb_delay_ms": 5.0,
            "runs": 3,
            "session_runs": 3,
            "size_runs": 3,
        },
    }


def verdicts(raw: dict[str, Any]) -> dict[str, str]:
    """Each figure's verdict by name."""
    return {figure.name: figure.verdict for figure in figures(raw)}


def test_a_lean_fast_skill_passes_every_lambda_target() -> None:
    """GIVEN (600 + 20) against (780 + 20) and a 100 ms launch THEN every verdict is a pass."""
    found = verdicts(lambda_results())
    assert set(found.values()) == {"PASS", ""}
    by_name = {f.name: f.value for f in figures(lambda_results())}
    assert by_name["3.13 cold start as shipped, launch: ours / baseline"] == pytest.approx(0.775)
    assert by_name["3.13 cold start as shipped, launch: ours above the SDK floor"] == 20.0


def test_a_slow_launch_a_heavy_init_or_a_late_ssl_context_each_miss() -> None:
    """Each target misses on its own: a 121 ms launch, an init 41 ms above the floor, one SSL
    context built during a request."""
    assert (
        verdicts(lambda_results(launch=121.0))[
            "256 MB share, launch, new session (Settings API), p50"
        ]
        == "MISS"
    )
    heavy = verdicts(lambda_results(ours=621.0))
    assert heavy["3.13 cold start as shipped, today: ours above the SDK floor"] == "MISS"
    late = verdicts(lambda_results(contexts=1))
    assert late["SSL contexts built after init (every request, every run)"] == "MISS"


def test_cost_per_million_requests_is_the_request_price_plus_gb_seconds() -> None:
    """256 MB for 100 ms: 0.025 GB-s a request; a million of them at the arm64 price, plus
    $0.20 for the requests. A fraction of a millisecond is billed as a whole one."""
    assert cost_per_million(256, 100.0) == pytest.approx(0.20 + 25_000 * 0.0000133334)
    assert cost_per_million(256, 99.2) == cost_per_million(256, 100.0)


def test_the_report_prints_each_section_and_the_earlier_run_beside() -> None:
    """The report names its sections, and with an earlier run prints its figures beside."""
    text = report(lambda_results(), {**lambda_results(launch=300.0), "label": "old"})
    for heading in ("AS LAMBDA RUNS IT", "COLD START", "SESSION", "MEMORY SIZES", "FIGURES"):
        assert heading in text
    assert "300.00" in text
    assert "(before: old)" in text
