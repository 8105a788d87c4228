"""What the console shows and speaks: SSML as plain text, and espeak-ng when it is there."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass
from typing import TextIO

_BREAK = re.compile(r"<break\b([^>]*)/?>", re.IGNORECASE)
_SUB = re.compile(r"<sub\b[^>]*\balias=\"([^\"]*)\"[^>]*>.*?</sub>", re.IGNORECASE | re.DOTALL)
_AUDIO = re.compile(r"<audio\b[^>]*/?>(?:.*?</audio>)?", re.IGNORECASE | re.DOTALL)
_NAME = re.compile(r"<alexa:name\b[^>]*\bpersonId=\"(?:[^\"]*\.)?([^\".]*)\"[^>]*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_STRENGTH_SECONDS = {
    "none": 0.0, "x-weak": 0.0, "weak": 0.35, "medium": 0.75, "strong": 1.0, "x-strong": 1.25,
}  # fmt: skip
PAUSE = "(pause)"
_VOICES = {"en-US": "en-us", "en-GB": "en-gb"}


def pause_seconds(attributes: str) -> float:
    """How long a <break> lasts, from its time= or strength= attribute."""
    timed = re.search(r"time\s*=\s*\"\s*([\d.]+)\s*(ms|s)\s*\"", attributes, re.IGNORECASE)
    if timed:
        value = float(timed.group(1))
        return value / 1000 if timed.group(2).lower() == "ms" else value
    strength = re.search(r"strength\s*=\s*\"([a-z-]+)\"", attributes, re.IGNORECASE)
    return _STRENGTH_SECONDS.get(strength.group(1).lower(), 0.75) if strength else 0.75


def render(ssml: str) -> str:
    """What a listener hears, as text: tags gone, "(pause)" for breaks of a second or more."""
    text = _SUB.sub(lambda m: m.group(1), ssml)
    text = _NAME.sub(lambda m: m.group(1), text)  # the console's voices are named in their ids
    text = _AUDIO.sub(" (sound) ", text)
    text = _BREAK.sub(lambda m: f" {PAUSE} " if pause_seconds(m.group(1)) >= 1 else " ", text)
    text = _SPACE.sub(" ", html.unescape(_TAG.sub(" ", text))).strip()
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    while text.startswith(PAUSE) or text.endswith(PAUSE):
        text = text.removeprefix(PAUSE).removesuffix(PAUSE).strip()
    return text


def wrap(text: str, prefix: str, width: int) -> str:
    """`text` filled to `width`, after `prefix`, continuation lines aligned under the text."""
    return textwrap.fill(
        text,
        width=width,
        initial_indent=prefix,
        subsequent_indent=" " * len(prefix),
        break_on_hyphens=False,
    )


@dataclass
class Speaker:
    """Speaks answers aloud with espeak-ng; silent when off or not installed."""

    program: str | None = None
    voice: str = "en"

    @classmethod
    def create(cls, wanted: bool, locale: str, out: TextIO) -> Speaker:
        """A speaker for --voice: says once, and carries on, when espeak-ng is not installed."""
        if not wanted:
            return cls()
        program = shutil.which("espeak-ng")
        if program is None:
            out.write("(--voice: espeak-ng is not installed, so answers are shown, not spoken)\n")
        return cls(program, _VOICES.get(locale, "en"))

    def speak(self, text: str) -> None:
        """Say `text` and wait until it has been said; never fails the console."""
        if self.program is None or not text:
            return
        words = text.replace(PAUSE, ",")
        try:
            subprocess.run(
                [self.program, "-v", self.voice, "--", words],
                check=False,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:
            self.program = None
