"""`python -m web.service`: the off switch is loud and loopback-only; serving needs an id."""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask

from web import service


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("127.8.9.1", True), ("::1", True), ("localhost", True),
     ("0.0.0.0", False), ("192.168.1.10", False), ("::", False), ("example.com", False)],
)  # fmt: skip
def test_loopback_hosts_are_recognised(host: str, loopback: bool) -> None:
    """Only loopback addresses (and localhost) count as local."""
    assert service.is_loopback(host) is loopback


def test_no_verify_is_refused_off_loopback(capsys: pytest.CaptureFixture[str]) -> None:
    """--no-verify-i-know-this-is-local on 0.0.0.0 exits 2 without serving."""
    assert service.main(["--host", "0.0.0.0", service.NO_VERIFY_FLAG]) == 2
    assert "loopback only" in capsys.readouterr().err


def test_no_verify_on_loopback_warns_loudly_and_serves_unverified(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """On 127.0.0.1 the flag prints the warning, then serves with verification off."""
    served: list[Flask] = []
    monkeypatch.setattr(Flask, "run", lambda app, **_: served.append(app))
    assert service.main([service.NO_VERIFY_FLAG]) == 0
    assert "NOT checked" in capsys.readouterr().err
    assert served[0].config[service.VERIFY_CONFIG] is False


def test_serving_with_verification_needs_a_skill_id(capsys: pytest.CaptureFixture[str]) -> None:
    """Amazon signs every skill's requests, so without SKILL_ID `serve` refuses to start."""
    assert service.main([]) == 2
    assert "SKILL_ID" in capsys.readouterr().err
