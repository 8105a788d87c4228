"""Together time in the local console: with --speed, a person sees the whole ritual in seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from reconnect.speech.content import library
from tests.functional.test_console import ROOT, run_console


def console(state: Path, *lines: str, speed: str = "120") -> str:
    """Run the console at `speed` from 20:00 with `lines` said in order; its output."""
    options = ("--fresh", "--speed", speed, "--time", "20:00")
    return run_console(state, *lines, options=options)


def test_the_whole_ritual_plays_out_with_announcements_on_time(tmp_path: Path) -> None:
    """At --speed 120 ten minutes take five seconds: six announcements, in order, on the minute.

    Each real millisecond of a request is 0.12 s of the couple's time, so only minutes are checked.
    """
    out = console(
        tmp_path / "db.json",
        "tell reconnect ritual to start together time",
        ":wait 11",
        "ask reconnect ritual how much time is left",
    )
    went_off = [out.split(f"went off at 20:{m:02d}:")[0] for m in (1, 3, 5, 7, 9, 10)]
    assert all(len(before) < len(out) for before in went_off)
    assert [len(before) for before in went_off] == sorted(len(b) for b in went_off)
    prompts = library().for_locale("en-US").ritual.prompts[1]
    for part in ("arrive", "swap"):
        assert any(phrasing in out for phrasing in prompts[part]), part
    assert "once" in out.split(":wait 11")[-1]


def test_pause_from_the_console_holds_the_timers(tmp_path: Path) -> None:
    """Paused at 2:00, nothing fires during a five-minute wait; resumed, the next part follows."""
    out = console(
        tmp_path / "db.json",
        "tell reconnect ritual to start together time",
        ":wait 2",
        "tell reconnect ritual to pause together time",
        ":wait 5",
        "tell reconnect ritual to resume together time",
        ":wait 2",
    )
    during_pause = out.split("you> :wait 5")[1].split("you> tell reconnect ritual to resume")[0]
    assert "went off" not in during_pause
    assert "Together time: share" in out.split("you> tell reconnect ritual to resume")[1]


def test_a_bad_speed_is_refused(tmp_path: Path) -> None:
    """--speed must be a positive number."""
    args = [sys.executable, "-m", "tools.console", "--speed", "fast", "--state", str(tmp_path)]
    env = {**os.environ, "PYTHONPATH": f"{ROOT / 'lambda'}{os.pathsep}{ROOT}"}
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert "speed" in done.stderr
