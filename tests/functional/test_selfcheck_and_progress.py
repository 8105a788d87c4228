"""The burnout self-check and 'how are we doing?' through lambda_handler."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from reconnect.speech.content import library
from tests.conftest import Clock
from tests.functional.test_checkin import check_in, said, stored
from tools.envelopes import Session, reprompt

PHRASINGS = library().for_locale("en-US").prompts


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def yes_no(couple: Session, *answers: bool) -> list[str]:
    """Answer the self-check's questions; what Alexa said after each."""
    heard = []
    for yes in answers:
        heard.append(said(couple.intent("AMAZON.YesIntent" if yes else "AMAZON.NoIntent")))
    return heard


def test_the_self_check_asks_four_yes_no_questions_then_reads_gently(couple: Session) -> None:
    """GIVEN a couple on step three WHEN they say yes to 'avoiding the conversations' only THEN
    they hear four questions, a gentle reading, step one to start with, step three for that
    sign, and an offer to go to step one; nothing is stored."""
    couple.intent("GoToStepIntent", number="3")
    before = stored(couple)
    first = couple.intent("SelfCheckIntent")
    assert "four" in said(first).lower()
    assert "diagnosis" in said(first)
    assert said(first).endswith("?")
    assert reprompt(first)
    *questions, reading = yes_no(couple, False, True, False, False)
    assert all(q.endswith("?") for q in questions)
    assert "one of the four" in reading
    assert "step 1" in reading
    assert "step 3" in reading
    assert reading.endswith("?")
    assert stored(couple) == before


def test_yes_after_the_reading_goes_to_step_one(couple: Session) -> None:
    """'Yes' to 'would you like to go to step one?' moves there; the yes/no answers before it
    never reached the program's own yes/no handling."""
    couple.intent("GoToStepIntent", number="4")
    couple.intent("SelfCheckIntent")
    yes_no(couple, True, True, True, False)
    moved = couple.intent("AMAZON.YesIntent")
    assert "Step 1" in said(moved) or "step 1" in said(moved)
    assert stored(couple).step == 1


def test_no_signs_reads_kindly_and_no_keeps_the_step(couple: Session) -> None:
    """Four noes: good to hear, step five to return to; 'no' to going there changes nothing."""
    couple.intent("SelfCheckIntent")
    *_, reading = yes_no(couple, False, False, False, False)
    assert "step 5" in reading
    stay = couple.intent("AMAZON.NoIntent")
    assert stay["response"]["shouldEndSession"] is False
    assert stored(couple).step == 1


def test_a_new_couple_hears_a_welcome_not_zeros(couple: Session) -> None:
    """'How are we doing?' before anything: a beginning, their step, no counts of zero."""
    answer = couple.intent("HowAreWeDoingIntent")
    text = said(answer)
    assert "0" not in text
    assert "step 1" in text
    assert answer["response"]["shouldEndSession"] is True  # a one-shot


def test_how_are_we_doing_counts_days_rituals_and_the_trend(couple: Session, clock: Clock) -> None:
    """GIVEN fours early in the month, then a five and four sevens in the last week WHEN they
    ask how they are doing THEN they hear five of the last seven days, eight this month, and
    the trend from four to six and a half (the last week's mean); no streak, no reproach."""
    start = clock.now
    for offset, rating in [(-24, "four"), (-16, "four"), (-14, "four"), (-4, "five")]:
        clock.now = start + timedelta(days=offset)
        check_in(couple, rating, rating)
    for offset in range(-3, 1):
        clock.now = start + timedelta(days=offset)
        check_in(couple, "seven", "seven")
    text = said(couple.intent("HowAreWeDoingIntent"))
    assert "five" in text
    assert "seven" in text
    assert "eight days" in text
    assert re.search(r"from four\b.* to six and a half", text), text
    for guilt in ("streak", "missed", "only", "should have", "broke"):
        assert guilt not in text.lower()


def test_a_quiet_week_meets_an_open_door(couple: Session, clock: Clock) -> None:
    """Practice earlier in the month but none this week: the month's days, and no reproach."""
    check_in(couple, "five", "six")
    clock.advance(days=12)
    text = said(couple.intent("HowAreWeDoingIntent"))
    assert any(p in text for p in PHRASINGS["progress_quiet_week_one"])
    for guilt in ("streak", "missed", "should", "broke", "only"):
        assert guilt not in text.lower()


def test_in_a_session_how_are_we_doing_asks_what_next(couple: Session) -> None:
    """Asked inside a session, the summary ends with one open question and a reprompt."""
    couple.launch()
    answer = couple.intent("HowAreWeDoingIntent")
    assert said(answer).endswith("?")
    assert reprompt(answer)
    assert stored(couple).practised_days == ()
