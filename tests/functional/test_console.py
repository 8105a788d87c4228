"""The local console, run as a person would run it: `python -m tools.console`, in a subprocess.

Each run starts its own local DynamoDB and Alexa stand-in; progress lives in a state file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reconnect.speech.content import library
from reconnect.speech.ssml import plain_text

ROOT = Path(__file__).resolve().parents[2]
DAY = "2026-03-02"
CONTENT = library().for_locale("en-US")


def run_console(state: Path, *lines: str, options: tuple[str, ...] = ()) -> str:
    """Run the console with `lines` said in order; its output, whitespace collapsed."""
    args = [sys.executable, "-m", "tools.console", "--state", str(state), *options]
    for line in lines:
        args += ["--say", line]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'lambda'}{os.pathsep}{ROOT}"}
    done = subprocess.run(
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    return " ".join(done.stdout.split())


def answer_to(output: str, line: str) -> str:
    """What Alexa said in reply to the typed `line` (up to the next typed line)."""
    after = output.split(f"you> {line} ", 1)[1]
    return after.split("you> ", 1)[0]


def said(text: str) -> str:
    """Content text as the console prints it: SSML gone, whitespace collapsed."""
    return " ".join(plain_text(text).split())


def saved_items(state: Path) -> list[dict[str, dict[str, str]]]:
    """The DynamoDB items the console wrote to its state file."""
    items: list[dict[str, dict[str, str]]] = json.loads(state.read_text("utf-8"))["items"]
    return items


@pytest.fixture
def state(tmp_path: Path) -> Path:
    """A state file of the test's own."""
    return tmp_path / "dynamodb.json"


def test_open_gives_a_welcome_and_next_step_gives_step_two(state: Path) -> None:
    """GIVEN a new couple WHEN they open the skill, hear today's step and say next step THEN
    they hear step two (the step after the one they heard)."""
    output = run_console(
        state, "open reconnect ritual", "yes", "next step", options=("--date", DAY)
    )

    welcome = answer_to(output, "open reconnect ritual")
    assert welcome.startswith("Alexa: ")
    assert any(said(w) in welcome for w in CONTENT.phrasings("welcome_new"))
    assert "(if you say nothing:" in welcome
    step_two = answer_to(output, "next step")
    assert "step 2" in step_two.lower()
    assert said(CONTENT.step(2).title) in step_two


def test_progress_survives_closing_the_console(state: Path) -> None:
    """GIVEN run one went to step four WHEN run two asks for today's step THEN it is step four."""
    run_console(state, "open reconnect ritual", "go to step four", options=("--date", DAY))

    output = run_console(state, "ask reconnect ritual for today's step", options=("--date", DAY))

    answer = answer_to(output, "ask reconnect ritual for today's step")
    assert "step 4" in answer.lower()
    assert said(CONTENT.step(4).title) in answer
    assert "(session closed)" in answer


def test_fresh_starts_without_the_saved_progress(state: Path) -> None:
    """--fresh ignores the state file: the couple is new again, at step one."""
    run_console(state, "go to step five", options=("--date", DAY))

    output = run_console(state, "ask reconnect ritual for today's step", options=("--fresh",))

    assert "step 1" in answer_to(output, "ask reconnect ritual for today's step").lower()


def test_date_and_time_zone_decide_the_couples_local_day(state: Path) -> None:
    """--date with --time and --tz: the skill's 'today' is the device's local date, not UTC's."""
    options = ("--date", "2026-12-01", "--time", "08:30", "--tz", "Pacific/Auckland")

    output = run_console(state, "ask reconnect ritual for today's step", options=options)

    assert "Tuesday 1 December 2026, 08:30" in output  # 2026-11-30 in UTC
    (item,) = saved_items(state)
    assert item["last_seen"] == {"S": "2026-12-01"}
    assert item["time_zone"] == {"S": "Pacific/Auckland"}


def test_tomorrow_moves_the_couple_to_the_next_day(state: Path) -> None:
    """':tomorrow' sends the next request a day later."""
    run_console(
        state,
        "ask reconnect ritual for today's step",
        ":tomorrow",
        "ask reconnect ritual for today's step",
        options=("--date", DAY),
    )

    (item,) = saved_items(state)
    assert item["last_seen"] == {"S": "2026-03-03"}


def test_a_line_it_cannot_place_gets_the_skills_fallback_answer(state: Path) -> None:
    """Unplaceable text reaches the skill as FallbackIntent and gets its kind answer, no crash."""
    output = run_console(state, "open reconnect ritual", "the weather in paris please")

    answer = answer_to(output, "the weather in paris please")
    kinds = ("fallback", "fallback_yes_no")  # after the welcome, its question still waits
    assert any(said(f) in answer for k in kinds for f in CONTENT.phrasings(k))


def test_silence_twice_ends_the_session_as_alexa_does(state: Path) -> None:
    """After the reprompt, a second silence ends the session (EXCEEDED_MAX_REPROMPTS)."""
    output = run_console(state, "open reconnect ritual", ":silence", ":silence", "next step")

    first, second = output.split("you> :silence ")[1:3]
    assert first.startswith("(8 seconds of silence) Alexa: ")
    assert "(session closed: EXCEEDED_MAX_REPROMPTS)" in second
    assert "no session is open" in answer_to(output, "next step")


def test_a_script_file_runs_line_by_line_and_skips_comments(state: Path, tmp_path: Path) -> None:
    """--script FILE: each line is said in turn, '#' lines are skipped."""
    script = tmp_path / "morning.txt"
    script.write_text("# a morning\nopen reconnect ritual\n\nyes\n:quit\nnext step\n", "utf-8")
    args = [sys.executable, "-m", "tools.console", "--state", str(state), "--script", str(script)]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'lambda'}{os.pathsep}{ROOT}"}

    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)

    assert done.returncode == 0, done.stderr
    assert "you> open reconnect ritual" in done.stdout
    assert "you> yes" in done.stdout
    assert "a morning" not in done.stdout
    assert "you> next step" not in done.stdout  # :quit ended the run


def test_a_broken_state_file_starts_fresh_instead_of_failing(state: Path) -> None:
    """A state file that is not the console's JSON is reported, and the console still runs."""
    state.write_text("not json", "utf-8")

    output = run_console(state, "ask reconnect ritual for today's step")

    assert "could not read saved progress" in output
    assert "step 1" in answer_to(output, "ask reconnect ritual for today's step").lower()
