"""`make bench`'s report: percentiles, verdicts and tables from given figures (no timing here)."""

from __future__ import annotations

from typing import Any

import pytest

from tools.bench.source_report import FLOOR, cold_rows, figures, report, totals
from tools.bench.table import Figure, percentile, table
from tools.bench.worker import SETTINGS_LABEL


def results(
    ours_ms: float = 80.0, gets: int = 1, read_only_puts: int = 0, p99_ms: float = 0.5
) -> dict[str, Any]:
    """Raw results as measure() returns them, with every number chosen by the test."""

    def runs(init: float) -> dict[str, list[float]]:
        return {"init": [init] * 3, "first": [20.0] * 3, "cpu": [init] * 3, "wall": [init + 40] * 3}

    def times(ms: float) -> dict[str, list[float]]:
        return {"wall": [ms] * 100, "cpu": [ms] * 100}

    row = {"request": "AMAZON.HelpIntent", "context": "in session", "GetItem": 0, "DeleteItem": 0}
    return {
        "floor": [10.0, 12.0, 14.0],
        "cold": {
            "ours launch": runs(ours_ms),
            "baseline launch": runs(180.0),
            "ours today": runs(ours_ms),
            "baseline today": runs(180.0),
            FLOOR: runs(150.0),
        },
        "warm": {"LaunchRequest (returning)": times(p99_ms), SETTINGS_LABEL: times(p99_ms + 1)},
        "settings_calls": 1.0,
        "calls": {
            "flow": "launch, yes, next step, help, stop",
            "sessions": [{"couple": "new couple", "GetItem": gets, "PutItem": 3, "DeleteItem": 0}],
            "rows": [{**row, "read_only": True, "PutItem": read_only_puts}],
        },
        "memory": {"ours": [40.0, 50.0, 45.0], "baseline": [55.0, 55.0, 55.0]},
        "load": (0.5, 0.4, 0.3),
    }


def verdicts(raw: dict[str, Any]) -> dict[str, str]:
    """Each figure's verdict by name."""
    return {figure.name: figure.verdict for figure in figures(raw)}


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([5.0], 99, 5.0),
        ([1.0, 2.0, 3.0, 4.0, 5.0], 50, 3.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 0, 1.0),
        ([4.0, 1.0, 3.0, 2.0], 100, 4.0),
        ([float(n) for n in range(1, 101)], 99, 99.01),
        ([float(n) for n in range(1, 101)], 90, 90.1),
    ],
)
def test_percentile_interpolates_between_closest_ranks(
    values: list[float], q: float, expected: float
) -> None:
    """Percentiles interpolate linearly, whatever the order of the values."""
    assert percentile(values, q) == pytest.approx(expected)


def test_percentile_of_nothing_is_an_error() -> None:
    """An empty sample has no percentile."""
    with pytest.raises(ValueError, match="no values"):
        percentile([], 50)


@pytest.mark.parametrize(
    ("figure", "verdict", "target"),
    [
        (Figure("p99", 2.9, "ms", 3.0), "PASS", "< 3 ms"),
        (Figure("p99", 3.0, "ms", 3.0), "MISS", "< 3 ms"),
        (Figure("ratio", 0.8, "", 0.8, equal_ok=True), "PASS", "≤ 0.8"),
        (Figure("ratio", 0.81, "", 0.8, equal_ok=True), "MISS", "≤ 0.8"),
        (Figure("writes", 0, "", 0, equal_ok=True), "PASS", "≤ 0"),
        (Figure("baseline RSS", 99.0, "MiB"), "", ""),
    ],
)
def test_a_figure_passes_only_inside_its_target(figure: Figure, verdict: str, target: str) -> None:
    """Strict targets miss at the limit, ≤ targets pass at it, and no target means no verdict."""
    assert figure.verdict == verdict
    assert figure.target == target


def test_table_aligns_text_left_and_numbers_right() -> None:
    """Columns are as wide as their widest cell; floats get two decimals."""
    text = table(["name", "ms"], [["launch", 1.5], ["help", 12.25]])
    assert text.splitlines() == [
        "name       ms",
        "------  -----",
        "launch   1.50",
        "help    12.25",
    ]


def test_cold_rows_add_init_and_first_request_run_by_run() -> None:
    """The sum column is the percentile of per-run sums, not a sum of percentiles."""
    runs = {"init": [100.0, 10.0], "first": [1.0, 50.0], "cpu": [1.0, 1.0], "wall": [2.0, 2.0]}
    assert totals(runs) == [101.0, 60.0]
    (row,) = cold_rows({"ours launch": runs})
    assert row[0] == "ours launch"
    assert row[5] == pytest.approx(80.5)  # sum p50


def test_figures_pass_when_every_target_is_met() -> None:
    """GIVEN a fast, frugal skill THEN every figure with a target passes."""
    found = verdicts(results())
    assert set(found.values()) == {"PASS", ""}
    assert found["cold init + first request, launch, ours / baseline"] == "PASS"


def test_cold_start_ratio_is_ours_over_the_baseline() -> None:
    """(80 + 20) / (180 + 20) is 0.5; (180 + 20) / (180 + 20) misses the 0.8 target."""
    by_name = {f.name: f for f in figures(results())}
    assert by_name["cold init + first request, today, ours / baseline"].value == pytest.approx(0.5)
    missed = verdicts(results(ours_ms=180.0))
    assert missed["cold init + first request, launch, ours / baseline"] == "MISS"


def test_a_second_get_item_or_a_write_on_a_read_only_turn_misses() -> None:
    """Two GetItems in one session, or one write on a read-only turn, each miss their target."""
    assert verdicts(results(gets=2))["GetItem per session (the most in any session)"] == "MISS"
    found = verdicts(results(read_only_puts=1))
    assert found["writes on read-only turns (all of them)"] == "MISS"


def test_slow_warm_requests_miss_but_the_settings_api_row_has_no_target() -> None:
    """A 4 ms p99 misses; the Settings API row is shown for comparison only."""
    found = verdicts(results(p99_ms=4.0))
    assert found["warm p99, slowest request type, wall time"] == "MISS"
    assert found["Settings API call on a session's first request, p50"] == ""


def test_report_shows_every_section_and_verdict() -> None:
    """The printed report names each section and ends with the figures and their verdicts."""
    text = report(results(ours_ms=180.0))
    for heading in ("COLD START", "WARM LATENCY", "DYNAMODB CALLS per session", "FIGURES"):
        assert heading in text
    assert "MISS" in text
    assert "AMAZON.HelpIntent *" in text  # read-only turns are marked
