"""Drift: the README's skill-package and ASK CLI commands are ones the tools accept."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from tools.builders.skill_package import main

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
# The README's placeholders, and values of their shape.
PLACEHOLDERS = {
    "ACCOUNT": "123456789012",
    "NAME": "reconnect-ritual-skill",
    "YOUR-SITE": "reconnect.couples-practice.net",
}


def shell_blocks() -> list[str]:
    """The README's sh code blocks, with backslash-newline continuations joined."""
    text = README.read_text("utf-8")
    return [b.replace("\\\n", " ") for b in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


def package_commands() -> list[list[str]]:
    """The ARGS of every `make skill-package ARGS="..."` in the README."""
    return [
        shlex.split(found)
        for block in shell_blocks()
        for found in re.findall(r'^make skill-package ARGS="([^"]*)"', block, flags=re.M)
    ]


def test_the_readme_builds_a_first_package_and_a_three_region_one() -> None:
    """The deploy steps show the --no-endpoint package and one with all three regions."""
    commands = package_commands()
    assert ["--no-endpoint"] in commands
    flags = [{a for a in c if a.startswith("--")} for c in commands]
    assert {"--lambda-arn", "--eu-lambda-arn", "--fe-lambda-arn", "--privacy-policy-url"} in flags


def test_self_hosting_puts_the_https_endpoint_in_the_package() -> None:
    """The self-hosted endpoint goes in the package (a console-only endpoint would be replaced
    by the next `ask deploy`), as a certification-ready one, and `npx ask deploy` follows."""
    section = README.read_text("utf-8").split("## Self-hosting as a web service\n", 1)[1]
    section = section.split("\n## ", 1)[0].replace("\\\n", " ")
    found = re.findall(r'^make skill-package ARGS="([^"]*)"\nnpx ask deploy$', section, re.M)
    assert len(found) == 1, found
    flags = {a for a in shlex.split(found[0]) if a.startswith("--")}
    assert flags == {"--https-endpoint", "--privacy-policy-url"}


@pytest.mark.parametrize("args", package_commands(), ids=lambda a: " ".join(a)[:40])
def test_every_readme_package_command_builds_a_package(args: list[str], tmp_path: Path) -> None:
    """With its placeholders filled in, each README command builds (exit 0)."""
    filled = [_fill(a) for a in args]
    assert main([*filled, "--out", str(tmp_path / "pkg")]) == 0


def test_the_readme_runs_the_pinned_ask_cli_and_deploys_metadata_first() -> None:
    """Every ASK CLI command is `npx ask` (the lockfile's), and the first deploy, with no
    endpoint yet, is `--target skill-metadata` (enabling the skill would be refused)."""
    lines = [line.strip() for block in shell_blocks() for line in block.splitlines()]
    ask = [line for line in lines if re.search(r"(^|\s)ask\s", line)]
    assert ask
    assert all(line.startswith("npx ask ") for line in ask), ask
    first = lines.index('make skill-package ARGS="--no-endpoint"')
    assert lines[first + 1] == "npx ask deploy --target skill-metadata"


def _fill(arg: str) -> str:
    for placeholder, value in PLACEHOLDERS.items():
        arg = arg.replace(placeholder, value)
    return arg
