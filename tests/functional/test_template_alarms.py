"""The operator is not blind: alarms to an SNS topic, and a dashboard of the skill's figures."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from reconnect import metrics

OPERATIONS = {"GetItem", "PutItem", "DeleteItem"}  # what the role grants on the table
Template = dict[str, Any]
Metric = tuple[str, str, tuple[tuple[str, str], ...]]


def of_type(template: Template, resource_type: str) -> dict[str, dict[str, Any]]:
    """Every resource of one type, by logical id."""
    return {k: v for k, v in template["Resources"].items() if v["Type"] == resource_type}


def logical_id(template: Template, resource_type: str) -> str:
    """The logical id of the only resource of a type."""
    (name,) = of_type(template, resource_type)
    return name


def watched(alarm: dict[str, Any]) -> list[Metric]:
    """The metrics an alarm watches, whether it names one or adds several up."""

    def metric(namespace: str, name: str, dimensions: list[dict[str, Any]]) -> Metric:
        return (namespace, name, tuple(sorted((d["Name"], str(d["Value"])) for d in dimensions)))

    props = alarm["Properties"]
    if "MetricName" in props:
        return [metric(props["Namespace"], props["MetricName"], props["Dimensions"])]
    stats = [m for m in props["Metrics"] if "MetricStat" in m]
    (expression,) = [m for m in props["Metrics"] if "Expression" in m]
    assert expression["ReturnData"] is True
    for stat in stats:
        assert stat["ReturnData"] is False
        assert stat["MetricStat"]["Stat"] == "Sum"
        # a series with no data point (no failure at all) counts as zero, not as missing
        assert f"FILL({stat['Id']}, 0)" in expression["Expression"]
    terms = re.findall(r"FILL\((\w+), 0\)", expression["Expression"])
    assert sorted(terms) == sorted(s["Id"] for s in stats)
    return [
        metric(m["Namespace"], m["MetricName"], m["Dimensions"])
        for m in (s["MetricStat"]["Metric"] for s in stats)
    ]


def test_every_alarm_notifies_the_topic_when_it_fires_and_when_it_clears(
    template: Template,
) -> None:
    """Each alarm fires on the first occurrence, tells the topic both ways, and treats no data
    (no traffic) as fine."""
    topic = logical_id(template, "AWS::SNS::Topic")
    alarms = of_type(template, "AWS::CloudWatch::Alarm")
    assert len(alarms) == 6
    for name, alarm in alarms.items():
        props = alarm["Properties"]
        assert props["AlarmActions"] == [{"Ref": topic}], name
        assert props["OKActions"] == [{"Ref": topic}], name
        assert props["TreatMissingData"] == "notBreaching", name
        assert props["ComparisonOperator"] == "GreaterThanOrEqualToThreshold", name
        assert props["EvaluationPeriods"] == 1, name
        assert props["AlarmDescription"], name


def test_alarms_cover_lambda_errors_throttles_duration_and_dynamodb_for_every_operation(
    template: Template,
) -> None:
    """Lambda Errors, Throttles and Duration of the function; DynamoDB SystemErrors and
    ThrottledRequests for every operation the skill makes; the skill's own failures."""
    function = logical_id(template, "AWS::Serverless::Function")
    table = logical_id(template, "AWS::DynamoDB::Table")
    seen = {m for a in of_type(template, "AWS::CloudWatch::Alarm").values() for m in watched(a)}
    on_function: tuple[tuple[str, str], ...] = (("FunctionName", str({"Ref": function})),)
    expected = {("AWS/Lambda", name, on_function) for name in ("Errors", "Throttles", "Duration")}
    expected |= {
        ("AWS/DynamoDB", name, (("Operation", op), ("TableName", str({"Ref": table}))))
        for name in ("SystemErrors", "ThrottledRequests")
        for op in OPERATIONS
    }
    handled = set(metrics.FAILURES) - {metrics.ALEXA_API_FAILURES}  # a 504 is a device offline
    expected |= {(metrics.NAMESPACE, name, on_function) for name in handled}
    assert seen == expected


def test_the_duration_alarm_fires_at_80_percent_of_the_timeout(template: Template) -> None:
    """The slowest request of five minutes, against 80% of the function's timeout in ms."""
    timeout = of_type(template, "AWS::Serverless::Function")["SkillFunction"]["Properties"][
        "Timeout"
    ]
    (duration,) = [
        a["Properties"]
        for a in of_type(template, "AWS::CloudWatch::Alarm").values()
        if a["Properties"].get("MetricName") == "Duration"
    ]
    assert duration["Statistic"] == "Maximum"
    assert duration["Threshold"] == timeout * 1000 * 0.8


@pytest.mark.parametrize(
    ("address", "accepted"),
    [("", True), ("ops@example.com", True), ("ops", False), ("a b@example.com", False)],
)
def test_alarm_email_is_optional(template: Template, address: str, accepted: bool) -> None:
    """The AlarmEmail parameter takes nothing or an address."""
    parameter = template["Parameters"]["AlarmEmail"]
    assert parameter["Default"] == ""
    assert (re.fullmatch(parameter["AllowedPattern"], address) is not None) is accepted


def test_an_email_subscription_exists_only_when_an_address_is_given(template: Template) -> None:
    """The subscription is conditional on AlarmEmail being non-empty, and e-mails the topic."""
    (subscription,) = of_type(template, "AWS::SNS::Subscription").values()
    assert subscription["Condition"] == "HasAlarmEmail"
    assert template["Conditions"]["HasAlarmEmail"] == {
        "Fn::Not": [{"Fn::Equals": [{"Ref": "AlarmEmail"}, ""]}]
    }
    props = subscription["Properties"]
    assert props == {
        "TopicArn": {"Ref": logical_id(template, "AWS::SNS::Topic")},
        "Protocol": "email",
        "Endpoint": {"Ref": "AlarmEmail"},
    }


def dashboard(template: Template) -> dict[str, Any]:
    """The dashboard body as CloudWatch would read it, names substituted by placeholders."""
    (board,) = of_type(template, "AWS::CloudWatch::Dashboard").values()
    body, variables = board["Properties"]["DashboardBody"]["Fn::Sub"]
    assert set(variables) == {"Function", "Table"}
    names = set(re.findall(r"\$\{([\w:.]+)\}", body))
    known = set(variables) | {"AWS::Region"} | {f"{a}.Arn" for a in template["Resources"]}
    assert names <= known, names - known
    loaded: dict[str, Any] = json.loads(re.sub(r"\$\{([\w:.]+)\}", r"<\1>", body))
    return loaded


def test_the_dashboard_shows_every_skill_metric_and_every_alarm(template: Template) -> None:
    """GIVEN the dashboard WHEN it is read THEN it is valid JSON, graphs every metric the skill
    emits (lambda/reconnect/metrics.py) on this function, and lists every alarm."""
    widgets = dashboard(template)["widgets"]
    graphed: set[str] = set()
    for widget in (w for w in widgets if w["type"] == "metric"):
        assert widget["properties"]["region"] == "<AWS::Region>"
        namespace = ""
        for row in widget["properties"]["metrics"]:
            namespace = row[0] if row[0] not in (".", "...") else namespace
            if namespace == metrics.NAMESPACE and row[0] != "...":
                graphed.add(row[1])
                assert row[2:4] in (["FunctionName", "<Function>"], [".", "."])
    assert graphed == set(metrics.COUNTS)
    (alarm_widget,) = [w for w in widgets if w["type"] == "alarm"]
    listed = set(alarm_widget["properties"]["alarms"])
    assert listed == {f"<{a}.Arn>" for a in of_type(template, "AWS::CloudWatch::Alarm")}


def graphed_rows(widget: dict[str, Any]) -> list[list[str]]:
    """A metric widget's rows in full, CloudWatch's shorthand expanded: "." repeats the value
    above it, and a row starting "..." repeats the row above but for its last values."""
    rows: list[list[str]] = []
    for row in widget["properties"]["metrics"]:
        values = [v for v in row if not isinstance(v, dict)]
        if values[0] == "...":
            values = rows[-1][: len(rows[-1]) - len(values) + 1] + values[1:]
        else:
            values = [rows[-1][i] if v == "." else v for i, v in enumerate(values)]
        rows.append(values)
    return rows


def test_the_dashboard_graphs_dynamodb_for_every_operation_the_alarms_watch(
    template: Template,
) -> None:
    """GIVEN the alarms on GetItem, PutItem and DeleteItem WHEN the dashboard graphs DynamoDB
    THEN each of its figures (latency, throttles, system errors) shows all three, on the table."""
    shown: dict[str, set[str]] = {}
    for widget in (w for w in dashboard(template)["widgets"] if w["type"] == "metric"):
        for row in graphed_rows(widget):
            if row[0] == "AWS/DynamoDB":
                assert row[2:5] == ["TableName", "<Table>", "Operation"], row
                shown.setdefault(row[1], set()).add(row[5])
    assert set(shown) == {"SuccessfulRequestLatency", "ThrottledRequests", "SystemErrors"}
    for name, operations in shown.items():
        assert operations == OPERATIONS, name


def test_the_readme_names_every_metric_and_counts_the_alarms(template: Template) -> None:
    """GIVEN the metrics the skill emits and the template's alarms WHEN the README's "Watching
    it" describes them THEN it names each metric and the namespace, and counts the alarms."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text("utf-8")
    section = readme.split("\n### Watching it\n", 1)[1].split("\n## ", 1)[0]
    words = set(re.findall(r"\w+", section))
    assert set(metrics.COUNTS) <= words, set(metrics.COUNTS) - words
    assert metrics.NAMESPACE in words
    assert metrics.DIMENSION in words
    numbers = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
    said = re.search(r"\b(\w+) alarms notify\b", section)
    assert said
    assert numbers.index(said[1].lower()) == len(of_type(template, "AWS::CloudWatch::Alarm"))
