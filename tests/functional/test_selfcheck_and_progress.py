"""The burnout self-check and 'how are we doing?' through lambda_handler."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from reconnect.speech.content import LocaleContent, library
from tests.conftest import Clock
from tests.functional.phrases import keys, markers
from tests.functional.test_checkin import check_in, said, stored
from tools.standins.envelopes import Session, reprompt

PHRASINGS = library().for_locale("en-US").prompts


@pytest.fixture
def couple(couple: Session) -> Session:
    """The couple, with Alexa's dialog states for the intents that have a dialog model."""
    couple.dialog_intents = frozenset({"CheckInIntent", "SetReminderIntent"})
    return couple


def yes_no(couple: Session, *answers: bool) -> list[dict[str, Any]]:
    """Answer the self-check's questions; Alexa's answer to each."""
    return [couple.intent("AMAZON.YesIntent" if yes else "AMAZON.NoIntent") for yes in answers]


def values(answer: dict[str, Any], key: str) -> dict[str, str]:
    """The values filled into the one marker of `key` the answer says."""
    (found,) = (m.values for m in markers(answer) if m.key == key)
    return found


def test_the_self_check_asks_four_yes_no_questions_then_reads_gently(
    couple: Session, marked: LocaleContent
) -> None:
    """GIVEN a couple on step three WHEN they say yes to 'avoiding the conversations' only THEN
    they hear the introduction (four questions, no diagnosis: tests/unit/test_checkin_words.py),
    the four signs one by one, a reading of one sign, step one to start with, step three for
    that sign, and an offer to go to step one; nothing is stored."""
    couple.intent("GoToStepIntent", number="3")
    before = stored(couple)
    first = couple.intent("SelfCheckIntent")
    assert keys(first) == ["selfcheck_intro", "ask_sign_edge"]
    assert said(first).endswith("?")
    assert reprompt(first)
    *questions, reading = yes_no(couple, False, True, False, False)
    assert [keys(q) for q in questions] == [
        ["ask_sign_avoiding"],
        ["ask_sign_unseen"],
        ["ask_sign_withdrawn"],
    ]
    assert keys(reading) == [
        "selfcheck_some",
        "selfcheck_start",
        "selfcheck_focus",
        "ask_go_to_step",
    ]
    assert values(reading, "selfcheck_some") == {"count": "one"}
    assert values(reading, "selfcheck_start")["step_number"] == "1"
    assert values(reading, "selfcheck_focus")["step_number"] == "3"
    assert values(reading, "ask_go_to_step") == {"step_number": "1"}
    assert said(reading).endswith("?")
    assert stored(couple) == before


def test_yes_after_the_reading_goes_to_step_one(couple: Session, marked: LocaleContent) -> None:
    """'Yes' to 'would you like to go to step one?' moves there; the yes/no answers before it
    never reached the program's own yes/no handling."""
    couple.intent("GoToStepIntent", number="4")
    couple.intent("SelfCheckIntent")
    yes_no(couple, True, True, True, False)
    moved = couple.intent("AMAZON.YesIntent")
    assert values(moved, "move_intro")["step_number"] == "1"
    assert "program.steps.1.short" in keys(moved)
    assert stored(couple).step == 1


def test_no_signs_reads_kindly_and_no_keeps_the_step(
    couple: Session, marked: LocaleContent
) -> None:
    """Four noes: good to hear, step five to return to; 'no' to going there changes nothing."""
    couple.intent("SelfCheckIntent")
    *_, reading = yes_no(couple, False, False, False, False)
    assert keys(reading)[0] == "selfcheck_none"
    assert {m.values.get("step_number") for m in markers(reading)} - {None} == {"5"}
    stay = couple.intent("AMAZON.NoIntent")
    assert stay["response"]["shouldEndSession"] is False
    assert stored(couple).step == 1


def test_a_new_couple_hears_a_welcome_not_zeros(couple: Session, marked: LocaleContent) -> None:
    """'How are we doing?' before anything: a beginning, their step, no counts of zero."""
    answer = couple.intent("HowAreWeDoingIntent")
    assert keys(answer) == ["progress_new", "progress_step"]
    assert values(answer, "progress_step")["step_number"] == "1"
    assert answer["response"]["shouldEndSession"] is True  # a one-shot


def test_how_are_we_doing_counts_days_rituals_and_the_trend(
    couple: Session, clock: Clock, marked: LocaleContent
) -> None:
    """GIVEN fours early in the month, then a five and four sevens in the last week WHEN they
    ask how they are doing THEN they hear five of the last seven days, eight this month, and
    the trend from four to six and a half (the last week's mean), then their step (the words
    carry no guilt: tests/unit/test_checkin_words.py)."""
    start = clock.now
    for offset, rating in [(-24, "four"), (-16, "four"), (-14, "four"), (-4, "five")]:
        clock.now = start + timedelta(days=offset)
        check_in(couple, rating, rating)
    for offset in range(-3, 1):
        clock.now = start + timedelta(days=offset)
        check_in(couple, "seven", "seven")
    answer = couple.intent("HowAreWeDoingIntent")
    assert keys(answer) == [
        "progress_week",
        "progress_month",
        "progress_trend_up",
        "progress_step",
    ]
    assert values(answer, "progress_week") == {"days": "five"}
    assert values(answer, "progress_month") == {"days": "eight"}
    assert values(answer, "progress_trend_up") == {"before": "four", "now": "six and a half"}


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
