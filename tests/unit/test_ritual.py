"""Together time as pure domain: parts, schedule, clock, pauses, stops, completion, storage."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from reconnect.domain import ritual
from reconnect.domain.record import Record, RitualState, merge
from reconnect.domain.ritual import PARTS, SCHEDULE, Part
from reconnect.store import _from_item, _to_item

START = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
NEW_YORK = ZoneInfo("America/New_York")
IDS = tuple(f"timer-{n}" for n in range(1, 7))


def at(seconds: float) -> datetime:
    """START plus `seconds`."""
    return START + timedelta(seconds=seconds)


def running(**changes: object) -> RitualState:
    """A timers-mode ritual started at START on step 1, with its six timers."""
    return replace(ritual.with_timers(ritual.begin(1, START, "timers"), IDS), **changes)  # type: ignore[arg-type]


# --- the shape of the ten minutes ------------------------------------------------------


def test_five_phases_make_exactly_ten_minutes() -> None:
    """Arrive 1:00, appreciate 2:00, share 4:00, need 2:00, promise 1:00: 600 s in all."""
    assert ritual.PHASE_SECONDS == {
        "arrive": 60,
        "appreciate": 120,
        "share": 240,
        "need": 120,
        "promise": 60,
    }
    assert ritual.TOTAL_SECONDS == 600


def test_schedule_has_one_timer_per_change_the_swap_and_the_end_included() -> None:
    """Six changes: 1:00, 3:00, 5:00 (the turn passes), 7:00, 9:00 and the end at 10:00."""
    assert [(c.at, c.key) for c in SCHEDULE] == [
        (60, "appreciate"),
        (180, "share"),
        (300, "swap"),
        (420, "need"),
        (540, "promise"),
        (600, "end"),
    ]
    assert len(SCHEDULE) <= 6


def test_the_swap_belongs_to_the_share_phase() -> None:
    """The second turn of sharing is still the share phase."""
    assert Part.SWAP.phase == "share"
    assert [p.phase for p in PARTS] == ["arrive", "appreciate", "share", "share", "need", "promise"]


@pytest.mark.parametrize(
    ("seconds", "part"),
    [
        (0, Part.ARRIVE),
        (59.9, Part.ARRIVE),
        (60, Part.APPRECIATE),
        (179, Part.APPRECIATE),
        (180, Part.SHARE),
        (299, Part.SHARE),
        (300, Part.SWAP),
        (420, Part.NEED),
        (540, Part.PROMISE),
        (599, Part.PROMISE),
        (600, None),
        (5000, None),
    ],
)
def test_part_by_clock_at_every_boundary(seconds: float, part: Part | None) -> None:
    """Each part starts exactly at its change; after 10:00 there is none."""
    assert ritual.part_by_clock(seconds) == part


# --- the clock, pauses and time left ---------------------------------------------------


def test_time_left_counts_down_from_ten_minutes() -> None:
    """At 4:10 there are 5:50 left, and the next change (the swap at 5:00) is 50 s away."""
    state = running()
    assert ritual.time_left(state, at(250)) == 350
    assert ritual.current_part(state, at(250)) is Part.SHARE
    assert ritual.time_to_next_change(state, at(250)) == 50


def test_a_pause_stops_the_clock_and_resume_leaves_it_out() -> None:
    """GIVEN a pause at 2:00 for five minutes THEN after resuming, 8:00 are still left."""
    paused = ritual.pause(running(), at(120))
    assert ritual.time_left(paused, at(420)) == 480
    resumed = ritual.resume(paused, at(420))
    assert resumed.paused_seconds == 300
    assert ritual.time_left(resumed, at(420)) == 480
    assert ritual.current_part(resumed, at(420 + 60)) is Part.SHARE


def test_pausing_twice_or_resuming_a_running_ritual_changes_nothing() -> None:
    """Pause and resume are idempotent."""
    paused = ritual.pause(running(), at(100))
    assert ritual.pause(paused, at(200)) == paused
    assert ritual.resume(running(), at(200)) == running()


def test_pending_changes_are_the_timers_still_to_go_off() -> None:
    """At 3:30 the first two timers have gone off; four remain, ids in schedule order."""
    pending = ritual.pending_changes(running(), at(210))
    assert [i for _, i in pending] == list(IDS[2:])


def test_stopping_or_replacing_a_ritual_deletes_all_its_timers() -> None:
    """A timer may go off late, so every id is deleted; a completed ritual has none left."""
    assert ritual.leftover_timers(running()) == IDS
    assert ritual.leftover_timers(replace(running(), completed=True)) == ()
    assert ritual.leftover_timers(None) == ()


def test_pending_changes_of_a_paused_ritual_follow_its_stopped_clock() -> None:
    """Paused at 0:30 and left for an hour: all six timers are still to come."""
    paused = ritual.pause(running(), at(30))
    assert len(ritual.pending_changes(paused, at(3600))) == 6


# --- running, stopped, abandoned -------------------------------------------------------


def test_a_ritual_runs_until_ten_minutes_unless_stopped() -> None:
    """Running at 9:59, not at 10:00; a stopped ritual is not running."""
    assert ritual.is_running(running(), at(599))
    assert not ritual.is_running(running(), at(600))
    assert not ritual.is_running(ritual.stop(running(), at(30)), at(31))
    assert not ritual.is_running(None, at(0))


def test_a_ritual_paused_for_hours_is_no_longer_running() -> None:
    """A pause left for three hours is over: a new start need not ask to restart."""
    paused = ritual.pause(running(), at(30))
    assert ritual.is_running(paused, at(30 + 2 * 3600))
    assert not ritual.is_running(paused, at(30 + 3 * 3600))


def test_stop_ends_the_clock_and_keeps_only_leftover_timers() -> None:
    """A stop counts no pause as still going and keeps the timers that could not be deleted."""
    stopped = ritual.stop(ritual.pause(running(), at(100)), at(200), leftovers=("timer-6",))
    assert stopped.paused_at is None
    assert stopped.stopped_at == at(200)
    assert stopped.timer_ids == ("timer-6",)
    assert not stopped.completed


def test_to_guided_carries_on_from_the_part_under_way() -> None:
    """Timers failing at 3:30 leave the couple in the share part, guided from there."""
    guided = ritual.to_guided(running(), at(210), leftovers=("timer-3",))
    assert guided.mode == "guided"
    assert ritual.current_part(guided, at(5000)) is Part.SHARE
    assert guided.timer_ids == ("timer-3",)


# --- completion counts as practice -----------------------------------------------------


def test_reaching_ten_minutes_counts_as_a_completed_ritual_and_practice() -> None:
    """GIVEN a timers ritual on a step they heard WHEN a request comes after 10:00 THEN it is
    completed, counted, and the step is practised."""
    record = Record(step=3, heard_step=3, heard_on=date(2026, 11, 24), ritual=running())
    done = ritual.conclude(record, at(601), NEW_YORK)
    assert done.ritual is not None
    assert done.ritual.completed
    assert done.rituals_completed == 1
    assert done.practised_on == date(2026, 11, 25)
    assert ritual.conclude(done, at(9000), NEW_YORK) == done


def test_completion_is_counted_on_the_local_day_it_ended() -> None:
    """A ritual begun at 11:55 p.m. in New York ends at 12:05 a.m.: practised on the new day."""
    late = datetime(2026, 11, 26, 4, 55, tzinfo=UTC)  # 11:55 p.m. on the 25th in New York
    started = ritual.with_timers(ritual.begin(1, late, "timers"), IDS)
    record = Record(heard_step=1, heard_on=date(2026, 11, 25), ritual=started)
    done = ritual.conclude(record, late + timedelta(hours=8), NEW_YORK)
    assert done.practised_on == date(2026, 11, 26)


def test_together_time_on_a_step_never_heard_counts_the_day_but_practises_nothing() -> None:
    """GIVEN step three reached but never heard WHEN together time completes THEN the day counts
    as time made for each other, and step three is not practised (so it cannot move them on)."""
    record = Record(step=3, heard_step=2, heard_on=date(2026, 11, 20), ritual=running())
    done = ritual.conclude(record, at(601), NEW_YORK)
    assert done.rituals_completed == 1
    assert done.practised_days == (date(2026, 11, 25),)
    assert done.practised_on is None


@pytest.mark.parametrize(
    "state",
    [
        ritual.pause(ritual.with_timers(ritual.begin(1, START, "timers"), IDS), at(300)),
        ritual.stop(ritual.with_timers(ritual.begin(1, START, "timers"), IDS), at(300)),
        ritual.begin(1, START, "guided"),
    ],
    ids=["paused", "stopped", "guided"],
)
def test_paused_stopped_or_guided_rituals_do_not_complete_by_the_clock(
    state: RitualState,
) -> None:
    """Only a timers ritual that ran to 10:00 without a stop completes on its own."""
    record = Record(ritual=state)
    assert ritual.conclude(record, at(3600), NEW_YORK) == record


def test_guided_next_walks_every_part_and_completes_after_the_last() -> None:
    """Six parts; the sixth 'next' ends the ritual and counts it."""
    record = Record(ritual=ritual.begin(2, START, "guided"))
    seen = []
    for n in range(6):
        assert record.ritual is not None
        seen.append(ritual.current_part(record.ritual, at(n)))
        record = ritual.advance(record, at(n * 60), date(2026, 11, 25))
    assert seen == list(PARTS)
    assert record.ritual is not None
    assert record.ritual.completed
    assert record.rituals_completed == 1
    with pytest.raises(ritual.NotRunning):
        ritual.advance(record, at(400), date(2026, 11, 25))


def test_completing_keeps_a_later_practice_day() -> None:
    """Completion never moves practised_on back in time."""
    record = Record(practised_on=date(2026, 11, 26), ritual=running())
    assert ritual.complete(record, date(2026, 11, 25)).practised_on == date(2026, 11, 26)


# --- storage of the ritual state -------------------------------------------------------


def test_record_with_a_ritual_round_trips_through_plain_form_and_dynamodb() -> None:
    """to_dict/from_dict and the DynamoDB item keep every field of the ritual."""
    state = ritual.pause(running(paused_seconds=42, guided_part=0), at(100))
    record = Record(ritual=state, rituals_completed=4, timers_permission_declined=True)
    assert Record.from_dict(record.to_dict()) == record
    assert _from_item(_to_item("pk", record, 7)).record == record


@pytest.mark.parametrize(
    "damage",
    [
        {"started_at": "yesterday"},
        {"started_at": "2026-11-25T19:00:00"},
        {"mode": "magic"},
        {"timer_ids": ["a"] * 7},
        {"timer_ids": [5]},
        {"step": 0},
        {"guided_part": 9},
        {"paused_seconds": -1},
        {"completed": "yes"},
    ],
)
def test_a_damaged_ritual_is_refused(damage: dict[str, object]) -> None:
    """Each field of the ritual is checked; anything malformed raises ValueError."""
    raw = {**running().to_dict(), **damage}
    with pytest.raises(ValueError):  # noqa: PT011 - each case fails for its own reason
        Record.from_dict({"ritual": raw})


def test_two_devices_completing_the_same_ritual_count_it_once() -> None:
    """Both sides concluded the same ritual: the merge does not count it twice."""
    base = Record(ritual=running(), rituals_completed=2)
    mine = ritual.conclude(base, at(700), NEW_YORK)
    theirs = ritual.conclude(base, at(705), NEW_YORK)
    assert merge(base, mine, theirs).rituals_completed == 3


def test_completions_of_different_rituals_add_up_in_a_merge() -> None:
    """A counter changed on both sides for different rituals adds up."""
    base = Record(rituals_completed=2)
    mine = replace(base, rituals_completed=3, ritual=replace(running(), completed=True))
    theirs = replace(base, rituals_completed=3)
    assert merge(base, mine, theirs).rituals_completed == 4
