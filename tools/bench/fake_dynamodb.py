"""An in-memory DynamoDB client for the bench's in-process turns: it counts every call."""

from __future__ import annotations

from typing import Any


class FakeDynamoDB:
    """An in-memory DynamoDB client: GetItem, PutItem with the skill's conditions, DeleteItem."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], dict[str, Any]] = {}
        self.calls: dict[str, int] = {"GetItem": 0, "PutItem": 0, "DeleteItem": 0}

    def get_item(self, **request: Any) -> dict[str, Any]:
        """GetItem by the `pk` key."""
        self.calls["GetItem"] += 1
        item = self.items.get((request["TableName"], request["Key"]["pk"]["S"]))
        return {} if item is None else {"Item": _copy(item)}

    def put_item(self, **request: Any) -> dict[str, Any]:
        """PutItem, honouring attribute_not_exists(pk) and version = :v."""
        from botocore.exceptions import ClientError

        self.calls["PutItem"] += 1
        item = request["Item"]
        key = (request["TableName"], item["pk"]["S"])
        current, condition = self.items.get(key), request.get("ConditionExpression")
        if condition == "attribute_not_exists(pk)":
            holds = current is None
        elif condition == "version = :v":
            expected = request["ExpressionAttributeValues"][":v"]
            holds = current is not None and current.get("version") == expected
        elif condition is None:
            holds = True
        else:
            raise NotImplementedError(condition)
        if not holds:
            code = "ConditionalCheckFailedException"
            raise ClientError({"Error": {"Code": code, "Message": "condition failed"}}, "PutItem")
        self.items[key] = _copy(item)
        return {}

    def delete_item(self, **request: Any) -> dict[str, Any]:
        """DeleteItem by the `pk` key."""
        self.calls["DeleteItem"] += 1
        self.items.pop((request["TableName"], request["Key"]["pk"]["S"]), None)
        return {}


def _copy(item: dict[str, Any]) -> dict[str, Any]:
    from copy import deepcopy

    return deepcopy(item)
