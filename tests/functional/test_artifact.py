"""The Lambda artifact carries everything the skill needs, and nothing the runtime provides;
with Python 3.13 at hand, bytecode that the runtime uses as it is, compiling nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reconnect import store
from reconnect.speech import content, content_snapshot
from tests.functional.lambda_like import read_only_copy, run_like_lambda, snapshot
from tests.heavy import runtime_python
from tools.builders import lambda_artifact, lambda_python
from tools.standins.alexa import AlexaStandIn

ROOT = Path(__file__).resolve().parents[2]
MAX_ZIPPED_BYTES = 5 * 1024 * 1024

# Never shipped: the runtime has boto3 and its kin (a second copy would only add weight and
# drift from the runtime's), and `requests` is not needed (the Alexa API client is stdlib).
NOT_SHIPPED = ("boto3", "botocore", "s3transfer", "jmespath", "urllib3", "requests")


def _has_runtime_python() -> bool:
    try:
        lambda_python.find(lambda_artifact.LAMBDA_PYTHON_VERSION)
    except lambda_python.NoLambdaPython:
        return False
    return True


@pytest.fixture(scope="module")
def artifact(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The artifact, built once for this module as `make build` builds it (source only where
    no Python 3.13 is found: the bytecode tests then skip, or fail in CI)."""
    out = tmp_path_factory.mktemp("artifact") / "lambda"
    return lambda_artifact.build(out, bytecode=_has_runtime_python())


def _relative_files(folder: Path) -> set[str]:
    """Files under `folder` as relative POSIX paths, leaving out what the build leaves out."""
    return {
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and "__pycache__" not in path.parts
        and path.suffix not in {".pyc", ".pyo"}
        and path.name != ".DS_Store"
    }


def test_artifact_holds_the_skill_package_and_its_content_side_by_side(artifact: Path) -> None:
    """reconnect/ and content/ sit at the artifact's top level, copied file for file."""
    assert (artifact / "reconnect" / "__init__.py").is_file()
    shipped = _relative_files(artifact / "reconnect")
    built = {name for name in shipped if name.startswith("_built/")}
    assert shipped - built == _relative_files(ROOT / "lambda" / "reconnect")
    assert built == {"_built/botocore/endpoints.json", "_built/content.json"}
    assert (artifact / "content").is_dir()
    assert _relative_files(artifact / "content") == _relative_files(ROOT / "content")


def test_artifact_holds_its_content_loaded_and_checked_for_init(artifact: Path) -> None:
    """The build's snapshot of content/ matches the artifact's files and reads back as they
    load; botocore's cut-down endpoints are reconnect.store's data folder."""
    snapshot = artifact / "reconnect" / content.SNAPSHOT.relative_to(content.SNAPSHOT.parents[1])
    loaded = content.load(artifact / "content")
    assert content_snapshot.read(snapshot, artifact / "content") == loaded
    built = Path(store.BOTOCORE_DATA).relative_to(Path(store.BOTOCORE_DATA).parents[1])
    assert (artifact / "reconnect" / built / "endpoints.json").is_file()


def test_artifact_ships_neither_the_web_service_nor_the_tools(artifact: Path) -> None:
    """Only lambda/reconnect and content/ of ours: web/, tools/ and tests/ stay home."""
    beside_the_repository_root = {p.name for p in artifact.iterdir() if (ROOT / p.name).exists()}
    assert beside_the_repository_root == {"content"}


def test_artifact_holds_the_pinned_runtime_dependencies(artifact: Path) -> None:
    """The ASK SDK packages from lambda/requirements.txt are installed at the top level."""
    for package in ("ask_sdk_core", "ask_sdk_runtime", "ask_sdk_model", "dateutil"):
        assert (artifact / package / "__init__.py").is_file(), package
    assert (artifact / "six.py").is_file()


def test_artifact_leaves_out_what_the_lambda_runtime_provides(artifact: Path) -> None:
    """No boto3, botocore, requests (or their kin)."""
    top_level = {path.name.lower() for path in artifact.iterdir()}
    for package in NOT_SHIPPED:
        assert package not in top_level
        assert not [name for name in top_level if name.startswith(f"{package}-")], package


def test_every_module_has_hash_based_bytecode_of_the_runtimes_version_only(
    artifact: Path,
) -> None:
    """GIVEN Python 3.13 WHEN the artifact is built THEN every .py has an unchecked-hash
    cpython-313 .pyc beside it, and no bytecode of any other version is shipped."""
    runtime_python()
    assert lambda_artifact.without_bytecode(artifact) == []
    tags = {pyc.name.split(".")[-2] for pyc in artifact.rglob("*.pyc")}
    assert tags == {lambda_artifact.CACHE_TAG}
    sources = {path.stem for path in artifact.rglob("*.py")}
    assert {pyc.name.split(".")[0] for pyc in artifact.rglob("*.pyc")} == sources


def test_a_deploy_build_without_python_313_stops_and_names_the_ways_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """GIVEN no Python 3.13 anywhere WHEN a deploy build starts THEN it stops before touching
    the output, saying how to get one or to build in Lambda's image; it never ships source only."""
    monkeypatch.setattr(lambda_python, "candidates", lambda version: iter(()))
    monkeypatch.delenv(lambda_python.ENV, raising=False)
    out = tmp_path / "lambda"
    with pytest.raises(lambda_artifact.ArtifactError) as raised:
        lambda_artifact.build(out)
    message = str(raised.value)
    for way_out in ("python3.13", "pyenv install 3.13", lambda_python.ENV, "--use-container"):
        assert way_out in message
    assert not out.exists()
    monkeypatch.setenv(lambda_python.ENV, sys.executable)  # a Python, but not 3.13
    with pytest.raises(lambda_artifact.ArtifactError, match=r"not a working Python 3\.13"):
        lambda_artifact.build(out)


def test_artifact_zips_to_under_five_megabytes(artifact: Path) -> None:
    """The deployment zip, bytecode included, stays small, which keeps cold starts short."""
    assert lambda_artifact.zipped_size(artifact) < MAX_ZIPPED_BYTES


def test_artifact_answers_a_launch_request_in_a_fresh_lambda_like_process(
    artifact: Path,
    lambda_runtime: Path,
    dynamodb_endpoint: str,
    standin: AlexaStandIn,
    tmp_path: Path,
) -> None:
    """With only the artifact and the runtime's packages, a new couple's launch is answered."""
    seen = run_like_lambda(
        sys.executable, artifact, lambda_runtime, dynamodb_endpoint, standin, tmp_path
    )
    assert seen["ssml"].startswith("<speak>")


def test_python_313_answers_from_the_artifact_without_compiling_a_single_source_file(
    artifact: Path,
    lambda_runtime: Path,
    dynamodb_endpoint: str,
    standin: AlexaStandIn,
    tmp_path: Path,
) -> None:
    """GIVEN the artifact read-only and Python 3.13 (the runtime's version) WHEN a fresh
    process imports the skill and answers a launch THEN no source file of the artifact is
    compiled, every module it imported came from its .pyc, and nothing was written."""
    python = runtime_python()
    task = read_only_copy(artifact, tmp_path)
    before = snapshot(task)
    seen = run_like_lambda(python, task, lambda_runtime, dynamodb_endpoint, standin, tmp_path)
    assert seen["cache_tag"] == lambda_artifact.CACHE_TAG
    assert seen["compiled"] == []
    assert seen["without_pyc"] == []
    assert seen["from_artifact"] > 100  # the skill, the ASK SDK and its models
    assert snapshot(task) == before
