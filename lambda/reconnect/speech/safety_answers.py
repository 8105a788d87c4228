"""What the skill says when someone is not safe: the help lines, and nothing else. No ASK here."""

from __future__ import annotations

from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Card, Reply


def crisis(phrases: PhrasePicker) -> Reply:
    """The help lines for the couple's country, by voice and on a card, and nothing else."""
    c = phrases.content.crisis
    reply = Reply().add(c.speech).close()
    reply.card = Card(title=c.card_title, text=c.card_text)
    reply.urgent = True
    return reply
