"""A couple living with the skill for weeks, driven by intents and slots through lambda_handler,
with the design's invariants checked on every single answer.

The invariants (DESIGN.md, issue 8):

- no step is reached that was not earned: a step changes only when they asked in so many words
  (next, previous, go to, start over, a 'yes' to an offer to move), and then exactly as asked
  ('next' is the step after the one they last heard, never two ahead), or overnight, by one,
  after the step they heard was practised on an earlier local day;
- looking never moves, and never counts as hearing: the record's heard step is always a step
  they heard as theirs;
- an answer that opens the microphone has exactly one question mark, at its end (and so does its
  reprompt): checked by the `certifiable` handler every functional test uses;
- no two fallbacks, and no two reprompts, alike in a row in one session ('repeat' and a dialog's
  re-ask of its slot are exempt);
- a one-shot answer stays under 30 seconds of speech at 150 words a minute.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from reconnect.domain.record import LAST_STEP, PRACTICE_MODE, Record
from reconnect.speech.content import LocaleContent, library
from tests.conftest import Clock
from tests.functional.conftest import words_of
from tools.standins.envelopes import Device, Dialog, Session, reprompt, speech

LOOKS = frozenset({
    "TodayStepIntent", "HearStepIntent", "CurrentStepIntent", "ListStepsIntent",
    "TellMeMoreIntent", "BurnoutSignsIntent", "TalkTopicIntent", "SmallIdeaIntent",
    "AboutTogetherTimeIntent", "StreakIntent", "HowAreWeDoingIntent",
})  # fmt: skip
FALLBACKS = frozenset({"AMAZON.FallbackIntent", "SomewhatIntent"})
ONE_SHOT_SECONDS, WORDS_PER_SECOND = 30.0, 150 / 60
_BREAK = re.compile(r'<break time="(\d+)(ms|s)"')


@dataclass
class Tally:
    """What the journeys covered, for the closing note: couples, local days and answers."""

    days: set[tuple[str, date]] = field(default_factory=set)
    answers: int = 0
    one_shots: int = 0

    def summary(self) -> str:
        """'3 couples, 96 simulated days, 812 answers (140 one-shots)'."""
        couples = len({name for name, _ in self.days})
        return (
            f"{couples} couples, {len(self.days)} simulated days, {self.answers} answers "
            f"({self.one_shots} one-shots)"
        )


@dataclass
class Journey:
    """One couple on one Echo, in their own time zone, with what they have heard and practised."""

    name: str
    handler: Callable[[dict[str, Any], Any], dict[str, Any]]
    clock: Clock
    zone: str
    tally: Tally
    locale: str = "en-US"
    api_endpoint: str | None = None
    time_passes: Callable[[], object] = lambda: None  # timers and reminders go off as due
    session: Session = field(init=False)
    day: date = date(2026, 11, 2)
    heard: dict[int, date] = field(default_factory=dict)  # step heard as theirs -> last day
    last_heard: int | None = None
    practised: dict[int, date] = field(default_factory=dict)  # heard step -> day practised
    _reprompt: str | None = None
    _fallback: str | None = None

    def __post_init__(self) -> None:
        device = Device(
            user_id=f"amzn1.ask.account.{self.name}",
            device_id=f"amzn1.ask.device.{self.name}",
            locale=self.locale,
            api_endpoint=self.api_endpoint,
        )
        self.session = Session(self.handler, device, clock=self.clock)
        self.session.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})

    @property
    def content(self) -> LocaleContent:
        """What this couple's locale says."""
        return library().for_locale(self.locale)

    # --- the couple's clock -----------------------------------------------------------------

    def on(self, day: date, at: str) -> Journey:
        """Go to `at` ('20:30') on `day`, on the couple's own clock (ends an open session)."""
        self.end()
        hour, minute = (int(p) for p in at.split(":"))
        local = datetime.combine(day, time(hour, minute), ZoneInfo(self.zone))
        assert local.astimezone(UTC) >= self.clock.now, "time only moves forward"
        self.clock.now = local.astimezone(UTC)
        self.day = day
        self.time_passes()
        return self

    def later(self, **delta: float) -> Journey:
        """Let time pass within the day (together time running, say)."""
        self.clock.advance(**delta)
        self.day = self.clock.now.astimezone(ZoneInfo(self.zone)).date()
        self.time_passes()
        return self

    # --- what they say ---------------------------------------------------------------------

    def launch(self) -> str:
        """'Alexa, open reconnect ritual'."""
        self.end()
        return self._send("LaunchRequest", lambda: self.session.launch())

    def say(self, intent: str, moves_to: int | None = None, **slots: str | None) -> str:
        """An intent with its slots, in the open session or as a one-shot; `moves_to` is the
        step a 'yes' to an offer to move is expected to reach."""
        return self._send(intent, lambda: self.session.intent(intent, **slots), moves_to, slots)

    def answer(self, value: str | None) -> str:
        """What they say while Alexa listens for an elicited slot ('seven')."""
        dialog = self.session.dialog
        assert dialog is not None, f"{self.name}: nothing is being elicited"
        return self._send(dialog.intent, lambda: self.session.answer(value), None, {})

    def end(self) -> None:
        """The session ends (they walk away, or Alexa stops listening)."""
        if self.session.open:
            self.session.end("EXCEEDED_MAX_REPROMPTS")
        self._reprompt = self._fallback = None

    def check_in(self, first: str, second: str) -> str:
        """A whole check-in: ask for it, then each partner's rating."""
        self.say("CheckInIntent")
        self.answer(first)
        return self.answer(second)

    def covered_days(self) -> int:
        """On how many local days this couple spoke to the skill."""
        return sum(1 for name, _ in self.tally.days if name == self.name)

    @property
    def record(self) -> Record:
        """The couple's record as stored."""
        from reconnect import app

        return app.STORE.load(self.session.device.user_id).record

    # --- every answer is checked ------------------------------------------------------------

    def _send(
        self,
        intent: str,
        send: Callable[[], dict[str, Any]],
        moves_to: int | None = None,
        slots: dict[str, str | None] | None = None,
    ) -> str:
        before = self.record
        one_shot = not self.session.open and intent != "LaunchRequest"
        answer = send()
        after = self.record
        said = words_of(speech(answer))
        self.tally.answers += 1
        self.tally.days.add((self.name, self.day))
        where = f"{self.name} on {self.day}, {intent} {slots or ''}: {said}"
        closes = answer["response"].get("shouldEndSession") is not False
        if one_shot and closes:
            self.tally.one_shots += 1
            seconds = len(said.split()) / WORDS_PER_SECOND + _pauses(speech(answer))
            assert seconds <= ONE_SHOT_SECONDS, f"one-shot of {seconds:.0f} s: {where}"
        self._alike(intent, answer, said, where)
        self._progress(intent, before, after, said, moves_to, slots or {}, where)
        self._practice(before, after)
        return said

    def _alike(self, intent: str, answer: dict[str, Any], said: str, where: str) -> None:
        """No two fallbacks, nor two reprompts, alike in a row in one session."""
        again = words_of(reprompt(answer)) or None
        exempt = intent == "AMAZON.RepeatIntent" or Dialog.of(answer) is not None
        if again is not None and not exempt:
            assert again != self._reprompt, f"the same reprompt twice running: {where}"
        if intent in FALLBACKS:
            assert said != self._fallback, f"the same fallback twice running: {where}"
            self._fallback = said
        elif intent != "AMAZON.RepeatIntent":
            self._fallback = None
        self._reprompt = again
        if not self.session.open:
            self._reprompt = self._fallback = None

    def _progress(
        self,
        intent: str,
        before: Record,
        after: Record,
        said: str,
        moves_to: int | None,
        slots: dict[str, str | None],
        where: str,
    ) -> None:
        """The step moves only as asked, or overnight once earned; looking never moves."""
        if after.step != before.step:
            expected = self._asked_for(intent, before, moves_to, slots)
            earned = self._earned(before.step)
            assert after.step in (expected, earned), (
                f"step {before.step} -> {after.step} was neither asked for ({expected}) nor "
                f"earned ({earned}): {where}"
            )
        elif intent == "NextStepIntent" and before.step <= LAST_STEP:
            target = (self.last_heard or 0) + 1
            assert target > LAST_STEP or target == before.step, f"next is {target}: {where}"
        short = self.content.step(min(after.step, LAST_STEP)).short
        if after.step <= LAST_STEP and words_of(short) in said:
            self.heard[after.step] = self.day  # they heard their own step
            self.last_heard = after.step
        if after.heard_step is not None and after.heard_step <= LAST_STEP:
            assert after.heard_step in self.heard, f"heard {after.heard_step}, never said: {where}"
        if intent in LOOKS:
            assert after.heard_step in (before.heard_step, after.step), f"looking heard: {where}"

    def _asked_for(
        self, intent: str, before: Record, moves_to: int | None, slots: dict[str, str | None]
    ) -> int | None:
        if intent == "NextStepIntent":
            return (self.last_heard or 0) + 1
        if intent == "PreviousStepIntent":
            return min(before.step, PRACTICE_MODE) - 1
        if intent == "GoToStepIntent":
            number = slots.get("number")
            return int(number) if number and number.isdigit() else None
        if intent == "AMAZON.YesIntent":
            return moves_to
        return None

    def _earned(self, step: int) -> int | None:
        """The step after `step`, if they heard it and practised it on an earlier local day."""
        practised = self.practised.get(step)
        if practised is None or practised >= self.day or step not in self.heard:
            return None
        return min(step + 1, PRACTICE_MODE)

    def _practice(self, before: Record, after: Record) -> None:
        """A finished check-in or together time practises the step, if they heard it."""
        checked_in = len(after.checkins) > len(before.checkins)
        ritual_done = after.rituals_completed > before.rituals_completed
        if (checked_in or ritual_done) and after.step in self.heard:
            self.practised[after.step] = self.day


def _pauses(ssml: str) -> float:
    return sum(int(n) / (1000 if unit == "ms" else 1) for n, unit in _BREAK.findall(ssml))


def days(first: date, count: int) -> list[date]:
    """`count` days from `first`."""
    return [first + timedelta(days=n) for n in range(count)]
