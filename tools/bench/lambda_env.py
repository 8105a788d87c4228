"""What `make bench` needs to run code the way Lambda runs it: the runtime's Python (3.13), its
boto3, the artifact as built on a read-only mount, the baseline as the samples deploy it, and
a CPU share per memory size (cgroup v1). Each returns what it did, to be said in the report.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "build" / "bench"
LAMBDA_VERSION = "3.13"
# Lambda gives a function MemorySize/1769 of a core while a request runs.
MB_PER_CORE = 1769
CPU_PERIOD_US = 100_000
CGROUP_CPU = Path("/sys/fs/cgroup/cpu")
# The Python runtime's own packages (boto3 and its kin), at the versions the tests use.
RUNTIME = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "python-dateutil", "six")
# The baseline's requirements, as the samples pip-install them (ask-sdk-core pulls requests).
BASELINE = (
    "ask-sdk-core",
    "ask-sdk-runtime",
    "ask-sdk-model",
    "ask-sdk-dynamodb-persistence-adapter",
    "requests",
    "urllib3",
    "certifi",
    "idna",
    "charset-normalizer",
    "python-dateutil",
    "six",
)


class BenchSetupError(RuntimeError):
    """Something the Lambda rows need could not be prepared."""


def lambda_python() -> Path:
    """The runtime's minor version from pyenv ($BENCH_PYTHON overrides)."""
    chosen = os.environ.get("BENCH_PYTHON")
    if chosen:
        return Path(chosen)
    try:
        root = subprocess.run(
            ["pyenv", "root"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        root = str(Path.home() / ".pyenv")
    found = sorted(Path(root, "versions").glob(f"{LAMBDA_VERSION}.*/bin/python{LAMBDA_VERSION}"))
    if not found:
        raise BenchSetupError(f"no Python {LAMBDA_VERSION} under {root}/versions")
    return found[-1]


def pins(names: tuple[str, ...]) -> list[str]:
    """`name==version` for each name, from the project's lock (requirements-dev.txt and the
    web service's and the skill's requirements it includes)."""
    found: dict[str, str] = {}
    lock = (
        ROOT / "requirements-dev.txt",
        ROOT / "web" / "requirements.txt",
        ROOT / "lambda" / "requirements.txt",
    )
    for line in "\n".join(f.read_text() for f in lock).splitlines():
        match = re.match(r"^([A-Za-z0-9_.-]+)==(\S+)", line.strip())
        if match:
            found[re.sub(r"[-_.]+", "-", match[1]).lower()] = match[2]
    missing = [n for n in names if n not in found]
    if missing:
        raise BenchSetupError(f"not pinned in requirements-dev.txt: {missing}")
    return [f"{name}=={found[name]}" for name in names]


def _installed(python: Path, folder: Path, requirements: list[str]) -> Path:
    """pip-install `requirements` (no deps: they are the whole list) into `folder`, once."""
    stamp = folder / ".bench-pins"
    wanted = "\n".join([str(python), *requirements])
    if stamp.is_file() and stamp.read_text() == wanted:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    command += ["--no-deps", "--target", str(folder), *requirements]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchSetupError(f"pip install into {folder} failed:\n{done.stderr[-2000:]}")
    stamp.write_text(wanted)
    return folder


def runtime_packages(python: Path) -> Path:
    """boto3 and its kin for `python`, with bytecode, as the Lambda runtime has them."""
    return _installed(python, CACHE / f"runtime-{LAMBDA_VERSION}", pins(RUNTIME))


def baseline_package(python: Path) -> Path:
    """The baseline as the official samples deploy it: requirements pip-installed (with their
    bytecode), the skill module beside them, everything compiled."""
    folder = _installed(python, CACHE / f"baseline-{LAMBDA_VERSION}", pins(BASELINE))
    shutil.copy2(ROOT / "tools" / "bench" / "baseline.py", folder / "bench_baseline.py")
    for source in (ROOT / "lambda" / "reconnect", ROOT / "content"):
        shutil.rmtree(folder / source.name, ignore_errors=True)
        shutil.copytree(source, folder / source.name, ignore=shutil.ignore_patterns("__pycache__"))
    _compile(python, folder, "timestamp")
    return folder


def has_bytecode(folder: Path, python_tag: str = "cpython-313") -> bool:
    """Whether the skill's own package in `folder` carries bytecode for that interpreter."""
    return any((folder / "reconnect" / "__pycache__").glob(f"*.{python_tag}.pyc"))


def compile_fallback(python: Path, folder: Path) -> None:
    """FALLBACK for an artifact built without bytecode: compile it as issue 9's build will."""
    _compile(python, folder, "unchecked-hash")


def _compile(python: Path, folder: Path, mode: str) -> None:
    command = [str(python), "-m", "compileall", "-q", "-j", "0"]
    command += ["--invalidation-mode", mode, str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BenchSetupError(f"compileall {folder} failed:\n{done.stdout[-2000:]}")


@contextmanager
def read_only(folder: Path, where: Path) -> Iterator[tuple[Path, str]]:
    """`folder` seen read-only at `where` (a bind mount, as root); yields the path and how."""
    where.mkdir(parents=True, exist_ok=True)
    mounted = subprocess.run(["mount", "--bind", str(folder), str(where)], capture_output=True)
    if mounted.returncode == 0:
        remounted = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(where)], capture_output=True
        )
        try:
            if remounted.returncode == 0:
                yield where, "a read-only bind mount"
                return
        finally:
            subprocess.run(["umount", str(where)], capture_output=True, check=False)
    yield folder, "not read-only (no bind mount here): -B and PYTHONDONTWRITEBYTECODE only"


def cpu_share(memory_mb: int) -> float:
    """The fraction of one core Lambda gives a request at this MemorySize."""
    return memory_mb / MB_PER_CORE


@contextmanager
def cpu_group(memory_mb: int) -> Iterator[Path | None]:
    """A cgroup-v1 cpu group limited to `memory_mb`'s share; None where it cannot be made."""
    group = CGROUP_CPU / f"reconnect-bench-{os.getpid()}-{memory_mb}"
    try:
        group.mkdir()
        (group / "cpu.cfs_period_us").write_text(str(CPU_PERIOD_US))
        quota = round(CPU_PERIOD_US * cpu_share(memory_mb))
        (group / "cpu.cfs_quota_us").write_text(str(max(quota, 1000)))
    except OSError:
        if group.is_dir():
            group.rmdir()
        yield None
        return
    try:
        yield group
    finally:
        _remove(group)


def _remove(group: Path) -> None:
    """Move any process left in `group` back to the root group, then remove it."""
    for pid in (group / "cgroup.procs").read_text().split():
        try:
            (CGROUP_CPU / "cgroup.procs").write_text(pid)
        except OSError:
            continue
    group.rmdir()
