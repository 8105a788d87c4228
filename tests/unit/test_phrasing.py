"""Phrasing choice: the rotation that gives a couple who comes daily some variety."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest

from reconnect.speech.phrasing import rotation

MON = date(2026, 11, 23)


def test_rotation_never_repeats_on_consecutive_days() -> None:
    """Two days in a row pick different entries whenever there are two or more."""
    for count in (2, 3, 4):
        picks = [rotation(MON + timedelta(days=d), count, 17) for d in range(30)]
        assert all(a != b for a, b in itertools.pairwise(picks))
    with pytest.raises(ValueError, match="nothing"):
        rotation(MON, 0)
