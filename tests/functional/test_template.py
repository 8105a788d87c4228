"""The SAM template deploys what the design promises: least privilege, protected data, a way
back (versions behind an alias), and alarms and figures for the operator."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from tools.builders import lambda_artifact

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "template.yaml"

ITEM_ACTIONS = {"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"}  # store.py's calls
LOG_ACTIONS = {"logs:CreateLogStream", "logs:PutLogEvents"}
ALIAS = "live"
ALEXA_TIMEOUT_SECONDS = 8

Template = dict[str, Any]


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


def _role_statements(template: Template) -> list[dict[str, Any]]:
    """The statements of the function's own role (its only policy)."""
    role_id, role = _one(template, "AWS::IAM::Role")
    assert _function(template)["Role"] == {"Fn::GetAtt": [role_id, "Arn"]}
    props = role["Properties"]
    assert not {"ManagedPolicyArns", "PermissionsBoundary", "RoleName"} & set(props)
    assert props["AssumeRolePolicyDocument"]["Statement"] == [
        {
            "Effect": "Allow",
            "Principal": {"Service": "lambda.amazonaws.com"},
            "Action": "sts:AssumeRole",
        }
    ]
    (policy,) = props["Policies"]
    return [dict(s) for s in _as_list(policy["PolicyDocument"]["Statement"])]


def test_function_may_only_write_its_own_logs_and_items_of_its_own_table(
    template: Template,
) -> None:
    """GIVEN SAM's default role would grant logs on `*` WHEN the function has a role of its
    own THEN it may write log streams of its own log group, and get, put and delete items of
    its own table, and nothing else (no UpdateItem: the store never calls it)."""
    table_id, _ = _one(template, "AWS::DynamoDB::Table")
    group_id, _ = _one(template, "AWS::Logs::LogGroup")
    props = _function(template)
    assert "Policies" not in props, "SAM policies would be ignored beside a Role"
    assert [
        name
        for name, body in template["Resources"].items()
        if body["Type"].startswith("AWS::IAM::")
    ] == [_one(template, "AWS::IAM::Role")[0]]
    granted: dict[str, set[str]] = {}
    for statement in _role_statements(template):
        assert statement["Effect"] == "Allow"
        assert not {"NotAction", "NotResource", "Principal", "Condition"} & set(statement)
        (resource,) = _as_list(statement["Resource"])
        target = _get_att(resource)
        assert target[1] == "Arn"
        granted.setdefault(target[0], set()).update(_as_list(statement["Action"]))
    assert granted == {table_id: ITEM_ACTIONS, group_id: LOG_ACTIONS}


def test_function_policy_has_no_wildcards_scans_queries_or_table_management(
    template: Template,
) -> None:
    """No `*`, Scan, Query, Batch*, UpdateItem, CreateTable or DescribeTable anywhere."""
    policy_text = str(_role_statements(template))
    assert "*" not in policy_text
    forbidden = ("Scan", "Query", "Batch", "UpdateItem", "CreateTable", "DescribeTable", "Transact")
    for action in forbidden:
        assert action not in policy_text


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
    """Handler, CodeUri, runtime and architecture agree with tools/builders/lambda_artifact.py."""
    props = _function(template)
    assert props["Handler"] == "reconnect.app.lambda_handler"
    assert ROOT / props["CodeUri"] == lambda_artifact.DEFAULT_OUT
    assert props["Runtime"] == f"python{lambda_artifact.LAMBDA_PYTHON_VERSION}"
    assert props["Architectures"] == ["arm64"]
    assert lambda_artifact.LAMBDA_PLATFORM.endswith("_aarch64")


def test_sam_build_runs_the_makefile_target_that_make_build_runs(template: Template) -> None:
    """GIVEN `sam build` WHEN it builds the function THEN it runs the Makefile's
    build-SkillFunction target on the project in place (content/ sits beside lambda/), and that
    target, like `make build`, runs tools.builders.lambda_artifact without the dev venv."""
    function_id, function = _one(template, "AWS::Serverless::Function")
    assert function["Metadata"] == {
        "BuildMethod": "makefile",
        "ProjectRootDirectory": ".",
        "ContextPath": ".",
    }
    makefile = (ROOT / "Makefile").read_text()
    rules = {
        m["target"]: (m["needs"].strip(), m["recipe"])
        for m in re.finditer(
            r"^(?P<target>[\w-]+):(?P<needs>[^\n=]*)\n(?P<recipe>(?:\t.*\n)+)", makefile, re.M
        )
    }
    for target, out in ((f"build-{function_id}", '"$(ARTIFACTS_DIR)"'), ("build", "build/lambda")):
        needs, recipe = rules[target]
        assert needs == "", f"{target} must not depend on {needs} (sam build would install it)"
        assert recipe.strip() == f"$(PYTHON) -m tools.builders.lambda_artifact --out {out}"
    samconfig = tomllib.loads((ROOT / "samconfig.toml").read_text())
    assert samconfig["default"]["build"]["parameters"] == {"build_in_source": True}


def test_a_plain_sam_deploy_could_never_zip_the_project_folder(template: Template) -> None:
    """CodeUri is the built artifact's folder, which holds no .venv/ or node_modules/."""
    code = ROOT / _function(template)["CodeUri"]
    assert ROOT in code.parents
    parts = set(code.relative_to(ROOT).parts)
    assert not {".venv", "node_modules", "tests", "tools", "web"} & parts


def test_every_deploy_publishes_a_version_behind_the_live_alias(template: Template) -> None:
    """AutoPublishAlias `live`, on any change of the function (code or configuration), and the
    endpoint output is the alias, so a rollback needs no change to the skill."""
    props = _function(template)
    assert props["AutoPublishAlias"] == ALIAS
    assert props["AutoPublishAliasAllProperties"] is True
    function_id, _ = _one(template, "AWS::Serverless::Function")
    assert template["Outputs"]["SkillEndpointArn"]["Value"] == {"Ref": f"{function_id}.Alias"}


def test_a_long_stack_name_cannot_break_a_resource_name(template: Template) -> None:
    """GIVEN stack names of up to 128 characters WHEN names derive from them THEN nothing can
    overflow: the function, its log group, table, topic and dashboard take generated names."""
    named = {
        "AWS::Serverless::Function": "FunctionName",
        "AWS::Logs::LogGroup": "LogGroupName",
        "AWS::DynamoDB::Table": "TableName",
        "AWS::SNS::Topic": "TopicName",
        "AWS::CloudWatch::Dashboard": "DashboardName",
        "AWS::IAM::Role": "RoleName",
    }
    for body in template["Resources"].values():
        assert named.get(body["Type"], "-") not in body.get("Properties", {}), body["Type"]


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


def test_function_logs_json_to_its_own_log_group_kept_after_the_stack(
    template: Template,
) -> None:
    """Logs are JSON, go to the declared group, kept 30 days, and survive deleting the stack."""
    props = _function(template)
    group_id, group = _one(template, "AWS::Logs::LogGroup")
    assert props["LoggingConfig"]["LogFormat"] == "JSON"
    assert props["LoggingConfig"]["LogGroup"] == {"Ref": group_id}
    assert group["Properties"]["RetentionInDays"] == 30
    assert group["DeletionPolicy"] == "Retain"
    assert group["UpdateReplacePolicy"] == "Retain"


def test_lambdas_log_filter_never_drops_the_metrics_lines(template: Template) -> None:
    """GIVEN Lambda counts a line without a level (the EMF lines) as INFO WHEN any LogLevel is
    chosen THEN Lambda's filter keeps INFO (the skill's logger applies the level itself), and
    lets DEBUG through when DEBUG is chosen."""
    levels = template["Parameters"]["LogLevel"]["AllowedValues"]
    mapping = template["Mappings"]["LambdaLogLevel"]
    assert {level: mapping[level]["Level"] for level in levels} == {
        level: "DEBUG" if level == "DEBUG" else "INFO" for level in levels
    }
    assert _function(template)["LoggingConfig"]["ApplicationLogLevel"] == {
        "Fn::FindInMap": ["LambdaLogLevel", {"Ref": "LogLevel"}, "Level"]
    }


def test_outputs_give_the_endpoint_names_and_where_to_look(template: Template) -> None:
    """The alias ARN (for the manifest), the function, log group, table, topic and dashboard."""
    refs = {
        name: output["Value"]["Ref"]
        for name, output in template["Outputs"].items()
        if set(output["Value"]) == {"Ref"}
    }
    ids = {body["Type"]: name for name, body in template["Resources"].items()}
    function_id = ids["AWS::Serverless::Function"]
    assert refs == {
        "SkillEndpointArn": f"{function_id}.Alias",
        "SkillFunctionName": function_id,
        "SkillLogGroupName": ids["AWS::Logs::LogGroup"],
        "UserTableName": ids["AWS::DynamoDB::Table"],
        "AlarmTopicArn": ids["AWS::SNS::Topic"],
        "DashboardName": ids["AWS::CloudWatch::Dashboard"],
    }
