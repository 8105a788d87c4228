"""Together time by voice, against the Timers API stand-in on a clock the test moves.

Every ritual reply closes the session, so each request below arrives in a new session, as
"Alexa, tell reconnect ritual to pause together time" would in the middle of the ritual.
"""

from __future__ import annotations

import html
import re
from datetime import timedelta
from typing import Any

import pytest

from reconnect.domain.record import Record
from reconnect.speech.content import LocaleContent
from tests.conftest import Clock
from tests.functional.phrases import keys, markers
from tests.marked_content import names_in
from tools.standins.alexa import AlexaStandIn, Fault
from tools.standins.envelopes import Device, Session, speech
from tools.standins.timers import TimersApi

SCOPE = "alexa::alerts:timers:skill:readwrite"
CREATE = r"^POST /v1/alerts/timers$"


@pytest.fixture(autouse=True)
def words(marked: LocaleContent) -> LocaleContent:
    """Every test here runs on marked content: they check which prompt and which time left."""
    return marked


def speaks(text: str, part: str) -> bool:
    """Whether `text` carries one of step one's phrasings for `part` of together time."""
    return f"ritual.steps.1.{part}" in names_in(text)


def left(answer: dict[str, Any]) -> list[str]:
    """The time left each marker of the answer was filled with."""
    return [m.values["left"] for m in markers(answer) if "left" in m.values]


def guides(answer: dict[str, Any]) -> bool:
    """Whether the answer tells them how to move on by voice (together time without timers)."""
    return "ritual_guided_hint" in keys(answer)


def said(answer: dict[str, Any]) -> str:
    """The words spoken, without SSML."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", speech(answer))).split())


def ends(answer: dict[str, Any]) -> bool:
    """Whether the response closes the session."""
    return answer["response"].get("shouldEndSession") is True


def record_of(couple: Session) -> Record:
    """The couple's record as stored."""
    from reconnect import app

    return app.STORE.load(couple.device.user_id).record


def permission_answer(status: str, code: str = "200") -> dict[str, Any]:
    """The Connections.Response Alexa sends after asking for the timers permission."""
    return {
        "type": "Connections.Response",
        "name": "AskFor",
        "status": {"code": code, "message": "OK"},
        "payload": {"status": status, "isCardThrown": False, "permissionScope": SCOPE},
        "token": "start_together_time",
    }


def directives(answer: dict[str, Any]) -> list[dict[str, Any]]:
    """The response's directives."""
    return list(answer["response"].get("directives") or [])


@pytest.fixture
def timers(standin: AlexaStandIn, clock: Clock) -> TimersApi:
    """The Timers API on the stand-in, on the test's clock; the couple has allowed timers."""
    return TimersApi(standin, now=clock)


def statuses(timers: TimersApi) -> list[str]:
    """The status of each timer the stand-in holds."""
    return [t.status for t in timers.timers.values()]


def run_minutes(clock: Clock, timers: TimersApi, minutes: float) -> list[str]:
    """Let time pass, firing timers as they come due; the labels of those that fired."""
    fired: list[str] = []
    for _ in range(int(minutes * 6)):
        clock.advance(seconds=10)
        fired += [f.label or "" for f in timers.fire_due()]
    return fired


# --- starting: the timers and what they will say ---------------------------------------


def test_start_creates_six_announcing_timers_one_per_change(
    couple: Session, timers: TimersApi
) -> None:
    """GIVEN permission WHEN they start THEN six ANNOUNCE timers at 1, 3, 5, 7, 9, 10 minutes."""
    answer = couple.intent("StartRitualIntent")
    made = sorted(timers.timers.values(), key=lambda t: t.trigger or 0)
    assert [t.duration for t in made] == ["PT1M", "PT3M", "PT5M", "PT7M", "PT9M", "PT10M"]
    assert len({t.label for t in made}) == 6
    assert all(t.operation["type"] == "ANNOUNCE" for t in made)
    assert all(t.operation["textToAnnounce"][0]["locale"] == "en-US" for t in made)
    assert all(t.play_audible is False and t.visibility == "VISIBLE" for t in made)
    assert speaks(said(answer), "arrive")
    assert ends(answer)


def test_each_timer_announces_its_part_from_todays_step(couple: Session, timers: TimersApi) -> None:
    """The timers' texts carry step one's prompt for the part that begins, and the end."""
    couple.intent("StartRitualIntent")
    texts = [
        t.operation["textToAnnounce"][0]["text"]
        for t in sorted(timers.timers.values(), key=lambda t: t.trigger or 0)
    ]
    for text, part in zip(texts, ["appreciate", "share", "swap", "need", "promise"], strict=False):
        assert speaks(text, part)
    assert "<" not in "".join(texts)


def test_announcements_arrive_on_time_in_order(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """Nobody touches anything: the five changes and the end are announced on the minute."""
    start = clock.now
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 11)
    assert [(f.at - start) for f in timers.fired] == [
        timedelta(minutes=m) for m in (1, 3, 5, 7, 9, 10)
    ]
    assert names_in(timers.fired[-1].text or "") == ["announce_end"]


def test_the_request_locale_is_the_announcement_locale(
    handler: Any, standin: AlexaStandIn, timers: TimersApi, clock: Clock
) -> None:
    """A couple in the UK gets en-GB announcements."""
    uk = Session(handler, Device(api_endpoint=standin.url, locale="en-GB"), clock=clock)
    uk.intent("StartRitualIntent")
    locales = {t.operation["textToAnnounce"][0]["locale"] for t in timers.timers.values()}
    assert locales == {"en-GB"}


# --- time left, pause, resume, stop, next: from new sessions ---------------------------


def test_time_left_from_a_new_session_agrees_with_the_timers(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """At 4:10 the skill says 5:50 left, in the first turn of sharing, as the last timer has it."""
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 4)
    clock.advance(seconds=10)
    answer = couple.intent("RitualTimeLeftIntent")
    (time_left,) = (m for m in markers(answer) if m.key == "ritual_time_left")
    assert time_left.values["left"] == "six minutes"
    assert names_in(time_left.values["part"]) == ["ritual.names.share"]
    last = max(timers.timers.values(), key=lambda t: t.trigger or 0)
    assert timers.remaining(last.id) == timedelta(minutes=5, seconds=50)
    assert ends(answer)


def test_pause_and_resume_from_new_sessions_move_every_timer_on_by_the_pause(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """GIVEN a pause at 2:00 for five minutes THEN nothing fires, and then all is 5:00 later."""
    start = clock.now
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 2)
    answer = couple.intent("PauseRitualIntent")
    assert keys(answer) == ["ritual_paused"]
    assert left(answer) == ["eight minutes"]
    assert ends(answer)
    assert statuses(timers) == ["PAUSED"] * 5
    assert run_minutes(clock, timers, 5) == []
    assert left(couple.intent("RitualTimeLeftIntent")) == ["eight minutes"]
    answer = couple.intent("ResumeRitualIntent")
    (resumed,) = (m for m in markers(answer) if m.key == "ritual_resumed")
    assert names_in(resumed.values["part"]) == ["ritual.names.appreciate"]
    assert resumed.values["left"] == "eight minutes"
    assert statuses(timers) == ["ON"] * 5
    run_minutes(clock, timers, 9)
    assert [(f.at - start) for f in timers.fired] == [
        timedelta(minutes=m) for m in (1, 8, 10, 12, 14, 15)
    ]


def test_pausing_twice_and_resuming_a_running_ritual_are_gentle_no_ops(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """'Already paused' and 'already running', with the time left; the timers are untouched."""
    couple.intent("StartRitualIntent")
    running = couple.intent("ResumeRitualIntent")
    assert keys(running) == ["ritual_not_paused"]
    assert left(running) == ["ten minutes"]
    assert statuses(timers) == ["ON"] * 6
    couple.intent("PauseRitualIntent")
    clock.advance(minutes=1)
    assert keys(couple.intent("PauseRitualIntent")) == ["ritual_already_paused"]
    assert statuses(timers) == ["PAUSED"] * 6


def test_stop_deletes_the_timers_and_does_not_count_as_practice(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """A stop ends it early: no timer is left, nothing is counted, no guilt in the words."""
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 3)
    answer = couple.intent("StopRitualIntent")
    assert timers.timers == {}
    assert ends(answer)
    record = record_of(couple)
    assert record.rituals_completed == 0
    assert record.practised_on is None
    assert keys(couple.intent("RitualTimeLeftIntent")) == ["ritual_none"]


def test_next_with_timers_says_when_the_next_part_comes(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """'Next' does not skip ahead of the timers: it says how long until they move on."""
    couple.intent("StartRitualIntent")
    clock.advance(seconds=20)
    answer = couple.intent("RitualNextIntent")
    assert keys(answer) == ["ritual_next_timers"]
    assert left(answer) == ["forty seconds"]
    assert len(timers.timers) == 6


@pytest.mark.parametrize(
    "intent",
    [
        "PauseRitualIntent",
        "ResumeRitualIntent",
        "StopRitualIntent",
        "RitualTimeLeftIntent",
        "RitualNextIntent",
    ],
)
def test_without_a_ritual_every_control_says_how_to_start_one(
    couple: Session, timers: TimersApi, intent: str
) -> None:
    """Nothing running: a kind word and how to begin, and no call to the timers."""
    answer = couple.intent(intent)
    assert keys(answer) == ["ritual_none"]
    assert ends(answer)
    assert timers.timers == {}


# --- completion ------------------------------------------------------------------------


def test_a_ritual_that_reached_ten_minutes_counts_as_practice_of_todays_step(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """GIVEN step one heard and ten undisturbed minutes THEN it is completed, counted, and
    tomorrow is step two."""
    couple.intent("TodayStepIntent")
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 10)
    couple.launch()
    record = record_of(couple)
    assert record.rituals_completed == 1
    assert record.ritual is not None
    assert record.ritual.completed
    assert record.practised_on == clock.now.date()
    couple.end()
    done = couple.intent("RitualTimeLeftIntent")
    assert [m.values for m in markers(done) if m.key == "ritual_done_today"] == [{"count": "once"}]
    clock.advance(days=1)
    tomorrow = couple.intent("TodayStepIntent")
    assert [m.values["step_number"] for m in markers(tomorrow) if m.key == "today_intro"] == ["2"]


def test_completion_is_recorded_even_when_the_next_request_is_much_later(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """Nobody spoke to the skill for two days: the ritual still counts, so they moved on a step."""
    couple.intent("TodayStepIntent")
    couple.intent("StartRitualIntent")
    clock.advance(days=2)
    couple.intent("RitualTimeLeftIntent")
    record = record_of(couple)
    assert record.rituals_completed == 1
    assert record.step == 2


# --- restart while running -------------------------------------------------------------


def test_starting_again_while_one_runs_asks_first(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """A second 'start together time' asks whether to begin again, mic open, timers untouched."""
    couple.intent("StartRitualIntent")
    ids = set(timers.timers)
    clock.advance(minutes=2)
    answer = couple.intent("StartRitualIntent")
    assert said(answer).endswith("?")
    assert answer["response"]["shouldEndSession"] is False
    assert set(timers.timers) == ids


def test_yes_to_restart_replaces_the_timers_with_a_fresh_set(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """'Yes': the old timers are deleted and six new ones run from now."""
    couple.intent("StartRitualIntent")
    old = set(timers.timers)
    clock.advance(minutes=2)
    couple.intent("StartRitualIntent")
    answer = couple.intent("AMAZON.YesIntent")
    assert speaks(said(answer), "arrive")
    assert len(timers.timers) == 6
    assert not old & set(timers.timers)
    assert left(couple.intent("RitualTimeLeftIntent")) == ["ten minutes"]


def test_no_to_restart_carries_on_with_the_ritual_that_runs(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """'No': nothing changes, and they hear where they are."""
    couple.intent("StartRitualIntent")
    ids = set(timers.timers)
    clock.advance(minutes=2)
    couple.intent("StartRitualIntent")
    answer = couple.intent("AMAZON.NoIntent")
    assert left(answer) == ["eight minutes"]
    assert ends(answer)
    assert set(timers.timers) == ids


# --- the permission --------------------------------------------------------------------


def test_without_permission_the_skill_asks_for_it_by_voice(
    couple: Session, timers: TimersApi
) -> None:
    """401 on create: a Connections.SendRequest AskFor for the timers scope; nothing created."""
    timers.consent = False
    answer = couple.intent("StartRitualIntent")
    (directive,) = directives(answer)
    assert directive["type"] == "Connections.SendRequest"
    assert directive["name"] == "AskFor"
    assert directive["payload"]["@type"] == "AskForPermissionsConsentRequest"
    assert directive["payload"]["permissionScopes"][0]["permissionScope"] == SCOPE
    assert ends(answer)
    assert "reprompt" not in answer["response"]
    assert timers.timers == {}


def test_permission_accepted_starts_the_ritual_with_timers(
    couple: Session, timers: TimersApi
) -> None:
    """'I approve': Alexa sends ACCEPTED and the ritual starts with its six timers."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    timers.consent = True
    answer = couple.send(permission_answer("ACCEPTED"))
    assert len(timers.timers) == 6
    assert speaks(said(answer), "arrive")
    assert ends(answer)


def test_permission_denied_is_remembered_and_the_ritual_is_guided(
    couple: Session, timers: TimersApi
) -> None:
    """'No': guided at once, the no is kept, and the next start does not ask again."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    answer = couple.send(permission_answer("DENIED"))
    assert speaks(said(answer), "arrive")
    assert guides(answer)
    assert record_of(couple).timers_permission_declined
    couple.intent("StopRitualIntent")
    again = couple.intent("StartRitualIntent")
    assert directives(again) == []
    assert keys(again)[0] == "ritual_declined"
    assert record_of(couple).ritual is not None
    assert record_of(couple).ritual.mode == "guided"  # type: ignore[union-attr]


def test_allowing_timers_in_the_app_after_a_no_uses_them_without_asking(
    couple: Session, timers: TimersApi
) -> None:
    """A remembered no does not stop timers once the couple allows them in the Alexa app."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    couple.send(permission_answer("DENIED"))
    couple.intent("StopRitualIntent")
    timers.consent = True
    answer = couple.intent("StartRitualIntent")
    assert directives(answer) == []
    assert len(timers.timers) == 6


def test_not_answered_guides_now_and_permission_is_granted_on_the_second_try(
    couple: Session, timers: TimersApi
) -> None:
    """No answer: guided for now, not remembered as a no; next time, asked again and allowed."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    answer = couple.send(permission_answer("NOT_ANSWERED"))
    assert guides(answer)
    assert not record_of(couple).timers_permission_declined
    couple.intent("StopRitualIntent")
    second = couple.intent("StartRitualIntent")
    assert directives(second)[0]["name"] == "AskFor"
    timers.consent = True
    couple.send(permission_answer("ACCEPTED"))
    assert len(timers.timers) == 6


def test_an_accepted_answer_whose_timers_still_fail_does_not_ask_in_a_loop(
    couple: Session, timers: TimersApi
) -> None:
    """ACCEPTED but the API still says 401: guided, with no second AskFor."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    answer = couple.send(permission_answer("ACCEPTED"))
    assert directives(answer) == []
    assert guides(answer)


def test_a_failed_permission_request_guides_kindly(couple: Session, timers: TimersApi) -> None:
    """Connections.Response with a status code other than 200: guided, with a kind sentence."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    answer = couple.send(permission_answer("", code="500"))
    assert keys(answer)[0] == "ritual_no_timers"
    assert guides(answer)
    assert not record_of(couple).timers_permission_declined


# --- guided mode -----------------------------------------------------------------------


def test_guided_mode_moves_on_with_next_and_counts_the_ritual_at_the_end(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """Five 'next's walk the parts; the sixth ends it, counted as a completed ritual and as
    practice of the step they heard."""
    timers.consent = False
    couple.intent("TodayStepIntent")
    couple.intent("StartRitualIntent")
    couple.send(permission_answer("DENIED"))
    heard = []
    for _ in range(5):
        clock.advance(minutes=1)
        answer = couple.intent("RitualNextIntent")
        heard.append(said(answer))
        assert ends(answer)
    for text, part in zip(heard, ["appreciate", "share", "swap", "need", "promise"], strict=True):
        assert speaks(text, part)
    final = couple.intent("RitualNextIntent")
    assert "announce_end" in keys(final)
    record = record_of(couple)
    assert record.rituals_completed == 1
    assert record.practised_on == clock.now.date()


def test_guided_time_left_tracks_elapsed_time_from_stored_timestamps(
    couple: Session, timers: TimersApi, clock: Clock
) -> None:
    """Without timers, time left still counts down from the start, pauses left out."""
    timers.consent = False
    couple.intent("StartRitualIntent")
    couple.send(permission_answer("DENIED"))
    clock.advance(minutes=3)
    couple.intent("PauseRitualIntent")
    clock.advance(minutes=10)
    resumed = couple.intent("ResumeRitualIntent")
    assert speaks(said(resumed), "arrive")
    assert left(couple.intent("RitualTimeLeftIntent")) == ["seven minutes"]


def test_without_an_api_endpoint_the_ritual_is_guided(
    handler: Any, timers: TimersApi, clock: Clock
) -> None:
    """A request with no apiEndpoint cannot set timers: guided, kindly, never a crash."""
    bare = Session(handler, Device(api_endpoint=None), clock=clock)
    answer = bare.intent("StartRitualIntent")
    assert guides(answer)
    assert ends(answer)


# --- the Timers API failing at each call -----------------------------------------------


@pytest.mark.parametrize("failing", range(6))
@pytest.mark.parametrize("status", [500, 503, 504])
def test_a_failing_create_leaves_no_timer_behind_and_guides(
    couple: Session, timers: TimersApi, standin: AlexaStandIn, failing: int, status: int
) -> None:
    """Whichever of the six creates fails, the ones made are deleted and the ritual is guided."""
    standin.faults.append(Fault(CREATE, status=status, skip=failing))
    answer = couple.intent("StartRitualIntent")
    assert timers.timers == {}
    assert keys(answer)[0] == "ritual_no_timers"
    assert guides(answer)
    record = record_of(couple)
    assert record.ritual is not None
    assert record.ritual.mode == "guided"
    assert record.ritual.timer_ids == ()


def test_a_create_that_times_out_is_treated_like_a_failure(
    couple: Session, timers: TimersApi, standin: AlexaStandIn
) -> None:
    """The second create hangs past the client's timeout: cleaned up and guided, in time."""
    standin.faults.append(Fault(CREATE, status=504, delay=1.5, skip=1))
    answer = couple.intent("StartRitualIntent")
    assert timers.timers == {}
    assert guides(answer)


def test_the_users_own_timers_filling_the_limit_guides_without_leftovers(
    couple: Session, timers: TimersApi
) -> None:
    """Five timers of their own: the sixth ritual timer is refused (400), the rest deleted."""
    timers.others = 5
    answer = couple.intent("StartRitualIntent")
    assert timers.timers == {}
    assert guides(answer)


def test_when_cleanup_fails_too_the_leftovers_are_kept_and_deleted_later(
    couple: Session, timers: TimersApi, standin: AlexaStandIn
) -> None:
    """Create fails at the fourth and deletes fail: three ids kept; the stop deletes them."""
    standin.faults += [Fault(CREATE, status=500, skip=3), Fault(r"^DELETE ", status=503)]
    couple.intent("StartRitualIntent")
    record = record_of(couple)
    assert record.ritual is not None
    assert len(record.ritual.timer_ids) == 3
    standin.faults.clear()
    couple.intent("StopRitualIntent")
    assert timers.timers == {}


def test_a_failing_pause_switches_to_guided_and_deletes_the_timers(
    couple: Session, timers: TimersApi, clock: Clock, standin: AlexaStandIn
) -> None:
    """The third pause fails: no half-paused set; guided and paused, resumed by voice later."""
    couple.intent("StartRitualIntent")
    clock.advance(seconds=30)
    standin.faults.append(Fault(r"/pause$", status=500, skip=2))
    answer = couple.intent("PauseRitualIntent")
    assert timers.timers == {}
    assert left(answer) == ["nine and a half minutes"]
    standin.faults.clear()
    clock.advance(minutes=5)
    resumed = couple.intent("ResumeRitualIntent")
    assert speaks(said(resumed), "arrive")
    assert guides(resumed)


def test_a_failing_resume_switches_to_guided_and_deletes_the_timers(
    couple: Session, timers: TimersApi, clock: Clock, standin: AlexaStandIn
) -> None:
    """The second resume answers 504 (device offline): guided from the part under way."""
    couple.intent("StartRitualIntent")
    run_minutes(clock, timers, 1.5)
    couple.intent("PauseRitualIntent")
    standin.faults.append(Fault(r"/resume$", status=504, skip=1))
    answer = couple.intent("ResumeRitualIntent")
    assert timers.timers == {}
    assert speaks(said(answer), "appreciate")
    assert record_of(couple).ritual.mode == "guided"  # type: ignore[union-attr]


def test_a_failing_stop_still_stops_and_says_how_to_silence_a_timer(
    couple: Session, timers: TimersApi, standin: AlexaStandIn
) -> None:
    """Deletes fail: the ritual is stopped, the couple hears 'Alexa, stop', ids are kept."""
    couple.intent("StartRitualIntent")
    standin.faults.append(Fault(r"^DELETE ", status=500))
    answer = couple.intent("StopRitualIntent")
    assert "ritual_stop_leftovers" in keys(answer)
    record = record_of(couple)
    assert record.ritual is not None
    assert record.ritual.stopped_at is not None
    assert len(record.ritual.timer_ids) == 6
    standin.faults.clear()
    couple.intent("StartRitualIntent")
    assert len(timers.timers) == 6  # the leftovers went first, so the labels were free


def test_a_failing_time_left_read_answers_from_the_stored_state(
    couple: Session, timers: TimersApi, clock: Clock, standin: AlexaStandIn
) -> None:
    """The timer cannot be read: the time left comes from the stored start and pauses."""
    couple.intent("StartRitualIntent")
    clock.advance(minutes=6)
    standin.faults.append(Fault(r"^GET /v1/alerts/timers/", status=500))
    assert left(couple.intent("RitualTimeLeftIntent")) == ["four minutes"]


def test_slow_timers_stop_within_the_time_budget_and_leftovers_are_deleted_later(
    couple: Session, timers: TimersApi, standin: AlexaStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every call is slow and the last create fails when the budget has run out: no call starts
    after it, the answer still comes, guided; the timers it could not delete in time are kept
    and deleted by the next stop."""
    import time

    from reconnect.alexa import timers as timer_calls

    monkeypatch.setattr(timer_calls.Timers, "budget_seconds", 0.25)
    standin.faults += [
        Fault(CREATE, status=500, delay=0.3, skip=5),
        Fault(r"^(POST|DELETE) /v1/alerts/timers", delay=0.3),
    ]
    began = time.monotonic()
    answer = couple.intent("StartRitualIntent")
    assert time.monotonic() - began < 1.5
    assert guides(answer)
    made = set(timers.timers)
    assert len(made) == 5
    record = record_of(couple)
    assert record.ritual is not None
    assert set(record.ritual.timer_ids) == made
    standin.faults.clear()
    couple.intent("StopRitualIntent")
    assert timers.timers == {}


def test_the_six_timers_are_created_at_once_not_one_after_another(
    couple: Session, timers: TimersApi, standin: AlexaStandIn
) -> None:
    """GIVEN a Timers API that takes a moment to answer WHEN they start THEN all six creates
    are in flight together (one round trip, not six), and each keeps its own change."""
    standin.faults.append(Fault(CREATE, delay=0.2))
    couple.intent("StartRitualIntent")
    assert standin.peak_in_flight == 6
    record = record_of(couple)
    assert record.ritual is not None
    durations = [timers.timers[i].duration for i in record.ritual.timer_ids]
    assert durations == ["PT1M", "PT3M", "PT5M", "PT7M", "PT9M", "PT10M"]
