"""Talk to the skill on a laptop: typed lines become real Alexa requests to lambda_handler.

python -m tools.console [--date YYYY-MM-DD] [--time HH:MM] [--tz ZONE] [--locale en-US]
                        [--script FILE | --say "line" ...] [--voice] [--state FILE] [--fresh]
                        [--speed N]

Together time's timers really run on the stand-in: their announcements print (and speak with
--voice) as they fire. --speed 60 makes the couple's clock run sixty times faster, so the
ten-minute ritual takes ten seconds. Daily reminders go off on the stand-in too, and
":voice Anna" speaks as a recognised voice profile (":voice off": nobody recognised).
"""

from __future__ import annotations

import importlib
import logging
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tools.console.options import COMMANDS, Clock, parse_args, script_lines
from tools.console.text import Speaker, render, wrap
from tools.nlu.model import FALLBACK, Model, Understanding
from tools.standins import envelopes, local_dynamodb
from tools.standins.alexa import AlexaStandIn
from tools.standins.reminders import Rang, RemindersApi
from tools.standins.timers import Fired, TimersApi

ROOT = Path(__file__).resolve().parents[2]
TRY = (
    "open reconnect ritual / ask reconnect ritual for today's step / next step"
    " / go to step three / let's check in / how are we doing / remind us every evening at"
    " eight / :help"
)


class Console:
    """One couple talking to the skill through Alexa: lines in, what Alexa says out."""

    def __init__(
        self, model: Model, session: envelopes.Session, clock: Clock, out: TextIO, speaker: Speaker
    ) -> None:
        self.model = model
        self.session = session
        self.clock = clock
        self.out = out
        self.speaker = speaker
        self._reprompt = ""  # what Alexa says after ~8 s of silence; "" once said
        self._lock = threading.Lock()  # timer announcements print from another thread

    def announce(self, fired: Fired) -> None:
        """A timer went off on the stand-in: show (and speak) what Alexa announces."""
        local = fired.at.astimezone(self.clock.zone)
        self._say(f"   (timer '{fired.label or 'timer'}' went off at {local:%H:%M:%S})")
        if fired.text:
            self._say(fired.text, prefix="Alexa: ")
            self.speaker.speak(fired.text)

    def remind(self, rang: Rang) -> None:
        """A reminder went off on the stand-in: show (and speak) it, if it is a recent one."""
        local = rang.at.astimezone(self.clock.zone)
        if self.clock() - rang.at > timedelta(hours=1):
            return  # it went off while the couple's clock jumped ahead (:day +N)
        self._say(f"   (reminder at {local:%H:%M})")
        self._say(f"Here's your reminder. {rang.text}", prefix="Alexa: ")
        self.speaker.speak(rang.text)

    def hear(self, line: str) -> bool:
        """Act on one typed line; False when the console should end."""
        line = line.strip()
        if not line:
            return True
        if line.startswith(":"):
            return self._command(line[1:].split())
        understood = self.model.understand(line)
        dialog = self.session.dialog
        if dialog is not None and self.session.open and understood.intent == FALLBACK:
            # Alexa is listening for one slot ("seven", "eight in the evening").
            understood = self.model.understand_slot(line, dialog.intent, dialog.slot) or understood
        if understood.kind == "exit":
            if not self.session.open:
                self._say("   (no session is open)")
            self._end("USER_INITIATED")
            return True
        self._send(understood)
        return True

    def finish(self) -> None:
        """Close an open session the way Alexa does when the user leaves."""
        self._end("USER_INITIATED")

    def _send(self, understood: Understanding) -> None:
        if understood.kind == "launch":
            self._show(self._call(self.session.launch))
            return
        if understood.one_shot:
            self._call(self.session.end)  # a new invocation replaces the open session
        elif not self.session.open:
            self._say(f"   (no session is open: sent as 'ask {self.model.invocation} ...')")
        intent, slots, resolved = understood.intent or "", understood.slots, understood.resolved
        self._show(self._call(lambda: self.session.resolved_intent(intent, slots, resolved)))

    def _call(self, send: Callable[[], dict[str, Any] | None]) -> dict[str, Any] | None:
        try:
            answer: dict[str, Any] | None = send()
        except Exception as error:  # noqa: BLE001 - a console reports and carries on
            self.session.session_id = None
            self._say(f"   (the skill failed: {type(error).__name__}: {error}; session closed)")
            return None
        return answer

    def _show(self, answer: dict[str, Any] | None) -> None:
        if answer is None:
            return
        response = answer.get("response") or {}
        spoken = render(envelopes.speech(answer))
        if spoken:
            self._say(spoken, prefix="Alexa: ")
            self.speaker.speak(spoken)
        self._reprompt = render(envelopes.reprompt(answer)) if self.session.open else ""
        if self._reprompt:
            self._say(f"(if you say nothing: {self._reprompt})", prefix="   ")
        card = response.get("card") or {}
        if card:
            self._say(f"[card] {card.get('title', '')}", prefix="   ")
            body = str(card.get("content") or card.get("text") or "")
            for paragraph in filter(str.strip, body.splitlines()):
                self._say(paragraph, prefix="          ")
        if not self.session.open:
            self._say("   (session closed)")

    def _silence(self) -> None:
        if not self.session.open:
            self._say("   (no session is open: the microphone is off)")
        elif self._reprompt:
            self._say("   (8 seconds of silence)")
            self._say(self._reprompt, prefix="Alexa: ")
            self.speaker.speak(self._reprompt)
            self._reprompt = ""
        else:
            self._say("   (8 more seconds of silence)")
            self._end("EXCEEDED_MAX_REPROMPTS")

    def _end(self, reason: str) -> None:
        if self.session.open:
            self._call(lambda: self.session.end(reason))
            self._say(f"   (session closed: {reason})")

    def _command(self, words: list[str]) -> bool:
        name, args = (words[0].lower(), words[1:]) if words else ("help", [])
        if name in ("quit", "q", "exit"):
            return False
        if name == "silence":
            self._silence()
        elif name == "wait":
            self._wait(args)
        elif name == "voice":
            self._voice(args)
        elif name in ("tomorrow", "day"):
            days = "1" if name == "tomorrow" else (args or ["0"])[0]
            if not re.fullmatch(r"[+-]?\d{1,4}", days):
                self._say("   (say :day +N or :day -N, e.g. :day +2)")
            elif int(days):
                self._end("EXCEEDED_MAX_REPROMPTS")
                self.clock.move(int(days))
            self._say(f"   (it is {self.clock.describe()} in {self.clock.zone.key})")
        else:
            if name != "help":
                self._say(f"   (no command :{name})")
            self.out.write(COMMANDS + "\n")
        return True

    def _voice(self, args: list[str]) -> None:
        name = (args or ["off"])[0]
        if name.lower() == "off":
            self.session.device.person_id = None
            self._say("   (no voice profile recognised)")
        elif re.fullmatch(r"[A-Za-z][A-Za-z-]{0,30}", name):
            self.session.device.person_id = f"amzn1.ask.person.{name}"
            self._say(f"   (Alexa recognises {name}'s voice)")
        else:
            self._say("   (say :voice NAME, e.g. :voice Anna, or :voice off)")

    def _wait(self, args: list[str]) -> None:
        minutes = (args or ["1"])[0]
        if not re.fullmatch(r"\d{1,3}(?:\.\d+)?", minutes):
            self._say("   (say :wait N for N minutes, e.g. :wait 10)")
            return
        self._end("EXCEEDED_MAX_REPROMPTS")
        self._say(f"   (waiting {minutes} minutes of your time)")
        time.sleep(float(minutes) * 60 / self.clock.speed)
        self._say(f"   (it is {self.clock.describe()})")

    def _say(self, text: str, prefix: str = "") -> None:
        with self._lock:
            self.out.write(wrap(text, prefix, _width()) + "\n")
            self.out.flush()


def _width() -> int:
    return max(40, min(shutil.get_terminal_size((100, 24)).columns, 100))


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout) -> int:
    """Run the console; 0 when it ends normally."""
    args = parse_args(argv)
    try:
        zone = ZoneInfo(args.tz)
    except (ZoneInfoNotFoundError, ValueError):
        out.write(f"Unknown time zone {args.tz!r} (try Europe/London or America/Los_Angeles)\n")
        return 2
    model_file = ROOT / "interaction_models" / f"{args.locale}.json"
    if not model_file.exists():
        out.write(f"No interaction model for {args.locale} ({model_file})\n")
        return 2
    if args.script is not None and not args.script.is_file():
        out.write(f"No script file {args.script}\n")
        return 2
    model = Model.from_file(model_file)
    database = local_dynamodb.start(args.state)
    saved = 0
    if not args.fresh:
        try:
            saved = database.load()
        except local_dynamodb.StateFileError as error:
            out.write(f"(could not read saved progress, starting fresh: {error})\n")
    standin = AlexaStandIn(default_time_zone=args.tz).start()
    os.environ["ALEXA_API_ALLOW_LOOPBACK_HTTP"] = "1"
    os.environ["SKILL_ID"] = envelopes.SKILL_ID
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    handler: envelopes.Handler = importlib.import_module("reconnect.app").lambda_handler
    for log_handler in logging.getLogger("reconnect").handlers:  # the skill logs to stdout
        if isinstance(log_handler, logging.StreamHandler):
            log_handler.setStream(sys.stderr)  # keep the conversation on stdout
    clock = Clock(zone, args.date, args.time, args.speed)
    timers = TimersApi(standin, now=clock)  # the Timers API, running on the couple's clock
    reminders = RemindersApi(standin, now=clock)  # the Reminders API, on the same clock
    device = envelopes.Device(locale=args.locale, api_endpoint=standin.url, api_token=standin.token)
    session = envelopes.Session(handler, device=device, clock=clock)
    session.dialog_intents = model.dialog_intents
    console = Console(model, session, clock, out, Speaker.create(args.voice, args.locale, out))
    timers.on_fire(console.announce)
    timers.start_ticking()
    reminders.on_ring(console.remind)
    reminders.start_ticking()
    out.write(
        f"Reconnect Ritual, local console ({args.locale}, {clock.describe()}, {args.tz})\n"
        f"Progress: {args.state} ({'fresh start' if args.fresh else f'{saved} couple(s) saved'})\n"
        f"{wrap(TRY, 'Try: ', _width())}\n\n"
    )
    try:
        for line in script_lines(args, out):
            if not console.hear(line):
                break
            database.save()
        console.finish()
    except KeyboardInterrupt:
        out.write("\n")
        console.finish()
    finally:
        timers.stop_ticking()
        reminders.stop_ticking()
        database.save()
        standin.stop()
        database.stop()
    out.write(f"(progress saved to {args.state})\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
