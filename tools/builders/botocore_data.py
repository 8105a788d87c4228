"""botocore's endpoints.json cut down to the one service the skill calls, for the artifact.

Every botocore client reads endpoints.json (1.2 MB of JSON: about 30 ms of a cold start) for
the partitions, their regions and each service's endpoint variants. The artifact ships a copy
holding every partition and region but only DynamoDB's service entry, taken at build time from
the wheel of the botocore the tests pin (web/requirements.txt; pip downloads it, so the build
needs nothing but the standard library), and `reconnect.store` puts its folder
on the client session's `data_path` (botocore's documented search path, AWS_DATA_PATH), so
botocore reads it instead of its own. Everything else (the DynamoDB model, its endpoint rules,
partitions.json) is still the runtime's own. tests/functional/test_botocore_data.py checks that
clients resolve every region alike with either file.
"""

from __future__ import annotations

import json
import re
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PINS = ROOT / "web" / "requirements.txt"  # where the botocore the tests use is pinned
SERVICES = ("dynamodb",)
FOLDER = Path("reconnect") / "_built" / "botocore"  # inside the artifact


def trimmed(full: dict[str, Any], services: tuple[str, ...] = SERVICES) -> dict[str, Any]:
    """`full` endpoints data with each partition's services cut down to `services`."""
    partitions = [
        {**p, "services": {k: v for k, v in p["services"].items() if k in services}}
        for p in full["partitions"]
    ]
    return {**full, "partitions": partitions}


def builtin_endpoints() -> dict[str, Any]:
    """botocore's own endpoints data (its package's file, whatever AWS_DATA_PATH says)."""
    from botocore.loaders import Loader

    builtin = Loader(
        extra_search_paths=[Loader.BUILTIN_DATA_PATH], include_default_search_paths=False
    )
    data: dict[str, Any] = builtin.load_data("endpoints")
    return data


def pinned_version(pins: Path = PINS) -> str:
    """The botocore version the project pins."""
    found = re.search(r"^botocore==(\S+)", pins.read_text(), re.MULTILINE)
    if found is None:
        raise LookupError(f"botocore is not pinned in {pins}")
    return found[1]


def pinned_endpoints(python: str) -> dict[str, Any]:
    """endpoints.json from the pinned botocore's wheel (`python -m pip download`)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(
            [python, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
             "--no-deps", "--only-binary=:all:", "--dest", folder,
             f"botocore=={pinned_version()}"],
            check=True,
        )  # fmt: skip
        wheel = next(Path(folder).glob("botocore-*.whl"))
        with zipfile.ZipFile(wheel) as archive:
            data: dict[str, Any] = json.loads(archive.read("botocore/data/endpoints.json"))
    return data


def write(folder: Path, full: dict[str, Any]) -> Path:
    """Write `full` endpoints data, trimmed, as endpoints.json into `folder`; its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "endpoints.json"
    path.write_text(json.dumps(trimmed(full), separators=(",", ":")))
    return path
