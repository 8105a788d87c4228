"""Drift: the privacy notice (PRIVACY.md) says what the README says, and both say what is kept.

The two hold one block of words between `<!-- what-is-kept` and `<!-- /what-is-kept -->`;
every field the record stores is named in it, and its numbers (how long check-ins, records,
backups and logs last) are the ones the code and the template use.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from reconnect import store
from reconnect.domain import checkin
from reconnect.domain.record import Record, RitualState

ROOT = Path(__file__).resolve().parents[2]
BLOCK = re.compile(r"<!-- what-is-kept\b.*?-->\n(.*?)<!-- /what-is-kept -->", re.S)

# Each stored field, and the words of the block that tell a reader it is kept.
RECORD_WORDS = {
    "step": "your current step",
    "heard_step": "the step you last heard as yours",
    "heard_on": "the days you last heard",
    "practised_on": "and practised",
    "hold": "whether you asked to stay on it",
    "paths_completed": "how many times you finished the seven steps",
    "first_seen": "the first",
    "last_seen": "the last day you used the skill",
    "visit_days": "on how many days you did",
    "time_zone": "Your time zone",
    "ritual": "when a ritual started",
    "rituals_completed": "how many you completed",
    "timers_permission_declined": "whether you said no to the timers permission",
    "checkins": "each check-in's date, whose it was (partner one or two)",
    "practised_days": "the days you practised together",
    "voices": "a one-way hash of each partner's voice",
    "reminder_id": "the id Alexa gave it",
    "reminder_at": "its time",
}
RITUAL_WORDS = {
    "started_at": "when a ritual started",
    "step": "Together time",  # the step it draws from
    "mode": "a guided ritual",
    "paused_at": "and paused",
    "paused_seconds": "and paused",
    "timer_ids": "ids of its Alexa timers",
    "guided_part": "which part a guided ritual reached",
    "completed": "whether it was completed",
    "stopped_at": "or stopped",
}
ITEM_WORDS = {  # what store.py adds to the record in each item
    "pk": "a one-way hash of the id Alexa gives your account",
    "version": "A version number",
    "expires_at": "the date the record expires",
}


def kept_block(name: str) -> str:
    """The what-is-kept block of a file at the repository root, whitespace evened out."""
    found = BLOCK.search((ROOT / name).read_text("utf-8"))
    assert found is not None, f"{name} has no what-is-kept block"
    return " ".join(found[1].split())


@pytest.fixture(scope="module")
def block() -> str:
    """The block as the README has it."""
    return kept_block("README.md")


def test_the_privacy_notice_says_exactly_what_the_readme_says(block: str) -> None:
    """PRIVACY.md's block is word for word the README's."""
    assert kept_block("PRIVACY.md") == block


@pytest.mark.parametrize(
    ("kind", "names", "words"),
    [
        (Record, {f.name for f in dataclasses.fields(Record)}, RECORD_WORDS),
        (RitualState, {f.name for f in dataclasses.fields(RitualState)}, RITUAL_WORDS),
    ],
    ids=["record", "ritual"],
)
def test_every_field_the_record_keeps_is_named_in_the_notice(
    kind: type, names: set[str], words: dict[str, str], block: str
) -> None:
    """A field added to the record fails here until the notice (and this map) say it is kept."""
    assert names == set(words), f"{kind.__name__}: fields and notice differ"
    missing = {name: phrase for name, phrase in words.items() if phrase not in block}
    assert missing == {}


def test_every_attribute_the_store_adds_is_named_in_the_notice(block: str) -> None:
    """The key, the version and the expiry that store.py writes beside the record's fields."""
    item = store._to_item("k", Record(), 1)  # what one PutItem writes
    assert set(item) - {f.name for f in dataclasses.fields(Record)} == set(ITEM_WORDS)
    assert all(phrase in block for phrase in ITEM_WORDS.values())


def test_the_notice_gives_the_periods_the_code_and_template_use(block: str) -> None:
    """A year of check-ins, about 13 months to expiry, 35 days of backups, 30 days of logs."""
    assert checkin.KEEP_DAYS in (365, 366)
    assert "for a year at most" in block
    assert f"about {round(store.RETENTION.days / 30.44)} months after the last visit" in block
    template = (ROOT / "template.yaml").read_text("utf-8")
    assert "PointInTimeRecoveryEnabled: true" in template
    recovery = re.search(r"RecoveryPeriodInDays: (\d+)", template)
    assert f"backups of its last {recovery[1] if recovery else 35} days" in block
    logs = re.search(r"RetentionInDays: (\d+)", template)
    assert logs is not None
    assert f"Logs are deleted after {logs[1]} days" in block
