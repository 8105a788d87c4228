"""Build the ASK CLI skill package (build/skill-package) from interaction_models/.

Usage: python -m tools.build_skill_package --lambda-arn ARN [--out build/skill-package]

The package is what `ask deploy` uploads (ask-resources.json points at it):

    skill.json                          the manifest, with ${LAMBDA_ARN} filled in
    interactionModels/custom/<locale>.json

The Lambda itself is deployed separately by AWS SAM; its ARN comes from the stack outputs.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MODELS_DIR = REPO_ROOT / "interaction_models"
DEFAULT_OUT = REPO_ROOT / "build" / "skill-package"
MANIFEST_NAME = "skill.json"
ARN_PLACEHOLDER = "${LAMBDA_ARN}"

_LOCALE_FILE = re.compile(r"^[a-z]{2}-[A-Z]{2}\.json$")
# arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]
_LAMBDA_ARN = re.compile(
    r"^arn:aws:lambda:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:function:[A-Za-z0-9_-]{1,64}"
    r"(?::(?:\$LATEST|[A-Za-z0-9_-]{1,128}))?$"
)


class SkillPackageError(Exception):
    """The skill package cannot be built from what was given."""


def is_lambda_arn(value: str) -> bool:
    """Return True if value looks like the ARN of a Lambda function (optionally qualified)."""
    return _LAMBDA_ARN.fullmatch(value) is not None


def model_locales(models_dir: Path = MODELS_DIR) -> list[str]:
    """Return the locales that have an interaction model file, sorted."""
    return sorted(p.stem for p in models_dir.iterdir() if _LOCALE_FILE.match(p.name))


def render_manifest(manifest_text: str, lambda_arn: str | None) -> dict[str, object]:
    """The manifest with the Lambda ARN filled in (None: no endpoint, for a first deploy)."""
    if lambda_arn is None:
        manifest = json.loads(manifest_text)
        custom = manifest.get("manifest", {}).get("apis", {}).get("custom", {})
        custom.pop("endpoint", None)
        return dict(manifest)
    if not is_lambda_arn(lambda_arn):
        raise SkillPackageError(f"not a Lambda function ARN: {lambda_arn!r}")
    if ARN_PLACEHOLDER not in manifest_text:
        raise SkillPackageError(f"{MANIFEST_NAME} has no {ARN_PLACEHOLDER} placeholder")
    # The ARN pattern admits no character that needs escaping inside a JSON string.
    manifest = json.loads(manifest_text.replace(ARN_PLACEHOLDER, lambda_arn))
    if not isinstance(manifest, dict) or "manifest" not in manifest:
        raise SkillPackageError(f'{MANIFEST_NAME} must be an object with a "manifest" key')
    return manifest


def _publishing_locales(manifest: dict[str, object]) -> list[str]:
    """Return the locales listed under manifest.publishingInformation.locales, sorted."""
    body = manifest["manifest"]
    publishing = body.get("publishingInformation", {}) if isinstance(body, dict) else {}
    locales = publishing.get("locales", {}) if isinstance(publishing, dict) else {}
    return sorted(locales) if isinstance(locales, dict) else []


def _prepare_out_dir(out_dir: Path) -> None:
    """Empty out_dir of a previous package; refuse a folder holding anything else."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise SkillPackageError(f"{out_dir} exists and is not a folder")
        strangers = sorted(
            p.name for p in out_dir.iterdir() if p.name not in {MANIFEST_NAME, "interactionModels"}
        )
        if strangers:
            raise SkillPackageError(
                f"{out_dir} holds files that are not a skill package ({', '.join(strangers)}); "
                "choose an empty or new folder"
            )
        shutil.rmtree(out_dir / "interactionModels", ignore_errors=True)
        (out_dir / MANIFEST_NAME).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def build_skill_package(
    lambda_arn: str | None, out_dir: Path = DEFAULT_OUT, models_dir: Path = MODELS_DIR
) -> Path:
    """Write skill.json and every locale's interaction model into out_dir; return out_dir."""
    manifest = render_manifest((models_dir / MANIFEST_NAME).read_text("utf-8"), lambda_arn)
    locales = model_locales(models_dir)
    published = _publishing_locales(manifest)
    if not locales or locales != published:
        raise SkillPackageError(
            f"publishing locales {published} do not match interaction models {locales}"
        )
    for locale in locales:
        json.loads((models_dir / f"{locale}.json").read_text("utf-8"))  # fail before writing

    _prepare_out_dir(out_dir)
    (out_dir / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    custom = out_dir / "interactionModels" / "custom"
    custom.mkdir(parents=True)
    for locale in locales:
        shutil.copyfile(models_dir / f"{locale}.json", custom / f"{locale}.json")
    return out_dir


def main(argv: Sequence[str] | None = None) -> int:
    """Build the skill package from the command line; return the process exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.build_skill_package",
        description="Build the ASK CLI skill package from interaction_models/.",
    )
    parser.add_argument(
        "--lambda-arn",
        default="",
        help="ARN of the skill's Lambda function (arn:aws:lambda:REGION:ACCOUNT:function:NAME)",
    )
    parser.add_argument(
        "--no-endpoint",
        action="store_true",
        help="leave the endpoint out: the first `ask deploy`, which creates the skill and its id",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/skill-package)"
    )
    args = parser.parse_args(argv)
    if args.no_endpoint:
        out_dir = build_skill_package(None, args.out)
        print(f"skill package (no endpoint yet) written to {out_dir}")
        return 0
    if not args.lambda_arn:
        print(
            "error: --lambda-arn is required (the SAM stack output, arn:aws:lambda:...)",
            file=sys.stderr,
        )
        return 2
    if not is_lambda_arn(args.lambda_arn):
        print(f"error: not a Lambda function ARN: {args.lambda_arn!r}", file=sys.stderr)
        return 2
    try:
        out_dir = build_skill_package(args.lambda_arn, args.out)
    except (SkillPackageError, OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"skill package written to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
