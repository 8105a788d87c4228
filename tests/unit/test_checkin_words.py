"""The words of check-ins, the self-check, progress and reminders: valid, kind, short enough."""

from __future__ import annotations

import itertools
import re
from datetime import date, timedelta

import pytest

from reconnect.domain import selfcheck
from reconnect.domain.checkin import Direction, Heard, Problem, Trend
from reconnect.domain.daily_time import DailyTime
from reconnect.domain.progress import Progress
from reconnect.domain.selfcheck import Answer
from reconnect.speech import checkin_answers, progress_answers, reminder_answers, selfcheck_answers
from reconnect.speech.checkin_keys import CHECKIN_KEYS
from reconnect.speech.content import LocaleContent, library
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply
from reconnect.speech.ssml import MAX_SPEECH_CHARS, plain_text
from tests.unit.test_content import LOCALES, parse, spoken_seconds

NAME = '<alexa:name type="first" personId="amzn1.ask.person.ABC"/>'
GUILT = re.compile(r"\b(streak|missed|miss|should|fail\w*|behind|broke|only|lazy|again\?)\b", re.I)
PROGRESS_KEYS = [k for k in CHECKIN_KEYS if k.startswith(("progress_", "trend_"))]
DAYS = [date(2026, 1, 1) + timedelta(days=n) for n in range(40)]


@pytest.fixture(scope="module", params=LOCALES)
def content(request: pytest.FixtureRequest) -> LocaleContent:
    """One locale's content."""
    return library().for_locale(request.param)


def trends() -> list[Trend | None]:
    """Every kind of trend the answers can meet."""
    return [
        None,
        Trend(Direction.FIRST, 6.5),
        *(
            Trend(d, 6.0, 4.5, p)
            for d in Direction
            if d is not Direction.FIRST
            for p in ("week", "month")
        ),
    ]


def every_reply(phrases: PhrasePicker) -> list[Reply]:
    """Every reply these features can compose on one day."""
    replies = [
        checkin_answers.first_question(phrases, None, explain=True),
        checkin_answers.first_question(phrases, None, explain=False),
        checkin_answers.first_question(phrases, NAME, explain=False),
        checkin_answers.second_question(phrases, None),
        checkin_answers.second_question(phrases, NAME),
        checkin_answers.ask_again(phrases, Heard(None, Problem.UNHEARD)),
        checkin_answers.ask_again(phrases, Heard(None, Problem.OFF_SCALE, 11)),
        checkin_answers.same_voice(phrases, NAME),
        *(checkin_answers.finished(phrases, t, s) for t in trends() for s in range(1, 8)),
        checkin_answers.cared_for(phrases),
        *(selfcheck_answers.selfcheck_question(phrases, (Answer.NO,) * n) for n in range(4)),
        *(
            selfcheck_answers.selfcheck_reading(phrases, selfcheck.reading(a), step)
            for a in itertools.product(list(Answer), repeat=4)
            for step in (1, 3)
        ),
        reminder_answers.reminder_set(phrases, DailyTime(20), moved=False, one_shot=True),
        reminder_answers.reminder_set(phrases, DailyTime(7, 30), moved=True, one_shot=False),
        reminder_answers.ask_time(phrases, again=True),
        reminder_answers.ask_time(phrases, again=False, period="evening"),
    ]
    for week, month, rituals, step in itertools.product((0, 1, 5, 7), (0, 9), (0, 1, 3), (2, 8)):
        for trend in trends():
            progress = Progress(step, week, max(week, month), rituals, month, trend)
            replies.append(progress_answers.how_we_are_doing(phrases, progress, one_shot=True))
    return replies


def test_every_reply_is_valid_ssml_within_alexas_limits(content: LocaleContent) -> None:
    """Over forty days of phrasings, each reply parses, stays under 8,000 characters, asks at
    most one question and only at its end (the question to talk about, or the one that opens
    the microphone)."""
    for day in DAYS:
        for reply in every_reply(PhrasePicker(content, day)):
            ssml = reply.speech()
            assert len(ssml) < MAX_SPEECH_CHARS
            parse(ssml.removeprefix("<speak>").removesuffix("</speak>"))
            words = plain_text(ssml)
            assert words.count("?") <= 1, words
            assert "?" not in words or words.endswith("?"), words
            if not reply.end_session:
                assert words.endswith("?"), words  # the microphone opens on its one question


def test_how_are_we_doing_one_shot_fits_thirty_seconds(content: LocaleContent) -> None:
    """The longest 'how are we doing' answer is under 30 seconds of speech."""
    longest = 0.0
    for day in DAYS:
        phrases = PhrasePicker(content, day)
        for trend in trends():
            progress = Progress(8, 5, 12, 30, 12, trend)
            reply = progress_answers.how_we_are_doing(phrases, progress, one_shot=True)
            longest = max(longest, spoken_seconds(reply.speech()))
    assert longest <= 30.0


def test_progress_and_trend_words_carry_no_guilt(content: LocaleContent) -> None:
    """No streaks, no 'missed', no 'should': progress is counted, never held against them."""
    for key in PROGRESS_KEYS:
        for phrasing in content.phrasings(key):
            assert not GUILT.search(plain_text(phrasing)), (key, phrasing)


def test_the_couple_is_compared_with_itself_never_partner_with_partner(
    content: LocaleContent,
) -> None:
    """Trend words speak of 'you two' or 'together', never of one partner against the other."""
    for key in (k for k in PROGRESS_KEYS if k.startswith("trend_")):
        for phrasing in content.phrasings(key):
            text = plain_text(phrasing).lower()
            assert "partner" not in text, (key, phrasing)
            assert "than your" not in text, (key, phrasing)


def test_the_self_check_says_it_is_not_a_diagnosis(content: LocaleContent) -> None:
    """Every self-check introduction says it is not a diagnosis."""
    for phrasing in content.phrasings("selfcheck_intro"):
        assert "diagnosis" in phrasing


def test_a_very_low_check_in_gets_care_and_the_locales_line_on_a_card(
    content: LocaleContent,
) -> None:
    """Care, the support line spoken and on a card, no question, no 'a little lower'."""
    for day in DAYS[:5]:
        reply = checkin_answers.cared_for(PhrasePicker(content, day))
        said = plain_text(reply.speech())
        assert reply.end_session
        assert reply.card is not None
        assert reply.card.text == content.care.card_text
        assert content.care.speech in reply.speech()
        assert "?" not in said
        assert "lower" not in said


def test_the_reminder_text_is_plain_and_says_how_to_begin(content: LocaleContent) -> None:
    """What Alexa reads when the reminder goes off: no SSML, and the words to start."""
    for phrasing in content.phrasings("reminder_text"):
        assert "<" not in phrasing
        assert "start together time" in phrasing
