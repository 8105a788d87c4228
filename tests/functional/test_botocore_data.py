"""The artifact's cut-down endpoints.json: botocore resolves DynamoDB exactly as with its own.

For every region of every partition, plain, FIPS and dual-stack: the same endpoint URL, region
and signing name and region, or the same error; and make_client reads the cut-down file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import botocore
import botocore.session
import pytest
from botocore.config import Config

from reconnect import store
from tools.builders import botocore_data

VARIANTS = ((False, False), (True, False), (False, True))  # (FIPS, dual-stack)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The cut-down endpoints.json, written as the artifact build writes it."""
    folder = tmp_path_factory.mktemp("botocore")
    botocore_data.write(folder, botocore_data.builtin_endpoints())
    return folder


def resolved(session: Any, region: str, variant: tuple[bool, bool]) -> tuple[object, ...]:
    """What a DynamoDB client in `region` calls and signs as, or the error it raises."""
    try:
        client = session.create_client(
            "dynamodb",
            region_name=region,
            aws_access_key_id="local",
            aws_secret_access_key="local",
            config=Config(use_fips_endpoint=variant[0], use_dualstack_endpoint=variant[1]),
        )
    except Exception as error:  # noqa: BLE001 - the same failure is the same answer
        return (type(error).__name__, str(error))
    signer = client._request_signer
    return (
        client.meta.endpoint_url,
        client.meta.region_name,
        signer._signing_name,
        signer._region_name,
    )


def regions() -> list[str]:
    """Every region botocore knows, in every partition."""
    full = botocore_data.builtin_endpoints()
    return [region for p in full["partitions"] for region in p["regions"]]


def test_the_file_keeps_every_partition_and_region_and_dynamodb_alone(folder: Path) -> None:
    """Partitions and their regions unchanged; of the services, DynamoDB's entry only."""
    full, cut = (
        botocore_data.builtin_endpoints(),
        json.loads((folder / "endpoints.json").read_text()),
    )
    assert [p["regions"] for p in cut["partitions"]] == [p["regions"] for p in full["partitions"]]
    for mine, theirs in zip(cut["partitions"], full["partitions"], strict=True):
        assert set(mine["services"]) == {"dynamodb"} & set(theirs["services"])
        assert mine["services"]["dynamodb"] == theirs["services"]["dynamodb"]
        assert {k: v for k, v in mine.items() if k != "services"} == {
            k: v for k, v in theirs.items() if k != "services"
        }


def test_every_region_resolves_alike_with_either_file(folder: Path) -> None:
    """Endpoint, region and signing identical (or the same error), region by region."""
    own, cut = botocore.session.Session(), botocore.session.Session()
    cut.set_config_variable("data_path", str(folder))
    everywhere = regions()
    assert {"us-east-1", "eu-west-1", "us-west-2", "ap-northeast-1"} <= set(everywhere)
    assert resolved(cut, "eu-west-1", VARIANTS[0])[0] == "https://dynamodb.eu-west-1.amazonaws.com"
    for region in everywhere:
        for variant in VARIANTS:
            assert resolved(cut, region, variant) == resolved(own, region, variant), (
                region,
                variant,
            )


def test_the_build_takes_the_pinned_botocore_the_tests_run() -> None:
    """The version web/requirements.txt pins is the botocore these tests compare against."""
    assert botocore_data.pinned_version() == botocore.__version__


def test_make_client_reads_the_cut_down_file_where_the_artifact_has_one(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's search path starts with AWS_DATA_PATH's, then the artifact's folder."""
    monkeypatch.setenv("AWS_DATA_PATH", "/nowhere")
    seen: list[list[str]] = []
    create = botocore.session.Session.create_client

    def spy(self: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(self.get_component("data_loader").search_paths)
        return create(self, *args, **kwargs)

    monkeypatch.setattr(botocore.session.Session, "create_client", spy)
    assert store.make_client(data=str(folder)).meta.region_name
    assert seen[0][:2] == ["/nowhere", str(folder)]
    store.make_client(data=str(folder / "absent"))
    assert str(folder / "absent") not in seen[1]
