"""Skill packages for the builder's tests: the ARNs, links and a certification-ready build."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tools.builders.skill_package import build_skill_package

ACCOUNT = "123456789012"
NA_ARN = f"arn:aws:lambda:us-east-1:{ACCOUNT}:function:reconnect-ritual-skill:live"
EU_ARN = f"arn:aws:lambda:eu-west-1:{ACCOUNT}:function:reconnect-ritual-skill:live"
FE_ARN = f"arn:aws:lambda:us-west-2:{ACCOUNT}:function:reconnect-ritual-skill:live"
POLICY = "https://reconnect.couples-practice.net/privacy"
TERMS = "https://reconnect.couples-practice.net/terms"
LINKS = ["--privacy-policy-url", POLICY, "--terms-url", TERMS]


def arn_in(region: str) -> str:
    """The skill's alias ARN in an AWS region."""
    return f"arn:aws:lambda:{region}:{ACCOUNT}:function:reconnect-ritual-skill:live"


def built(out: Path) -> dict[str, Any]:
    """The manifest body of a built package."""
    manifest: dict[str, Any] = json.loads((out / "skill.json").read_text("utf-8"))
    return dict(manifest["manifest"])


def certified(out: Path, **regional: str) -> Path:
    """A certification-ready package: the NA ARN as default, the privacy links."""
    return build_skill_package(
        NA_ARN, out, regional_arns=regional, privacy_policy_url=POLICY, terms_url=TERMS
    )
