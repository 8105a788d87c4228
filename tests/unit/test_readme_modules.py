"""Drift: the README's module table ("How a request flows through the code") is the tree.

Rows under `lambda/` are checked strictly: every package there has its row, and a row lists
exactly the modules its folder holds. Rows elsewhere (`tools/`, `web/`...) are only checked
to name folders and modules that exist, since those folders are arranged for people, not
by layer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "lambda" / "reconnect"
STRICT = "lambda/"  # rows whose folder starts with this must match the tree exactly
_TABLE = re.compile(r"<!-- modules[^>]*-->\n(.*?)<!-- /modules -->", re.DOTALL)
_CODE = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class Row:
    """One row of the table: a folder and the modules it lists."""

    folder: str
    modules: tuple[str, ...]


def rows(readme: str) -> list[Row]:
    """The table's rows, from between the README's `modules` markers."""
    found = _TABLE.search(readme)
    assert found is not None, "README.md has no <!-- modules --> table"
    table = []
    for line in found.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 3 or cells[0] in ("where", "---"):
            continue
        folder = _CODE.findall(cells[0])
        assert len(folder) == 1, f"a row names one folder: {line}"
        table.append(Row(folder[0], tuple(_CODE.findall(cells[1]))))
    return table


def packages(package: Path) -> set[str]:
    """Every package folder under `package`, as 'lambda/.../' paths from the repository root."""
    return {f"{init.parent.relative_to(ROOT).as_posix()}/" for init in package.rglob("__init__.py")}


def modules_in(folder: Path) -> set[str]:
    """The modules a folder holds itself (not in sub-packages), without its __init__.py."""
    return {p.name for p in folder.glob("*.py") if p.name != "__init__.py"}


TABLE = rows((ROOT / "README.md").read_text())


def test_every_package_under_lambda_has_its_row() -> None:
    """GIVEN the tree under lambda/ THEN each package is a row, and each row a package."""
    strict = {row.folder for row in TABLE if row.folder.startswith(STRICT)}
    assert strict == packages(PACKAGE)


def test_each_lambda_row_lists_exactly_the_modules_of_its_folder() -> None:
    """A new module without a row, or a row naming a module that moved, fails here."""
    for row in TABLE:
        if row.folder.startswith(STRICT):
            assert sorted(row.modules) == sorted(modules_in(ROOT / row.folder)), row.folder
            assert len(set(row.modules)) == len(row.modules), f"{row.folder} lists one twice"


def test_every_other_row_names_what_exists() -> None:
    """Rows outside lambda/ (tools/, web/) name folders and modules that are there."""
    for row in TABLE:
        assert (ROOT / row.folder).is_dir(), row.folder
        missing = [m for m in row.modules if not (ROOT / row.folder / m).exists()]
        assert missing == [], row.folder


def test_the_table_is_read_as_written() -> None:
    """The parser finds the rows a README table has (so the checks above cannot pass empty)."""
    sample = (
        "<!-- modules -->\n| where | modules | holds |\n| --- | --- | --- |\n"
        "| `lambda/x/` | `a.py`, `b.py` | words |\n| `tools/` | | tools |\n<!-- /modules -->\n"
    )
    assert rows(sample) == [Row("lambda/x/", ("a.py", "b.py")), Row("tools/", ())]
    assert len([r for r in TABLE if r.folder.startswith(STRICT)]) >= 5
