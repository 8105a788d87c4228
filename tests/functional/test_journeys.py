"""Couples living with the skill for weeks: every answer checked against the design's invariants.

Three couples in three time zones, five weeks each, driven by intents and slots through
lambda_handler (DynamoDB in moto, the Alexa API stand-in, a clock the test moves): one-shots in
the morning, sessions in the evening, check-ins, together time with timers and guided, peeking
at other steps, skipped days, practice mode, the self-check, reminders, help, fallbacks and
goodbyes. The invariants are in tests/functional/journeys.py; the counts of what was covered
are printed (pytest -s) and asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from reconnect.domain.record import PRACTICE_MODE
from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.journeys import Journey, Tally, days
from tests.marked_content import heard_in, names_in
from tools.standins.alexa import AlexaStandIn
from tools.standins.reminders import RemindersApi
from tools.standins.timers import TimersApi

FIRST_DAY = date(2026, 11, 2)  # a Monday
WEEKS = 5


@pytest.fixture(scope="module")
def tally() -> Iterator[Tally]:
    """What all the journeys covered, printed at the end of the module."""
    covered = Tally()
    yield covered
    print(f"\njourneys covered {covered.summary()}")


@pytest.fixture
def apis(standin: AlexaStandIn, clock: Clock) -> tuple[AlexaStandIn, TimersApi, RemindersApi]:
    """Timers and reminders on the stand-in, on the test's clock; the couples allowed both."""
    return standin, TimersApi(standin, now=clock), RemindersApi(standin, now=clock)


def couple(
    name: str, zone: str, locale: str, handler: Any, clock: Clock, tally: Tally,
    apis: tuple[AlexaStandIn, TimersApi, RemindersApi] | None = None,
) -> Journey:  # fmt: skip
    """A couple on their own Echo: with the stand-in (its zone set), or with no Alexa APIs."""
    clock.now = datetime.combine(FIRST_DAY - timedelta(days=1), time(), UTC)
    if apis is None:
        return Journey(name, handler, clock, zone, tally, locale=locale)
    standin, timers, reminders = apis
    standin.time_zones[f"amzn1.ask.device.{name}"] = zone
    return Journey(
        name, handler, clock, zone, tally, locale=locale, api_endpoint=standin.url,
        time_passes=lambda: (timers.fire_due(), reminders.fire_due()),
    )  # fmt: skip


def test_a_morning_and_evening_couple_walks_the_path_into_practice_mode(
    handler: Any, clock: Clock, apis: Any, tally: Tally, marked: LocaleContent
) -> None:
    """GIVEN a New York couple who hears today's step each morning and checks in or has
    together time most evenings, peeks at other steps, skips weekends now and then, and once
    says 'next step' WHEN five weeks pass THEN every answer holds the invariants, they walk all
    seven steps without skipping one, and practice mode's follow-ups speak of the practice."""
    alex = couple("ALEX_SAM", "America/New_York", "en-US", handler, clock, tally, apis)
    for n, day in enumerate(days(FIRST_DAY, WEEKS * 7)):
        if n % 7 == 5 and n > 7:
            continue  # a quiet Saturday: nothing at all
        # the morning after a practised step, once, they ask for the next step straight away
        alex.on(day, "07:45").say("NextStepIntent" if n == 3 else "TodayStepIntent")
        if n % 6 == 2:
            step = alex.record.step
            alex.on(day, "12:10").say("HearStepIntent", number=str(step % 7 + 1))
            alex.say("AMAZON.NoIntent")
        if n % 5 == 1:
            alex.on(day, "13:00").say("CurrentStepIntent")
        if n == 9:
            alex.on(day, "18:00").say("NextStepIntent")  # ready to move on, in so many words
        if n % 3 == 0:
            alex.on(day, "20:30").say("StartRitualIntent")
            alex.later(minutes=11).say("RitualTimeLeftIntent")
        else:
            alex.on(day, "21:00").check_in(str(5 + n % 4), str(4 + n % 5))
        if n % 4 == 2:
            alex.on(day, "21:30").launch()
            alex.say("AMAZON.YesIntent")
            alex.say("TellMeMoreIntent")
            alex.say("AMAZON.YesIntent")  # something to talk about: the session closes
    assert alex.covered_days() >= 30
    assert alex.record.step == PRACTICE_MODE
    assert set(alex.heard) == set(range(1, 8))

    later = days(FIRST_DAY, WEEKS * 7 + 3)[-1]
    alex.on(later, "19:00").launch()
    practice = alex.say("AMAZON.YesIntent")
    another = alex.say("NextStepIntent")
    more = alex.say("TellMeMoreIntent")
    (next_practice,) = (m for m in heard_in(another) if m.key == "practice_next")
    number = next_practice.values["step_number"]
    assert f"program.steps.{number}.more" in names_in(more)  # the practice just heard
    assert practice != another


def test_a_couple_who_only_checks_in_stays_where_they_are_until_they_hear_their_step(
    handler: Any, clock: Clock, tally: Tally
) -> None:
    """GIVEN a couple in India (no Alexa APIs: guided together time, the locale's zone) who only
    checks in for ten days WHEN they then hear their step THEN they were on step one throughout,
    and move on only after practising what they heard; along the way they stay on a step, try
    the self-check with 'sort of', lose their words twice in a row, ask for help mid check-in,
    say goodbye mid check-in, and skip five days."""
    ria = couple("RIA_DEV", "Asia/Kolkata", "en-IN", handler, clock, tally)
    calendar = days(FIRST_DAY, WEEKS * 7 + 1)
    for day in calendar[:10]:
        ria.on(day, "21:15").check_in("six", "seven")
        assert ria.record.step == 1
    assert ria.record.practised_on is None
    ria.on(calendar[10], "08:00").launch()
    ria.say("AMAZON.YesIntent")
    ria.on(calendar[10], "21:00").check_in("seven", "seven")
    ria.on(calendar[11], "08:00").say("TodayStepIntent")
    assert ria.record.step == 2

    ria.on(calendar[12], "20:00").launch()
    ria.say("AMAZON.FallbackIntent")
    ria.say("AMAZON.FallbackIntent")
    ria.say("AMAZON.RepeatIntent")
    ria.say("SelfCheckIntent")
    for answer in ("AMAZON.YesIntent", "SomewhatIntent", "AMAZON.NoIntent", "SomewhatIntent"):
        ria.say(answer)
    ria.say("AMAZON.NoIntent")  # not now to going back to step one

    ria.on(calendar[13], "21:00").say("CheckInIntent")
    ria.answer("eight")
    ria.say("AMAZON.HelpIntent")
    ria.answer("seven")  # the check-in carries on after help
    ria.on(calendar[14], "07:30").say("TodayStepIntent")
    ria.say("StayOnStepIntent")
    held = ria.record.step
    ria.on(calendar[14], "21:00").check_in("six", "six")
    ria.on(calendar[15], "07:30").say("TodayStepIntent")
    assert ria.record.step == held  # held, though heard and practised

    ria.on(calendar[16], "21:00").say("CheckInIntent")
    ria.say("GoodbyeIntent")
    for day in calendar[22:]:  # five days away, then most evenings
        guided_evening(ria, day, calendar.index(day))
    assert ria.covered_days() >= 30
    assert ria.record.step >= 3


def guided_evening(ria: Journey, day: date, n: int) -> None:
    """An evening for a couple without timers: today's step, then together time part by part,
    or a check-in; a small idea, a topic, the streak now and then."""
    ria.on(day, "19:30").say("TodayStepIntent")
    if n % 2 == 0:
        ria.on(day, "20:00").say("StartRitualIntent")
        for _ in range(6):
            ria.later(minutes=1.5).say("RitualNextIntent")
    else:
        ria.on(day, "20:00").check_in(str(3 + n % 6), str(4 + n % 5))
    if n % 3 == 0:
        ria.on(day, "21:00").launch()
        ria.say("SmallIdeaIntent")
        ria.say("AMAZON.YesIntent")
        ria.say("AMAZON.YesIntent")
        ria.say("GoodbyeIntent")
    if n % 4 == 1:
        ria.on(day, "21:30").say("TalkTopicIntent")
        ria.on(day, "21:40").say("StreakIntent")
    if n % 5 == 0:
        ria.on(day, "22:00").say("NextStepIntent")


def test_a_couple_far_ahead_of_utc_moves_around_the_path_and_back(
    handler: Any, clock: Clock, apis: Any, tally: Tally
) -> None:
    """GIVEN a Sydney couple (a local day that starts the evening before in UTC) who peeks at
    step five and takes it, goes back a step, starts the path again, sets a reminder at six in
    the evening for 'seven', asks what together time is, pauses it, asks for help in it, says
    goodbye during it, and has one very low check-in WHEN five weeks pass THEN every answer holds
    the invariants."""
    kim = couple("KIM_JO", "Australia/Sydney", "en-AU", handler, clock, tally, apis)
    calendar = days(FIRST_DAY, WEEKS * 7)
    kim.on(calendar[0], "08:00").say("TodayStepIntent")
    kim.on(calendar[0], "18:00").say("SetReminderIntent", time="07:00")
    assert kim.record.reminder_at == "19:00"
    kim.on(calendar[1], "09:00").say("HearStepIntent", number="5")
    kim.say("AMAZON.YesIntent", moves_to=5)
    kim.on(calendar[1], "12:00").say("PreviousStepIntent")
    kim.on(calendar[2], "20:00").launch()
    kim.say("AboutTogetherTimeIntent")
    kim.say("AMAZON.YesIntent")
    kim.later(minutes=2).say("PauseRitualIntent")
    kim.later(minutes=1).launch()
    kim.say("AMAZON.HelpIntent")
    kim.say("AMAZON.YesIntent")
    kim.later(minutes=1).say("ResumeRitualIntent")
    kim.later(minutes=1).say("GoodbyeIntent")
    kim.later(minutes=9).say("RitualTimeLeftIntent")
    kim.on(calendar[3], "21:00").check_in("one", "three")
    kim.on(calendar[4], "07:00").launch()
    kim.say("RestartPathIntent")
    kim.say("AMAZON.YesIntent", moves_to=1)
    for n, day in enumerate(calendar[5:], start=5):
        kim.on(day, "06:50").say("NextStepIntent" if n % 6 == 0 else "TodayStepIntent")
        if n % 2:
            kim.on(day, "19:05").check_in(str(4 + n % 6), str(5 + n % 4))
        if n % 7 == 3:
            kim.on(day, "19:30").launch()
            kim.say("ListStepsIntent")
            kim.say("GoToStepIntent", number=str(min(7, kim.record.step + 1)))
            kim.say("AMAZON.NoIntent")
        if n % 9 == 4:
            kim.on(day, "20:00").say("HowAreWeDoingIntent")
    assert kim.covered_days() >= 30
    assert kim.record.step > 1
