"""Together time's words: announcements fit a timer, times are said the way people say them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from pathlib import Path

import pytest

from reconnect.alexa.timers import duration_seconds, iso_duration
from reconnect.domain.ritual import SCHEDULE, Part
from reconnect.speech import ritual_answers
from reconnect.speech.content import ContentError, library, load
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.ritual_keys import PART_KEYS

CONTENT = Path(__file__).resolve().parents[2] / "content"
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "zero seconds"),
        (3, "five seconds"),
        (42, "forty seconds"),
        (58, "a minute"),
        (60, "a minute"),
        (95, "a minute and a half"),
        (125, "two minutes"),
        (330, "five and a half minutes"),
        (350, "six minutes"),
        (600, "ten minutes"),
    ],
)
def test_times_are_said_the_way_people_say_them(seconds: int, said: str) -> None:
    """In words, seconds rounded to five under a minute, then to the half minute ('six and a
    half minutes', never '6 minutes and 30 seconds')."""
    assert ritual_answers.spoken_time(seconds) == said


def test_counts_are_said_as_once_twice_then_numbers() -> None:
    """'once', 'twice', 'three times'."""
    assert [ritual_answers.times_said(n) for n in (1, 2, 3)] == ["once", "twice", "three times"]


@pytest.mark.parametrize(("seconds", "iso"), [(60, "PT1M"), (330, "PT5M30S"), (3600, "PT1H")])
def test_timer_durations_are_iso_8601(seconds: int, iso: str) -> None:
    """The Timers API's duration format, and back."""
    assert iso_duration(seconds) == iso
    assert duration_seconds(iso) == seconds


def test_a_timer_needs_a_positive_duration() -> None:
    """Zero seconds is not a timer."""
    with pytest.raises(ValueError, match="positive"):
        iso_duration(0)


@pytest.mark.parametrize("locale", LOCALES)
def test_every_step_gives_six_plain_short_announcements_with_unique_labels(locale: str) -> None:
    """For each step and over two months of days: six timers, labels unique, plain text ≤ 300."""
    content = library().for_locale(locale)
    for offset in range(0, 60, 7):
        phrases = PhrasePicker(content, date(2026, 1, 1) + timedelta(days=offset))
        for step in range(1, 9):
            timers = ritual_answers.announcements(phrases, step)
            assert [t.seconds for t in timers] == [c.at for c in SCHEDULE]
            assert len({t.label for t in timers}) == len(timers) <= 6
            for timer in timers:
                assert not set("<>&{}") & set(timer.text), timer.text
                assert 0 < len(timer.text) <= 300


def test_announcements_carry_the_days_step_prompt() -> None:
    """The appreciation timer reads step three's appreciation prompt on step three."""
    content = library().for_locale("en-US")
    phrases = PhrasePicker(content, date(2026, 11, 25))
    prompts = content.ritual.prompts[3]["appreciate"]
    texts = [t.text for t in ritual_answers.announcements(phrases, 3)]
    assert any(prompt in texts[0] for prompt in prompts)


def test_every_part_prompt_has_three_phrasings_that_rotate_by_day() -> None:
    """A couple doing together time daily hears each part in at least three phrasings, and
    two days in a row never the same words."""
    content = library().for_locale("en-US")
    for step, parts in content.ritual.prompts.items():
        for part, phrasings in parts.items():
            assert len(set(phrasings)) >= 3, (step, part)
    days = [date(2026, 11, 1) + timedelta(days=n) for n in range(10)]
    heard = [ritual_answers.part_prompt(PhrasePicker(content, d), 4, Part.SHARE) for d in days]
    assert all(a != b for a, b in itertools.pairwise(heard))


def test_content_with_one_phrasing_for_a_part_does_not_load(tmp_path: Path) -> None:
    """An author who writes a single prompt for a part is told at load time."""
    copy_content(tmp_path)
    ritual_file = tmp_path / "ritual.toml"
    text = ritual_file.read_text("utf-8")
    start = text.index("arrive = [")
    end = text.index("]", start)
    ritual_file.write_text(text[:start] + 'arrive = ["Phones away."' + text[end:], "utf-8")
    with pytest.raises(ContentError, match="3 phrasings"):
        load(tmp_path)


def copy_content(target_dir: Path) -> None:
    """A copy of content/ to edit in a test."""
    for item in CONTENT.rglob("*.toml"):
        target = target_dir / item.relative_to(CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.read_text("utf-8"), "utf-8")


def test_every_step_has_a_prompt_for_every_part() -> None:
    """Seven steps, six parts each (the swap included), in every locale."""
    for locale in LOCALES:
        prompts = library().for_locale(locale).ritual.prompts
        assert sorted(prompts) == list(range(1, 8))
        for step in prompts.values():
            assert set(step) == set(PART_KEYS) == {p.value for p in Part}


def test_ssml_in_a_ritual_prompt_is_refused(tmp_path: Path) -> None:
    """A timer cannot read SSML: content with a tag in a part prompt does not load."""
    copy_content(tmp_path)
    ritual_file = tmp_path / "ritual.toml"
    text = ritual_file.read_text("utf-8").replace(
        "Take three slow breaths together, in and out.",
        "Take three <break time='1s'/> breaths.",
    )
    ritual_file.write_text(text, "utf-8")
    with pytest.raises(ContentError, match="plain text"):
        load(tmp_path)


def test_started_reply_speaks_the_first_part_and_closes() -> None:
    """Starting speaks how it runs and the arrive prompt, and ends the session."""
    phrases = PhrasePicker(library().for_locale("en-GB"), date(2026, 11, 25))
    reply = ritual_answers.started(phrases, 1, guided=True)
    assert reply.end_session
    assert "Alexa, tell reconnect ritual next" in reply.speech()
    arrive = library().for_locale("en-GB").ritual.prompts[1]["arrive"]
    assert any(prompt in reply.speech() for prompt in arrive)
