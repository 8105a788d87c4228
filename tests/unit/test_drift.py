"""Drift: the models, the handlers, the README and CI say the same thing."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
import tomllib
from pathlib import Path
from types import ModuleType

from reconnect.alexa import handlers
from reconnect.alexa.handlers.base import IntentHandler

ROOT = Path(__file__).resolve().parents[2]
MODELS = sorted((ROOT / "interaction_models").glob("*-*.json"))


def model_intents(path: Path) -> set[str]:
    """The intent names an interaction model declares."""
    model = json.loads(path.read_text())
    return {i["name"] for i in model["interactionModel"]["languageModel"]["intents"]}


def handler_modules() -> dict[str, ModuleType]:
    """Every module under reconnect.alexa.handlers that exports HANDLERS, by name."""
    found = {}
    for info in pkgutil.iter_modules(handlers.__path__):
        module = importlib.import_module(f"{handlers.__name__}.{info.name}")
        if hasattr(module, "HANDLERS"):
            found[info.name] = module
    return found


def handled_intents() -> set[str]:
    """The intent names the handler modules' HANDLERS claim."""
    handled: set[str] = set()
    for module in handler_modules().values():
        for handler in module.HANDLERS:
            if isinstance(handler, IntentHandler):
                handled |= set(handler.intents)
    return handled


def test_there_are_five_locale_models() -> None:
    """en-US, en-GB, en-CA, en-AU and en-IN."""
    assert {p.stem for p in MODELS} == {"en-US", "en-GB", "en-CA", "en-AU", "en-IN"}


def test_every_intent_in_every_model_has_a_handler() -> None:
    """No intent reaches the catch-all by accident."""
    handled = handled_intents()
    for path in MODELS:
        assert model_intents(path) - handled == set(), path.name


def test_every_handled_intent_exists_in_every_model() -> None:
    """No handler waits for an intent a locale can never send."""
    handled = handled_intents()
    for path in MODELS:
        assert handled - model_intents(path) == set(), path.name


def readme_commands() -> set[str]:
    """The `make ...` commands shown in the README's code blocks."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```(?:sh|bash|shell|console)?\n(.*?)```", readme, flags=re.S)
    return {m for b in blocks for m in re.findall(r"^\s*(make [a-z-]+)", b, flags=re.M)}


def test_readme_gives_the_two_commands() -> None:
    """The README shows `make run` and `make test`."""
    assert {"make run", "make test"} <= readme_commands()


def test_ci_runs_the_readmes_test_command() -> None:
    """.ci/run calls `make test`, the README's test command, and nothing that skips it."""
    ci = (ROOT / ".ci" / "run").read_text()
    commands = [line.strip() for line in ci.splitlines() if line.strip() and line[0] != "#"]
    assert "make test" in commands


def test_ci_runs_the_generalisation_check_when_ci_is_true() -> None:
    """.ci/run runs `make nlu-check` after `make test`, only when CI=true; `make test` does not."""
    ci = (ROOT / ".ci" / "run").read_text()
    when_ci = ci.index('if [ "${CI:-}" = "true" ]')
    assert ci.index("make test") < when_ci < ci.index("make nlu-check")
    test_rule = re.search(r"^test:(.*)$", (ROOT / "Makefile").read_text(), flags=re.M)
    assert test_rule is not None
    assert "nlu" not in test_rule[1].lower()


def test_every_make_command_in_the_readme_exists() -> None:
    """Each `make X` in the README is a target in the Makefile."""
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    for command in readme_commands():
        assert command.split()[1] in targets, command


def test_make_test_installs_what_it_needs() -> None:
    """`make test` depends on the Python and Node installs: a fresh machine needs nothing else."""
    makefile = (ROOT / "Makefile").read_text()
    test_rule = re.search(r"^test:(.*)$", makefile, flags=re.M)
    assert test_rule is not None
    assert "$(PY_READY)" in test_rule[1]
    assert "$(NODE_READY)" in test_rule[1]


def readme_section_lines(title: str) -> list[str]:
    """The command lines (no comments) of the code blocks in one `## title` README section."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|shell|console)?\n(.*?)```", section, flags=re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [line for line in lines if line and not line.startswith("#")]


def test_readme_deploys_with_exactly_what_the_rehearsal_runs() -> None:
    """GIVEN the deploy rehearsal (tests/functional/test_deploy_rehearsal.py) WHEN the README
    says how to deploy THEN it installs the same pinned tools, sets up the same shell and runs
    the same `sam` commands in the same order; only `sam deploy` (needs AWS) is not rehearsed."""
    from tests.functional import test_deploy_rehearsal as rehearsal

    lines = readme_section_lines("Deploying")
    sam = [line for line in lines if line.startswith("sam ")]
    rehearsed = [" ".join(command) for command in rehearsal.REHEARSED]
    assert [line for line in sam if not line.startswith(rehearsal.NOT_REHEARSED)] == rehearsed
    assert any(line.startswith("sam deploy --guided") for line in sam)
    assert lines.index(rehearsal.DEPLOY_TOOLS) < lines.index(rehearsal.SHELL_SETUP)
    assert lines.index(rehearsal.SHELL_SETUP) < lines.index(sam[0])
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^DEPLOY_VENV := \.venv-deploy$", makefile, flags=re.M)
    assert re.search(r"^DEPLOY_PATH := \$\(DEPLOY_VENV\)/sam-only$", makefile, flags=re.M)
    assert f".venv-deploy/{rehearsal.SAM_ONLY.name}:" in rehearsal.SHELL_SETUP


def test_readme_deploys_each_region_to_its_samconfig_stack() -> None:
    """GIVEN samconfig.toml's config-envs WHEN the README deploys `--config-env X --region R`
    THEN X names a stack in R there (what --guided proposes), and every config-env is deployed."""
    config = tomllib.loads((ROOT / "samconfig.toml").read_text("utf-8"))
    envs = {
        name: env["global"]["parameters"]
        for name, env in config.items()
        if isinstance(env, dict) and "global" in env
    }
    deploys = [line for line in readme_section_lines("Deploying") if line.startswith("sam deploy")]
    pairs: dict[str, str] = {}
    for line in deploys:
        found = re.search(r"--config-env (\w+) --region ([\w-]+)", line)
        assert found, line
        pairs[found[1]] = found[2]
    assert pairs == {name: env["region"] for name, env in envs.items()}
    assert {env["stack_name"] for env in envs.values()} == {"reconnect-ritual"}


def test_readme_rolls_back_the_templates_alias_in_every_deployed_region() -> None:
    """GIVEN the template's alias and outputs WHEN the README rolls back THEN its commands move
    that alias of the function the output names, and name every region the README deploys to."""
    template = (ROOT / "template.yaml").read_text("utf-8")
    alias = re.search(r"^\s+AutoPublishAlias: (\w+)$", template, flags=re.M)
    assert alias
    assert re.search(r"^  SkillFunctionName:$", template, flags=re.M)
    lines = readme_section_lines("Deploying")
    update = [line for line in lines if line.startswith("aws lambda update-alias")]
    assert len(update) == 1, update
    assert f"--name {alias[1]} " in update[0]
    for line in (line for line in lines if line.startswith("aws ")):
        assert "--region us-east-1" in line, line
        assert "--function-name NAME" in line, line
    section = (ROOT / "README.md").read_text("utf-8").split("### Rolling back\n", 1)[1]
    section = section.split("\n### ", 1)[0]
    deployed = {
        found[1]
        for line in lines
        if (found := re.search(r"^sam deploy .*--region ([\w-]+)", line)) is not None
    }
    assert {"us-east-1"} < deployed
    for region in deployed - {"us-east-1"}:
        assert f"--region {region}" in section, region


def test_readme_self_hosting_table_is_the_templates() -> None:
    """GIVEN the stack's table WHEN the README creates one for self-hosting THEN it has the same
    key (a string) and the same time-to-live attribute, which store.py reads and writes."""
    template = (ROOT / "template.yaml").read_text("utf-8")
    key = re.search(r"KeySchema:\s+- AttributeName: (\w+)\s+KeyType: HASH", template)
    ttl = re.search(r"TimeToLiveSpecification:\s+AttributeName: (\w+)", template)
    assert key
    assert ttl
    lines = [
        line
        for line in readme_section_lines("Self-hosting as a web service")
        if line.startswith(("aws dynamodb", "--"))
    ]
    commands = " ".join(lines)
    assert f"AttributeName={key[1]},AttributeType=S" in commands
    assert f"AttributeName={key[1]},KeyType=HASH" in commands
    assert f"Enabled=true,AttributeName={ttl[1]}" in commands
