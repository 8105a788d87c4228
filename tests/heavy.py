"""Machine-specific parts of the tests: required when CI=true, skipped with a reason elsewhere.

Python 3.13 (the Lambda runtime's version, for bytecode) and the deploy tools' own venv
(`make deploy-tools`: the SAM CLI) are what a deploy needs; a developer without them still
runs everything else.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

from tools.builders import lambda_artifact, lambda_python

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_VENV = ROOT / ".venv-deploy"


def in_ci() -> bool:
    """Whether this run is CI's (CI=true), where nothing may be skipped for want of a tool."""
    return os.environ.get("CI") == "true"


def unavailable(reason: str) -> NoReturn:
    """Skip the test for `reason`, or fail it in CI."""
    if in_ci():
        pytest.fail(f"{reason} (required when CI=true)", pytrace=False)
    pytest.skip(reason)


def runtime_python() -> str:
    """A Python of the Lambda runtime's minor version (see tools/builders/lambda_python.py)."""
    try:
        return lambda_python.find(lambda_artifact.LAMBDA_PYTHON_VERSION)
    except lambda_python.NoLambdaPython as error:
        unavailable(str(error))


def deploy_tool(name: str) -> Path:
    """A program of the deploy tools' venv, e.g. `sam` or `python`."""
    path = DEPLOY_VENV / "bin" / name
    if not path.is_file():
        unavailable(f"{path.relative_to(ROOT)} is missing: `make deploy-tools` builds it")
    return path
