"""The couple's record in DynamoDB: the only module that speaks to the table."""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, cast

import botocore.session
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from botocore.hooks import BaseEventHooks

from reconnect import metrics
from reconnect.domain.record import Record, merge

if TYPE_CHECKING:
    from mypy_boto3_dynamodb.client import DynamoDBClient

log = logging.getLogger(__name__)

RETENTION = timedelta(days=400)  # an inactive couple's record expires (DynamoDB TTL)

# Alexa waits 8 s for an answer. A call gets two attempts of at most 0.5 s to connect and 1 s
# to read, with the standard mode's short backoff between them: under 3 s even when DynamoDB
# stalls, and a turn makes at most one read and one write (a failed read means no write).
CLIENT_CONFIG = Config(
    connect_timeout=0.5,
    read_timeout=1.0,
    retries={"total_max_attempts": 2, "mode": "standard"},
)
# A write that meets a newer version merges and tries again. With n writers at the same instant
# the last one can lose n - 1 races in a row, so a household's Echos (four here) must all get
# through; each lost race costs one GetItem and one PutItem of a few milliseconds.
_MERGE_ATTEMPTS = 5
WARM_UP_KEY = "reconnect-ritual:warm-up"  # never a couple's key: theirs are hex digests
# The artifact's cut-down endpoints.json (DynamoDB's entries, every partition and region),
# written by its build (tools/builders/botocore_data.py); absent in the source tree.
BOTOCORE_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_built", "botocore")


class StoreUnavailable(Exception):
    """DynamoDB could not be read or written in time; nothing was changed by this call."""


@dataclass(frozen=True)
class Stored:
    """A record as read, with the version that a conditional write checks."""

    record: Record
    version: int  # 0: no item yet


def make_client(endpoint_url: str | None = None, data: str = BOTOCORE_DATA) -> DynamoDBClient:
    """The skill's DynamoDB client, with timeouts and retries that fit Alexa's time budget.

    Made from botocore directly: boto3 would add nothing the skill uses, and importing it
    (with s3transfer) is a third of a cold start. Where the artifact ships its cut-down
    endpoints.json (`data`), botocore reads that instead of its own 1.2 MB one, after any
    AWS_DATA_PATH the environment sets.
    """
    session = botocore.session.get_session()
    if os.path.isfile(os.path.join(data, "endpoints.json")):
        paths = (session.get_config_variable("data_path"), data)
        session.set_config_variable("data_path", os.pathsep.join(p for p in paths if p))
    client = session.create_client("dynamodb", config=CLIENT_CONFIG, endpoint_url=endpoint_url)
    return cast("DynamoDBClient", client)


def user_key(user_id: str) -> str:
    """The table key for an Alexa user id: a one-way hash, so no user id is stored."""
    return hashlib.sha256(f"reconnect-ritual:{user_id}".encode()).hexdigest()


class Store:
    """Reads and writes couples' records with conditional writes that merge concurrent changes."""

    def __init__(self, client: DynamoDBClient, table_name: str) -> None:
        self._client = client
        self._table = table_name

    @property
    def call_events(self) -> BaseEventHooks:
        """The client's botocore events: hooks here watch or fail its calls (tests, faults)."""
        return self._client.meta.events

    def load(self, user_id: str) -> Stored:
        """Read the couple's record (one strongly consistent GetItem); a new couple gets a blank."""
        item = self._get(user_key(user_id))
        if item is None:
            return Stored(Record(), 0)
        return _from_item(item)

    def save(self, user_id: str, base: Stored, mine: Record) -> Stored:
        """Write `mine` if the item is still at base.version; otherwise merge and try again."""
        key = user_key(user_id)
        for _ in range(_MERGE_ATTEMPTS):
            if self._put(key, mine, base.version):
                return Stored(mine, base.version + 1)
            theirs_item = self._get(key)
            theirs = Stored(Record(), 0) if theirs_item is None else _from_item(theirs_item)
            if theirs.record == mine:  # our own write landed (a retried timeout): not twice
                return theirs
            mine = merge(base.record, mine, theirs.record)
            base = theirs  # mine now holds theirs plus this turn's changes: diff from theirs next
        raise _unavailable("too many concurrent changes")

    def warm(self) -> None:
        """Open the connection to DynamoDB ahead of the first request: one GetItem of a key no
        couple has (theirs are SHA-256 hex digests). Failing costs nothing but the time."""
        try:
            self._get(WARM_UP_KEY)
        except StoreUnavailable as error:
            log.info("DynamoDB warm-up failed", extra={"reason": str(error)})

    def close_connections(self) -> None:
        """Drop the client's open connections (before a snapshot; after a restore)."""
        session = getattr(getattr(self._client, "_endpoint", None), "http_session", None)
        close = getattr(session, "close", None)
        if callable(close):
            close()

    def delete(self, user_id: str) -> None:
        """Erase the couple's record."""
        try:
            self._client.delete_item(TableName=self._table, Key={"pk": {"S": user_key(user_id)}})
        except (ClientError, BotoCoreError) as error:
            raise _unavailable(_reason(error)) from error

    def _get(self, key: str) -> dict[str, Any] | None:
        try:
            answer = self._client.get_item(
                TableName=self._table, Key={"pk": {"S": key}}, ConsistentRead=True
            )
        except (ClientError, BotoCoreError) as error:
            raise _unavailable(_reason(error)) from error
        item = answer.get("Item")
        return dict(item) if item else None

    def _put(self, key: str, record: Record, version: int) -> bool:
        item = _to_item(key, record, version + 1)
        try:
            if version == 0:
                self._client.put_item(
                    TableName=self._table, Item=item, ConditionExpression="attribute_not_exists(pk)"
                )
            else:
                self._client.put_item(
                    TableName=self._table,
                    Item=item,
                    ConditionExpression="version = :v",
                    ExpressionAttributeValues={":v": {"N": str(version)}},
                )
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") == "ConditionalCheckFailedException":
                return False
            raise _unavailable(_reason(error)) from error
        except BotoCoreError as error:
            raise _unavailable(_reason(error)) from error
        return True


def _to_item(key: str, record: Record, version: int) -> dict[str, Any]:
    item: dict[str, Any] = {"pk": {"S": key}, "version": {"N": str(version)}}
    for name, value in record.to_dict().items():
        item[name] = _attribute(value)
    item["expires_at"] = {"N": str(_expiry(record.last_seen))}
    return item


def _from_item(item: dict[str, Any]) -> Stored:
    plain: dict[str, Any] = {}
    for name, typed in item.items():
        if name in ("pk", "version", "expires_at"):
            continue
        plain[name] = _plain(typed)
    try:
        record = Record.from_dict(plain)
    except ValueError:
        log.warning("stored record unreadable; starting afresh")
        record = Record()
    return Stored(record, int(item["version"]["N"]))


def _attribute(value: Any) -> dict[str, Any]:
    """DynamoDB's typed form of a plain value (the nested ritual becomes a map)."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, dict):
        return {"M": {k: _attribute(v) for k, v in value.items()}}
    if isinstance(value, list | tuple):
        return {"L": [_attribute(v) for v in value]}
    return {"S": str(value)}


def _plain(typed: dict[str, Any]) -> Any:
    """The plain value of a DynamoDB typed attribute."""
    ((kind, value),) = typed.items()
    if kind == "N":
        return int(value)
    if kind == "M":
        return {k: _plain(v) for k, v in value.items()}
    if kind == "L":
        return [_plain(v) for v in value]
    return value


def _expiry(last_seen: date | None) -> int:
    seen = last_seen or datetime.now(UTC).date()
    return int(datetime.combine(seen + RETENTION, time(), tzinfo=UTC).timestamp())


def _unavailable(reason: str) -> StoreUnavailable:
    """The failure to raise, counted once for the operator's StorageFailures metric."""
    metrics.count(metrics.STORAGE_FAILURES)
    return StoreUnavailable(reason)


def _reason(error: Exception) -> str:
    if isinstance(error, ClientError):
        return str(error.response.get("Error", {}).get("Code", "ClientError"))
    return type(error).__name__
