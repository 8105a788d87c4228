"""The voice interaction models and the skill manifest, as they sit in interaction_models/.

These are the rules Alexa's model builder and certification apply (or that the
end-to-end client, virtual-alexa, needs), checked before anything is deployed.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.unit.model_files import (
    BUILT_IN_PHRASES,
    CUSTOM_INTENTS,
    INVOCATION_NAME,
    LOCALES,
    REPO_ROOT,
    REQUIRED_BUILT_INS,
    VIRTUAL_ALEXA_LAUNCH_WORDS,
    intents,
    load_manifest,
    load_model,
    model_file_locales,
    normalise,
    samples,
    slot_names,
    without_slots,
)

# One word, several words, or abbreviations such as "p.m.", and {slot} references.
SAMPLE_SYNTAX = re.compile(
    r"^(?:[A-Za-z]+(?:'[A-Za-z]+)*|(?:[A-Za-z]\.)+|\{[A-Za-z][A-Za-z0-9_]*\})"
    r"(?: (?:[A-Za-z]+(?:'[A-Za-z]+)*|(?:[A-Za-z]\.)+|\{[A-Za-z][A-Za-z0-9_]*\}))*$"
)
FORBIDDEN_IN_INVOCATION = {"alexa", "amazon", "echo", "computer", "skill", "app"}


def _custom_samples(locale: str) -> dict[str, list[str]]:
    """Return the samples of the custom (non-AMAZON) intents of a locale."""
    return {name: s for name, s in samples(locale).items() if not name.startswith("AMAZON.")}


# --- the interaction models ------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_every_locale_has_a_model_invoked_as_reconnect_ritual(locale: str) -> None:
    """Each locale's file is valid JSON whose language model is invoked as "reconnect ritual"."""
    assert load_model(locale)["invocationName"] == INVOCATION_NAME


@pytest.mark.parametrize("locale", LOCALES)
def test_invocation_name_follows_alexa_rules(locale: str) -> None:
    """The invocation name is two or more lower-case words with no wake word or 'skill'."""
    name = load_model(locale)["invocationName"]
    words = name.split()
    assert len(words) >= 2
    assert name == name.lower()
    assert re.fullmatch(r"[a-z ]+", name)
    assert not FORBIDDEN_IN_INVOCATION & set(words)


def test_model_files_are_exactly_the_supported_locales() -> None:
    """interaction_models/ holds one model for each supported locale and no other."""
    assert model_file_locales() == sorted(LOCALES)


def test_all_locales_declare_the_same_intents_and_slots() -> None:
    """Every locale has the same intents with the same slots, so one backend serves all."""

    def signature(locale: str) -> dict[str, list[tuple[str, str]]]:
        return {
            name: [(slot["name"], slot["type"]) for slot in intent.get("slots", [])]
            for name, intent in intents(locale).items()
        }

    reference = signature("en-US")
    for locale in LOCALES:
        assert signature(locale) == reference, locale


def test_custom_intents_are_the_ones_the_skill_handles() -> None:
    """The model declares exactly the custom intents the skill is built around."""
    declared = {name for name in intents("en-US") if not name.startswith("AMAZON.")}
    assert declared == set(CUSTOM_INTENTS)


@pytest.mark.parametrize("intent", ["HearStepIntent", "GoToStepIntent"])
def test_a_step_is_named_by_number_or_by_ordinal(intent: str) -> None:
    """HearStepIntent and GoToStepIntent take a step as "number" ("step five") or as
    "ordinal" ("the fifth step"), the custom STEP_ORDINAL type."""
    assert intents("en-US")[intent]["slots"] == [
        {"name": "number", "type": "AMAZON.NUMBER"},
        {"name": "ordinal", "type": "STEP_ORDINAL"},
    ]


def test_step_ordinal_names_the_seven_steps_by_id_in_every_locale() -> None:
    """STEP_ORDINAL's values, first to seventh, carry the ids 1 to 7 the handlers read."""
    for locale in LOCALES:
        (ordinal,) = [t for t in load_model(locale)["types"] if t["name"] == "STEP_ORDINAL"]
        assert [v["id"] for v in ordinal["values"]] == [str(n) for n in range(1, 8)]


@pytest.mark.parametrize("locale", LOCALES)
def test_required_built_in_intents_are_present(locale: str) -> None:
    """Help, Stop, Cancel, Fallback, NavigateHome, Repeat, Yes, No and StartOver are declared."""
    assert set(REQUIRED_BUILT_INS) <= set(intents(locale))


@pytest.mark.parametrize("locale", LOCALES)
def test_fallback_sensitivity_is_medium(locale: str) -> None:
    """Out-of-domain speech reaches AMAZON.FallbackIntent at medium sensitivity."""
    config = load_model(locale)["modelConfiguration"]
    assert config == {"fallbackIntentSensitivity": {"level": "MEDIUM"}}


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_utterance_belongs_to_two_intents(locale: str) -> None:
    """No sample (nor a slot sample with its slots left out) appears in two intents."""
    owner: dict[str, str] = {}
    clashes: list[str] = []
    for intent, intent_samples in samples(locale).items():
        for sample in intent_samples:
            for key in {normalise(sample), without_slots(sample)}:
                if owner.setdefault(key, intent) != intent:
                    clashes.append(f"{sample!r}: {owner[key]} and {intent}")
    assert clashes == []


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_is_repeated_within_an_intent(locale: str) -> None:
    """An intent lists each of its samples once."""
    for intent, intent_samples in samples(locale).items():
        keys = [normalise(s) for s in intent_samples]
        assert len(keys) == len(set(keys)), intent


@pytest.mark.parametrize("locale", LOCALES)
def test_no_custom_sample_repeats_a_built_in_phrase(locale: str) -> None:
    """No custom intent claims a phrase a declared built-in intent already answers."""
    declared = set(intents(locale))
    built_in = {
        phrase
        for intent, phrases in BUILT_IN_PHRASES.items()
        if intent in declared
        for phrase in phrases
    }
    for intent, intent_samples in _custom_samples(locale).items():
        assert not built_in & {normalise(s) for s in intent_samples}, intent


@pytest.mark.parametrize("locale", LOCALES)
def test_each_custom_intent_has_at_least_twelve_samples(locale: str) -> None:
    """Every custom intent has at least 12 varied samples."""
    for intent in CUSTOM_INTENTS:
        assert len(samples(locale)[intent]) >= 12, intent


@pytest.mark.parametrize("locale", LOCALES)
def test_crisis_intent_has_at_least_twenty_samples(locale: str) -> None:
    """People in distress are recognised in at least 20 different phrasings."""
    assert len(samples(locale)["CrisisIntent"]) >= 20


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_use_only_allowed_characters(locale: str) -> None:
    """Samples are letters, spaces, apostrophes, abbreviation periods and {slots}: no digits."""
    for intent, intent_samples in samples(locale).items():
        for sample in intent_samples:
            assert SAMPLE_SYNTAX.fullmatch(sample), f"{intent}: {sample!r}"
            assert len(sample) <= 200, f"{intent}: {sample!r}"


@pytest.mark.parametrize("locale", LOCALES)
def test_samples_reference_only_declared_slots(locale: str) -> None:
    """Every {slot} in a sample is declared on its intent, once, and every slot is used."""
    for name, intent in intents(locale).items():
        declared = {slot["name"] for slot in intent.get("slots", [])}
        used: set[str] = set()
        for sample in intent.get("samples", []):
            referenced = slot_names(sample)
            assert len(referenced) == len(set(referenced)), f"{name}: {sample!r}"
            assert set(referenced) <= declared, f"{name}: {sample!r}"
            used.update(referenced)
        assert used == declared, name


@pytest.mark.parametrize("locale", LOCALES)
def test_slot_types_are_built_in_or_declared(locale: str) -> None:
    """Every slot type is an AMAZON type or one declared under "types"."""
    custom_types = {t["name"] for t in load_model(locale).get("types", [])}
    for name, intent in intents(locale).items():
        for slot in intent.get("slots", []):
            assert slot["type"].startswith("AMAZON.") or slot["type"] in custom_types, name


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sample_names_the_skill_or_the_wake_word(locale: str) -> None:
    """No sample contains the invocation name or "alexa", so none is a launch phrase."""
    for intent, intent_samples in samples(locale).items():
        for sample in intent_samples:
            words = normalise(sample)
            assert INVOCATION_NAME not in words, f"{intent}: {sample!r}"
            assert "alexa" not in words.split(), f"{intent}: {sample!r}"


@pytest.mark.parametrize("locale", LOCALES)
def test_each_custom_intent_has_two_samples_without_launch_words(locale: str) -> None:
    """Each custom intent has 2+ samples free of ask/open/tell/launch for virtual-alexa."""
    for intent, intent_samples in _custom_samples(locale).items():
        speakable = [s for s in intent_samples if not VIRTUAL_ALEXA_LAUNCH_WORDS.search(s)]
        assert len(speakable) >= 2, intent


def test_one_shot_today_step_phrase_is_a_sample() -> None:
    """'Alexa, ask reconnect ritual for today's step' reaches TodayStepIntent in every locale."""
    for locale in LOCALES:
        assert "for today's step" in samples(locale)["TodayStepIntent"], locale


# --- the skill manifest -----------------------------------------------------------------


def test_every_publishing_locale_has_a_model_and_every_model_is_published() -> None:
    """The manifest publishes exactly the locales that have an interaction model."""
    assert sorted(load_manifest()["publishingInformation"]["locales"]) == model_file_locales()


def test_manifest_is_distributed_only_to_the_countries_of_its_locales() -> None:
    """The skill is offered in US, GB, CA, AU and IN only, matching its locales."""
    publishing = load_manifest()["publishingInformation"]
    assert publishing["isAvailableWorldwide"] is False
    countries = {locale.split("-")[1] for locale in publishing["locales"]}
    assert set(publishing["distributionCountries"]) == countries == {"US", "GB", "CA", "AU", "IN"}


@pytest.mark.parametrize("locale", LOCALES)
def test_example_phrases_match_a_sample(locale: str) -> None:
    """Three example phrases, each opening the skill or asking it for a real sample."""
    phrases = load_manifest()["publishingInformation"]["locales"][locale]["examplePhrases"]
    assert len(phrases) == 3
    assert normalise(phrases[0]) == f"alexa open {INVOCATION_NAME}"
    all_samples = {normalise(s) for intent in samples(locale).values() for s in intent}
    for phrase in phrases[1:]:
        prefix = f"alexa ask {INVOCATION_NAME} "
        assert normalise(phrase).startswith(prefix), phrase
        assert normalise(phrase).removeprefix(prefix) in all_samples, phrase


@pytest.mark.parametrize("locale", LOCALES)
def test_description_says_it_is_not_a_substitute_for_professional_advice(locale: str) -> None:
    """The store description says the skill is not therapy nor professional advice."""
    published = load_manifest()["publishingInformation"]["locales"][locale]
    description = " ".join(published["description"].lower().split())
    assert "not a substitute for professional advice" in description
    assert "not therapy" in description
    assert published["name"] == "Reconnect Ritual"
    assert 0 < len(published["summary"]) <= 160


def test_manifest_leaves_the_endpoints_to_the_package_builder() -> None:
    """The source manifest has no endpoint: the builder writes each region's ARN in."""
    manifest = load_manifest()
    assert manifest["manifestVersion"] == "1.0"
    assert manifest["apis"] == {"custom": {}}


def test_manifest_privacy_answers_say_what_the_skill_keeps() -> None:
    """It keeps personal information (check-in ratings, hashed voice profiles: yes), is no
    HIPAA skill, has no purchases or ads, is not for children; the policy links come from
    the package builder, never from a placeholder in the source."""
    privacy = load_manifest()["privacyAndCompliance"]
    assert privacy == {
        "allowsPurchases": False,
        "usesPersonalInfo": True,
        "usesHealthInfo": False,
        "isChildDirected": False,
        "isExportCompliant": True,
        "containsAds": False,
    }


def test_manifest_requests_timers_reminders_and_voice_profiles_only() -> None:
    """Together time's timers, the daily reminder, and `person_id` so that Alexa sends
    context.System.person for a recognised voice (Skills Personalization), and no more."""
    assert load_manifest()["permissions"] == [
        {"name": "alexa::alerts:timers:skill:readwrite"},
        {"name": "alexa::alerts:reminders:skill:readwrite"},
        {"name": "alexa::person_id:read"},
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_guided_together_time_hears_a_plain_next(locale: str) -> None:
    """'Alexa, tell reconnect ritual next' reaches RitualNextIntent, not the program's next step."""
    assert "next" in samples(locale)["RitualNextIntent"]
    assert "resume together time" in samples(locale)["ResumeRitualIntent"]


def test_ask_resources_deploys_the_built_package_without_infrastructure() -> None:
    """ask-resources.json uploads build/skill-package and leaves the Lambda to SAM."""
    resources = json.loads((REPO_ROOT / "ask-resources.json").read_text("utf-8"))
    profile = resources["profiles"]["default"]
    assert profile["skillMetadata"]["src"] == "./build/skill-package"
    assert "skillInfrastructure" not in profile
    assert "code" not in profile
