"""Words any feature may say: one prompt and what next, or that something failed. No ASK here."""

from __future__ import annotations

from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Reply


def simple(phrases: PhrasePicker, key: str, **values: object) -> Reply:
    """One prompt, then the question of what next, naming a few things to say."""
    return Reply().add(phrases.say(key, **values)).ask(phrases.say("ask_what_next"))


def failure(phrases: PhrasePicker, key: str = "error_generic") -> Reply:
    """Something failed on our side: say so kindly and keep the conversation open."""
    return Reply().add(phrases.say(key)).ask(phrases.say("ask_what_next"))
