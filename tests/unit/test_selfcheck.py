"""The burnout self-check: four questions, answered yes, no or 'sort of', and a gentle reading."""

from __future__ import annotations

import itertools

import pytest

from reconnect.domain import selfcheck
from reconnect.domain.selfcheck import Answer, Incomplete, Level, Reading
from reconnect.speech.content import library

YES, NO, SOMEWHAT = Answer.YES, Answer.NO, Answer.SOMEWHAT


def test_the_four_signs_are_asked_in_the_articles_order() -> None:
    """Edge or numb, avoiding talk, taken for granted, pulling back: then nothing more."""
    answers: tuple[Answer, ...] = ()
    asked = []
    while (sign := selfcheck.next_sign(answers)) is not None:
        asked.append(sign)
        answers = selfcheck.answer(answers, NO)
    assert asked == ["edge", "avoiding", "unseen", "withdrawn"]
    with pytest.raises(ValueError, match="answered"):
        selfcheck.answer(answers, YES)


def test_the_signs_match_the_programs_list_of_four() -> None:
    """content/program.toml names four signs, and the self-check asks about four."""
    assert len(library().for_locale("en-US").signs) == len(selfcheck.SIGNS)


def test_no_sign_recognised_means_keep_going_with_small_actions() -> None:
    """Four noes: a reading with no signs, and step five to keep closeness alive."""
    assert selfcheck.reading([NO] * 4) == Reading(Level.NONE, (), (), 5, None)


def test_some_signs_start_at_step_one_with_a_focus() -> None:
    """'Avoiding the conversations' recognised: start at step one; step three speaks to it."""
    assert selfcheck.reading([NO, YES, NO, NO]) == Reading(Level.SOME, ("avoiding",), (), 1, 3)


def test_sort_of_is_a_middle_answer_that_still_starts_at_step_one() -> None:
    """GIVEN 'sort of' to feeling taken for granted and no to the rest THEN the reading counts
    it as partly recognised: some signs, start at step one, step five speaks to it."""
    found = selfcheck.reading([NO, NO, SOMEWHAT, NO])
    assert found == Reading(Level.SOME, (), ("unseen",), 1, 5)
    assert found.count == 1


def test_a_yes_is_the_focus_before_a_sort_of() -> None:
    """A sign answered yes speaks louder than one answered 'sort of' for where to focus."""
    assert selfcheck.reading([SOMEWHAT, YES, NO, NO]).focus_step == 3


def test_halves_count_half_towards_a_heavy_time() -> None:
    """Four 'sort of's weigh two signs: some, not many; three yeses are many."""
    assert selfcheck.reading([SOMEWHAT] * 4).level is Level.SOME
    assert selfcheck.reading([YES, YES, SOMEWHAT, NO]).level is Level.MANY
    assert selfcheck.reading([YES, YES, YES, NO]).level is Level.MANY
    assert selfcheck.reading([YES] * 4).start_step == 1


def test_every_combination_has_a_reading_with_a_real_step() -> None:
    """All 81 ways of answering give a level and steps between one and seven."""
    for answers in itertools.product(list(Answer), repeat=4):
        found = selfcheck.reading(answers)
        assert 1 <= found.start_step <= 7
        assert found.focus_step is None or 1 <= found.focus_step <= 7
        assert len(found.recognised) == answers.count(YES)
        assert len(found.partly) == answers.count(SOMEWHAT)


def test_a_reading_needs_all_four_answers() -> None:
    """Half-way through, there is no reading to give."""
    with pytest.raises(Incomplete):
        selfcheck.reading([YES, NO])
