"""Run inside the deploy tools' venv (.venv-deploy) by the deploy rehearsal: SAM's own code.

`transform TEMPLATE PARAMS_JSON`: the CloudFormation template SAM would deploy, as JSON, by the
same translator `sam validate` uses (offline: no managed policy is named, so IAM is never asked).
`zip FOLDER BASENAME`: the folder zipped exactly as `sam deploy` zips a function; the zip's path.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def transform(template_path: str, parameters: dict[str, str]) -> dict[str, object]:
    """The transformed template."""
    import boto3
    from samcli.lib.translate.sam_template_validator import SamTemplateValidator
    from samcli.yamlhelper import yaml_parse
    from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader

    template = yaml_parse(Path(template_path).read_text(encoding="utf-8"))
    loader = ManagedPolicyLoader(boto3.client("iam", region_name="us-east-1"))
    validator = SamTemplateValidator(
        template, loader, region="us-east-1", parameter_overrides=parameters
    )
    translated: dict[str, object] = yaml_parse(validator.get_translated_template_if_valid())
    return translated


def main(argv: list[str]) -> int:
    """Dispatch one command; print its result."""
    if argv[0] == "transform":
        print(json.dumps(transform(argv[1], json.loads(argv[2])), default=str))
    elif argv[0] == "zip":
        from samcli.lib.package.utils import make_zip

        print(make_zip(argv[2], argv[1]))
    else:
        raise SystemExit(f"unknown command {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
