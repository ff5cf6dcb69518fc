"""Every rule of the pack models (format v1), one value at a time."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from solecheck.packs.models import (
    PACK_FILES,
    REGION_LABELS,
    REGION_ORDER,
    Clinic,
    Condition,
    Dose,
    DoseOverride,
    EducationText,
    Exercise,
    LanguageTag,
    Location,
    Manifest,
    PackId,
    PainCheck,
    Question,
    Routine,
    RoutinesFile,
    Rule,
    ScreeningFile,
    SemVer,
    SessionFile,
    Slug,
    version_key,
)


def manifest(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": 1,
        "id": "clinic.pack",
        "version": "1.0.0",
        "name": "A pack",
        "language": "en-CA",
        "summary": "One line.",
        "authors": ["A clinic"],
        "disclaimer": "General guidance.",
    }
    return {**data, **changes}


def exercise(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "roll",
        "title": "Roll",
        "region": "foot_sole",
        "steps": ["Roll the foot."],
        "dose": {"duration_s": 60},
    }
    return {**data, **changes}


def rule(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "stop-it",
        "when": [{"question": "q", "equals": True}],
        "outcome": "stop",
        "message": "Stop.",
    }
    return {**data, **changes}


def error_types(error: ValidationError) -> list[str]:
    return [e["type"] for e in error.errors()]


def messages(error: ValidationError) -> str:
    return " | ".join(str(e["msg"]) for e in error.errors())


# --- strictness and unknown keys -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("model", "data", "kind"),
    [
        (Dose, {"duration_s": "60"}, "int_type"),
        (Dose, {"duration_s": 60.0}, "int_type"),
        (Dose, {"duration_s": True}, "int_type"),
        (Manifest, manifest(format="1"), "int_type"),
        (Manifest, manifest(authors="A clinic"), "list_type"),
        (Exercise, exercise(pain_check="yes"), "bool_type"),
        (Exercise, exercise(pain_check=1), "bool_type"),
        (Exercise, exercise(title=5), "string_type"),
        (SessionFile, {"get_ready_s": "5"}, "int_type"),
    ],
)
def test_values_are_not_coerced(model: type, data: dict[str, Any], kind: str) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    assert kind in error_types(caught.value)


def test_a_whole_number_is_a_fine_dose_factor() -> None:
    parsed = Rule.model_validate(rule(outcome="modify", skip_tags=["floor"], dose_factor=1))
    assert parsed.dose_factor == 1


@pytest.mark.parametrize("model", list(PACK_FILES.values()))
def test_every_file_model_forbids_unknown_keys(model: type) -> None:
    with pytest.raises(ValidationError) as caught:
        model.model_validate({"surely_not_a_key": 1})
    assert "extra_forbidden" in error_types(caught.value)


def test_models_are_frozen() -> None:
    dose = Dose(duration_s=30)
    with pytest.raises(ValidationError):
        dose.duration_s = 10  # type: ignore[misc]


# --- bounds ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({"duration_s": 1}, True),
        ({"duration_s": 3600}, True),
        ({"duration_s": 0}, False),
        ({"duration_s": -5}, False),
        ({"duration_s": 3601}, False),
        ({"reps": 1}, True),
        ({"reps": 200}, True),
        ({"reps": 0}, False),
        ({"reps": 201}, False),
        ({"reps": 5, "hold_s": 600}, True),
        ({"reps": 5, "hold_s": 0}, False),
        ({"reps": 5, "rest_s": 0}, True),
        ({"reps": 5, "rest_s": -1}, False),
        ({"reps": 5, "rest_s": 601}, False),
        ({"reps": 5, "sets": 20}, True),
        ({"reps": 5, "sets": 0}, False),
        ({"reps": 5, "sets": 21}, False),
    ],
)
def test_dose_bounds(data: dict[str, int], ok: bool) -> None:
    if ok:
        Dose.model_validate(data)
    else:
        with pytest.raises(ValidationError):
            Dose.model_validate(data)


def test_dose_defaults() -> None:
    dose = Dose(reps=8)
    assert (dose.duration_s, dose.hold_s, dose.rest_s, dose.sets) == (None, None, 0, 1)


@pytest.mark.parametrize("data", [{}, {"duration_s": 30, "reps": 5}, {"sets": 2}])
def test_dose_needs_exactly_one_of_time_or_reps(data: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="give exactly one of duration_s or reps"):
        Dose.model_validate(data)


def test_dose_describe() -> None:
    assert Dose(duration_s=30, sets=2, rest_s=10).describe("both") == "2 × 30 s each side, 10 s rest"
    assert Dose(reps=8, hold_s=5).describe() == "8 reps, hold 5 s"
    assert Dose(duration_s=60, rest_s=10).describe() == "60 s"


@pytest.mark.parametrize(
    ("field", "value", "ok"),
    [
        ("get_ready_s", 0, True),
        ("get_ready_s", 60, True),
        ("get_ready_s", 61, False),
        ("get_ready_s", -1, False),
    ],
)
def test_session_bounds(field: str, value: int, ok: bool) -> None:
    if ok:
        SessionFile.model_validate({field: value})
    else:
        with pytest.raises(ValidationError):
            SessionFile.model_validate({field: value})


@pytest.mark.parametrize(("days", "ok"), [(0, True), (3650, True), (-1, False), (3651, False)])
def test_screening_valid_for_days_bounds(days: int, ok: bool) -> None:
    data = {"valid_for_days": days, "questions": [{"id": "q", "kind": "yes_no", "text": "Q?"}]}
    if ok:
        assert ScreeningFile.model_validate(data).valid_for_days == days
    else:
        with pytest.raises(ValidationError):
            ScreeningFile.model_validate(data)


def test_screening_defaults_to_every_session() -> None:
    screening = ScreeningFile.model_validate({"questions": [{"id": "q", "kind": "yes_no", "text": "Q?"}]})
    assert screening.valid_for_days == 0
    assert screening.rules == []


@pytest.mark.parametrize(
    ("data", "ok"),
    [
        ({"steps": []}, False),
        ({"steps": ["x"] * 20}, True),
        ({"steps": ["x"] * 21}, False),
        ({"tags": ["t"] * 21}, False),
        ({"equipment": ["e"] * 11}, False),
        ({"region": "neck"}, False),
        ({"sides": "left"}, True),
        ({"sides": "right"}, True),
        ({"sides": "both"}, True),
        ({"sides": "Left"}, False),
        ({"sides": "one"}, False),
    ],
)
def test_exercise_limits(data: dict[str, Any], ok: bool) -> None:
    if ok:
        Exercise.model_validate(exercise(**data))
    else:
        with pytest.raises(ValidationError):
            Exercise.model_validate(exercise(**data))


def test_lists_that_must_not_be_empty() -> None:
    with pytest.raises(ValidationError):
        Manifest.model_validate(manifest(authors=[]))
    with pytest.raises(ValidationError):
        RoutinesFile.model_validate({"routines": []})
    with pytest.raises(ValidationError):
        Routine.model_validate({"id": "r", "title": "R", "steps": []})
    with pytest.raises(ValidationError):
        ScreeningFile.model_validate({"questions": []})


def test_format_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        Manifest.model_validate(manifest(format=0))


# --- slugs, ids, versions, languages, contact details ------------------------------------------------


@pytest.mark.parametrize("value", ["roll", "sole-ball-roll", "step_2", "9lives", "a" * 64])
def test_good_slugs(value: str) -> None:
    assert TypeAdapter(Slug).validate_python(value) == value


@pytest.mark.parametrize("value", ["", "Roll", "-roll", "_roll", "sole roll", "sole.roll", "rôle", "a" * 65])
def test_bad_slugs(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(Slug).validate_python(value)


@pytest.mark.parametrize("value", ["thrive-now.foot-first", "a", "clinic.pack.v2"])
def test_good_pack_ids(value: str) -> None:
    TypeAdapter(PackId).validate_python(value)


@pytest.mark.parametrize("value", ["Thrive.Now", "a..b", ".a", "a.", "a_b", "a b"])
def test_bad_pack_ids(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(PackId).validate_python(value)


@pytest.mark.parametrize(
    "value", ["0.0.0", "1.0.0", "10.20.30", "1.0.0-rc.1", "1.0.0-alpha+build.5", "1.0.0-0", "1.0.0-x-y.7", "1.0.0+001"]
)
def test_good_versions(value: str) -> None:
    TypeAdapter(SemVer).validate_python(value)


@pytest.mark.parametrize(
    "value", ["1", "1.0", "v1.0.0", "01.0.0", "1.00.0", "1.0.0-", "1.0.0-..", "1.0.0-01", "1.0.0+", "1.0.0 "]
)
def test_bad_versions(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(SemVer).validate_python(value)


@pytest.mark.parametrize("value", ["en", "en-CA", "fr-CA", "zh-Hant-TW", "gsw", "es-419"])
def test_good_language_tags(value: str) -> None:
    TypeAdapter(LanguageTag).validate_python(value)


@pytest.mark.parametrize("value", ["", "e", "english", "en_CA", "en-", "en-C", "en-CA-toolongsubtag"])
def test_bad_language_tags(value: str) -> None:
    with pytest.raises(ValidationError):
        TypeAdapter(LanguageTag).validate_python(value)


def test_location_needs_only_a_name() -> None:
    location = Location.model_validate({"name": "Cobble Hill"})
    assert (location.address, location.phone, location.email, location.booking_url) == (None, None, None, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("phone", "call us"),
        ("email", "clinic.example"),
        ("booking_url", "www.example.org"),
        ("booking_url", "javascript:alert(1)"),
        ("booking_url", "https://x.example/\x1b[31mred"),
        ("booking_url", "https://x.example/\u202eevil"),
        ("email", "desk\x1b]8;;@clinic.example"),
        ("phone", "+1 555\x07 0100"),
    ],
)
def test_bad_contact_details(field: str, value: str) -> None:
    with pytest.raises(ValidationError):
        Location.model_validate({"name": "Cobble Hill", field: value})


def test_good_contact_details() -> None:
    Location.model_validate(
        {
            "name": "Main",
            "phone": "+1 (250) 555-0100",
            "email": "desk@clinic.example",
            "booking_url": "https://x.example",
        }
    )
    assert Location.model_validate({"name": "Main", "phone": "+33 1.23.45.67.89"}).phone == "+33 1.23.45.67.89"


def test_a_control_character_in_a_web_address_or_email_is_named() -> None:
    for field, value in (("booking_url", "https://x.example/\x1b[31m"), ("email", "a\x1b@clinic.example")):
        with pytest.raises(ValidationError, match=r"contains a control character \(U\+001B\)"):
            Location.model_validate({"name": "Main", field: value})


# --- text: empty, control characters, length ---------------------------------------------------------


@pytest.mark.parametrize("value", ["", "   ", "\n\t "])
def test_text_must_not_be_empty(value: str) -> None:
    with pytest.raises(ValidationError) as caught:
        EducationText.model_validate({"id": "t", "title": value, "body": "Body."})
    assert "string_too_short" in error_types(caught.value)


def test_text_is_trimmed() -> None:
    text = EducationText.model_validate({"id": "t", "title": "  Why  ", "body": "\nBody.\n"})
    assert (text.title, text.body) == ("Why", "Body.")


@pytest.mark.parametrize("char", ["\x1b", "\x00", "\x07", "\r", "\u202e", "\ufeff", "\x7f", "\x85"])
def test_control_characters_are_refused(char: str) -> None:
    with pytest.raises(ValidationError, match="control character"):
        EducationText.model_validate({"id": "t", "title": f"Roll{char}er", "body": "Body."})
    with pytest.raises(ValidationError, match="control character"):
        EducationText.model_validate({"id": "t", "title": "T", "body": f"Body{char}text."})


def test_line_breaks_only_in_multiline_text() -> None:
    EducationText.model_validate({"id": "t", "title": "T", "body": "One.\n\n\tTwo."})
    with pytest.raises(ValidationError, match=r"control character \(U\+000A\) at position 4"):
        EducationText.model_validate({"id": "t", "title": "One\nTwo", "body": "B"})


def test_zero_width_joiner_is_allowed() -> None:
    EducationText.model_validate({"id": "t", "title": "Family 👨\u200d👩", "body": "B"})


def test_markup_like_text_is_kept_as_written() -> None:
    text = EducationText.model_validate({"id": "t", "title": "[TODO] roll [/b]", "body": "[bold]x[/]"})
    assert text.title == "[TODO] roll [/b]"


@pytest.mark.parametrize(
    ("model", "data", "field", "limit"),
    [
        (EducationText, {"id": "t", "body": "B"}, "title", 80),
        (EducationText, {"id": "t", "title": "T"}, "body", 3000),
        (Exercise, exercise(), "summary", 300),
        (Clinic, {"name": "C"}, "contact_note", 800),
    ],
)
def test_max_lengths(model: type, data: dict[str, Any], field: str, limit: int) -> None:
    model.model_validate({**data, field: "x" * limit})
    with pytest.raises(ValidationError) as caught:
        model.model_validate({**data, field: "x" * (limit + 1)})
    assert "string_too_long" in error_types(caught.value)


# --- dose overrides ----------------------------------------------------------------------------------


def test_override_replaces_only_given_keys() -> None:
    dose = Dose(duration_s=30, sets=2, rest_s=10)
    assert DoseOverride(duration_s=90).apply(dose) == Dose(duration_s=90, sets=2, rest_s=10)
    assert DoseOverride().apply(dose) == dose


def test_override_switches_between_time_and_reps() -> None:
    assert DoseOverride(reps=10).apply(Dose(duration_s=30, sets=2)) == Dose(reps=10, sets=2)
    assert DoseOverride(duration_s=45).apply(Dose(reps=8, hold_s=3)) == Dose(duration_s=45, hold_s=3)


def test_override_gives_at_most_one_of_time_or_reps() -> None:
    with pytest.raises(ValidationError, match="at most one of duration_s or reps"):
        DoseOverride.model_validate({"duration_s": 30, "reps": 5})


@pytest.mark.parametrize("data", [{"duration_s": 0}, {"sets": 0}, {"rest_s": -1}, {"hold_s": 601}])
def test_override_bounds(data: dict[str, int]) -> None:
    with pytest.raises(ValidationError):
        DoseOverride.model_validate(data)


# --- conditions --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [
        {"question": "q"},
        {"question": "q", "equals": True, "at_least": 3},
        {"question": "q", "at_least": 3, "at_most": 5},
        {"question": "q", "one_of": ["a"], "equals": "a"},
    ],
)
def test_condition_needs_exactly_one_test(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="exactly one of equals, one_of, at_least or at_most"):
        Condition.model_validate(data)


@pytest.mark.parametrize(
    "data",
    [
        {"question": "q", "at_least": 11},
        {"question": "q", "at_most": -1},
        {"question": "q", "one_of": []},
        {"question": "q", "equals": 1.5},
        {"question": "q", "equals": "Not A Slug"},
    ],
)
def test_condition_values(data: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        Condition.model_validate(data)


@pytest.mark.parametrize(
    ("data", "value", "holds"),
    [
        ({"equals": True}, True, True),
        ({"equals": True}, False, False),
        ({"equals": False}, False, True),
        ({"equals": True}, 1, False),
        ({"equals": 1}, True, False),
        ({"equals": 3}, 3, True),
        ({"equals": 0}, 0, True),
        ({"equals": "no"}, "no", True),
        ({"equals": "no"}, "yes", False),
        ({"one_of": ["a", "b"]}, "b", True),
        ({"one_of": ["a", "b"]}, "c", False),
        ({"one_of": ["a"]}, True, False),
        ({"at_least": 6}, 6, True),
        ({"at_least": 6}, 5, False),
        ({"at_least": 1}, True, False),
        ({"at_least": 0}, "0", False),
        ({"at_most": 5}, 5, True),
        ({"at_most": 5}, 6, False),
        ({"at_most": 0}, 0, True),
        ({"equals": True}, None, False),
        ({"at_most": 10}, None, False),
    ],
)
def test_condition_holds(data: dict[str, Any], value: Any, holds: bool) -> None:
    assert Condition.model_validate({"question": "q", **data}).holds(value) is holds


# --- questions ---------------------------------------------------------------------------------------


def test_choice_question_needs_options() -> None:
    with pytest.raises(ValidationError, match="a choice question needs options"):
        Question.model_validate({"id": "q", "kind": "choice", "text": "Q?"})


@pytest.mark.parametrize("kind", ["yes_no", "scale"])
def test_options_only_for_choice(kind: str) -> None:
    options = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]
    with pytest.raises(ValidationError, match=f"options belong to choice questions, not {kind}"):
        Question.model_validate({"id": "q", "kind": kind, "text": "Q?", "options": options})


@pytest.mark.parametrize("kind", ["yes_no", "choice"])
def test_scale_labels_only_for_scale_questions(kind: str) -> None:
    question: dict[str, object] = {"id": "q", "kind": kind, "text": "Q?", "scale_high_label": "Worst pain"}
    if kind == "choice":
        question["options"] = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]
    with pytest.raises(ValidationError, match=f"scale_high_label belong to scale questions, not {kind}"):
        Question.model_validate(question)
    question.pop("scale_high_label")
    assert Question.model_validate(question).kind == kind
    scale = {"id": "q", "kind": "scale", "text": "Q?", "scale_low_label": "None", "scale_high_label": "Worst"}
    assert Question.model_validate(scale).scale_high_label == "Worst"


def test_choice_needs_two_options() -> None:
    with pytest.raises(ValidationError):
        Question.model_validate({"id": "q", "kind": "choice", "text": "Q?", "options": [{"id": "a", "label": "A"}]})


def test_unknown_question_kind() -> None:
    with pytest.raises(ValidationError):
        Question.model_validate({"id": "q", "kind": "free_text", "text": "Q?"})


# --- rules -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("changes", [{"skip_exercises": ["roll"]}, {"skip_tags": ["floor"]}, {"dose_factor": 0.5}])
@pytest.mark.parametrize("outcome", ["stop", "proceed"])
def test_only_modify_rules_change_the_routine(outcome: str, changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="only a modify rule may skip exercises or change doses"):
        Rule.model_validate(rule(outcome=outcome, **changes))


@pytest.mark.parametrize("changes", [{}, {"dose_factor": 1.0}, {"skip_tags": []}])
def test_modify_rule_needs_a_change(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError, match="a modify rule must skip something or set dose_factor below 1"):
        Rule.model_validate(rule(outcome="modify", **changes))


@pytest.mark.parametrize("factor", [0, 0.0, -0.5, 1.5])
def test_dose_factor_bounds(factor: float) -> None:
    with pytest.raises(ValidationError):
        Rule.model_validate(rule(outcome="modify", dose_factor=factor))


def test_rule_needs_a_condition_and_known_outcome() -> None:
    with pytest.raises(ValidationError):
        Rule.model_validate(rule(when=[]))
    with pytest.raises(ValidationError):
        Rule.model_validate(rule(outcome="pause"))


def test_rule_fires_on_all_or_any() -> None:
    conditions = [{"question": "a", "equals": True}, {"question": "b", "at_least": 5}]
    every = Rule.model_validate(rule(when=conditions))
    either = Rule.model_validate(rule(when=conditions, match="any"))
    assert every.fires({"a": True, "b": 7})
    assert not every.fires({"a": True, "b": 2})
    assert either.fires({"a": True})
    assert not either.fires({"a": False, "b": 4})
    assert not every.fires({})


# --- pain check --------------------------------------------------------------------------------------


def test_pain_check_defaults_follow_the_pain_monitoring_model() -> None:
    check = PainCheck()
    assert (check.caution_from, check.limit) == (4, 5)
    assert SessionFile().pain_check == check


@pytest.mark.parametrize(("caution_from", "limit"), [(0, 0), (4, 4), (4, 5), (0, 9)])
def test_pain_bands_in_order(caution_from: int, limit: int) -> None:
    PainCheck(caution_from=caution_from, limit=limit)


def test_caution_band_must_not_start_above_limit() -> None:
    with pytest.raises(ValidationError, match="caution_from must not be above limit"):
        PainCheck(caution_from=6, limit=5)


@pytest.mark.parametrize("limit", [10])
def test_limit_must_leave_room_to_pause(limit: int) -> None:
    with pytest.raises(ValidationError, match="limit must be below 10"):
        PainCheck(caution_from=4, limit=limit)


@pytest.mark.parametrize("value", [-1, 11])
def test_pain_scores_are_0_to_10(value: int) -> None:
    with pytest.raises(ValidationError):
        PainCheck.model_validate({"caution_from": value})


# --- regions and versions ----------------------------------------------------------------------------


def test_regions_run_from_sole_to_spine() -> None:
    assert REGION_ORDER[0] == "foot_sole"
    assert REGION_ORDER[-1] == "spine"
    assert REGION_ORDER.index("calf") < REGION_ORDER.index("knee") < REGION_ORDER.index("hip")
    assert set(REGION_LABELS) == set(REGION_ORDER)


def test_version_key_orders_semver() -> None:
    ordered = [
        "0.9.0",
        "1.0.0-alpha",
        "1.0.0-alpha.1",
        "1.0.0-alpha.beta",
        "1.0.0-beta",
        "1.0.0-beta.2",
        "1.0.0-beta.11",
        "1.0.0-rc.1",
        "1.0.0",
        "1.0.1",
        "1.2.0",
        "1.10.0",
        "2.0.0",
    ]
    assert sorted(reversed(ordered), key=version_key) == ordered


def test_version_key_ignores_build_metadata_and_sorts_junk_first() -> None:
    assert version_key("1.0.0+build.7") == version_key("1.0.0")
    assert version_key("?") < version_key("0.0.0")
