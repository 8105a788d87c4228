"""The voice interaction models, the skill manifest and the skill package built from them.

These are the rules Alexa's model builder and certification apply (or that the
end-to-end client, virtual-alexa, needs), checked before anything is deployed.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.unit.model_files import (
    BUILT_IN_PHRASES,
    CUSTOM_INTENTS,
    INVOCATION_NAME,
    LOCALES,
    MODELS_DIR,
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
from tools.build_skill_package import (
    SkillPackageError,
    build_skill_package,
    is_lambda_arn,
    main,
)

GOOD_ARN = "arn:aws:lambda:us-east-1:123456789012:function:reconnect-ritual-skill"
BAD_ARNS = [
    "",
    "${LAMBDA_ARN}",
    "reconnect-ritual-skill",
    "arn:aws:s3:::reconnect-ritual",
    "arn:aws:lambda:us-east-1:1234:function:reconnect-ritual-skill",
    "arn:aws:lambda:us-east-1:123456789012:function:",
    'arn:aws:lambda:us-east-1:123456789012:function:x","uri":"https://evil.example',
]
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


def test_manifest_endpoint_is_the_lambda_arn_placeholder() -> None:
    """The endpoint is the ${LAMBDA_ARN} placeholder, filled in when the package is built."""
    manifest = load_manifest()
    assert manifest["manifestVersion"] == "1.0"
    assert manifest["apis"]["custom"]["endpoint"]["uri"] == "${LAMBDA_ARN}"


def test_manifest_privacy_answers_and_no_placeholder_urls() -> None:
    """Privacy answers are set, and no placeholder privacy or terms URL is declared."""
    privacy = load_manifest()["privacyAndCompliance"]
    assert privacy["allowsPurchases"] is False
    assert privacy["usesPersonalInfo"] is False
    assert privacy["isChildDirected"] is False
    assert privacy["isExportCompliant"] is True
    assert privacy["containsAds"] is False
    assert "locales" not in privacy


def test_manifest_requests_only_the_timers_and_reminders_permissions() -> None:
    """Together time's timers and the daily reminder need their readwrite scopes, and no more."""
    assert load_manifest()["permissions"] == [
        {"name": "alexa::alerts:timers:skill:readwrite"},
        {"name": "alexa::alerts:reminders:skill:readwrite"},
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


# --- building the skill package ---------------------------------------------------------


def test_build_skill_package_substitutes_the_arn_and_includes_every_locale(
    tmp_path: Path,
) -> None:
    """GIVEN a Lambda ARN WHEN the package is built THEN skill.json points at it and every
    locale's model is copied unchanged under interactionModels/custom/."""
    out = build_skill_package(GOOD_ARN, tmp_path / "skill-package")

    manifest_text = (out / "skill.json").read_text("utf-8")
    assert "${LAMBDA_ARN}" not in manifest_text
    assert json.loads(manifest_text)["manifest"]["apis"]["custom"]["endpoint"]["uri"] == GOOD_ARN
    custom = out / "interactionModels" / "custom"
    assert sorted(p.stem for p in custom.iterdir()) == sorted(LOCALES)
    for locale in LOCALES:
        built = (custom / f"{locale}.json").read_bytes()
        assert built == (MODELS_DIR / f"{locale}.json").read_bytes()


def test_build_skill_package_command_line_writes_the_package(tmp_path: Path) -> None:
    """`python -m tools.build_skill_package --lambda-arn ARN --out DIR` exits 0."""
    out = tmp_path / "pkg"
    assert main(["--lambda-arn", GOOD_ARN, "--out", str(out)]) == 0
    assert (out / "skill.json").is_file()


def test_build_skill_package_replaces_a_previous_package(tmp_path: Path) -> None:
    """A rebuild leaves no stale locale behind."""
    out = tmp_path / "skill-package"
    stale = out / "interactionModels" / "custom" / "de-DE.json"
    stale.parent.mkdir(parents=True)
    stale.write_text("{}", "utf-8")

    build_skill_package(GOOD_ARN, out)

    assert not stale.exists()
    assert (out / "interactionModels" / "custom" / "en-US.json").is_file()


def test_build_skill_package_refuses_a_folder_holding_other_files(tmp_path: Path) -> None:
    """The builder never empties a folder that is not a skill package."""
    (tmp_path / "notes.txt").write_text("keep me", "utf-8")

    with pytest.raises(SkillPackageError):
        build_skill_package(GOOD_ARN, tmp_path)

    assert (tmp_path / "notes.txt").read_text("utf-8") == "keep me"


@pytest.mark.parametrize(
    "arn",
    [GOOD_ARN, "arn:aws:lambda:eu-west-1:123456789012:function:reconnect-ritual-skill:live"],
)
def test_lambda_arns_are_recognised(arn: str) -> None:
    """A function ARN, with or without an alias, is accepted."""
    assert is_lambda_arn(arn)


@pytest.mark.parametrize("arn", BAD_ARNS)
def test_build_skill_package_refuses_a_bad_arn(arn: str, tmp_path: Path) -> None:
    """Anything that is not a Lambda function ARN is refused and nothing is written."""
    out = tmp_path / "skill-package"

    with pytest.raises(SkillPackageError):
        build_skill_package(arn, out)
    assert main(["--lambda-arn", arn, "--out", str(out)]) == 2

    assert not out.exists()


def test_build_skill_package_refuses_to_run_without_an_arn(tmp_path: Path) -> None:
    """The command line requires --lambda-arn."""
    out = tmp_path / "skill-package"
    assert main(["--out", str(out)]) == 2
    assert not out.exists()


def test_first_package_can_leave_the_endpoint_out(tmp_path: Path) -> None:
    """Without an ARN (the very first `ask deploy`), the manifest has no endpoint at all."""
    out = build_skill_package(None, tmp_path / "pkg")
    manifest = json.loads((out / "skill.json").read_text())
    assert "endpoint" not in manifest["manifest"]["apis"]["custom"]
    assert "${LAMBDA_ARN}" not in (out / "skill.json").read_text()
