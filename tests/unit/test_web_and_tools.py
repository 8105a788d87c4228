"""web/ and tools/: the web service pins exactly what it runs; their imports stay in bounds."""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Callable, Iterable
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


def imports(path: Path, run_time_only: bool = False) -> list[tuple[int, str]]:
    """(line, module) for each absolute import in a file; `run_time_only` skips TYPE_CHECKING's."""
    found: list[tuple[int, str]] = []
    todo: list[ast.AST] = [ast.parse(path.read_text())]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        if run_time_only and isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            todo.extend(node.orelse)
        else:
            todo.extend(ast.iter_child_nodes(node))
    return sorted(found)


def imported_distributions(*folders: Path) -> set[str]:
    """The distributions whose modules the folders import, ours and the stdlib's left out."""
    modules = [path for folder in folders for path in folder.rglob("*.py")]
    tops = {name.split(".")[0] for path in modules for _, name in imports(path, True)}
    third_party = tops - OURS - set(sys.stdlib_module_names) - {"__future__"}
    by_module = packages_distributions()
    return {_key(dist) for top in third_party for dist in by_module[top]} - LAMBDA_ONLY


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


def _reaching(paths: Iterable[Path], allowed: Callable[[str], bool]) -> list[str]:
    return [
        f"{path.relative_to(ROOT)}:{line}: {name}"
        for path in sorted(paths)
        for line, name in imports(path)
        if not allowed(name)
    ]


def test_the_web_service_imports_nothing_of_tools_or_tests() -> None:
    """web/ runs on a host from its own requirements: the skill and the SDK, never dev code."""
    assert (
        _reaching(WEB.rglob("*.py"), lambda name: name.split(".")[0] not in {"tools", "tests"})
        == []
    )


def _stdlib_or_builders(name: str) -> bool:
    top = name.split(".")[0]
    return (
        top in sys.stdlib_module_names or top == "__future__" or name.startswith("tools.builders")
    )


def test_the_lambda_artifact_builder_needs_only_the_standard_library() -> None:
    """`sam build` runs tools/builders/lambda_artifact.py with a bare Python and no venv."""
    builder = (ROOT / "tools" / "builders").glob("lambda_*.py")
    assert _reaching(builder, _stdlib_or_builders) == []
