"""The burnout self-check: four yes/no questions and a gentle reading. Pure."""

from __future__ import annotations

import itertools

import pytest

from reconnect import selfcheck
from reconnect.content import library
from reconnect.selfcheck import Incomplete, Level, Reading


def test_the_four_signs_are_asked_in_the_articles_order() -> None:
    """Edge or numb, avoiding talk, taken for granted, pulling back: then nothing more."""
    answers: tuple[bool, ...] = ()
    asked = []
    while (sign := selfcheck.next_sign(answers)) is not None:
        asked.append(sign)
        answers = selfcheck.answer(answers, False)
    assert asked == ["edge", "avoiding", "unseen", "withdrawn"]
    with pytest.raises(ValueError, match="answered"):
        selfcheck.answer(answers, True)


def test_the_signs_match_the_programs_list_of_four() -> None:
    """content/program.toml names four signs, and the self-check asks about four."""
    assert len(library().for_locale("en-US").signs) == len(selfcheck.SIGNS)


def test_no_sign_recognised_means_keep_going_with_small_actions() -> None:
    """Four noes: a reading with no signs, and step five to keep closeness alive."""
    assert selfcheck.reading([False] * 4) == Reading(Level.NONE, (), 5, None)


def test_some_signs_start_at_step_one_with_a_focus() -> None:
    """'Avoiding the conversations' recognised: start at step one; step three speaks to it."""
    assert selfcheck.reading([False, True, False, False]) == Reading(
        Level.SOME, ("avoiding",), 1, 3
    )


def test_three_or_four_signs_read_as_many() -> None:
    """Three or four signs: 'many', still starting gently at step one."""
    assert selfcheck.reading([True, True, True, False]).level is Level.MANY
    assert selfcheck.reading([True] * 4).start_step == 1


def test_every_combination_has_a_reading_with_a_real_step() -> None:
    """All sixteen ways of answering give a level and steps between one and seven."""
    for answers in itertools.product([False, True], repeat=4):
        found = selfcheck.reading(answers)
        assert 1 <= found.start_step <= 7
        assert found.focus_step is None or 1 <= found.focus_step <= 7
        assert len(found.recognised) == sum(answers)


def test_a_reading_needs_all_four_answers() -> None:
    """Half-way through, there is no reading to give."""
    with pytest.raises(Incomplete):
        selfcheck.reading([True, False])
