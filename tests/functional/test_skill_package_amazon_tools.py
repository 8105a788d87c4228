"""Amazon's own tools read the built skill package, offline, and lose nothing of it.

The pinned ASK CLI (node_modules, from package-lock.json) starts and loads ask-resources.json
and the package through its own modules, as `ask deploy` begins; ask-smapi-model, the Python
models of the Skill Management API, reads the manifest and every interaction model and writes
back exactly what it read (a key it does not know would be dropped, a value it does not know
refused).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_model_runtime.exceptions import SerializationException
from ask_sdk_model_runtime.serializer import DefaultSerializer

from tests.unit.model_files import LOCALES
from tools.builders.skill_package import build_skill_package

ROOT = Path(__file__).resolve().parents[2]
READER = ROOT / "tests" / "functional" / "ask_cli_reads.js"
ASK = ROOT / "node_modules" / ".bin" / "ask"
ARNS = {
    "default": "arn:aws:lambda:us-east-1:123456789012:function:reconnect-ritual-skill:live",
    "EU": "arn:aws:lambda:eu-west-1:123456789012:function:reconnect-ritual-skill:live",
    "FE": "arn:aws:lambda:us-west-2:123456789012:function:reconnect-ritual-skill:live",
}
POLICY = "https://reconnect.couples-practice.net/privacy"
TERMS = "https://reconnect.couples-practice.net/terms"
MANIFEST_MODEL = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"
INTERACTION_MODEL = (
    "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"
)
CLI_ENV = {"ASK_SHARE_USAGE": "false", "ASK_CLI_TELEMETRY": "false"}


def build_project(folder: Path, default_arn: str = ARNS["default"]) -> Path:
    """A copy of the project as `ask deploy` sees it: ask-resources.json and the package."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "ask-resources.json", folder / "ask-resources.json")
    build_skill_package(
        default_arn,
        folder / "build" / "skill-package",
        regional_arns={"EU": ARNS["EU"], "FE": ARNS["FE"]},
        privacy_policy_url=POLICY,
        terms_url=TERMS,
    )
    return folder


def ask_cli_reads(project: Path) -> dict[str, Any]:
    """What the ASK CLI's own modules read from the project (tests/functional/ask_cli_reads.js)."""
    node = shutil.which("node")
    if node is None or not ASK.exists():
        pytest.fail("node and the pinned ASK CLI are needed: run `npm ci` (make test does)")
    done = subprocess.run(
        [node, str(READER), str(project)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        env={**os.environ, **CLI_ENV},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    seen: dict[str, Any] = json.loads(done.stdout)
    return seen


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project with a certification-ready package for three regions."""
    return build_project(tmp_path_factory.mktemp("ask") / "project")


@pytest.fixture(scope="module")
def seen(project: Path) -> dict[str, Any]:
    """What the ASK CLI read from it."""
    return ask_cli_reads(project)


# --- the ASK CLI ----------------------------------------------------------------------


def test_the_pinned_ask_cli_starts() -> None:
    """`ask --version` answers with the version package.json pins (antlr4ts held at alpha.4,
    without which the CLI dies at start with "Class extends value undefined")."""
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]["ask-cli"]
    done = subprocess.run(
        [str(ASK), "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **CLI_ENV},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == pinned


def test_the_ask_cli_finds_the_package_ask_resources_names(seen: dict[str, Any]) -> None:
    """The default profile's skillMetadata.src is the built package, named Reconnect Ritual,
    with every locale."""
    assert seen["skillMetaSrc"] == "./build/skill-package"
    assert seen["skillName"] == "Reconnect Ritual"
    assert seen["locales"] == sorted(LOCALES)
    assert seen["apiDomains"] == ["custom"]  # one domain: the CLI may enable the skill


def test_the_ask_cli_reads_every_regional_endpoint(seen: dict[str, Any]) -> None:
    """The CLI's getApisEndpointByDomainRegion finds the default, EU and FE alias ARNs."""
    assert seen["endpoints"] == ARNS


def test_the_ask_cli_uploads_the_icons_as_local_files(seen: dict[str, Any]) -> None:
    """hasIconFileUri is what makes the CLI upload file:// icons; every locale names both."""
    assert seen["hasIconFileUri"] is True
    for locale in LOCALES:
        assert seen["icons"][locale] == {
            "small": "file://assets/images/reconnect-ritual-108.png",
            "large": "file://assets/images/reconnect-ritual-512.png",
        }


def test_the_zip_the_ask_cli_would_upload_holds_the_whole_package(seen: dict[str, Any]) -> None:
    """The CLI's own zip of the package: the manifest, five models, two icons, nothing else."""
    assert seen["zipEntries"] == sorted(
        ["skill.json", "assets/images/reconnect-ritual-108.png",
         "assets/images/reconnect-ritual-512.png"]
        + [f"interactionModels/custom/{locale}.json" for locale in LOCALES]
    )  # fmt: skip


def test_the_ask_cli_reads_personalization_and_the_privacy_links(seen: dict[str, Any]) -> None:
    """person_id is requested, and each locale carries the policy and the terms."""
    assert "alexa::person_id:read" in seen["permissions"]
    for locale in LOCALES:
        assert seen["privacy"]["locales"][locale] == {
            "privacyPolicyUrl": POLICY,
            "termsOfUseUrl": TERMS,
        }


def test_an_unchanged_rebuild_keeps_the_deploy_hash_and_a_new_arn_changes_it(
    tmp_path: Path, seen: dict[str, Any]
) -> None:
    """`ask deploy` skips a package whose hash it deployed last: the same inputs give the same
    hash (icons included), another endpoint a new one, so a changed package is uploaded."""
    again = ask_cli_reads(build_project(tmp_path / "again"))
    other = ARNS["default"].replace(":live", ":7")
    moved = ask_cli_reads(build_project(tmp_path / "moved", default_arn=other))
    assert again["hash"] == seen["hash"]
    assert moved["hash"] != seen["hash"]


# --- ask-smapi-model --------------------------------------------------------------------


def round_trip(text: str, model: str) -> Any:
    """Read JSON into Amazon's model and write it back."""
    serializer = DefaultSerializer()
    return serializer.serialize(serializer.deserialize(text, model))


def test_amazons_manifest_model_keeps_every_field_of_the_manifest(project: Path) -> None:
    """The built skill.json, read by ask-smapi-model and written back, is unchanged: every key
    is one Amazon's model knows, and every permission and enum value one it accepts."""
    text = (project / "build" / "skill-package" / "skill.json").read_text("utf-8")
    assert round_trip(text, MANIFEST_MODEL) == json.loads(text)


@pytest.mark.parametrize("locale", LOCALES)
def test_amazons_interaction_model_keeps_every_field_of_each_model(
    locale: str, project: Path
) -> None:
    """Each locale's interaction model (intents, slots, dialog, prompts, validations) goes
    through ask-smapi-model and back unchanged."""
    path = project / "build" / "skill-package" / "interactionModels" / "custom" / f"{locale}.json"
    text = path.read_text("utf-8")
    assert round_trip(text, INTERACTION_MODEL) == json.loads(text)


def test_the_round_trip_would_catch_a_misspelt_key_or_an_unknown_permission(
    project: Path,
) -> None:
    """The check can fail: a misspelt privacy key is dropped, an unknown permission refused."""
    manifest = json.loads((project / "build" / "skill-package" / "skill.json").read_text("utf-8"))
    misspelt = json.loads(json.dumps(manifest))
    misspelt["manifest"]["privacyAndCompliance"]["usesPersonalInformation"] = True
    assert round_trip(json.dumps(misspelt), MANIFEST_MODEL) != misspelt

    manifest["manifest"]["permissions"].append({"name": "alexa::person:read"})
    with pytest.raises(SerializationException):
        round_trip(json.dumps(manifest), MANIFEST_MODEL)
