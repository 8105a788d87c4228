"""The skill package's endpoints: one per Alexa region, near its customers, or self-hosted."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.package_builds import EU_ARN, FE_ARN, LINKS, NA_ARN, arn_in, built, certified
from tools.builders.skill_package import SkillPackageError, build_skill_package, main

# --- one endpoint per Alexa region ------------------------------------------------------


def test_three_stacks_give_the_default_eu_and_fe_endpoints(tmp_path: Path) -> None:
    """GIVEN the stacks in us-east-1, eu-west-1 and us-west-2 WHEN the package is built with the
    three ARNs THEN Europe and the Far East have their own endpoints, the rest the default."""
    out = tmp_path / "pkg"
    assert main(["--lambda-arn", NA_ARN, "--eu-lambda-arn", EU_ARN, "--fe-lambda-arn", FE_ARN,
                 *LINKS, "--out", str(out)]) == 0  # fmt: skip
    assert built(out)["apis"]["custom"] == {
        "endpoint": {"uri": NA_ARN},
        "regions": {"EU": {"endpoint": {"uri": EU_ARN}}, "FE": {"endpoint": {"uri": FE_ARN}}},
    }


@pytest.mark.parametrize(
    ("alexa_region", "aws_region"),
    [("NA", "us-east-1"), ("NA", "us-west-2"), ("EU", "eu-west-1"),
     ("FE", "us-west-2"), ("FE", "ap-northeast-1")],
)  # fmt: skip
def test_each_alexa_region_takes_the_aws_regions_near_it(
    alexa_region: str, aws_region: str, tmp_path: Path
) -> None:
    """NA: N. Virginia or Oregon; EU (Europe, India): Ireland; FE: Oregon or Tokyo."""
    out = certified(tmp_path / "pkg", **{alexa_region: arn_in(aws_region)})
    regions = built(out)["apis"]["custom"]["regions"]
    assert regions == {alexa_region: {"endpoint": {"uri": arn_in(aws_region)}}}


@pytest.mark.parametrize("aws_region", ["us-east-2", "eu-central-1", "eu-west-2", "ap-southeast-2"])
@pytest.mark.parametrize("alexa_region", ["default", "NA", "EU", "FE"])
def test_an_arn_where_lambda_has_no_alexa_trigger_is_refused(
    alexa_region: str, aws_region: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lambda offers the Alexa Skills Kit trigger in four regions only: any other is refused,
    with the four named, whichever endpoint it was given for."""
    option = "--lambda-arn" if alexa_region == "default" else f"--{alexa_region.lower()}-lambda-arn"
    default = [] if alexa_region == "default" else ["--lambda-arn", NA_ARN]
    out = tmp_path / "pkg"

    assert main([*default, option, arn_in(aws_region), *LINKS, "--out", str(out)]) == 2

    error = capsys.readouterr().err
    assert all(r in error for r in ("us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1"))
    assert not out.exists()


@pytest.mark.parametrize(
    ("alexa_region", "aws_region"),
    [("NA", "eu-west-1"), ("NA", "ap-northeast-1"), ("EU", "us-east-1"),
     ("EU", "ap-northeast-1"), ("FE", "eu-west-1"), ("FE", "us-east-1")],
)  # fmt: skip
def test_an_arn_far_from_its_alexa_region_is_refused(
    alexa_region: str, aws_region: str, tmp_path: Path
) -> None:
    """An EU endpoint in Virginia, or a Far East one in Ireland, is a mistake: refused."""
    with pytest.raises(SkillPackageError, match=alexa_region):
        certified(tmp_path / "pkg", **{alexa_region: arn_in(aws_region)})
    assert not (tmp_path / "pkg").exists()


def test_regional_endpoints_need_a_default(tmp_path: Path) -> None:
    """An EU ARN without --lambda-arn is refused: Alexa needs a default endpoint."""
    with pytest.raises(SkillPackageError, match="default"):
        build_skill_package(None, tmp_path / "pkg", regional_arns={"EU": EU_ARN})


# --- a self-hosted endpoint -------------------------------------------------------------


def test_a_self_hosted_service_is_one_https_endpoint_with_a_trusted_certificate(
    tmp_path: Path,
) -> None:
    """--https-endpoint: the web service's URL for every region, certificate type Trusted."""
    out = tmp_path / "pkg"
    url = "https://skill.couples-practice.net/"
    assert main(["--https-endpoint", url, *LINKS, "--out", str(out)]) == 0
    assert built(out)["apis"]["custom"] == {
        "endpoint": {"uri": url, "sslCertificateType": "Trusted"}
    }


@pytest.mark.parametrize(
    "endpoint",
    [["--https-endpoint", "http://skill.couples-practice.net/"],
     ["--https-endpoint", "https://localhost/"],
     ["--https-endpoint", "https://skill.couples-practice.net/", "--lambda-arn", NA_ARN],
     ["--https-endpoint", "https://skill.couples-practice.net/", "--eu-lambda-arn", EU_ARN]],
)  # fmt: skip
def test_a_self_hosted_endpoint_must_be_https_and_alone(
    endpoint: list[str], tmp_path: Path
) -> None:
    """Plain http, a placeholder host, or an ARN beside it: exit 2, nothing written."""
    out = tmp_path / "pkg"
    assert main([*endpoint, *LINKS, "--out", str(out)]) == 2
    assert not out.exists()
