"""The deploy, rehearsed offline as a new operator would run it, with Amazon's own tools.

The README's commands run with the pinned SAM CLI (`make deploy-tools`) in a clean copy of the
repository: what a fresh clone holds, no .venv/, node_modules/ or build output. `sam build`
must make an artifact that Python 3.13 runs from its bytecode alone (zipped as `sam deploy`
zips it), and the template SAM would deploy must grant, publish and alarm as designed.
Only `sam deploy` itself, which needs an AWS account, is not rehearsed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from tests.functional.lambda_like import SKILL_ID, read_only_copy, run_like_lambda, snapshot
from tests.heavy import DEPLOY_VENV, deploy_tool, runtime_python, unavailable
from tools.builders import lambda_artifact
from tools.standins.alexa import AlexaStandIn

ROOT = Path(__file__).resolve().parents[2]
SAM_TOOLS = Path(__file__).with_name("sam_tools.py")
# What the README's "Deploying" tells an operator to run, in order (tests/unit/test_drift.py
# holds the README to these); `sam deploy --guided` needs an account and is not rehearsed.
DEPLOY_TOOLS = "make deploy-tools"
SHELL_SETUP = 'export SAM_CLI_TELEMETRY=0 PATH="$PWD/.venv-deploy/sam-only:$PATH"'
# The folder SHELL_SETUP puts on PATH (the Makefile's DEPLOY_PATH): `sam` and nothing else, so
# the operator's python3 and pip are never the deploy venv's.
SAM_ONLY = DEPLOY_VENV / "sam-only"
VALIDATE = ("sam", "validate", "--lint")
BUILD = ("sam", "build")
REHEARSED = (VALIDATE, BUILD)
NOT_REHEARSED = ("sam deploy", "sam list")  # need AWS credentials
MAX_ZIPPED_BYTES = 5 * 1024 * 1024
ITEM_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"}
LOG_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}


def offline_environment(home: Path) -> dict[str, str]:
    """The README's shell (telemetry off, `sam` first on PATH), with no AWS account."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        SAM_CLI_TELEMETRY="0",
        PATH=f"{SAM_ONLY}{os.pathsep}{os.environ.get('PATH', '')}",
        HOME=str(home),  # SAM keeps its own settings under ~/.aws-sam
        AWS_CONFIG_FILE=os.devnull,
        AWS_SHARED_CREDENTIALS_FILE=os.devnull,
        AWS_EC2_METADATA_DISABLED="true",
        AWS_DEFAULT_REGION="us-east-1",
    )
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONPATH", None)
    return env


def run(command: Sequence[str], cwd: Path, env: dict[str, str]) -> str:
    """Run one command; its output, or the test fails with it."""
    done = subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{output[-4000:]}"
    return output


def clean_copy(into: Path) -> Path:
    """The repository as a fresh clone of it holds: tracked and not-ignored files only."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        unavailable("the rehearsal copies the repository with git, and this is no git checkout")
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    copy = into / "reconnect-ritual"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted but not yet committed is listed too
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture(scope="module")
def rehearsal(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The README's commands run in a clean copy: their outputs and where things landed."""
    deploy_tool("sam")
    if not (SAM_ONLY / "sam").is_file():
        unavailable(f"{SAM_ONLY.name}/sam is missing: `make deploy-tools` links it")
    runtime_python()
    workdir = tmp_path_factory.mktemp("rehearsal")
    copy = clean_copy(workdir)
    env = offline_environment(workdir / "home")
    assert not {".venv", "node_modules", "build", ".aws-sam"} & {p.name for p in copy.iterdir()}
    outputs = {" ".join(command): run(command, copy, env) for command in REHEARSED}
    return {"copy": copy, "env": env, "outputs": outputs, "workdir": workdir}


def sam_tool(rehearsal: dict[str, Any], *args: str) -> str:
    """Run tests/functional/sam_tools.py in the deploy venv (SAM's own modules)."""
    python = str(deploy_tool("python"))
    return run([python, str(SAM_TOOLS), *args], rehearsal["copy"], rehearsal["env"]).strip()


@pytest.fixture(scope="module")
def transformed(rehearsal: dict[str, Any]) -> dict[str, Any]:
    """The CloudFormation template SAM would deploy from the built template."""
    built = rehearsal["copy"] / ".aws-sam" / "build" / "template.yaml"
    loaded: dict[str, Any] = json.loads(
        sam_tool(rehearsal, "transform", str(built), json.dumps({"SkillId": SKILL_ID}))
    )
    return loaded


def resources(template: dict[str, Any], resource_type: str) -> dict[str, dict[str, Any]]:
    """The resources of one type, by logical id."""
    return {k: v for k, v in template["Resources"].items() if v["Type"] == resource_type}


def test_sam_validate_lint_finds_the_template_valid(rehearsal: dict[str, Any]) -> None:
    """`sam validate --lint` (SAM's translator and cfn-lint) passes."""
    assert "is a valid SAM Template" in rehearsal["outputs"][" ".join(VALIDATE)]


def test_the_readme_shell_gains_sam_and_keeps_its_own_python(tmp_path: Path) -> None:
    """GIVEN the README's shell set-up WHEN a command is looked up THEN `sam` is the pinned one
    and python3, python and pip are still the shell's own, never the deploy venv's (a venv
    made or a package installed in that shell would otherwise land on Python 3.13's tools)."""
    deploy_tool("sam")
    path = offline_environment(tmp_path)["PATH"]
    assert sorted(p.name for p in SAM_ONLY.iterdir()) == ["sam"]
    assert Path(shutil.which("sam", path=path) or "").parent == SAM_ONLY
    for name in ("python3", "python", "pip", "pip3"):
        found = shutil.which(name, path=path)
        assert found is None or DEPLOY_VENV not in Path(found).parents, found


def test_sam_build_runs_the_makefile_build_in_place_without_any_venv(
    rehearsal: dict[str, Any],
) -> None:
    """GIVEN a clean copy WHEN `sam build` runs THEN SAM's makefile builder ran our target in
    place and installed no dev venv or node_modules; the built template points at the artifact."""
    output = rehearsal["outputs"][" ".join(BUILD)]
    assert "CustomMakeBuilder:MakeBuild" in output
    assert "Build Succeeded" in output
    copy = rehearsal["copy"]
    assert not (copy / ".venv").exists()
    assert not (copy / "node_modules").exists()
    built = (copy / ".aws-sam" / "build" / "template.yaml").read_text()
    assert "CodeUri: SkillFunction" in built


def test_sam_builds_an_artifact_with_the_runtimes_bytecode_and_nothing_else(
    rehearsal: dict[str, Any],
) -> None:
    """The artifact holds the skill, its content and the SDK, a cpython-313 .pyc for every
    module, and none of the repository's own tooling."""
    artifact = rehearsal["copy"] / ".aws-sam" / "build" / "SkillFunction"
    top = {p.name for p in artifact.iterdir()}
    assert {"reconnect", "content", "ask_sdk_core", "ask_sdk_model"} <= top
    assert not {"tests", "tools", "web", "lambda", ".venv", "node_modules", "Makefile"} & top
    assert lambda_artifact.without_bytecode(artifact) == []


def test_the_zip_sam_deploys_runs_on_python_313_compiling_nothing(
    rehearsal: dict[str, Any],
    lambda_runtime: Path,
    dynamodb_endpoint: str,
    standin: AlexaStandIn,
    tmp_path: Path,
) -> None:
    """GIVEN the artifact zipped by SAM's own code (every file dated 1980) WHEN it is unpacked
    read-only and Python 3.13 imports it and answers a launch THEN no source file is compiled,
    the zip is under 5 MB, and nothing is written."""
    artifact = rehearsal["copy"] / ".aws-sam" / "build" / "SkillFunction"
    archive = Path(sam_tool(rehearsal, "zip", str(artifact), str(tmp_path / "function")))
    assert archive.stat().st_size < MAX_ZIPPED_BYTES
    with zipfile.ZipFile(archive) as opened:
        assert {info.date_time for info in opened.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        opened.extractall(tmp_path / "unzipped")
    task = read_only_copy(tmp_path / "unzipped", tmp_path)
    before = snapshot(task)
    python = runtime_python()
    seen = run_like_lambda(python, task, lambda_runtime, dynamodb_endpoint, standin, tmp_path)
    assert seen["compiled"] == []
    assert seen["without_pyc"] == []
    assert seen["from_artifact"] > 100
    assert snapshot(task) == before


def test_the_deployed_function_may_only_write_its_logs_and_items_of_its_table(
    transformed: dict[str, Any],
) -> None:
    """After SAM's transform: one role, ours (no AWSLambdaBasicExecutionRole on `*`), granting
    exactly the three item actions on the table and the two log actions on its own group."""
    function_id, function = next(iter(resources(transformed, "AWS::Lambda::Function").items()))
    (role_id,) = resources(transformed, "AWS::IAM::Role")
    assert function["Properties"]["Role"] == {"Fn::GetAtt": [role_id, "Arn"]}
    assert not resources(transformed, "AWS::IAM::Policy")
    assert not resources(transformed, "AWS::IAM::ManagedPolicy")
    role = transformed["Resources"][role_id]["Properties"]
    assert "ManagedPolicyArns" not in role
    granted: dict[str, set[str]] = {}
    for policy in role["Policies"]:
        for statement in policy["PolicyDocument"]["Statement"]:
            target = statement["Resource"]["Fn::GetAtt"][0]
            granted.setdefault(target, set()).update(statement["Action"])
    (table_id,) = resources(transformed, "AWS::DynamoDB::Table")
    (group_id,) = resources(transformed, "AWS::Logs::LogGroup")
    assert granted == {table_id: ITEM_ACTIONS, group_id: LOG_ACTIONS}
    assert function_id == "SkillFunction"


def test_alexa_may_invoke_only_the_live_alias_of_a_published_version(
    transformed: dict[str, Any],
) -> None:
    """SAM publishes a version, points `live` at it, and gives Alexa (this skill id only) the
    right to invoke the alias, which is also the endpoint output."""
    (version_id,) = resources(transformed, "AWS::Lambda::Version")
    ((alias_id, alias),) = resources(transformed, "AWS::Lambda::Alias").items()
    assert alias["Properties"]["Name"] == "live"
    assert alias["Properties"]["FunctionVersion"] == {"Fn::GetAtt": [version_id, "Version"]}
    (permission,) = resources(transformed, "AWS::Lambda::Permission").values()
    assert permission["Properties"] == {
        "Action": "lambda:InvokeFunction",
        "EventSourceToken": {"Ref": "SkillId"},
        "FunctionName": {"Ref": alias_id},
        "Principal": "alexa-appkit.amazon.com",
    }
    assert transformed["Outputs"]["SkillEndpointArn"]["Value"] == {"Ref": alias_id}


def test_the_alarms_reach_the_topic_and_watch_the_deployed_function(
    transformed: dict[str, Any],
) -> None:
    """Six alarms survive the transform, each notifying the topic; the function's alarms watch
    the function itself (every version), the table's watch the table."""
    (topic_id,) = resources(transformed, "AWS::SNS::Topic")
    alarms = resources(transformed, "AWS::CloudWatch::Alarm")
    assert len(alarms) == 6
    for alarm in alarms.values():
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": topic_id}]
        dimensions = props.get("Dimensions") or [
            d
            for m in props["Metrics"]
            if "MetricStat" in m
            for d in m["MetricStat"]["Metric"]["Dimensions"]
        ]
        values = {json.dumps(d["Value"]) for d in dimensions if d["Name"] != "Operation"}
        assert values in ({'{"Ref": "SkillFunction"}'}, {'{"Ref": "UserTable"}'})
