"""The SAM template deploys what the design promises: least privilege, protected data."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cfnlint.decode import decode  # type: ignore[import-untyped]

from tools import build_artifact

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"

ITEM_ACTIONS = {
    "dynamodb:GetItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
    "dynamodb:DeleteItem",
}
ALEXA_TIMEOUT_SECONDS = 8

Template = dict[str, Any]


@pytest.fixture(scope="module")
def template() -> Template:
    """The template as CloudFormation reads it (short-form tags become Ref / Fn::*)."""
    loaded, problems = decode(str(TEMPLATE))
    assert not problems, problems
    assert isinstance(loaded, dict)
    return loaded


def _one(template: Template, resource_type: str) -> tuple[str, dict[str, Any]]:
    """The logical id and body of the only resource of `resource_type`."""
    found = [
        (name, body)
        for name, body in template["Resources"].items()
        if body["Type"] == resource_type
    ]
    assert len(found) == 1, f"expected one {resource_type}, found {[n for n, _ in found]}"
    return found[0]


def _function(template: Template) -> dict[str, Any]:
    """The skill function's properties."""
    props: dict[str, Any] = _one(template, "AWS::Serverless::Function")[1]["Properties"]
    return props


def _get_att(value: Any) -> list[str]:
    """Fn::GetAtt in its list form, whichever form the template used."""
    assert isinstance(value, dict), value
    assert list(value) == ["Fn::GetAtt"], value
    target = value["Fn::GetAtt"]
    return [str(part) for part in (target.split(".", 1) if isinstance(target, str) else target)]


def _as_list(value: Any) -> list[Any]:
    """An IAM field that may be one item or a list, as a list."""
    return list(value) if isinstance(value, list) else [value]


def test_template_passes_cfn_lint_without_errors_or_warnings() -> None:
    """cfn-lint (as `make lint` would run it) finds nothing, not even a warning."""
    result = subprocess.run(
        [sys.executable, "-c", "from cfnlint.runner import main; main()", str(TEMPLATE)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_function_may_only_read_and_write_items_of_its_own_table(template: Template) -> None:
    """The only permissions granted are item reads/writes on the skill's table."""
    props = _function(template)
    table_id, _ = _one(template, "AWS::DynamoDB::Table")
    assert "Role" not in props, "a Role would replace the policies checked here"
    assert not [
        name
        for name, body in template["Resources"].items()
        if body["Type"].startswith("AWS::IAM::")
    ]
    policies = _as_list(props["Policies"])
    assert len(policies) == 1
    (policy,) = policies
    assert isinstance(policy, dict)
    assert set(policy) <= {"Version", "Statement"}, "a SAM policy template or managed policy"
    statements = _as_list(policy["Statement"])
    assert statements
    for statement in statements:
        assert statement["Effect"] == "Allow"
        assert not {"NotAction", "NotResource", "Principal"} & set(statement)
        actions = set(_as_list(statement["Action"]))
        assert actions <= ITEM_ACTIONS, actions - ITEM_ACTIONS
        for resource in _as_list(statement["Resource"]):
            assert _get_att(resource) == [table_id, "Arn"]


def test_function_policy_has_no_wildcards_scans_queries_or_table_management(
    template: Template,
) -> None:
    """No `*`, Scan, Query, Batch*, CreateTable or DescribeTable anywhere in the policy."""
    policy_text = str(_function(template)["Policies"])
    assert "*" not in policy_text
    for forbidden in ("Scan", "Query", "Batch", "CreateTable", "DescribeTable", "Transact"):
        assert forbidden not in policy_text


def test_table_is_encrypted_recoverable_and_expires_inactive_users(template: Template) -> None:
    """SSE and point-in-time recovery are on; TTL reads `expires_at`."""
    props = _one(template, "AWS::DynamoDB::Table")[1]["Properties"]
    assert props["SSESpecification"]["SSEEnabled"] is True
    assert props["PointInTimeRecoverySpecification"]["PointInTimeRecoveryEnabled"] is True
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}


def test_table_is_on_demand_keyed_by_pk_and_survives_stack_deletion(template: Template) -> None:
    """Pay-per-request billing, a string `pk` hash key, and Retain on delete and replace."""
    table = _one(template, "AWS::DynamoDB::Table")[1]
    props = table["Properties"]
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert props["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}]
    assert props["AttributeDefinitions"] == [{"AttributeName": "pk", "AttributeType": "S"}]
    assert "TableName" not in props, "no hard-coded resource names"
    assert table["DeletionPolicy"] == "Retain"
    assert table["UpdateReplacePolicy"] == "Retain"


def test_function_answers_well_inside_alexas_eight_seconds_with_little_memory(
    template: Template,
) -> None:
    """Timeout below Alexa's 8 s limit; memory at most 512 MB."""
    props = _function(template)
    assert props["Timeout"] < ALEXA_TIMEOUT_SECONDS
    assert props["MemorySize"] <= 512


def test_function_runs_the_built_artifact_on_the_platform_it_was_built_for(
    template: Template,
) -> None:
    """Handler, CodeUri, runtime and architecture agree with tools/build_artifact.py."""
    props = _function(template)
    assert props["Handler"] == "reconnect.app.lambda_handler"
    assert ROOT / props["CodeUri"] == build_artifact.DEFAULT_OUT
    assert props["Runtime"] == f"python{build_artifact.LAMBDA_PYTHON_VERSION}"
    assert props["Architectures"] == ["arm64"]
    assert build_artifact.LAMBDA_PLATFORM.endswith("_aarch64")


def test_only_the_configured_alexa_skill_may_invoke_the_function(template: Template) -> None:
    """The AlexaSkill event is bound to the SkillId parameter."""
    events = _function(template)["Events"].values()
    alexa = [event for event in events if event["Type"] == "AlexaSkill"]
    assert len(alexa) == 1
    assert alexa[0]["Properties"]["SkillId"] == {"Ref": "SkillId"}


@pytest.mark.parametrize(
    ("skill_id", "accepted"),
    [
        ("amzn1.ask.skill.00000000-0000-0000-0000-000000000000", True),
        ("amzn1.ask.skill.0a1b2c3d-4e5f-6789-abcd-ef0123456789", True),
        ("amzn1.ask.skill.", False),
        ("amzn1.ask.skill.00000000-0000-0000-0000-000000000000 ", False),
        ("amzn1.ask.skillX00000000-0000-0000-0000-000000000000", False),
        ("", False),
    ],
)
def test_skill_id_parameter_accepts_only_alexa_skill_ids(
    template: Template, skill_id: str, accepted: bool
) -> None:
    """The SkillId parameter's pattern admits amzn1.ask.skill.<uuid> and nothing else."""
    pattern = template["Parameters"]["SkillId"]["AllowedPattern"]
    assert (re.fullmatch(pattern, skill_id) is not None) is accepted


def test_function_environment_names_its_table_skill_and_log_level(template: Template) -> None:
    """TABLE_NAME references the table; SKILL_ID and LOG_LEVEL come from parameters."""
    table_id, _ = _one(template, "AWS::DynamoDB::Table")
    variables = _function(template)["Environment"]["Variables"]
    assert variables["TABLE_NAME"] == {"Ref": table_id}
    assert variables["SKILL_ID"] == {"Ref": "SkillId"}
    assert variables["LOG_LEVEL"] == {"Ref": "LogLevel"}
    assert template["Parameters"]["LogLevel"]["Default"] == "INFO"


def test_function_logs_json_to_its_own_log_group_with_retention(template: Template) -> None:
    """Logs are JSON, go to the declared /aws/lambda/<function> group, kept 30 days."""
    props = _function(template)
    group_id, group = _one(template, "AWS::Logs::LogGroup")
    assert props["LoggingConfig"]["LogFormat"] == "JSON"
    assert props["LoggingConfig"]["LogGroup"] == {"Ref": group_id}
    assert group["Properties"]["RetentionInDays"] == 30
    function_name = props["FunctionName"]["Fn::Sub"]
    assert group["Properties"]["LogGroupName"] == {"Fn::Sub": f"/aws/lambda/{function_name}"}


def test_lambda_log_filter_follows_the_log_level_parameter(template: Template) -> None:
    """Every LogLevel choice maps to a Lambda application log level of the same meaning."""
    levels = template["Parameters"]["LogLevel"]["AllowedValues"]
    mapping = template["Mappings"]["LambdaLogLevel"]
    lambda_names = {"WARNING": "WARN"}
    assert {level: mapping[level]["Level"] for level in levels} == {
        level: lambda_names.get(level, level) for level in levels
    }
    assert _function(template)["LoggingConfig"]["ApplicationLogLevel"] == {
        "Fn::FindInMap": ["LambdaLogLevel", {"Ref": "LogLevel"}, "Level"]
    }


def test_outputs_give_the_skill_endpoint_and_the_table_name(template: Template) -> None:
    """The function ARN (for the skill manifest) and the table name are outputs."""
    function_id, _ = _one(template, "AWS::Serverless::Function")
    table_id, _ = _one(template, "AWS::DynamoDB::Table")
    values = [output["Value"] for output in template["Outputs"].values()]
    assert any(
        isinstance(value, dict)
        and "Fn::GetAtt" in value
        and _get_att(value) == [function_id, "Arn"]
        for value in values
    )
    assert {"Ref": table_id} in values
