"""`make run` does a check-in, the self-check, 'how are we doing' and a reminder, as typed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.test_console import answer_to, run_console, saved_items

OPTIONS = ("--date", "2026-11-25", "--time", "09:00", "--speed", "60")


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A state file of the test's own."""
    return tmp_path / "dynamodb.json"


def test_a_check_in_is_typed_as_it_would_be_said(state: Path) -> None:
    """'seven', 'banana' and 'about a six' answer the elicited rating; the numbers are saved."""
    output = run_console(
        state,
        "ask reconnect ritual for a check in",
        "seven",
        "banana",
        "about a six",
        options=OPTIONS,
    )
    assert "partner two" in answer_to(output, "seven").lower()
    assert "zero to ten" in answer_to(output, "banana")
    done = answer_to(output, "about a six")
    assert "(session closed)" in done
    (item,) = saved_items(state)
    assert len(item["checkins"]["L"]) == 2


def test_voices_are_named_as_alexa_would_say_them(state: Path) -> None:
    """':voice Anna' makes Anna a recognised voice: Alexa greets her by name."""
    output = run_console(
        state, ":voice Anna", "ask reconnect ritual for a check in", "eight", options=OPTIONS
    )
    assert "Anna" in answer_to(output, "ask reconnect ritual for a check in")
    assert "thank" in answer_to(output, "eight").lower()


def test_self_check_and_how_are_we_doing(state: Path) -> None:
    """Four yes/no answers get a reading; 'how are we doing' answers with encouragement."""
    output = run_console(
        state,
        "open reconnect ritual",
        "do the burnout self check",
        "yes",
        "yes",
        "no",
        "no",
        "how are we doing",
        options=OPTIONS,
    )
    assert "two of the four" in output.lower()
    assert "step 1" in answer_to(output, "how are we doing").lower()


def test_a_reminder_is_set_goes_off_and_is_cancelled(state: Path) -> None:
    """A reminder at 9:05 a.m. is said back, goes off after ':wait 6', and cancels by voice."""
    output = run_console(
        state,
        "remind us every day at 9:05 am",
        ":wait 6",
        "ask reconnect ritual to cancel our reminder",
        options=OPTIONS,
    )
    assert "9:05 a.m." in answer_to(output, "remind us every day at 9:05 am")
    assert "Here's your reminder." in answer_to(output, ":wait 6")
    assert "9:05 a.m." in answer_to(output, "ask reconnect ritual to cancel our reminder")
