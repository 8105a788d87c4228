"""Build the Lambda artifact: what `sam build` (template.yaml's makefile build) ships.

The folder holds the pinned runtime dependencies (wheels for the Lambda platform, no
boto3: the runtime has it), the `reconnect` package and `content/` beside it, which is
where `reconnect` looks for its content first; what the build prepares for init to read
(reconnect/_built/: botocore's endpoints cut down to DynamoDB, tools/builders/botocore_data.py; the
content as loaded and checked, reconnect/speech/content_snapshot.py); and
bytecode for every module, compiled by the runtime's own minor version with hash-based
invalidation (SAM zips every file dated 1980, so timestamp-checked .pyc would never
validate, and Lambda's disk is read-only).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

from tools.builders import botocore_data, lambda_python

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_OUT = ROOT / "build" / "lambda"
REQUIREMENTS = ROOT / "lambda" / "requirements.txt"
PACKAGE = ROOT / "lambda" / "reconnect"
CONTENT = ROOT / "content"

# Must match the function in template.yaml (Runtime python3.13, Architectures arm64);
# tests/functional/test_template.py checks that they agree.
LAMBDA_PYTHON_VERSION = "3.13"
LAMBDA_PLATFORM = "manylinux2014_aarch64"
CACHE_TAG = lambda_python.cache_tag_of(LAMBDA_PYTHON_VERSION)

_IGNORE = shutil.ignore_patterns("__pycache__", "*.py[co]", ".DS_Store", "_built")


class ArtifactError(Exception):
    """The artifact cannot be built as asked."""


def build(out: Path = DEFAULT_OUT, bytecode: bool = True) -> Path:
    """Build the artifact into `out` (emptied first) and return its path.

    `bytecode=False` leaves the modules as source only, which is how the artifact shipped
    before; it exists to measure the difference, never for a deploy.
    """
    try:
        python = lambda_python.find(LAMBDA_PYTHON_VERSION) if bytecode else None
    except lambda_python.NoLambdaPython as error:
        raise ArtifactError(str(error)) from error
    out = out.resolve()
    _clear(out)
    _install_requirements(out, python)
    for source in (PACKAGE, CONTENT):
        if not source.is_dir():
            raise ArtifactError(f"{source} is missing")
        shutil.copytree(source, out / source.name, ignore=_IGNORE)
    installer = python if python is not None and _has_pip(python) else sys.executable
    botocore_data.write(out / botocore_data.FOLDER, botocore_data.pinned_endpoints(installer))
    _snapshot_content(out, python or sys.executable)
    if python is not None:
        _compile(out, python)
        missing = without_bytecode(out)
        if missing:
            raise ArtifactError(f"no {CACHE_TAG} bytecode for {len(missing)}: {missing[:5]}")
    return out


def without_bytecode(folder: Path) -> list[str]:
    """Modules under `folder` with no hash-based .pyc for the Lambda runtime, as relative paths."""
    missing = []
    for source in sorted(folder.rglob("*.py")):
        pyc = source.parent / "__pycache__" / f"{source.stem}.{CACHE_TAG}.pyc"
        if not pyc.is_file() or not _hash_based(pyc):
            missing.append(source.relative_to(folder).as_posix())
    return missing


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
    parser = argparse.ArgumentParser(
        prog="python -m tools.builders.lambda_artifact", description=__doc__
    )
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
        print(f"lambda_artifact: {error}", file=sys.stderr)
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


def _install_requirements(out: Path, python: str | None) -> None:
    """Install the pinned runtime dependencies, as wheels for the Lambda platform."""
    installer = python if python is not None and _has_pip(python) else sys.executable
    subprocess.run(
        [
            installer,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--root-user-action=ignore",
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


# Run by the runtime's Python on the artifact's own code (the standard library is all it needs).
_SNAPSHOT = (
    "import sys; from pathlib import Path; "
    "from reconnect.speech import content, content_snapshot; "
    "c = Path(sys.argv[1]); content_snapshot.write(content.load(c), c, content.SNAPSHOT)"
)


def _snapshot_content(out: Path, python: str) -> None:
    """Load and check the artifact's content/ once, and save it for init to read back."""
    done = subprocess.run(
        [python, "-B", "-c", _SNAPSHOT, str(out / CONTENT.name)],
        env=dict(os.environ, PYTHONPATH=str(out)),
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise ArtifactError(f"content/ does not load:\n{done.stderr[-2000:]}")


def _has_pip(python: str) -> bool:
    done = subprocess.run([python, "-m", "pip", "--version"], capture_output=True, check=False)
    return done.returncode == 0


def _compile(out: Path, python: str) -> None:
    """Compile every module with `python`, hash-based and unchecked: Lambda never rewrites them.

    Unchecked means the source is never read again: a module edited after the build (in the
    Lambda console, say) keeps running its old bytecode. Rebuild instead.

    ask_sdk_model's docstrings hold invalid escape sequences: Python 3.12+ warns about each one
    (about sixty SyntaxWarnings) when compiling. They are harmless, and silenced here; a module
    that does not compile still fails the build.
    """
    done = subprocess.run(
        [
            python,
            "-W",
            "ignore::SyntaxWarning",
            "-m",
            "compileall",
            "-q",
            "-j",
            "0",
            "--invalidation-mode",
            "unchecked-hash",
            str(out),
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONWARNINGS="ignore::SyntaxWarning"),
        check=False,
    )
    if done.returncode != 0:
        raise ArtifactError(f"compileall failed:\n{(done.stdout + done.stderr)[-3000:]}")


def _hash_based(pyc: Path) -> bool:
    """Whether a .pyc is hash-based (PEP 552: bit 0 of the flags after the magic number)."""
    with pyc.open("rb") as handle:
        header = handle.read(8)
    return len(header) == 8 and bool(int.from_bytes(header[4:8], "little") & 1)


def _files(folder: Path) -> list[Path]:
    """Every file under `folder`, in a stable order."""
    return sorted(path for path in folder.rglob("*") if path.is_file())


if __name__ == "__main__":
    raise SystemExit(main())
