"""content/ is valid for Alexa: SSML with Alexa's tags only, lengths that fit, every locale full."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from reconnect.domain.program import Greeting, Today
from reconnect.speech import moment_answers, program_answers, safety_answers, talk_answers
from reconnect.speech.content import PROMPTS, LocaleContent, library, placeholders
from reconnect.speech.moment_answers import Moment
from reconnect.speech.phrasing import PhrasePicker
from reconnect.speech.reply import Waiting
from reconnect.speech.ssml import MAX_SPEECH_CHARS, plain_text, word_count

LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
ALEXA_TAGS = {
    "speak", "p", "s", "break", "emphasis", "prosody", "say-as", "sub", "phoneme", "w",
    "lang", "voice", "audio", "amazon:domain", "amazon:effect", "amazon:emotion", "alexa:name",
}  # fmt: skip
_NS = {"amazon": "urn:amazon", "alexa": "urn:alexa"}
ONE_SHOT_SECONDS = 30.0
WORDS_PER_SECOND = 150 / 60
MIN_PHRASINGS = 3
FEWER_ALLOWED = {"welcome_new": 2}


def every_fragment(content: LocaleContent) -> Iterator[tuple[str, str]]:
    """Every spoken string in a locale's content, with where it comes from."""
    for step in content.steps:
        yield f"step {step.number} title", step.title
        yield f"step {step.number} short", step.short
        yield f"step {step.number} more", step.more
        for i, text in enumerate(step.practices):
            yield f"step {step.number} practice {i}", text
        for i, question in enumerate(step.questions):
            yield f"step {step.number} question {i}", question.ask
            yield f"step {step.number} invitation {i}", question.invite
    yield "signs intro", content.signs_intro
    for sign in content.signs:
        yield "sign", sign
    yield "signs outro", content.signs_outro
    yield "closing", content.closing
    yield "crisis", content.crisis.speech
    yield "care", content.care.speech
    for key, phrasings in content.prompts.items():
        for phrasing in phrasings:
            yield key, phrasing.format(**dict.fromkeys(placeholders(phrasing), "x"))


def parse(fragment: str) -> ET.Element:
    """Parse a fragment inside <speak>, as Alexa would."""
    declared = " ".join(f'xmlns:{p}="{u}"' for p, u in _NS.items())
    return ET.fromstring(f"<speak {declared}>{fragment}</speak>")


def tag_name(element: ET.Element) -> str:
    """'amazon:effect' for '{urn:amazon}effect'."""
    for prefix, uri in _NS.items():
        element.tag = element.tag.replace(f"{{{uri}}}", f"{prefix}:")
    return element.tag


@pytest.fixture(scope="module", params=LOCALES)
def content(request: pytest.FixtureRequest) -> LocaleContent:
    """One locale's content."""
    return library().for_locale(request.param)


def test_every_locale_has_content_of_its_own() -> None:
    """Each supported locale has its own file, so none silently falls back to en-US."""
    assert set(library().locales) == set(LOCALES)


def test_every_locale_has_every_prompt(content: LocaleContent) -> None:
    """All prompt keys are present in every locale, each with its placeholders."""
    assert set(content.prompts) == set(PROMPTS)


def test_every_fragment_is_ssml_with_alexas_tags_only(content: LocaleContent) -> None:
    """Every string parses as SSML and uses only tags Alexa accepts."""
    for where, fragment in every_fragment(content):
        try:
            root = parse(fragment)
        except ET.ParseError as error:
            pytest.fail(f"{where}: {error}: {fragment}")
        used = {tag_name(e) for e in root.iter()}
        assert used <= ALEXA_TAGS, f"{where}: {used - ALEXA_TAGS}"


def spoken_seconds(ssml: str) -> float:
    """How long an answer takes to say: words at 150 a minute, plus its pauses."""
    pauses = sum(
        int(n) / (1000 if unit == "ms" else 1)
        for n, unit in re.findall(r'<break time="(\d+)(ms|s)"', ssml)
    )
    return word_count(ssml) / WORDS_PER_SECOND + pauses


def test_breaks_are_short_enough(content: LocaleContent) -> None:
    """No pause is longer than Alexa allows (10 s), nor longer than a couple wants (3 s)."""
    for where, fragment in every_fragment(content):
        for element in parse(fragment).iter("break"):
            found = re.fullmatch(r"(\d+)(ms|s)", element.get("time", "0ms"))
            assert found, f"{where}: break time {element.get('time')}"
            millis = int(found[1]) * (1 if found[2] == "ms" else 1000)
            assert millis <= 3000, where


def test_recurring_prompts_have_several_phrasings(content: LocaleContent) -> None:
    """A couple who comes daily hears variety: three phrasings or more of each prompt."""
    for key, phrasings in content.prompts.items():
        assert len(set(phrasings)) >= FEWER_ALLOWED.get(key, MIN_PHRASINGS), key


def test_questions_only_where_a_question_belongs(content: LocaleContent) -> None:
    """Question prompts are one question; everything else asks none (one question, at the end)."""
    for key, phrasings in content.prompts.items():
        for phrasing in phrasings:
            text = re.sub(r"<[^>]+>", "", phrasing)
            if key.startswith("ask_") or key.endswith("_confirm"):
                assert text.rstrip().endswith("?"), (key, phrasing)
                assert text.count("?") == 1, (key, phrasing)
            else:
                assert "?" not in text, (key, phrasing)


def test_todays_step_one_shot_fits_thirty_seconds(content: LocaleContent) -> None:
    """The longest one-shot answer, over every step, practice and phrasing, is under 30 s."""
    start = date(2026, 1, 1)
    longest = 0.0
    for step, offset in itertools.product(range(1, 8), range(60)):
        phrases = PhrasePicker(content, start + timedelta(days=offset))
        reply = program_answers.today_step(
            phrases, Today(step=step, practice_mode=False), one_shot=True
        )
        longest = max(longest, spoken_seconds(reply.speech()))
    assert longest <= ONE_SHOT_SECONDS


def test_every_answer_fits_alexas_limits(content: LocaleContent) -> None:
    """Over two months of days, every composed answer stays under 8,000 characters."""
    for offset in range(60):
        phrases = PhrasePicker(content, date(2026, 1, 1) + timedelta(days=offset))
        replies = [
            program_answers.steps_list(phrases, 3),
            program_answers.burnout_signs(phrases),
            *(
                moment_answers.help_for(phrases, m, "Shall we?", Waiting.MORE, "It's appreciation.")
                for m in Moment
            ),
            safety_answers.crisis(phrases),
            program_answers.today_step(phrases, Today(step=8, practice_mode=True), one_shot=False),
            *(program_answers.welcome(phrases, g, 3) for g in Greeting),
            *(program_answers.more(phrases, n) for n in range(1, 8)),
            *(program_answers.step_overview(phrases, n) for n in range(1, 8)),
            *(program_answers.hear_step(phrases, n, t) for n in range(1, 8) for t in (1, n, 8)),
            *(
                program_answers.current_step(phrases, n, h, False)
                for n in range(1, 9)
                for h in (True, False)
            ),
            *(program_answers.another_practice(phrases, n) for n in range(1, 8)),
            program_answers.at_last_step(phrases),
            *(talk_answers.talk_topic(phrases, n) for n in range(1, 8)),
            *(
                talk_answers.small_idea(phrases, n, "", k, False)
                for n in range(1, 8)
                for k in range(3)
            ),
            talk_answers.about_together_time(phrases),
            *(talk_answers.streak(phrases, d, False) for d in range(8)),
        ]
        for reply in replies:
            assert len(reply.speech()) < MAX_SPEECH_CHARS
            parse(reply.speech().removeprefix("<speak>").removesuffix("</speak>"))
            words = plain_text(reply.speech())
            if not reply.end_session:  # the microphone opens: one question, the last sentence
                assert words.endswith("?"), words
                assert words.count("?") == 1, words


def test_crisis_lines_are_the_locales_own() -> None:
    """Each country hears its own help lines and emergency number."""
    expected = {
        "en-US": ("988", "1-800-799-7233", "911"),
        "en-GB": ("116 123", "0808 2000 247", "999"),
        "en-CA": ("988", "911"),
        "en-AU": ("13 11 14", "1800 737 732", "000"),
        "en-IN": ("14416", "112"),
    }
    for locale, numbers in expected.items():
        card = library().for_locale(locale).crisis.card_text
        for number in numbers:
            assert number in card, (locale, number)


def test_welcome_and_help_say_this_is_not_therapy(content: LocaleContent) -> None:
    """Every welcome and every help phrasing says the skill is not therapy."""
    for key in ("welcome_new", "help"):
        for phrasing in content.phrasings(key):
            assert "therapy" in phrasing, (key, phrasing)


TIME_OF_DAY = re.compile(
    r"\b(this morning|this afternoon|this evening|tonight|later today|good morning|"
    r"good afternoon|good evening|good night|at breakfast|at lunch|at dinner)\b",
    re.IGNORECASE,
)


def test_words_fit_any_time_of_day(content: LocaleContent) -> None:
    """Nothing said by the skill assumes the hour: no 'this morning' at 8:30 p.m., no
    'tonight' at breakfast. Practices and prompts are written to fit any time."""
    for where, fragment in every_fragment(content):
        assert not TIME_OF_DAY.search(fragment), (where, fragment)
    for step in content.ritual.prompts.values():
        for phrasings in step.values():
            for phrasing in phrasings:
                assert not TIME_OF_DAY.search(phrasing), phrasing


def test_tell_me_more_fits_thirty_seconds(content: LocaleContent) -> None:
    """'Tell me more', with its intro and its question, is under 30 s at 150 words a minute."""
    longest = 0.0
    for step, offset in itertools.product(range(1, 8), range(12)):
        phrases = PhrasePicker(content, date(2026, 1, 1) + timedelta(days=offset), turn=offset)
        longest = max(longest, spoken_seconds(program_answers.more(phrases, step).speech()))
    assert longest <= ONE_SHOT_SECONDS


def test_every_step_has_questions_to_ask_and_to_invite(content: LocaleContent) -> None:
    """Each step has talk questions in two forms: asked (one '?', at the end) where the session
    closes, and as an invitation with no '?' where the microphone stays open."""
    for step in content.steps:
        assert len(step.questions) >= 2, step.number
        for question in step.questions:
            assert question.ask.endswith("?"), question
            assert question.ask.count("?") == 1, question
            assert "?" not in question.invite, question


def test_step_four_asks_the_articles_own_questions(content: LocaleContent) -> None:
    """The source's two questions for old conflicts are step four's, word for word."""
    asked = {q.ask for q in content.step(4).questions}
    assert {"What hurt you most during that time?", "What do you need from me now?"} <= asked


def test_the_care_after_a_low_check_in_is_the_locales_own() -> None:
    """After a very low check-in, each country's card carries its own support line."""
    expected = {"en-US": "988", "en-GB": "116 123", "en-CA": "988", "en-AU": "13 11 14"}
    expected["en-IN"] = "14416"
    for locale, number in expected.items():
        assert number in library().for_locale(locale).care.card_text, locale
