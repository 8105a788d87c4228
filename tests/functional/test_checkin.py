"""The guided check-in through lambda_handler: the dialog, kind re-asks, voices, what is kept."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest

from reconnect.domain.checkin import CheckIn
from reconnect.domain.record import Record
from reconnect.speech.content import LocaleContent
from reconnect.store import Store, Stored
from tests.conftest import TABLE, Clock
from tests.functional.phrases import keys, markers
from tests.marked_content import Said
from tools.standins.envelopes import Session, reprompt, speech

TODAY = date(2026, 11, 25)  # the clock fixture's day in New York
ANNA = "amzn1.ask.person.ANNA"
BEN = "amzn1.ask.person.BEN"


def said(answer: dict[str, Any]) -> str:
    """What Alexa says, as plain words."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", speech(answer))).split())


def elicits(answer: dict[str, Any]) -> str | None:
    """The slot a response elicits (Dialog.ElicitSlot), or None."""
    for directive in answer["response"].get("directives") or []:
        if directive["type"] == "Dialog.ElicitSlot":
            return str(directive["slotToElicit"])
    return None


def stored(couple: Session) -> Record:
    """The couple's record as stored."""
    from reconnect import app

    return app.STORE.load(couple.device.user_id).record


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def check_in(couple: Session, first: str, second: str) -> dict[str, Any]:
    """A whole check-in: open it, two answers; the last response."""
    couple.intent("CheckInIntent")
    couple.answer(first)
    return couple.answer(second)


def test_a_check_in_asks_each_partner_then_offers_a_question_and_closes(
    couple: Session, marked: LocaleContent
) -> None:
    """GIVEN a couple who heard step one WHEN they check in with 'seven' and 'about a six' THEN
    each partner is asked in turn with a reprompt, the dialog elicits the rating slot, and the
    end thanks them, offers a question from step one and closes; only the numbers are kept, and
    step one counts as practised."""
    couple.intent("TodayStepIntent")
    opening = couple.intent("CheckInIntent")
    assert elicits(opening) == "rating"
    assert keys(opening) == ["checkin_intro", "partners_who", "ask_rating_first"]
    assert reprompt(opening)
    assert opening["response"]["shouldEndSession"] is False

    second = couple.answer("seven")
    assert elicits(second) == "rating"
    assert keys(second) == ["rating_thanks", "ask_rating_second"]

    done = couple.answer("about a six")
    assert elicits(done) is None
    assert done["response"]["shouldEndSession"] is True
    assert keys(done) == ["checkin_thanks_both", "trend_first", "talk_about"]
    (question,) = markers(done)[-1].value("question")  # the question to talk about comes last
    assert question.key == "program.steps.1.questions.ask"
    record = stored(couple)
    assert record.checkins == (CheckIn(TODAY, 1, 7), CheckIn(TODAY, 2, 6))
    assert record.practised_on == TODAY
    assert record.practised_days == (TODAY,)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("banana", Said("ask_rating_unheard", None)),
        ("?", Said("ask_rating_unheard", None)),
        ("eleven", Said("ask_rating_off_scale", None, {"number": "eleven"})),
        ("42", Said("ask_rating_off_scale", None, {"number": "forty-two"})),
    ],
)
def test_a_rating_off_the_scale_or_unheard_gets_a_kind_re_ask(
    couple: Session, answer: str, expected: Said, marked: LocaleContent
) -> None:
    """'Eleven' or 'banana' (or Alexa's '?') is asked again kindly; nothing is kept; the next
    good answer carries on."""
    couple.intent("CheckInIntent")
    again = couple.answer(answer)
    assert elicits(again) == "rating"
    assert [(m.key, m.values) for m in markers(again)] == [(expected.key, expected.values)]
    assert said(again).endswith("?")
    assert stored(couple).checkins == ()
    assert keys(couple.answer("ten out of ten")) == ["rating_thanks", "ask_rating_second"]


@pytest.mark.parametrize(
    "interrupt",
    [
        lambda s: s.end("EXCEEDED_MAX_REPROMPTS"),
        lambda s: s.intent("AMAZON.StopIntent"),
        lambda s: s.intent("CrisisIntent"),
    ],
    ids=["session-ends", "stop", "crisis"],
)
def test_a_check_in_cut_off_half_way_keeps_nothing_and_starts_again(
    couple: Session, interrupt: Any, marked: LocaleContent
) -> None:
    """GIVEN partner one has rated WHEN the session ends, they say stop, or a crisis phrase
    comes THEN nothing is kept, and the next check-in starts with partner one again."""
    couple.intent("CheckInIntent")
    couple.answer("seven")
    interrupt(couple)
    assert stored(couple).checkins == ()
    assert stored(couple).practised_on is None
    again = couple.intent("CheckInIntent")
    assert keys(again)[-1] == "ask_rating_first"
    check = couple.answer("four")
    assert keys(check)[-1] == "ask_rating_second"


def test_the_end_compares_with_earlier_this_week_never_partner_against_partner(
    couple: Session, clock: Clock, marked: LocaleContent
) -> None:
    """GIVEN fours three days ago WHEN today is a six and a six THEN 'up from four to six this
    week', and nothing in the answer sets one partner's number against the other's: it is the
    thanks, the week's trend and a question, nothing more."""
    check_in(couple, "four", "four")
    clock.advance(days=3)
    done = check_in(couple, "six", "six")
    *parts, question = markers(done)
    assert [(m.key, m.values) for m in parts] == [
        ("checkin_thanks_both", {}),
        ("trend_up_week", {"before": "four", "now": "six"}),
        ("step_waiting", {"step_number": "1"}),
    ]
    assert question.key == "talk_about"
    assert [m.key for m in question.value("question")] == ["program.steps.1.questions.ask"]


def test_recognised_voices_are_greeted_by_name_and_keep_their_slots(
    couple: Session, clock: Clock
) -> None:
    """GIVEN voice profiles WHEN Anna answers first one day and Ben first the next THEN each is
    named with <alexa:name>, and each rating keeps its partner's slot from day to day."""
    couple.device.person_id = ANNA
    opening = couple.intent("CheckInIntent")
    assert f'<alexa:name type="first" personId="{ANNA}"/>' in speech(opening)
    couple.answer("eight")
    couple.device.person_id = BEN
    done = couple.answer("five")
    assert done["response"]["shouldEndSession"] is True

    clock.advance(days=1)
    couple.device.person_id = BEN
    couple.intent("CheckInIntent")
    thanks = couple.answer("six")
    assert f'personId="{BEN}"' in speech(thanks)
    couple.device.person_id = ANNA
    couple.answer("nine")
    by_slot = {(e.day, e.partner): e.rating for e in stored(couple).checkins}
    tomorrow = TODAY + timedelta(days=1)
    assert by_slot == {(TODAY, 1): 8, (TODAY, 2): 5, (tomorrow, 1): 9, (tomorrow, 2): 6}
    assert len(stored(couple).voices) == 2
    assert ANNA not in str(stored(couple).to_dict())  # only a one-way hash is kept


def test_the_same_voice_twice_is_asked_for_the_other_partner(
    couple: Session, marked: LocaleContent
) -> None:
    """Anna answers, then Anna again: Alexa asks for the other partner; nothing kept yet."""
    couple.device.person_id = ANNA
    couple.intent("CheckInIntent")
    couple.answer("eight")
    again = couple.answer("seven")
    assert elicits(again) == "rating"
    assert keys(again) == ["ask_rating_same_voice"]
    assert stored(couple).checkins == ()
    couple.device.person_id = None
    couple.answer("seven")
    assert [(e.partner, e.rating) for e in stored(couple).checkins] == [(1, 8), (2, 7)]


def test_without_profiles_its_partner_one_and_partner_two(couple: Session) -> None:
    """No person in the request: no name tag, 'partner one' and 'partner two'."""
    opening = couple.intent("CheckInIntent")
    assert "alexa:name" not in speech(opening)


def test_a_check_in_from_a_concurrent_session_is_kept(
    couple: Session, handler: Any, clock: Clock
) -> None:
    """GIVEN a second Echo whose session began before the first Echo's check-in was saved
    WHEN the second Echo then saves its own check-in THEN both are in the record (a union)."""
    kitchen = couple
    bedroom = Session(handler, kitchen.device.__class__(**{**kitchen.device.__dict__}), clock=clock)
    bedroom.device.device_id = "amzn1.ask.device.BEDROOM"
    bedroom.dialog_intents = kitchen.dialog_intents
    bedroom.intent("CheckInIntent")  # loads the record into the bedroom's session
    check_in(kitchen, "three", "four")
    bedroom.answer("eight")
    bedroom.answer("nine")
    assert sorted(e.rating for e in stored(couple).checkins) == [3, 4, 8, 9]


def test_a_retried_write_that_already_landed_is_not_counted_twice(dynamodb: Any) -> None:
    """GIVEN a save whose write landed but whose answer was lost WHEN it is tried again THEN
    the store sees its own record and writes nothing more: no check-in counted twice."""
    store = Store(dynamodb, TABLE)
    mine = Record(checkins=(CheckIn(TODAY, 1, 7), CheckIn(TODAY, 2, 6)))
    store.save("couple", Stored(Record(), 0), mine)
    again = store.save("couple", Stored(Record(), 0), mine)
    assert again.record == mine
    assert store.load("couple").record.checkins == mine.checkins


def test_opening_the_skill_greets_a_recognised_voice_by_name(
    couple: Session, marked: LocaleContent
) -> None:
    """'Alexa, open reconnect ritual' from Anna's voice: 'Hi, Anna' by <alexa:name>; from an
    unrecognised voice, no name tag at all."""
    couple.device.person_id = ANNA
    named = couple.launch()
    tag = f'<alexa:name type="first" personId="{ANNA}"/>'
    assert keys(named)[0] == "greeting_named"  # the opening words, whichever phrasing
    assert tag in speech(named)
    couple.end()
    couple.device.person_id = None
    unnamed = couple.launch()
    assert "alexa:name" not in speech(unnamed)
    assert "greeting_named" not in keys(unnamed)


def test_repeat_mid_check_in_asks_for_the_rating_again(couple: Session) -> None:
    """'Say that again' half-way repeats the question and Alexa keeps listening for the rating."""
    couple.intent("CheckInIntent")
    couple.answer("five")
    repeated = couple.intent("AMAZON.RepeatIntent")
    assert elicits(repeated) == "rating"
    couple.answer("seven")
    assert sorted(e.rating for e in stored(couple).checkins) == [5, 7]


def test_repeat_after_the_check_in_does_not_reopen_it(couple: Session) -> None:
    """Once the check-in is over, 'repeat' only repeats: no slot is elicited."""
    couple.launch()
    couple.intent("ListStepsIntent")
    assert elicits(couple.intent("AMAZON.RepeatIntent")) is None
