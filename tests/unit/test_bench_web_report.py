"""The web load bench's arithmetic: throughput, percentiles and its zero-error verdict."""

from __future__ import annotations

from typing import Any

import pytest

from tools.bench.web_load import summary, verdict


def result(latencies: list[float], seconds: float, errors: dict[str, int]) -> dict[str, Any]:
    """A client result as tools/bench/web_client.py prints it."""
    return {"sent": len(latencies), "seconds": seconds, "latencies_ms": latencies, "errors": errors}


def test_throughput_is_requests_over_the_elapsed_time() -> None:
    """1000 requests in 4 s are 250 requests per second."""
    assert summary(result([5.0] * 1000, 4.0, {}))["rps"] == pytest.approx(250.0)


def test_percentiles_come_from_every_latency() -> None:
    """Latencies 1..100 ms: p50 about 50, p99 about 99, max 100."""
    figures = summary(result([float(n) for n in range(1, 101)], 1.0, {}))
    assert figures["p50"] == pytest.approx(50.5)
    assert figures["p99"] == pytest.approx(99.01)
    assert figures["max"] == 100.0


def test_any_error_fails_the_verdict_and_names_its_kind() -> None:
    """Zero errors pass; one HTTP 400 fails and says so."""
    assert verdict(result([1.0], 1.0, {})).startswith("PASS")
    failed = verdict(result([1.0, 2.0], 1.0, {"HTTP 400": 1}))
    assert failed.startswith("FAIL")
    assert "HTTP 400" in failed
    assert summary(result([1.0, 2.0], 1.0, {"HTTP 400": 1}))["errors"] == 1
