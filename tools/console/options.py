"""The console's command line and the couple's clock (tools/console/__main__.py talks)."""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from typing import TextIO
from zoneinfo import ZoneInfo

from tools.standins import local_dynamodb

COMMANDS = """\
  :silence     say nothing (Alexa reprompts; say nothing again and the session ends)
  :tomorrow    move to the same time tomorrow (:day +N / :day -N for N days)
  :day         show the couple's date and time
  :wait N      let N minutes of the couple's time pass (with --speed, that much faster)
  :voice NAME  speak as NAME's recognised voice profile (:voice off: no profile)
  :help        this list
  :quit        end (also Ctrl-D); progress is saved"""


class Clock:
    """The couple's clock: a chosen local date and time that advances with real time."""

    def __init__(
        self, zone: ZoneInfo, day: date | None, at: clock_time | None, speed: float = 1.0
    ) -> None:
        now = datetime.now(zone)
        self.zone = zone
        self.speed = speed  # couple's seconds per real second (--speed)
        self._start = datetime.combine(day or now.date(), at or now.time(), tzinfo=zone)
        self._started = time.monotonic()
        self._shift = timedelta()

    def __call__(self) -> datetime:
        """Now, in UTC, as the request timestamp carries it."""
        elapsed = timedelta(seconds=(time.monotonic() - self._started) * self.speed)
        return (self._start + elapsed + self._shift).astimezone(UTC)

    def move(self, days: int) -> None:
        """Jump `days` days (negative: back)."""
        self._shift += timedelta(days=days)

    def describe(self) -> str:
        """The local date and time, the way a person reads it."""
        local = self().astimezone(self.zone)
        return f"{local:%A} {local.day} {local:%B %Y, %H:%M}"


def _parsed(kind: type[date] | type[clock_time], form: str) -> Callable[[str], object]:
    def parse(text: str) -> object:
        try:
            return kind.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not {form}") from None

    return parse


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="python -m tools.console",
        description="Talk to the skill on a laptop: typed lines become real Alexa requests.",
        epilog=f"typed commands:\n{COMMANDS}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--date", type=_parsed(date, "YYYY-MM-DD"), metavar="YYYY-MM-DD")
    parser.add_argument("--time", type=_parsed(clock_time, "HH:MM"), metavar="HH:MM")
    parser.add_argument("--tz", default="America/New_York", metavar="ZONE", help="device time zone")
    parser.add_argument("--locale", default="en-US", help="en-US, en-GB, en-CA, en-AU or en-IN")
    lines = parser.add_mutually_exclusive_group()
    lines.add_argument("--script", type=Path, metavar="FILE", help="say FILE's lines, then exit")
    lines.add_argument("--say", action="append", metavar="LINE", help="say LINE (repeatable)")
    parser.add_argument("--voice", action="store_true", help="speak answers with espeak-ng")
    parser.add_argument(
        "--state",
        type=Path,
        default=local_dynamodb.DEFAULT_STATE_FILE,
        metavar="FILE",
        help="where progress is kept between runs (default .local/dynamodb.json)",
    )
    parser.add_argument("--fresh", action="store_true", help="start without the saved progress")
    parser.add_argument(
        "--speed",
        type=_speed,
        default=1.0,
        metavar="N",
        help="run the couple's clock N times faster (60: together time in ten seconds)",
    )
    return parser.parse_args(argv)


def _speed(text: str) -> float:
    try:
        speed = float(text)
    except ValueError:
        speed = 0.0
    if not 0 < speed <= 3600:
        raise argparse.ArgumentTypeError(f"{text!r} is not a speed from above 0 to 3600")
    return speed


def script_lines(args: argparse.Namespace, out: TextIO) -> Iterator[str]:
    scripted: list[str] | None = args.say
    if args.script is not None:
        scripted = args.script.read_text("utf-8").splitlines()
    if scripted is None and not sys.stdin.isatty():
        scripted = list(sys.stdin)
    if scripted is not None:
        for line in scripted:
            if line.strip() and not line.lstrip().startswith("#"):
                out.write(f"you> {line.strip()}\n")
                yield line
        return
    with contextlib.suppress(ImportError):
        importlib.import_module("readline")  # line editing and history for input()
    while True:
        try:
            yield input("you> ")
        except EOFError:
            out.write("\n")
            return
