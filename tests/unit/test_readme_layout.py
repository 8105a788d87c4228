"""Drift: the README's table of web/ and tools/ names every module there, and only those."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROW = re.compile(r"^\| `((?:web|tools/\w+)/)` \| (.+) \|$", re.M)


def readme_rows() -> dict[str, list[str]]:
    """Folder -> the file names (or patterns) its row names in backticks."""
    readme = (ROOT / "README.md").read_text()
    return {
        folder: re.findall(r"`([\w*.]+\.(?:py|txt))`", holds)
        for folder, holds in ROW.findall(readme)
    }


def folders() -> set[str]:
    """web/ and every package under tools/, as the README writes them."""
    packages = {
        f"tools/{p.name}/" for p in (ROOT / "tools").iterdir() if (p / "__init__.py").is_file()
    }
    return packages | {"web/"}


def test_every_folder_of_web_and_tools_has_a_row() -> None:
    """GIVEN the folders beside the Lambda package THEN the README has one row for each."""
    assert set(readme_rows()) == folders()


def test_each_row_names_every_module_of_its_folder_and_nothing_missing() -> None:
    """GIVEN a row WHEN its names are matched against its folder THEN each module is named
    (by name or pattern) and each name or pattern matches a file that exists."""
    for folder, names in readme_rows().items():
        files = {p.name for p in (ROOT / folder).iterdir() if p.is_file()}
        modules = {name for name in files if name.endswith(".py")} - {"__init__.py"}
        unnamed = {m for m in modules if not any(fnmatch(m, name) for name in names)}
        assert not unnamed, f"README's {folder} row does not name {sorted(unnamed)}"
        stale = [name for name in names if not any(fnmatch(f, name) for f in files)]
        assert not stale, f"README's {folder} row names {stale}, which {folder} does not hold"
