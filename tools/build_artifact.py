"""Build the Lambda artifact exactly as `sam deploy` ships it (template.yaml CodeUri).

The folder holds the pinned runtime dependencies (wheels for the Lambda platform, no
boto3: the runtime has it), the `reconnect` package and `content/` beside it, which is
where `reconnect` looks for its content first.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "build" / "lambda"
REQUIREMENTS = ROOT / "lambda" / "requirements.txt"
PACKAGE = ROOT / "lambda" / "reconnect"
CONTENT = ROOT / "content"

# Must match the function in template.yaml (Runtime python3.13, Architectures arm64);
# tests/functional/test_template.py checks that they agree.
LAMBDA_PYTHON_VERSION = "3.13"
LAMBDA_PLATFORM = "manylinux2014_aarch64"

_IGNORE = shutil.ignore_patterns("__pycache__", "*.py[co]", ".DS_Store")


class ArtifactError(Exception):
    """The artifact cannot be built as asked."""


def build(out: Path = DEFAULT_OUT) -> Path:
    """Build the artifact into `out` (emptied first) and return its path."""
    out = out.resolve()
    _clear(out)
    _install_requirements(out)
    for source in (PACKAGE, CONTENT):
        if not source.is_dir():
            raise ArtifactError(f"{source} is missing")
        shutil.copytree(source, out / source.name, ignore=_IGNORE)
    return out


def zipped_size(folder: Path) -> int:
    """Return the size in bytes of `folder` zipped (deflated), as Lambda would receive it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in _files(folder):
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.tell()


def file_count(folder: Path) -> int:
    """Return the number of files in `folder`, recursively."""
    return len(_files(folder))


def main(argv: Sequence[str] | None = None) -> int:
    """Build the artifact and print its zipped size and file count."""
    parser = argparse.ArgumentParser(prog="python -m tools.build_artifact", description=__doc__)
    parser.add_argument(
        "--out",
        type=Path,
        default=DEFAULT_OUT,
        help="folder to build into, emptied first (default: build/lambda)",
    )
    args = parser.parse_args(argv)
    try:
        out = build(args.out)
    except (ArtifactError, subprocess.CalledProcessError) as error:
        print(f"build_artifact: {error}", file=sys.stderr)
        return 1
    size = zipped_size(out)
    print(f"{out}: {file_count(out)} files, {size:,} bytes zipped ({size / 1_048_576:.2f} MiB)")
    return 0


def _clear(out: Path) -> None:
    """Empty `out`, refusing to wipe a folder that is not a previous artifact."""
    if out.exists():
        if out == ROOT or out in ROOT.parents or (out / ".git").exists():
            raise ArtifactError(f"refusing to empty {out}: it holds the repository")
        if any(out.iterdir()) and not (out / PACKAGE.name).is_dir():
            raise ArtifactError(f"refusing to empty {out}: it does not look like an artifact")
        shutil.rmtree(out)
    out.mkdir(parents=True)


def _install_requirements(out: Path) -> None:
    """Install the pinned runtime dependencies, as wheels for the Lambda platform."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-compile",
            "--only-binary=:all:",
            "--implementation=cp",
            f"--python-version={LAMBDA_PYTHON_VERSION}",
            f"--platform={LAMBDA_PLATFORM}",
            "--target",
            str(out),
            "--requirement",
            str(REQUIREMENTS),
        ],
        check=True,
    )


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, in a stable order."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


if __name__ == "__main__":
    raise SystemExit(main())
