"""Run a built artifact the way Lambda does: a fresh isolated interpreter, the artifact first
on sys.path, only the runtime's own packages after it, a read-only task root dated 1980 (as
SAM's zip dates every file), DynamoDB in moto on loopback and the Alexa APIs on the stand-in.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import stat
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
from moto.server import ThreadedMotoServer

from tools.standins.alexa import AlexaStandIn

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_EVENT = ROOT / "tests" / "events" / "launch_new.json"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
TABLE_NAME = "reconnect-ritual-artifact-test"
REGION = "us-east-1"
ZIP_EPOCH = 315532800  # 1980-01-01T00:00:00Z: the date SAM's zip gives every file

# What the Lambda Python runtime brings: boto3 and its dependencies.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")

# Runs in a fresh, isolated interpreter laid out like Lambda: the artifact first on
# sys.path, then the standard library, then (last) a folder holding only the runtime's
# own packages. `-S` keeps this venv's site-packages (and its .pth hooks) out entirely.
# An audit hook, set before any import, notes every source file under the artifact that
# Python compiles: with the runtime's own bytecode there must be none.
CHILD = r"""
import os
import sys

artifact_prefix = os.path.abspath(sys.argv[1]) + os.sep
compiled = []


def audit(event, args):
    if event == "compile" and isinstance(args[1], str) and args[1].startswith(artifact_prefix):
        compiled.append(args[1][len(artifact_prefix):])


sys.addaudithook(audit)

import json
import sysconfig
import types
from pathlib import Path

artifact = Path(os.path.abspath(sys.argv[1]))
event = json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
runtime = Path(os.path.abspath(sys.argv[3]))
runtime_packages = set(sys.argv[4].split(","))
sys.path.insert(0, str(artifact))
sys.path.append(str(runtime))

from reconnect.app import lambda_handler

context = types.SimpleNamespace(
    aws_request_id="00000000-0000-0000-0000-00000000c0de",
    function_name="reconnect-skill",
    function_version="$LATEST",
    memory_limit_in_mb="256",
    invoked_function_arn="arn:aws:lambda:us-east-1:123456789012:function:reconnect-skill",
    log_group_name="/aws/lambda/reconnect-skill",
    log_stream_name="test",
    get_remaining_time_in_millis=lambda: 6000,
)
result = lambda_handler(event, context)
speech = result["response"]["outputSpeech"]
assert speech["type"] == "SSML", speech
assert speech["ssml"].startswith("<speak>"), speech

stdlib = {Path(os.path.abspath(sysconfig.get_path(n))) for n in ("stdlib", "platstdlib")}
strays = []
for name, module in sorted(sys.modules.items()):
    file = getattr(module, "__file__", None)
    if not file:
        continue
    path = Path(os.path.abspath(file))
    if path.is_relative_to(artifact):
        continue
    if "site-packages" not in path.parts and any(path.is_relative_to(d) for d in stdlib):
        continue
    if name.partition(".")[0] in runtime_packages and path.is_relative_to(runtime):
        continue
    strays.append(f"{name} from {path}")
assert not strays, "imported from outside the artifact: " + ", ".join(strays)

from_artifact = [
    m for m in list(sys.modules.values())
    if getattr(m, "__file__", None) and Path(os.path.abspath(m.__file__)).is_relative_to(artifact)
]
without_pyc = [
    m.__name__ for m in from_artifact
    if not (m.__spec__.cached and os.path.isfile(m.__spec__.cached))
]
print(json.dumps({
    "ssml": speech["ssml"],
    "modules": len(sys.modules),
    "from_artifact": len(from_artifact),
    "compiled": compiled,
    "without_pyc": without_pyc,
    "cache_tag": sys.implementation.cache_tag,
}))
"""


def runtime_folder(folder: Path) -> Path:
    """`folder` filled with only the packages the Lambda runtime brings (links into this venv)."""
    for name in RUNTIME_PACKAGES:
        spec = importlib.util.find_spec(name)
        assert spec is not None, name
        assert spec.origin is not None, name
        origin = Path(spec.origin)
        source = origin.parent if spec.submodule_search_locations is not None else origin
        (folder / source.name).symlink_to(source, target_is_directory=source.is_dir())
    return folder


@contextmanager
def moto_table() -> Iterator[str]:
    """A moto server on loopback holding the skill's table; yields its endpoint."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client(
        "dynamodb",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    client.create_table(
        TableName=TABLE_NAME,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    try:
        yield endpoint
    finally:
        server.stop()


def run_like_lambda(
    python: str,
    artifact: Path,
    runtime: Path,
    dynamodb_endpoint: str,
    standin: AlexaStandIn,
    tmp_path: Path,
) -> dict[str, Any]:
    """Import the artifact in a fresh `python -I -S -B` laid out like Lambda and answer a new
    couple's launch; what the child saw (see CHILD)."""
    event = json.loads(LAUNCH_EVENT.read_text(encoding="utf-8"))
    event["context"]["System"]["apiEndpoint"] = standin.url
    event["context"]["System"]["apiAccessToken"] = standin.token
    event_file = tmp_path / "launch.json"
    event_file.write_text(json.dumps(event), encoding="utf-8")
    environment = {
        "TABLE_NAME": TABLE_NAME,
        "SKILL_ID": SKILL_ID,
        "LOG_LEVEL": "INFO",
        "AWS_REGION": REGION,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_ENDPOINT_URL_DYNAMODB": dynamodb_endpoint,
        "AWS_CONFIG_FILE": str(tmp_path / "no-aws-config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "no-aws-credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_LAMBDA_FUNCTION_NAME": "reconnect-skill",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
        "LAMBDA_TASK_ROOT": str(artifact),
        # The stand-in speaks plain HTTP on loopback; production accepts HTTPS only.
        "ALEXA_API_ALLOW_LOOPBACK_HTTP": "1",
    }
    arguments = [str(artifact), str(event_file), str(runtime), ",".join(RUNTIME_PACKAGES)]
    result = subprocess.run(
        # -B: like Lambda's read-only task root, nothing is written back (not even for the
        # runtime packages borrowed from this venv).
        [python, "-I", "-S", "-B", "-c", CHILD, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=artifact,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    lines = result.stdout.splitlines()
    emf = [json.loads(line) for line in lines if line.startswith('{"_aws"')]
    assert len(emf) == 1, "one metrics line for the one request"
    seen: dict[str, Any] = json.loads(lines[-1])
    return seen


def read_only_copy(artifact: Path, into: Path) -> Path:
    """A copy of the artifact as Lambda's task root is: every file dated 1980 (so only
    hash-based bytecode can be valid) and every write bit cleared."""
    copy = into / "task"
    shutil.copytree(artifact, copy)
    for path in sorted([copy, *copy.rglob("*")], reverse=True):  # files before their folders
        os.utime(path, (ZIP_EPOCH, ZIP_EPOCH))
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return copy


def snapshot(folder: Path) -> dict[str, int]:
    """Every file under `folder` and its size."""
    return {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*")}
