"""Build the ASK CLI skill package (build/skill-package) from interaction_models/.

Usage:
    python -m tools.builders.skill_package --lambda-arn ARN [--eu-lambda-arn ARN]
        [--fe-lambda-arn ARN] [--na-lambda-arn ARN]
        --privacy-policy-url URL [--terms-url URL] [--out build/skill-package]
    python -m tools.builders.skill_package --https-endpoint URL ...   the self-hosted web service
    python -m tools.builders.skill_package --no-endpoint     the very first deploy
    python -m tools.builders.skill_package --dev --lambda-arn ARN    no privacy links yet

The package is what `ask deploy` uploads (ask-resources.json points at it):

    skill.json                          the manifest: endpoints, privacy links filled in
    interactionModels/custom/<locale>.json
    assets/images/<icon>.png            the 108x108 and 512x512 icons, drawn here

A certification-ready package (an endpoint, no --dev) needs the privacy policy URL (the skill
keeps check-ins); the terms of use URL is optional and added when given. A development package
may go without either, and the builder says what it lacks. The Lambda
itself is deployed separately by AWS SAM; its ARN (an alias, `...:function:NAME:live`) comes
from each region's stack outputs. tools/builders/skill_manifest.py has the rules for each field.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tools.builders import skill_icons
from tools.builders.skill_manifest import (
    SkillPackageError,
    custom_endpoints,
    icon_files,
    parse_lambda_arn,
    privacy_locales,
    public_page_url,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
MODELS_DIR = REPO_ROOT / "interaction_models"
DEFAULT_OUT = REPO_ROOT / "build" / "skill-package"
MANIFEST_NAME = "skill.json"
PACKAGE_PARTS = {MANIFEST_NAME, "interactionModels", "assets"}
REGION_OPTIONS = {"NA": "--na-lambda-arn", "EU": "--eu-lambda-arn", "FE": "--fe-lambda-arn"}

_LOCALE_FILE = re.compile(r"^[a-z]{2}-[A-Z]{2}\.json$")

__all__ = ["SkillPackageError", "build_skill_package", "certification_gaps", "is_lambda_arn"]


def is_lambda_arn(value: str) -> bool:
    """Return True if value looks like the ARN of a Lambda function (optionally qualified)."""
    try:
        parse_lambda_arn(value)
    except SkillPackageError:
        return False
    return True


def model_locales(models_dir: Path = MODELS_DIR) -> list[str]:
    """Return the locales that have an interaction model file, sorted."""
    return sorted(p.stem for p in models_dir.iterdir() if _LOCALE_FILE.match(p.name))


def certification_gaps(lambda_arn: str | None, privacy_policy_url: str | None) -> list[str]:
    """What a package built from these lacks before it can be submitted for certification."""
    gaps = []
    if lambda_arn is None:
        gaps.append("no endpoint (a first deploy, to create the skill and learn its id)")
    if not privacy_policy_url:
        gaps.append("no privacy policy URL (--privacy-policy-url)")
    return gaps


def _read_manifest(models_dir: Path) -> dict[str, Any]:
    """The source manifest, checked to leave endpoints and privacy links to the builder."""
    manifest = json.loads((models_dir / MANIFEST_NAME).read_text("utf-8"))
    if not isinstance(manifest, dict) or not isinstance(manifest.get("manifest"), dict):
        raise SkillPackageError(f'{MANIFEST_NAME} must be an object with a "manifest" object')
    body = manifest["manifest"]
    custom = body.get("apis", {}).get("custom")
    if not isinstance(custom, dict) or {"endpoint", "regions"} & set(custom):
        raise SkillPackageError(f"{MANIFEST_NAME}: apis.custom must be there, without endpoints")
    if "locales" in body.get("privacyAndCompliance", {}):
        raise SkillPackageError(f"{MANIFEST_NAME}: privacy links are the builder's to fill in")
    return dict(manifest)


def _publishing_locales(manifest: dict[str, Any]) -> dict[str, Any]:
    """manifest.publishingInformation.locales ({} when missing)."""
    locales = manifest["manifest"].get("publishingInformation", {}).get("locales", {})
    return locales if isinstance(locales, dict) else {}


def _prepare_out_dir(out_dir: Path) -> None:
    """Empty out_dir of a previous package; refuse a folder holding anything else."""
    if out_dir.exists():
        if not out_dir.is_dir():
            raise SkillPackageError(f"{out_dir} exists and is not a folder")
        strangers = sorted(p.name for p in out_dir.iterdir() if p.name not in PACKAGE_PARTS)
        if strangers:
            raise SkillPackageError(
                f"{out_dir} holds files that are not a skill package ({', '.join(strangers)}); "
                "choose an empty or new folder"
            )
        for part in PACKAGE_PARTS - {MANIFEST_NAME}:
            shutil.rmtree(out_dir / part, ignore_errors=True)
        (out_dir / MANIFEST_NAME).unlink(missing_ok=True)
    out_dir.mkdir(parents=True, exist_ok=True)


def build_skill_package(
    lambda_arn: str | None,
    out_dir: Path = DEFAULT_OUT,
    models_dir: Path = MODELS_DIR,
    *,
    regional_arns: Mapping[str, str] | None = None,
    privacy_policy_url: str | None = None,
    terms_url: str | None = None,
    dev: bool = False,
) -> Path:
    """Write the manifest, every locale's model and the icons into out_dir; return out_dir.

    lambda_arn is the default endpoint (None: no endpoint, for the first deploy; an https://
    URL: a self-hosted web service) and regional_arns the NA/EU/FE ones. Without dev, a
    package with an endpoint must carry the privacy policy URL (terms are optional).
    """
    regional = dict(regional_arns or {})
    if lambda_arn is None and regional:
        raise SkillPackageError("regional endpoints need a default one (--lambda-arn) too")
    if lambda_arn is not None and not dev:
        missing = certification_gaps(lambda_arn, privacy_policy_url)
        if missing:
            raise SkillPackageError(
                f"a certification-ready package needs {' and '.join(missing)}; "
                "--dev builds one for the development stage only"
            )
    manifest = _read_manifest(models_dir)
    body = manifest["manifest"]
    if lambda_arn is not None:
        body["apis"]["custom"].update(custom_endpoints(lambda_arn, regional))
    locales = model_locales(models_dir)
    published = sorted(_publishing_locales(manifest))
    if not locales or locales != published:
        raise SkillPackageError(
            f"publishing locales {published} do not match interaction models {locales}"
        )
    links = _privacy_links(locales, privacy_policy_url, terms_url)
    if links:
        body.setdefault("privacyAndCompliance", {})["locales"] = links
    icons = icon_files(_publishing_locales(manifest))
    for locale in locales:
        json.loads((models_dir / f"{locale}.json").read_text("utf-8"))  # fail before writing

    _prepare_out_dir(out_dir)
    _write_icons(out_dir, icons)
    (out_dir / MANIFEST_NAME).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    custom = out_dir / "interactionModels" / "custom"
    custom.mkdir(parents=True)
    for locale in locales:
        shutil.copyfile(models_dir / f"{locale}.json", custom / f"{locale}.json")
    return out_dir


def _privacy_links(
    locales: list[str], privacy_policy_url: str | None, terms_url: str | None
) -> dict[str, dict[str, str]]:
    """privacyAndCompliance.locales from whichever links were given (both, one or none)."""
    if privacy_policy_url and terms_url:
        return privacy_locales(locales, privacy_policy_url, terms_url)
    link: dict[str, str] = {}
    if privacy_policy_url:
        link["privacyPolicyUrl"] = public_page_url(privacy_policy_url, "privacy policy URL")
    if terms_url:
        link["termsOfUseUrl"] = public_page_url(terms_url, "terms of use URL")
    return {locale: dict(link) for locale in locales} if link else {}


def _write_icons(out_dir: Path, wanted: Mapping[str, int]) -> None:
    """Draw the icons into the package where the manifest says they are."""
    written = skill_icons.write_icons(out_dir / "assets" / "images")
    found = {str(path.relative_to(out_dir)): size for size, path in written.items()}
    for relative, size in wanted.items():
        if found.get(relative) != size:
            raise SkillPackageError(f"the manifest names {relative} ({size} px), not drawn here")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.builders.skill_package",
        description="Build the ASK CLI skill package from interaction_models/.",
    )
    parser.add_argument(
        "--lambda-arn",
        default="",
        help="the default endpoint: the skill's Lambda alias ARN (arn:aws:lambda:REGION:"
        "ACCOUNT:function:NAME:live), used for every Alexa region not given its own",
    )
    for region, option in REGION_OPTIONS.items():
        parser.add_argument(option, default="", help=f"the {region} region's own endpoint")
    parser.add_argument(
        "--https-endpoint",
        default="",
        help="instead of Lambda: the self-hosted web service's https:// URL (trusted certificate)",
    )
    parser.add_argument("--privacy-policy-url", default="", help="the privacy notice you host")
    parser.add_argument("--terms-url", default="", help="the terms of use you host (optional)")
    parser.add_argument(
        "--no-endpoint",
        action="store_true",
        help="leave the endpoint out: the first `ask deploy`, which creates the skill and its id",
    )
    parser.add_argument(
        "--dev",
        action="store_true",
        help="a development-stage package: the privacy policy URL may be missing",
    )
    parser.add_argument(
        "--out", type=Path, default=DEFAULT_OUT, help="output folder (default: build/skill-package)"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Build the skill package from the command line; return the process exit status."""
    args = _parser().parse_args(argv)
    regional = {r: getattr(args, o[2:].replace("-", "_")) for r, o in REGION_OPTIONS.items()}
    regional = {region: arn for region, arn in regional.items() if arn}
    given = [x for x in (args.lambda_arn, args.https_endpoint) if x]
    if (args.no_endpoint and (given or regional)) or len(given) > 1:
        print(
            "error: give one of --lambda-arn, --https-endpoint and --no-endpoint",
            file=sys.stderr,
        )
        return 2
    if args.https_endpoint and not args.https_endpoint.startswith("https://"):
        print(f"error: not an https:// URL: {args.https_endpoint!r}", file=sys.stderr)
        return 2
    lambda_arn: str | None = None if args.no_endpoint else (given or [""])[0]
    if lambda_arn == "":
        print(
            "error: --lambda-arn is required (the SAM stack output, arn:aws:lambda:...), "
            "or --https-endpoint for a self-hosted service, or --no-endpoint for the very "
            "first deploy",
            file=sys.stderr,
        )
        return 2
    try:
        out_dir = build_skill_package(
            lambda_arn,
            args.out,
            regional_arns=regional,
            privacy_policy_url=args.privacy_policy_url or None,
            terms_url=args.terms_url or None,
            dev=args.dev,
        )
    except SkillPackageError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    gaps = certification_gaps(lambda_arn, args.privacy_policy_url)
    if gaps:
        print("development package, not ready for certification: " + "; ".join(gaps))
    print(f"skill package written to {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
