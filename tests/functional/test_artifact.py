"""The Lambda artifact carries everything the skill needs, and nothing the runtime provides."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from moto.server import ThreadedMotoServer

from tools import build_artifact
from tools.alexa_standin import AlexaStandIn

ROOT = Path(__file__).resolve().parents[2]
LAUNCH_EVENT = ROOT / "tests" / "events" / "launch_new.json"
SKILL_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
TABLE_NAME = "reconnect-ritual-artifact-test"
REGION = "us-east-1"
MAX_ZIPPED_BYTES = 5 * 1024 * 1024

# Never shipped: the runtime has boto3 and its kin (a second copy would only add weight and
# drift from the runtime's), and `requests` is not needed (the Alexa API client is stdlib).
NOT_SHIPPED = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "requests")

# What the Lambda Python runtime brings: boto3 and its dependencies.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath", "dateutil", "urllib3", "six")

# Runs in a fresh, isolated interpreter laid out like Lambda: the artifact first on
# sys.path, then the standard library, then (last) a folder holding only the runtime's
# own packages. `-S` keeps this venv's site-packages (and its .pth hooks) out entirely.
CHILD = r"""
import json
import os
import sys
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

print(json.dumps({"ssml": speech["ssml"], "modules": len(sys.modules)}))
"""


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The artifact, built once for this module exactly as `make build` builds it."""
    return build_artifact.build(tmp_path_factory.mktemp("artifact") / "lambda")


@pytest.fixture(scope="module")
def lambda_runtime(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding only the packages the Lambda runtime brings (links into this venv)."""
    folder = tmp_path_factory.mktemp("lambda-runtime")
    for name in RUNTIME_PACKAGES:
        spec = importlib.util.find_spec(name)
        assert spec is not None, name
        assert spec.origin is not None, name
        origin = Path(spec.origin)
        source = origin.parent if spec.submodule_search_locations is not None else origin
        (folder / source.name).symlink_to(source, target_is_directory=source.is_dir())
    return folder


@pytest.fixture(scope="module")
def dynamodb_endpoint() -> Iterator[str]:
    """A moto server on loopback holding the skill's table."""
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
    yield endpoint
    server.stop()


def _relative_files(folder: Path) -> set[str]:
    """Files under `folder` as relative POSIX paths, leaving out what the build leaves out."""
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".pyc", ".pyo"}
        and path.name != ".DS_Store"
    }


def test_artifact_holds_the_skill_package_and_its_content_side_by_side(artifact: Path) -> None:
    """reconnect/ and content/ sit at the artifact's top level, copied file for file."""
    assert (artifact / "reconnect" / "__init__.py").is_file()
    assert _relative_files(artifact / "reconnect") == _relative_files(ROOT / "lambda" / "reconnect")
    assert (artifact / "content").is_dir()
    assert _relative_files(artifact / "content") == _relative_files(ROOT / "content")


def test_artifact_holds_the_pinned_runtime_dependencies(artifact: Path) -> None:
    """The ASK SDK packages from lambda/requirements.txt are installed at the top level."""
    for package in ("ask_sdk_core", "ask_sdk_runtime", "ask_sdk_model", "dateutil"):
        assert (artifact / package / "__init__.py").is_file(), package
    assert (artifact / "six.py").is_file()


def test_artifact_leaves_out_what_the_lambda_runtime_provides(artifact: Path) -> None:
    """No boto3, botocore, requests (or their kin), and no compiled bytecode."""
    top_level = {path.name.lower() for path in artifact.iterdir()}
    for package in NOT_SHIPPED:
        assert package not in top_level
        assert not [name for name in top_level if name.startswith(f"{package}-")], package
    assert not list(artifact.rglob("__pycache__"))
    assert not list(artifact.rglob("*.pyc"))


def test_artifact_zips_to_under_five_megabytes(artifact: Path) -> None:
    """The deployment zip stays small, which keeps cold starts short."""
    assert build_artifact.zipped_size(artifact) < MAX_ZIPPED_BYTES


def test_artifact_answers_a_launch_request_in_a_fresh_lambda_like_process(
    artifact: Path,
    lambda_runtime: Path,
    dynamodb_endpoint: str,
    standin: AlexaStandIn,
    tmp_path: Path,
) -> None:
    """With only the artifact and the runtime's packages, a new couple's launch is answered."""
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
    arguments = [str(artifact), str(event_file), str(lambda_runtime), ",".join(RUNTIME_PACKAGES)]
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", CHILD, *arguments],
        capture_output=True,
        text=True,
        env=environment,
        cwd=artifact,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    print(result.stdout)
