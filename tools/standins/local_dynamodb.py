"""DynamoDB for the console: moto's server in-process, the table in it, progress kept in a file.

Call `start()` BEFORE importing reconnect.app: the skill creates its boto3 client at import,
and the environment set here is what points that client at the local server.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
from moto.server import ThreadedMotoServer

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

DEFAULT_STATE_FILE = Path(__file__).resolve().parents[2] / ".local" / "dynamodb.json"
DEFAULT_TABLE = "reconnect-ritual-local"
REGION = "us-east-1"
_FAKE_KEY = "local"  # moto accepts any credentials; these never reach AWS
# Variables that could send the skill's client somewhere other than the local server.
_UNSET = (
    "AWS_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
)


class StateFileError(ValueError):
    """The saved state file is not what the console writes."""


@dataclass
class LocalDynamoDB:
    """A running local DynamoDB with the skill's table; `save()` writes its items to a file."""

    server: ThreadedMotoServer
    url: str
    table_name: str
    state_file: Path | None
    client: DynamoDBClient = field(repr=False)

    def load(self) -> int:
        """Put the items of the state file back into the table; how many there were."""
        if self.state_file is None or not self.state_file.exists():
            return 0
        try:
            document = json.loads(self.state_file.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise StateFileError(f"{self.state_file}: {error}") from error
        items = document.get("items") if isinstance(document, dict) else None
        if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
            raise StateFileError(f"{self.state_file}: no list of items")
        for item in items:
            self.client.put_item(TableName=self.table_name, Item=item)
        return len(items)

    def items(self) -> list[dict[str, Any]]:
        """Every item in the table, in DynamoDB JSON."""
        found: list[dict[str, Any]] = []
        kwargs: dict[str, Any] = {"TableName": self.table_name}
        while True:
            page = self.client.scan(**kwargs)
            found.extend(dict(item) for item in page.get("Items", []))
            if "LastEvaluatedKey" not in page:
                return found
            kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def save(self) -> int:
        """Write the table's items to the state file (atomically); how many were written."""
        if self.state_file is None:
            return 0
        items = self.items()
        self.state_file.parent.mkdir(parents=True, exist_ok=True)
        partial = self.state_file.with_name(self.state_file.name + ".partial")
        document = {"table": self.table_name, "items": items}
        partial.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", "utf-8")
        partial.replace(self.state_file)
        return len(items)

    def stop(self) -> None:
        """Stop the server (call save() first to keep the items)."""
        self.server.stop()


def start(
    state_file: Path | None = DEFAULT_STATE_FILE, table_name: str = DEFAULT_TABLE
) -> LocalDynamoDB:
    """Start the server on a free loopback port, point the environment at it, create the table.

    The table starts empty: call load() to put the saved items back.
    """
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no access log lines in the console
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    url = f"http://{host}:{port}"
    point_environment_at(url, table_name)
    client = boto3.client(
        "dynamodb",
        endpoint_url=url,
        region_name=REGION,
        aws_access_key_id=_FAKE_KEY,
        aws_secret_access_key=_FAKE_KEY,
    )
    create_table(client, table_name)
    return LocalDynamoDB(server, url, table_name, state_file, client)


def point_environment_at(url: str, table_name: str) -> None:
    """Set what the skill reads at import: the endpoint, fake credentials, region, table."""
    wanted = environment_for(url, table_name, dict(os.environ))
    for name in set(os.environ) - set(wanted):
        del os.environ[name]
    os.environ.update(wanted)


def environment_for(url: str, table_name: str, base: dict[str, str]) -> dict[str, str]:
    """`base` with what points the skill at the local server (for a child process too)."""
    env = {name: value for name, value in base.items() if name not in _UNSET}
    env.update(
        {
            "AWS_ENDPOINT_URL_DYNAMODB": url,
            "AWS_ACCESS_KEY_ID": _FAKE_KEY,
            "AWS_SECRET_ACCESS_KEY": _FAKE_KEY,
            "AWS_DEFAULT_REGION": REGION,
            "AWS_REGION": REGION,
            "TABLE_NAME": table_name,
        }
    )
    return env


def create_table(client: DynamoDBClient, table_name: str) -> None:
    """The table as template.yaml declares it: a string hash key `pk`, on demand."""
    client.create_table(
        TableName=table_name,
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
