"""What the package builder writes into the skill manifest: endpoints, privacy links, icons.

Endpoints. Alexa sends each customer's requests to the endpoint of their Alexa region, when the
manifest names one (`apis.custom.regions`: NA, EU, FE), and to the default endpoint otherwise.
A Lambda endpoint needs the Alexa Skills Kit trigger, which Lambda offers in four AWS regions
only; and an endpoint far from its customers costs every turn a round trip across the world.
So each Alexa region takes the AWS regions that are in it or next to it:

    default  any of the four
    NA       us-east-1, us-west-2            (North America)
    EU       eu-west-1                       (Europe and India)
    FE       us-west-2, ap-northeast-1       (Japan and Australia)

A self-hosted web service (https://, a certificate from a trusted authority) is one endpoint
for every region instead.

Privacy. Certification needs a privacy policy URL (the skill keeps check-ins), for every locale
(`privacyAndCompliance.locales`); a terms of use URL is optional. They must be real https
pages: a placeholder host (example.com, localhost, *.test) is refused.

Icons. Each locale names its 108x108 and 512x512 icon as `file://assets/images/<name>.png`,
which the ASK CLI (2.30.5 and later) uploads from the skill package.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from tools.builders.skill_icons import ICON_NAMES, LARGE, SMALL

ASK_TRIGGER_REGIONS = ("us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1")
DEFAULT = "default"
ENDPOINT_REGIONS: dict[str, tuple[str, ...]] = {
    DEFAULT: ASK_TRIGGER_REGIONS,
    "NA": ("us-east-1", "us-west-2"),
    "EU": ("eu-west-1",),
    "FE": ("us-west-2", "ap-northeast-1"),
}
ICONS_FOLDER = "assets/images"
ICON_URIS = {
    "smallIconUri": (SMALL, f"file://{ICONS_FOLDER}/{ICON_NAMES[SMALL]}"),
    "largeIconUri": (LARGE, f"file://{ICONS_FOLDER}/{ICON_NAMES[LARGE]}"),
}

# arn:aws:lambda:<region>:<account>:function:<name>[:<version or alias>]
_LAMBDA_ARN = re.compile(
    r"^arn:aws:lambda:(?P<region>[a-z]{2}(?:-[a-z]+)+-\d):(?P<account>\d{12}):function:"
    r"(?P<name>[A-Za-z0-9_-]{1,64})(?::(?P<qualifier>\$LATEST|[A-Za-z0-9_-]{1,128}))?$"
)
_PLACEHOLDER_HOSTS = re.compile(
    r"(?:^|\.)(?:example\.(?:com|net|org)|example|test|invalid|localhost)$|^(?:\d+\.){3}\d+$"
)


class SkillPackageError(Exception):
    """The skill package cannot be built from what was given."""


@dataclass(frozen=True)
class LambdaArn:
    """A Lambda function ARN, read into its parts."""

    arn: str
    region: str
    account: str
    name: str
    qualifier: str | None


def parse_lambda_arn(value: str) -> LambdaArn:
    """Read a Lambda function ARN (optionally qualified); raise SkillPackageError."""
    match = _LAMBDA_ARN.fullmatch(value)
    if match is None:
        raise SkillPackageError(f"not a Lambda function ARN: {value!r}")
    return LambdaArn(
        value, match["region"], match["account"], match["name"], match["qualifier"] or None
    )


def endpoint_arn(value: str, alexa_region: str) -> LambdaArn:
    """A Lambda ARN fit to serve `alexa_region` (default, NA, EU, FE); raise SkillPackageError."""
    arn = parse_lambda_arn(value)
    if arn.region not in ASK_TRIGGER_REGIONS:
        raise SkillPackageError(
            f"{value}: Lambda offers the Alexa Skills Kit trigger only in "
            f"{', '.join(ASK_TRIGGER_REGIONS)}, not in {arn.region}"
        )
    fitting = ENDPOINT_REGIONS[alexa_region]
    if arn.region not in fitting:
        raise SkillPackageError(
            f"{value}: the {alexa_region} endpoint should be in {' or '.join(fitting)}, "
            f"near its customers, not in {arn.region}"
        )
    return arn


def custom_endpoints(default: str, regional: Mapping[str, str]) -> dict[str, Any]:
    """`apis.custom`'s endpoint and regions, each ARN checked against its Alexa region.

    A default that is an https:// URL is a self-hosted web service with a certificate from
    a trusted authority; it serves every region.
    """
    unknown = sorted(r for r in regional if r == DEFAULT or r not in ENDPOINT_REGIONS)
    if unknown:
        raise SkillPackageError(f"no such Alexa region: {', '.join(unknown)} (NA, EU or FE)")
    if default.startswith("https://"):
        if regional:
            raise SkillPackageError("a self-hosted endpoint serves every region: no regional ARN")
        url = public_page_url(default, "self-hosted endpoint")
        return {"endpoint": {"uri": url, "sslCertificateType": "Trusted"}}
    apis: dict[str, Any] = {"endpoint": {"uri": endpoint_arn(default, DEFAULT).arn}}
    regions = {
        region: {"endpoint": {"uri": endpoint_arn(arn, region).arn}}
        for region, arn in sorted(regional.items())
    }
    if regions:
        apis["regions"] = regions
    return apis


def public_page_url(value: str, what: str) -> str:
    """An https URL of a real public page (no placeholder host); raise SkillPackageError."""
    parts = urlsplit(value)
    host = (parts.hostname or "").lower()
    if parts.scheme != "https" or not host or "." not in host or any(c.isspace() for c in value):
        raise SkillPackageError(f"the {what} must be an https:// address, not {value!r}")
    if _PLACEHOLDER_HOSTS.search(host):
        raise SkillPackageError(f"the {what} {value!r} is a placeholder: give the page you host")
    return value


def privacy_locales(
    locales: list[str], privacy_policy_url: str, terms_url: str
) -> dict[str, dict[str, str]]:
    """`privacyAndCompliance.locales`: the same policy and terms for every locale."""
    policy = public_page_url(privacy_policy_url, "privacy policy URL")
    terms = public_page_url(terms_url, "terms of use URL")
    return {locale: {"privacyPolicyUrl": policy, "termsOfUseUrl": terms} for locale in locales}


def icon_files(publishing_locales: Mapping[str, Any]) -> dict[str, int]:
    """The icon files the locales name, relative to the package, with their pixel size.

    Every locale must name both icons, as the package builder draws them.
    """
    wanted: dict[str, int] = {}
    for locale, info in sorted(publishing_locales.items()):
        for key, (size, uri) in ICON_URIS.items():
            named = info.get(key) if isinstance(info, dict) else None
            if named != uri:
                raise SkillPackageError(f"{locale}: {key} must be {uri!r}, not {named!r}")
            wanted[uri.removeprefix("file://")] = size
    return wanted
