"""Building the skill package: every locale, the privacy links, the icons, what it refuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.unit.model_files import LOCALES, MODELS_DIR
from tests.unit.package_builds import ACCOUNT, LINKS, NA_ARN, POLICY, TERMS, built, certified
from tools.builders.skill_package import (
    SkillPackageError,
    build_skill_package,
    is_lambda_arn,
    main,
)

BAD_ARNS = [
    "",
    "${LAMBDA_ARN}",
    "reconnect-ritual-skill",
    "arn:aws:s3:::reconnect-ritual",
    "arn:aws:lambda:us-east-1:1234:function:reconnect-ritual-skill",
    "arn:aws:lambda:us-east-1:123456789012:function:",
    'arn:aws:lambda:us-east-1:123456789012:function:x","uri":"https://evil.example',
]


# --- the package ------------------------------------------------------------------------


def test_package_holds_the_manifest_every_locale_and_the_icons(tmp_path: Path) -> None:
    """GIVEN an ARN and the privacy links WHEN the package is built THEN skill.json points at
    the ARN, every locale's model is copied unchanged, and both icons are in assets/images."""
    out = certified(tmp_path / "skill-package")

    assert built(out)["apis"]["custom"] == {"endpoint": {"uri": NA_ARN}}
    custom = out / "interactionModels" / "custom"
    assert sorted(p.stem for p in custom.iterdir()) == sorted(LOCALES)
    for locale in LOCALES:
        source = MODELS_DIR / f"{locale}.json"
        assert (custom / f"{locale}.json").read_bytes() == source.read_bytes()
    assert sorted(p.name for p in (out / "assets" / "images").iterdir()) == [
        "reconnect-ritual-108.png",
        "reconnect-ritual-512.png",
    ]


def test_command_line_writes_a_certification_ready_package(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--lambda-arn ARN --privacy-policy-url URL --terms-url URL --out DIR` exits 0, silent
    about gaps because there are none."""
    out = tmp_path / "pkg"
    assert main(["--lambda-arn", NA_ARN, *LINKS, "--out", str(out)]) == 0
    assert (out / "skill.json").is_file()
    assert "not ready for certification" not in capsys.readouterr().out


def test_a_rebuild_leaves_nothing_stale_behind(tmp_path: Path) -> None:
    """A locale or an image from an older package is gone after a rebuild."""
    out = tmp_path / "skill-package"
    stale = [
        out / "interactionModels" / "custom" / "de-DE.json",
        out / "assets" / "images" / "old.png",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("{}", "utf-8")

    certified(out)

    assert not any(path.exists() for path in stale)
    assert (out / "interactionModels" / "custom" / "en-US.json").is_file()


def test_the_builder_never_empties_a_folder_that_is_not_a_package(tmp_path: Path) -> None:
    """A folder holding other files is refused and left as it was."""
    (tmp_path / "notes.txt").write_text("keep me", "utf-8")

    with pytest.raises(SkillPackageError):
        certified(tmp_path)

    assert (tmp_path / "notes.txt").read_text("utf-8") == "keep me"


@pytest.mark.parametrize(
    "arn",
    [
        f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:reconnect-ritual-skill",
        NA_ARN,
        f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:reconnect-ritual-skill:7",
    ],
)
def test_function_arns_with_or_without_an_alias_or_version_are_recognised(arn: str) -> None:
    """An unqualified, an alias (`:live`) and a version (`:7`) ARN are all function ARNs."""
    assert is_lambda_arn(arn)


@pytest.mark.parametrize("arn", BAD_ARNS)
def test_anything_but_a_function_arn_is_refused_and_nothing_written(
    arn: str, tmp_path: Path
) -> None:
    """Not a Lambda function ARN: refused, exit 2, no folder."""
    out = tmp_path / "skill-package"

    with pytest.raises(SkillPackageError):
        build_skill_package(arn, out, privacy_policy_url=POLICY, terms_url=TERMS)
    assert main(["--lambda-arn", arn, *LINKS, "--out", str(out)]) == 2

    assert not out.exists()


def test_the_command_line_needs_an_arn_or_no_endpoint(tmp_path: Path) -> None:
    """No --lambda-arn and no --no-endpoint: exit 2, nothing written."""
    out = tmp_path / "skill-package"
    assert main([*LINKS, "--out", str(out)]) == 2
    assert not out.exists()


def test_the_first_package_leaves_the_endpoint_out_and_says_it_is_not_for_certification(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--no-endpoint (the very first deploy): no endpoint at all, and the builder says the
    package is a development one."""
    out = tmp_path / "pkg"
    assert main(["--no-endpoint", "--out", str(out)]) == 0
    assert built(out)["apis"] == {"custom": {}}
    assert "not ready for certification" in capsys.readouterr().out


def test_no_endpoint_with_an_arn_is_a_contradiction(tmp_path: Path) -> None:
    """--no-endpoint and --lambda-arn together: exit 2."""
    out = tmp_path / "pkg"
    assert main(["--no-endpoint", "--lambda-arn", NA_ARN, "--out", str(out)]) == 2
    assert not out.exists()


# --- privacy policy and terms -----------------------------------------------------------


def test_every_locale_links_the_privacy_policy_and_the_terms(tmp_path: Path) -> None:
    """privacyAndCompliance.locales has both links for each published locale."""
    privacy = built(certified(tmp_path / "pkg"))["privacyAndCompliance"]
    assert privacy["locales"] == {
        locale: {"privacyPolicyUrl": POLICY, "termsOfUseUrl": TERMS} for locale in LOCALES
    }
    assert privacy["usesPersonalInfo"] is True


@pytest.mark.parametrize(
    ("given", "missing"),
    [([], "--privacy-policy-url"), (["--terms-url", TERMS], "--privacy-policy-url")],
)  # fmt: skip
def test_a_certification_ready_package_refuses_to_go_without_the_privacy_policy(
    given: list[str], missing: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With an endpoint and no --dev, no privacy policy stops the build and names the option."""
    out = tmp_path / "pkg"
    assert main(["--lambda-arn", NA_ARN, *given, "--out", str(out)]) == 2
    assert missing in capsys.readouterr().err
    assert not out.exists()


def test_the_terms_of_use_are_optional_and_linked_only_when_given(tmp_path: Path) -> None:
    """Amazon requires a privacy policy, not terms: without --terms-url the package is ready
    and each locale links the policy alone."""
    out = tmp_path / "pkg"
    assert main(["--lambda-arn", NA_ARN, "--privacy-policy-url", POLICY, "--out", str(out)]) == 0
    manifest = json.loads((out / "skill.json").read_text("utf-8"))["manifest"]
    links = manifest["privacyAndCompliance"]["locales"]
    assert links == {locale: {"privacyPolicyUrl": POLICY} for locale in LOCALES}


def test_a_development_package_may_go_without_the_links_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--dev builds without the links, and prints what certification would lack."""
    out = tmp_path / "pkg"
    assert main(["--dev", "--lambda-arn", NA_ARN, "--out", str(out)]) == 0
    said = capsys.readouterr().out
    assert "not ready for certification" in said
    assert "privacy policy" in said
    assert "locales" not in built(out)["privacyAndCompliance"]


@pytest.mark.parametrize(
    "url",
    ["http://reconnect.couples-practice.net/privacy", "reconnect.couples-practice.net/privacy",
     "https://example.com/privacy", "https://www.example.org/privacy", "https://localhost/privacy",
     "https://203.0.113.9/privacy", "https://policy.test/privacy", "https:///privacy",
     "https://reconnect.couples-practice.net/priv acy"],
)  # fmt: skip
def test_a_link_that_is_not_a_real_https_page_is_refused(url: str, tmp_path: Path) -> None:
    """Plain http, no host, a placeholder domain or an address: refused before writing."""
    with pytest.raises(SkillPackageError):
        build_skill_package(NA_ARN, tmp_path / "pkg", privacy_policy_url=url, terms_url=TERMS)
    assert not (tmp_path / "pkg").exists()


# --- icons ------------------------------------------------------------------------------


def test_a_manifest_naming_an_icon_the_builder_does_not_draw_is_refused(tmp_path: Path) -> None:
    """A locale whose largeIconUri points elsewhere stops the build."""
    models = tmp_path / "models"
    shutil.copytree(MODELS_DIR, models)
    manifest = json.loads((models / "skill.json").read_text("utf-8"))
    manifest["manifest"]["publishingInformation"]["locales"]["en-GB"]["largeIconUri"] = (
        "file://assets/images/somewhere-else.png"
    )
    (models / "skill.json").write_text(json.dumps(manifest), "utf-8")

    with pytest.raises(SkillPackageError, match="en-GB"):
        build_skill_package(
            NA_ARN, tmp_path / "pkg", models, privacy_policy_url=POLICY, terms_url=TERMS
        )
