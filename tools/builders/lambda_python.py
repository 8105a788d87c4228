"""Find a Python of the Lambda runtime's minor version: only its bytecode is used on Lambda.

Python ignores a .pyc written by another minor version, and Lambda's task root is read-only,
so bytecode made by the wrong interpreter is dead weight: every cold start compiles from source.
Looked for in order: $LAMBDA_PYTHON, the running interpreter, `pythonX.Y` on PATH, pyenv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

ENV = "LAMBDA_PYTHON"


class NoLambdaPython(Exception):
    """No interpreter of the runtime's minor version could be found."""


def find(version: str) -> str:
    """The path of a Python `version` ("3.13"); raise NoLambdaPython naming the ways out."""
    wanted = cache_tag_of(version)
    explicit = os.environ.get(ENV)
    if explicit:
        if tag(explicit) != wanted:
            raise NoLambdaPython(f"{ENV}={explicit} is not a working Python {version}")
        return explicit
    for candidate in candidates(version):
        if tag(candidate) == wanted:
            return candidate
    raise NoLambdaPython(
        f"no Python {version} found to compile the artifact's bytecode (Lambda runs "
        f"python{version} and ignores bytecode from any other version, so every cold start "
        f"would compile the skill and the ASK SDK from source). Either put python{version} "
        f"on PATH (or `pyenv install {version}`), or set {ENV}=/path/to/python{version}, "
        "or build in Lambda's own build image with `sam build --use-container` (needs Docker)."
    )


def cache_tag_of(version: str) -> str:
    """The bytecode cache tag of a CPython minor version: "3.13" -> "cpython-313"."""
    major, minor = version.split(".")
    return f"cpython-{major}{minor}"


def candidates(version: str) -> Iterator[str]:
    """Interpreters that may be Python `version`, best first (each still has to be checked)."""
    if f"{sys.version_info.major}.{sys.version_info.minor}" == version:
        yield sys.executable
    on_path = shutil.which(f"python{version}")
    if on_path:
        yield on_path
    yield from _pyenv(version)


def tag(python: str) -> str | None:
    """The cache tag `python` writes bytecode under (e.g. cpython-313); None if it does not run."""
    try:
        done = subprocess.run(
            [python, "-I", "-c", "import sys; print(sys.implementation.cache_tag)"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except OSError:
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def _pyenv(version: str) -> Iterator[str]:
    """pyenv's installs of `version` (3.13.0, 3.13.5, ...), newest patch release first."""
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    pattern = re.compile(rf"{re.escape(version)}\.(\d+)")
    versions = Path(root) / "versions"
    found: list[tuple[int, Path]] = []
    if versions.is_dir():
        for folder in versions.iterdir():
            match = pattern.fullmatch(folder.name)
            python = folder / "bin" / f"python{version}"
            if match and python.is_file():
                found.append((int(match[1]), python))
    for _, python in sorted(found, reverse=True):
        yield str(python)


def main() -> int:
    """Print the path of the runtime's Python (for the Makefile), or why there is none."""
    from tools.builders.lambda_artifact import LAMBDA_PYTHON_VERSION

    try:
        print(find(LAMBDA_PYTHON_VERSION))
    except NoLambdaPython as error:
        print(f"lambda_python: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
