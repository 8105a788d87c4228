"""`make bench`'s building blocks: a figure beside its target, percentiles, plain-text tables."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured value beside its target: below `limit` (or equal to it, if `equal_ok`)."""

    name: str
    value: float
    unit: str = ""
    limit: float | None = None
    equal_ok: bool = False

    @property
    def verdict(self) -> str:
        """PASS, MISS, or '' when the figure has no target."""
        if self.limit is None:
            return ""
        ok = self.value <= self.limit if self.equal_ok else self.value < self.limit
        return "PASS" if ok else "MISS"

    @property
    def target(self) -> str:
        """The target as text, e.g. '< 3 ms'."""
        if self.limit is None:
            return ""
        return f"{'≤' if self.equal_ok else '<'} {self.limit:g} {self.unit}".rstrip()


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0 to 100), interpolating linearly between the closest ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table: text left-aligned, numbers right-aligned (floats to two places)."""
    cells = [[f"{v:.2f}" if isinstance(v, float) else str(v) for v in row] for row in rows]
    numeric = [
        bool(rows) and all(isinstance(r[i], int | float) for r in rows) for i in range(len(headers))
    ]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]

    def line(values: Sequence[str]) -> str:
        parts = zip(values, widths, numeric, strict=True)
        return "  ".join(v.rjust(w) if n else v.ljust(w) for v, w, n in parts).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *map(line, cells)])
