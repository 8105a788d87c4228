"""web/requirements.txt pins exactly what the web service needs at run time, once."""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import distribution, packages_distributions
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
SKILL = ROOT / "lambda" / "reconnect"
OURS = {"web", "reconnect", "tools", "tests"}
LAMBDA_ONLY = {"snapshot-restore-py"}  # in Lambda's runtime only; the skill runs without it


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(path: Path) -> dict[str, str]:
    """Every `name==version` in a requirements file and the files it includes, by name."""
    found: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r "):
            included = pins(path.parent / line.removeprefix("-r ").strip())
            assert not set(included) & set(found), f"pinned twice: {set(included) & set(found)}"
            found.update(included)
        elif line:
            name, _, version = line.partition("==")
            assert version, f"{path.name}: {line!r} is not pinned exactly"
            assert _key(name) not in found, f"{path.name} pins {name} twice"
            found[_key(name)] = version
    return found


def imported_distributions(*folders: Path) -> set[str]:
    """The distributions whose modules the folders import, ours and the stdlib's left out."""
    tops: set[str] = set()
    for module in (path for folder in folders for path in folder.rglob("*.py")):
        for node in _run_time_nodes(ast.parse(module.read_text())):
            if isinstance(node, ast.Import):
                tops.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                tops.add(node.module.split(".")[0])
    third_party = tops - OURS - set(sys.stdlib_module_names) - {"__future__"}
    by_module = packages_distributions()
    return {_key(dist) for top in third_party for dist in by_module[top]} - LAMBDA_ONLY


def _run_time_nodes(tree: ast.AST) -> list[ast.AST]:
    """Every node of `tree` but those under `if TYPE_CHECKING:` (imports for mypy only)."""
    nodes, todo = [], [tree]
    while todo:
        node = todo.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))
    return nodes


def closure(names: set[str]) -> set[str]:
    """`names` and everything they require at run time (no extras), as installed here."""
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for line in distribution(name).requires or []:
            requirement = Requirement(line)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                todo.append(_key(requirement.name))
    return seen


def test_the_web_service_pins_exactly_what_it_imports_and_what_that_needs() -> None:
    """GIVEN web/'s imports and the skill's (which it serves) WHEN their run-time requirements
    are followed THEN web/requirements.txt with the skill's file pins each one, and no other."""
    needed = closure(imported_distributions(WEB, SKILL))
    assert set(pins(WEB / "requirements.txt")) == needed


def test_every_pin_is_the_version_installed_for_the_tests() -> None:
    """The tests run the web service on the versions its requirements pin."""
    for name, version in pins(WEB / "requirements.txt").items():
        assert distribution(name).version == version, name


def test_the_dev_lock_includes_the_web_service_and_pins_nothing_twice() -> None:
    """`make test` installs the web service's pins through requirements-dev.txt's `-r`."""
    lines = (ROOT / "requirements-dev.txt").read_text().splitlines()
    assert "-r web/requirements.txt" in lines
    assert set(pins(WEB / "requirements.txt")) <= set(pins(ROOT / "requirements-dev.txt"))
