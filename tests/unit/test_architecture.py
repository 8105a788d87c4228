"""The layers keep their arrows pointing one way: a walk over every module's imports (`ast`).

domain -> stdlib only; speech -> domain; alexa -> speech, domain, store, config, logs, metrics
and the ASK SDK; only store.py talks to boto3/botocore; app.py and warm.py wire it all up;
nothing under lambda/ reaches into tools/ or web/. Each module stays under 300 lines.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "lambda" / "reconnect"
WEB = ROOT / "web"
MAX_LINES = 300
ASK = frozenset({"ask_sdk_core", "ask_sdk_model", "ask_sdk_runtime"})
BOTO = frozenset({"boto3", "botocore", "mypy_boto3_dynamodb"})
INFRA = ("reconnect.config", "reconnect.logs", "reconnect.metrics")


@dataclass(frozen=True)
class Layer:
    """What the modules under one prefix may import: our modules, and outside packages."""

    ours: tuple[str, ...]
    outside: frozenset[str] = frozenset()


# The most specific prefix wins: "reconnect.alexa.handlers.x" is in "reconnect.alexa".
LAYERS: dict[str, Layer] = {
    "reconnect.domain": Layer(ours=("reconnect.domain",)),
    "reconnect.speech": Layer(ours=("reconnect.domain", "reconnect.speech")),
    "reconnect.alexa": Layer(
        ours=("reconnect.domain", "reconnect.speech", "reconnect.alexa", "reconnect.store", *INFRA),
        outside=ASK | {"dateutil"},
    ),
    "reconnect.store": Layer(ours=("reconnect.domain", "reconnect.metrics"), outside=BOTO),
    "reconnect.config": Layer(ours=()),
    "reconnect.logs": Layer(ours=()),
    "reconnect.metrics": Layer(ours=("reconnect.domain",)),
    # The wiring: builds the skill from every layer (but never opens boto3 itself).
    "reconnect.app": Layer(ours=("reconnect",), outside=ASK),
    "reconnect.warm": Layer(ours=("reconnect",), outside=ASK | {"snapshot_restore_py"}),
    "reconnect": Layer(ours=()),  # the package's own __init__
}


def module_name(path: Path, root: Path) -> str:
    """The dotted name of a module file under `root` (the `reconnect` package directory)."""
    parts = [root.name, *path.relative_to(root).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, module: str) -> Iterator[tuple[int, str]]:
    """Every module a file imports (function-level and TYPE_CHECKING ones too), with its line."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield node.lineno, target
            if target == "reconnect" or node.level:  # `from reconnect import store`
                for alias in node.names:
                    yield node.lineno, f"{target}.{alias.name}"


def layer_of(module: str) -> tuple[str, Layer]:
    """The layer a module belongs to: the longest prefix of LAYERS it falls under."""
    for prefix in sorted(LAYERS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return prefix, LAYERS[prefix]
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def _within(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def violations(root: Path) -> list[str]:
    """'file:line: module imports target (layer may import ...)' for each wrong-way arrow."""
    found: dict[tuple[Path, int], str] = {}  # the first wrong target on each line
    for path in sorted(root.rglob("*.py")):
        module = module_name(path, root)
        prefix, layer = layer_of(module)
        for line, target in imports(path, module):
            if (path, line) in found:
                continue
            top = target.split(".")[0]
            if top == "reconnect":
                if target == "reconnect" or _within(target, layer.ours):
                    continue
            elif top in sys.stdlib_module_names or top == "__future__" or top in layer.outside:
                continue
            where = path.relative_to(root.parent)
            found[path, line] = f"{where}:{line}: {module} imports {target} ({prefix} may not)"
    return list(found.values())


def test_every_import_under_lambda_points_the_right_way() -> None:
    """GIVEN the skill's package WHEN its imports are walked THEN none crosses a layer wrongly."""
    assert violations(PACKAGE) == []


def test_nothing_but_the_store_talks_to_boto() -> None:
    """boto3 and botocore are imported by store.py alone (the web service never either)."""
    roots = [PACKAGE, *([WEB] if WEB.is_dir() else [])]
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for root in roots
        for path in sorted(root.rglob("*.py"))
        for line, target in imports(path, module_name(path, root))
        if target.split(".")[0] in BOTO and path != PACKAGE / "store.py"
    ]
    assert offenders == []


def _plant(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "reconnect"
    for name, text in {"__init__.py": "", **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


@pytest.mark.parametrize(
    ("name", "text", "offence"),
    [
        ("domain/bad.py", '"""x."""\n\nfrom ask_sdk_core.utils import get_slot\n', ":3: "),
        ("domain/bad.py", "import botocore\n", ":1: reconnect.domain.bad imports botocore"),
        ("speech/bad.py", "from reconnect.alexa.turn import Turn\n", "imports reconnect.alexa"),
        ("speech/bad.py", "from reconnect import store\n", "imports reconnect.store"),
        ("domain/bad.py", "def f():\n    from ..speech import reply\n", ":2: "),
        ("alexa/bad.py", "import tools.console\n", "imports tools.console"),
        ("alexa/bad.py", "from web import service\n", "imports web"),
        ("app.py", "import boto3\n", "reconnect.app imports boto3"),
    ],
)
def test_a_planted_wrong_way_import_is_named_with_its_file_and_line(
    tmp_path: Path, name: str, text: str, offence: str
) -> None:
    """GIVEN a module importing across a layer WHEN the walk runs THEN it names file:line."""
    root = _plant(tmp_path, {"domain/__init__.py": "", name: text})
    found = violations(root)
    assert len(found) == 1
    assert found[0].startswith(f"reconnect/{name}:")
    assert offence in found[0]


def test_right_way_imports_pass_the_walk(tmp_path: Path) -> None:
    """Arrows that point the right way are not flagged (the walk is not just strict)."""
    root = _plant(
        tmp_path,
        {
            "domain/record.py": "import re\nfrom dataclasses import dataclass\n",
            "speech/reply.py": "from reconnect.domain import record\nfrom . import ssml\n",
            "alexa/turn.py": "from ask_sdk_model import Response\nfrom reconnect import store\n",
            "store.py": "import botocore.session\nfrom reconnect.domain.record import Record\n",
        },
    )
    assert violations(root) == []


def test_no_module_under_lambda_is_over_300_lines() -> None:
    """A module past 300 lines is asking to be split."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in sorted((ROOT / "lambda").rglob("*.py"))
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}
