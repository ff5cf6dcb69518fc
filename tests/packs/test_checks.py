"""Cross-reference checks: unique ids, references that resolve, conditions that fit their question,
and routines that run from the sole of the foot up to the spine. Each case is the built-in pack with
one small edit."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.packs.checks import PackParts, cross_check
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.loader import check_pack
from solecheck.packs.models import Dose, DoseOverride, Exercise, Routine, RoutineStep
from tests.packs.pack_copies import at, copy_builtin, edit, errors, line_number, line_text, warnings


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, list[Diagnostic]]:
    root = copy_builtin(tmp_path)
    edit(root, file, old, new)
    pack, diagnostics = check_pack(root)
    assert pack is None, "the edit should make the pack invalid"
    return root, diagnostics


def only_error_at(diagnostics: list[Diagnostic], path: str) -> Diagnostic:
    found = at(errors(diagnostics), path)
    assert len(found) == 1, f"expected one error at {path}, got {[str(d) for d in diagnostics]}"
    return found[0]


# --- unique ids --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "old", "new", "path", "first"),
    [
        ("education.toml", 'id = "nerves"', 'id = "four-layers"', "texts[1].id", "texts[0]"),
        ("exercises.toml", 'id = "calf-wall-stretch"', 'id = "sole-ball-roll"', "exercises[1].id", "exercises[0]"),
        ("screening.toml", 'id = "deformity"', 'id = "acute-injury"', "questions[1].id", "questions[0]"),
        ("screening.toml", 'id = "stop-deformity"', 'id = "stop-acute-injury"', "rules[1].id", "rules[0]"),
        ("routines.toml", 'id = "sole-only"', 'id = "foot-to-spine"', "routines[1].id", "routines[0]"),
    ],
)
def test_duplicate_ids_in_each_list(tmp_path: Path, file: str, old: str, new: str, path: str, first: str) -> None:
    root, diagnostics = broken(tmp_path, file, old, new)
    found = only_error_at(diagnostics, path)
    duplicate = new.split('"')[1]
    assert found.message == f"duplicate id '{duplicate}' (first used by {first})"
    assert found.file == file
    assert found.line == line_number(root, file, new, occurrence=2)


def test_duplicate_option_ids(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path, "screening.toml", '{ id = "no", label = "No" }', '{ id = "easily", label = "No" }'
    )
    found = only_error_at(diagnostics, "questions[5].options[2].id")
    assert found.message == "duplicate option id 'easily'"
    assert found.line == line_number(root, "screening.toml", 'label = "No" }')


def test_same_id_in_different_lists_is_fine(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "education.toml", 'id = "nerves"', 'id = "sole-ball-roll"')
    pack, diagnostics = check_pack(root)
    assert pack is not None
    assert diagnostics == []


# --- references from screening -----------------------------------------------------------------------


def test_rule_names_an_unknown_question(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path,
        "screening.toml",
        '{ question = "surgery", equals = true }',
        '{ question = "surgeries", equals = true }',
    )
    found = only_error_at(diagnostics, "rules[2].when[0].question")
    assert found.message == "no question has the id 'surgeries'"
    assert "surgeries" in line_text(root, found)


def test_show_if_names_an_unknown_question(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path, "screening.toml", 'show_if = [{ question = "pain-today"', 'show_if = [{ question = "pain-todays"'
    )
    found = only_error_at(diagnostics, "questions[4].show_if[0].question")
    assert found.message == "no question has the id 'pain-todays'"
    assert found.line == line_number(root, "screening.toml", "show_if")


def test_show_if_on_a_later_question(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path,
        "screening.toml",
        'show_if = [{ question = "pain-today", equals = true }]',
        'show_if = [{ question = "floor", equals = "no" }]',
    )
    found = only_error_at(diagnostics, "questions[4].show_if[0].question")
    assert found.message == "'floor' must be asked before 'pain-level' to be tested here"
    assert found.line == line_number(root, "screening.toml", "show_if")


def test_show_if_on_itself(tmp_path: Path) -> None:
    _, diagnostics = broken(
        tmp_path,
        "screening.toml",
        'show_if = [{ question = "pain-today", equals = true }]',
        'show_if = [{ question = "pain-level", at_least = 1 }]',
    )
    assert "must be asked before 'pain-level'" in only_error_at(diagnostics, "questions[4].show_if[0].question").message


@pytest.mark.parametrize(
    ("old", "new", "path", "message"),
    [
        (
            '{ question = "surgery", equals = true }',
            '{ question = "surgery", at_least = 3 }',
            "rules[2].when[0]",
            "question 'surgery' is yes/no: test it with equals = true or false",
        ),
        (
            '{ question = "surgery", equals = true }',
            '{ question = "surgery", equals = "yes" }',
            "rules[2].when[0]",
            "question 'surgery' is yes/no: test it with equals = true or false",
        ),
        (
            '{ question = "surgery", equals = true }',
            '{ question = "surgery", equals = 1 }',
            "rules[2].when[0]",
            "question 'surgery' is yes/no: test it with equals = true or false",
        ),
        (
            '{ question = "floor", one_of = ["with-effort", "no"] }',
            '{ question = "floor", at_least = 2 }',
            "rules[5].when[0]",
            "question 'floor' is a choice: test it with equals or one_of an option id",
        ),
        (
            '{ question = "floor", one_of = ["with-effort", "no"] }',
            '{ question = "floor", equals = true }',
            "rules[5].when[0]",
            "question 'floor' is a choice: test it with equals or one_of an option id",
        ),
        (
            '{ question = "pain-level", at_least = 6 }',
            '{ question = "pain-level", equals = true }',
            "rules[3].when[0]",
            "question 'pain-level' is a 0-10 scale: test it with at_least, at_most or a number",
        ),
        (
            '{ question = "pain-level", at_least = 6 }',
            '{ question = "pain-level", one_of = ["high"] }',
            "rules[3].when[0]",
            "question 'pain-level' is a 0-10 scale: test it with at_least, at_most or a number",
        ),
        (
            '{ question = "pain-level", at_least = 6 }',
            '{ question = "pain-level", equals = 11 }',
            "rules[3].when[0].equals",
            "must be between 0 and 10",
        ),
    ],
)
def test_condition_must_fit_its_question(tmp_path: Path, old: str, new: str, path: str, message: str) -> None:
    root, diagnostics = broken(tmp_path, "screening.toml", old, new)
    found = only_error_at(diagnostics, path)
    assert found.message == message
    assert found.line == line_number(root, "screening.toml", new)


def test_show_if_condition_must_fit_its_question(tmp_path: Path) -> None:
    _, diagnostics = broken(
        tmp_path,
        "screening.toml",
        '{ question = "pain-today", equals = true }',
        '{ question = "pain-today", at_most = 3 }',
    )
    assert "is yes/no" in only_error_at(diagnostics, "questions[4].show_if[0]").message


def test_scale_question_tested_with_a_number_is_fine(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root, "screening.toml", '{ question = "pain-level", at_least = 6 }', '{ question = "pain-level", equals = 10 }'
    )
    assert check_pack(root)[1] == []


def test_unknown_option(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path, "screening.toml", 'one_of = ["with-effort", "no"]', 'one_of = ["with-effort", "nope"]'
    )
    found = only_error_at(diagnostics, "rules[5].when[0]")
    assert found.message == "question 'floor' has no option 'nope' (options: easily, no, with-effort)"
    assert "nope" in line_text(root, found)


def test_skip_exercises_must_exist(tmp_path: Path) -> None:
    root, diagnostics = broken(tmp_path, "screening.toml", 'skip_tags = ["floor"]', 'skip_exercises = ["cat-cows"]')
    found = only_error_at(diagnostics, "rules[5].skip_exercises[0]")
    assert found.message == "no exercise has the id 'cat-cows'"
    assert "cat-cows" in line_text(root, found)


def test_unknown_skip_tag_is_a_warning(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "screening.toml", 'skip_tags = ["floor"]', 'skip_tags = ["flor"]')
    pack, diagnostics = check_pack(root)
    assert pack is not None
    (found,) = diagnostics
    assert (found.severity, found.path) == ("warning", "rules[5].skip_tags[0]")
    assert found.message == "no exercise has the tag 'flor'"
    assert str(found) == f"screening.toml:{found.line}: rules[5].skip_tags[0]: warning: no exercise has the tag 'flor'"
    assert "flor" in line_text(root, found)


# --- routines ----------------------------------------------------------------------------------------


def test_routine_step_names_an_unknown_exercise(tmp_path: Path) -> None:
    root, diagnostics = broken(tmp_path, "routines.toml", '{ exercise = "cat-cow" }', '{ exercise = "cat-cows" }')
    found = only_error_at(diagnostics, "routines[0].steps[6].exercise")
    assert found.message == "no exercise has the id 'cat-cows'"
    assert found.line == line_number(root, "routines.toml", "cat-cows")


def test_default_routine_must_exist(tmp_path: Path) -> None:
    root, diagnostics = broken(
        tmp_path, "pack.toml", 'default_routine = "foot-to-spine"', 'default_routine = "head-to-toe"'
    )
    found = only_error_at(diagnostics, "default_routine")
    assert (found.file, found.message) == ("pack.toml", "no routine has the id 'head-to-toe'")
    assert found.line == line_number(root, "pack.toml", "default_routine")


def test_routine_out_of_order_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "routines.toml",
        '{ exercise = "sole-ball-roll" },\n  { exercise = "calf-wall-stretch" },',
        '{ exercise = "calf-wall-stretch" },\n  { exercise = "sole-ball-roll" },',
    )
    pack, diagnostics = check_pack(root)
    assert pack is not None
    (found,) = warnings(diagnostics)
    assert errors(diagnostics) == []
    assert found.path == "routines[0].steps[1].exercise"
    assert found.message == (
        "'sole-ball-roll' (foot_sole) comes after 'calf-wall-stretch' (calf): "
        "routines should work from the sole of the foot up to the spine"
    )
    assert found.line == line_number(root, "routines.toml", '{ exercise = "sole-ball-roll" }')


def test_same_region_twice_is_in_order(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(
        root,
        "routines.toml",
        '{ exercise = "hamstring-seated-stretch" },',
        '{ exercise = "hamstring-seated-stretch" },\n  { exercise = "hamstring-seated-stretch" },',
    )
    assert check_pack(root)[1] == []


def test_routine_dose_override_that_does_not_fit() -> None:
    exercise = Exercise.model_validate(
        {"id": "roll", "title": "Roll", "region": "foot_sole", "steps": ["Roll."], "dose": {"duration_s": 60}}
    )
    # Validation keeps an override from holding both; built without validation, it cannot be applied.
    clash = DoseOverride.model_construct(duration_s=30, reps=5, hold_s=None, rest_s=None, sets=None)
    routine = Routine.model_construct(
        id="r", title="R", description=None, steps=[RoutineStep.model_construct(exercise="roll", dose=clash)]
    )
    found = cross_check(PackParts(exercises=[exercise], routines=[routine]), lambda file, path: 7)
    assert len(found) == 1
    assert found[0].file == "routines.toml"
    assert found[0].path == "routines[0].steps[0].dose"
    assert found[0].line == 7
    assert found[0].message.startswith("the dose override does not fit 'roll'")


def test_routine_reps_override_on_a_timed_exercise_fits(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "routines.toml", "dose = { duration_s = 90 }", "dose = { reps = 12, sets = 2 }")
    pack, diagnostics = check_pack(root)
    assert diagnostics == []
    assert pack is not None
    step = pack.routine("sole-only").steps[0]
    assert step.dose is not None
    assert step.dose.apply(pack.exercise("sole-ball-roll").dose) == Dose(reps=12, sets=2)


# --- broken items are not reported twice, and keep their place ---------------------------------------


def test_reference_to_an_invalid_exercise_is_not_reported_again(tmp_path: Path) -> None:
    _, diagnostics = broken(tmp_path, "exercises.toml", 'region = "calf"', 'region = "calves"')
    assert [d.path for d in errors(diagnostics)] == ["exercises[1].region"]


def test_show_if_on_an_earlier_invalid_question_is_not_an_order_error(tmp_path: Path) -> None:
    _, diagnostics = broken(
        tmp_path,
        "screening.toml",
        'text = "Do you have any pain in your feet or legs today?"',
        'text = ""',
    )
    assert [(d.path, d.message) for d in errors(diagnostics)] == [("questions[3].text", "must not be empty")]


def test_items_after_an_invalid_item_keep_their_index(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    edit(root, "exercises.toml", 'id = "hip-figure-four"', 'id = "quad-standing-stretch"')
    edit(root, "routines.toml", '{ exercise = "cat-cow" }', '{ exercise = "cat-cows" }')
    pack, diagnostics = check_pack(root)
    assert pack is None
    duplicate = only_error_at(diagnostics, "exercises[4].id")
    assert duplicate.message == "duplicate id 'quad-standing-stretch' (first used by exercises[3])"
    assert duplicate.line == line_number(root, "exercises.toml", 'id = "quad-standing-stretch"', occurrence=2)
    assert only_error_at(diagnostics, "exercises[0].dose.duration_s").line == line_number(
        root, "exercises.toml", "duration_s = 0"
    )


def test_rules_after_an_invalid_rule_keep_their_index(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "screening.toml", 'outcome = "stop"', 'outcome = "halt"')
    edit(root, "screening.toml", 'one_of = ["with-effort", "no"]', 'one_of = ["with-effort", "nope"]')
    _, diagnostics = check_pack(root)
    assert {d.path for d in errors(diagnostics)} == {"rules[0].outcome", "rules[5].when[0]"}
    assert "nope" in line_text(root, only_error_at(diagnostics, "rules[5].when[0]"))


def test_default_routine_is_checked_even_when_the_manifest_has_other_errors(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "pack.toml", 'default_routine = "foot-to-spine"', 'default_routine = "head-to-toe"')
    edit(root, "pack.toml", 'version = "1.1.0"', 'version = "one"')
    _, diagnostics = check_pack(root)
    assert [d.path for d in errors(diagnostics)] == ["version", "default_routine"]


def test_malformed_default_routine_is_reported_once(tmp_path: Path) -> None:
    _, diagnostics = broken(
        tmp_path, "pack.toml", 'default_routine = "foot-to-spine"', 'default_routine = "Head To Toe"'
    )
    assert [(d.path, d.message) for d in diagnostics] == [
        ("default_routine", "'Head To Toe' is not a lowercase routine id")
    ]
