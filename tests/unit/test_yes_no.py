"""'Yes' and 'no' are tables over what the conversation waits for."""

from __future__ import annotations

from reconnect.alexa.handlers import builtins
from reconnect.speech.reply import Waiting


def test_every_yes_or_no_question_has_an_answer_for_yes() -> None:
    """Each question waiting for yes or no knows what yes does; the self-check's signs (yes, no,
    sort of) are answered by the self-check's own handler."""
    asked = {w for w in Waiting if w.is_yes_no}
    assert asked - set(builtins.YES) == {Waiting.SELFCHECK}
    assert set(builtins.YES) <= asked
