"""The screening rule engine: visible questions, answer validation, outcomes and routine changes."""

from __future__ import annotations

import pytest

from solecheck.packs.pack import Pack
from solecheck.screening.engine import (
    AnswerError,
    IncompleteScreening,
    describe_changes,
    evaluate,
    scaled_doses,
    skipped_exercises,
    validate_answer,
    visible_questions,
)
from solecheck.screening.outcome import RoutineChanges
from solecheck.session.plan import build_plan
from tests.screening.screening_factory import ALL_CLEAR, answers, rule, screening, yes_no


def ids(questions: list) -> list[str]:  # type: ignore[type-arg]
    return [q.id for q in questions]


# --- the built-in pack's three outcomes ----------------------------------------------------------------


def test_all_clear_proceeds_with_no_rule_fired(builtin_pack: Pack) -> None:
    outcome = evaluate(builtin_pack.screening, ALL_CLEAR)
    assert outcome.kind == "proceed"
    assert outcome.fired == ()
    assert outcome.changes.is_empty
    assert not outcome.blocks_session
    assert outcome.answers == ALL_CLEAR


def test_acute_injury_stops_with_the_rules_message(builtin_pack: Pack) -> None:
    outcome = evaluate(builtin_pack.screening, answers(acute_injury=True))
    assert outcome.kind == "stop"
    assert outcome.blocks_session
    assert [f.rule_id for f in outcome.fired] == ["stop-acute-injury"]
    assert outcome.fired[0].message.startswith("A recent, painful foot injury")


def test_moderate_pain_modifies_by_halving_doses(builtin_pack: Pack) -> None:
    outcome = evaluate(builtin_pack.screening, answers(pain_today=True, pain_level=4))
    assert outcome.kind == "modify"
    assert [f.rule_id for f in outcome.fired] == ["gentler-with-pain"]
    assert outcome.changes == RoutineChanges(dose_factor=0.5)


@pytest.mark.parametrize(
    "level, kind", [(0, "proceed"), (2, "proceed"), (3, "modify"), (5, "modify"), (6, "stop"), (10, "stop")]
)
def test_pain_level_bands(builtin_pack: Pack, level: int, kind: str) -> None:
    assert evaluate(builtin_pack.screening, answers(pain_today=True, pain_level=level)).kind == kind


@pytest.mark.parametrize("floor, kind", [("easily", "proceed"), ("with-effort", "modify"), ("no", "modify")])
def test_floor_choice(builtin_pack: Pack, floor: str, kind: str) -> None:
    outcome = evaluate(builtin_pack.screening, answers(floor=floor))
    assert outcome.kind == kind
    assert outcome.changes.skip_tags == (frozenset({"floor"}) if kind == "modify" else frozenset())


# --- rule combination ----------------------------------------------------------------------------------


def test_stop_wins_over_modify_and_every_message_is_kept_in_pack_order(builtin_pack: Pack) -> None:
    outcome = evaluate(builtin_pack.screening, answers(surgery=True, acute_injury=True, floor="no"))
    assert outcome.kind == "stop"
    assert [f.rule_id for f in outcome.fired] == ["stop-acute-injury", "stop-surgery", "skip-floor-work"]
    assert [f.outcome for f in outcome.fired] == ["stop", "stop", "modify"]


def test_two_modify_rules_merge_their_changes(builtin_pack: Pack) -> None:
    outcome = evaluate(builtin_pack.screening, answers(pain_today=True, pain_level=5, floor="with-effort"))
    assert outcome.kind == "modify"
    assert outcome.changes == RoutineChanges(skip_tags=frozenset({"floor"}), dose_factor=0.5)


def test_modify_changes_are_a_union_of_skips_and_a_product_of_factors() -> None:
    file = screening(
        [yes_no("a"), yes_no("b"), yes_no("c")],
        [
            rule("r1", "modify", {"question": "a", "equals": True}, dose_factor=0.5, skip_tags=["floor"]),
            rule("r2", "modify", {"question": "b", "equals": True}, dose_factor=0.8, skip_exercises=["x"]),
            rule("r3", "modify", {"question": "c", "equals": True}, skip_tags=["floor", "standing"]),
        ],
    )
    outcome = evaluate(file, {"a": True, "b": True, "c": True})
    assert outcome.changes.skip_tags == frozenset({"floor", "standing"})
    assert outcome.changes.skip_exercises == frozenset({"x"})
    assert outcome.changes.dose_factor == pytest.approx(0.4)
    only_b = evaluate(file, {"a": False, "b": True, "c": False})
    assert only_b.changes == RoutineChanges(skip_exercises=frozenset({"x"}), dose_factor=0.8)


def test_match_any_fires_on_one_condition_and_match_all_needs_every_one() -> None:
    conditions = ({"question": "a", "equals": True}, {"question": "b", "equals": True})
    file = screening(
        [yes_no("a"), yes_no("b")],
        [rule("any", "modify", *conditions, match="any", dose_factor=0.9), rule("all", "stop", *conditions)],
    )
    assert [f.rule_id for f in evaluate(file, {"a": True, "b": False}).fired] == ["any"]
    assert evaluate(file, {"a": True, "b": False}).kind == "modify"
    assert evaluate(file, {"a": True, "b": True}).kind == "stop"
    assert evaluate(file, {"a": False, "b": False}).kind == "proceed"


def test_no_rules_always_proceeds() -> None:
    assert evaluate(screening([yes_no("a")]), {"a": True}).kind == "proceed"


# --- conditional questions -----------------------------------------------------------------------------


def test_pain_level_is_asked_only_after_pain_today_yes(builtin_pack: Pack) -> None:
    file = builtin_pack.screening
    assert "pain-level" not in ids(visible_questions(file, {}))
    assert "pain-level" not in ids(visible_questions(file, {"pain-today": False}))
    assert ids(visible_questions(file, {"pain-today": True})) == [
        "acute-injury",
        "deformity",
        "surgery",
        "pain-today",
        "pain-level",
        "floor",
    ]


def test_a_stale_answer_to_a_hidden_question_is_ignored(builtin_pack: Pack) -> None:
    # Answered pain 8 first, then went back and said no pain today: the 8 no longer counts.
    outcome = evaluate(builtin_pack.screening, answers(pain_today=False, pain_level=8))
    assert outcome.kind == "proceed"
    assert "pain-level" not in outcome.answers


def test_an_invalid_stale_answer_is_ignored_too(builtin_pack: Pack) -> None:
    assert evaluate(builtin_pack.screening, answers(pain_today=False, pain_level=99)).kind == "proceed"


def test_hiding_a_question_hides_what_depended_on_it() -> None:
    file = screening(
        [
            yes_no("a"),
            yes_no("b", show_if=[{"question": "a", "equals": True}]),
            yes_no("c", show_if=[{"question": "b", "equals": True}]),
        ],
        [rule("stop-c", "stop", {"question": "c", "equals": True})],
    )
    assert ids(visible_questions(file, {"a": True, "b": True})) == ["a", "b", "c"]
    # "b" keeps a stale yes, but "a" is now no: "b" is hidden, so "c" is hidden as well.
    assert ids(visible_questions(file, {"a": False, "b": True, "c": True})) == ["a"]
    assert evaluate(file, {"a": False, "b": True, "c": True}).kind == "proceed"
    assert evaluate(file, {"a": True, "b": True, "c": True}).kind == "stop"


def test_conditions_on_scale_and_choice_answers() -> None:
    file = screening(
        [
            {"id": "level", "kind": "scale", "text": "How much?"},
            {
                "id": "kind",
                "kind": "choice",
                "text": "Which?",
                "options": [{"id": "x", "label": "X"}, {"id": "y", "label": "Y"}, {"id": "z", "label": "Z"}],
                "show_if": [{"question": "level", "at_least": 4}],
            },
            yes_no("low", show_if=[{"question": "level", "at_most": 2}]),
            yes_no("about-y", show_if=[{"question": "kind", "one_of": ["y", "z"]}]),
        ]
    )
    assert ids(visible_questions(file, {"level": 4})) == ["level", "kind"]
    assert ids(visible_questions(file, {"level": 4, "kind": "y"})) == ["level", "kind", "about-y"]
    assert ids(visible_questions(file, {"level": 4, "kind": "x"})) == ["level", "kind"]
    assert ids(visible_questions(file, {"level": 2})) == ["level", "low"]
    assert ids(visible_questions(file, {"level": 3})) == ["level"]


# --- missing answers -----------------------------------------------------------------------------------


def test_missing_answers_are_listed_not_guessed(builtin_pack: Pack) -> None:
    with pytest.raises(IncompleteScreening) as caught:
        evaluate(builtin_pack.screening, {"acute-injury": False})
    assert caught.value.missing == ("deformity", "surgery", "pain-today", "floor")
    assert "4 questions have no answer" in str(caught.value)


def test_a_question_shown_by_an_answer_must_be_answered(builtin_pack: Pack) -> None:
    with pytest.raises(IncompleteScreening) as caught:
        evaluate(builtin_pack.screening, answers(pain_today=True))
    assert caught.value.missing == ("pain-level",)
    assert "1 question has no answer ('pain-level')" in str(caught.value)


def test_a_stop_answer_does_not_excuse_the_other_questions(builtin_pack: Pack) -> None:
    with pytest.raises(IncompleteScreening):
        evaluate(builtin_pack.screening, {"acute-injury": True})


# --- answers that disagree with the pack ---------------------------------------------------------------


def test_yes_no_answers(builtin_pack: Pack) -> None:
    question = builtin_pack.questions_by_id["surgery"]
    assert validate_answer(question, True) is True
    assert validate_answer(question, False) is False
    for wrong in ("yes", 1, 0, None):
        with pytest.raises(AnswerError, match="'surgery': expects yes or no"):
            validate_answer(question, wrong)


def test_choice_answers(builtin_pack: Pack) -> None:
    question = builtin_pack.questions_by_id["floor"]
    assert validate_answer(question, "with-effort") == "with-effort"
    with pytest.raises(AnswerError) as caught:
        validate_answer(question, "sometimes")
    assert str(caught.value) == "question 'floor': 'sometimes' is not one of its options (easily, with-effort, no)"
    assert caught.value.question_id == "floor"
    for wrong in ("Yes, easily", 1, True):
        with pytest.raises(AnswerError):
            validate_answer(question, wrong)


def test_scale_answers(builtin_pack: Pack) -> None:
    question = builtin_pack.questions_by_id["pain-level"]
    assert [validate_answer(question, n) for n in (0, 5, 10)] == [0, 5, 10]
    with pytest.raises(AnswerError, match="11 is outside the scale 0 to 10"):
        validate_answer(question, 11)
    with pytest.raises(AnswerError, match="-1 is outside the scale"):
        validate_answer(question, -1)
    for wrong in (True, 3.0, "3", None):
        with pytest.raises(AnswerError, match="expects a whole number from 0 to 10"):
            validate_answer(question, wrong)


def test_evaluate_rejects_an_out_of_range_answer_to_a_shown_question(builtin_pack: Pack) -> None:
    with pytest.raises(AnswerError, match="'pain-level': 11 is outside"):
        evaluate(builtin_pack.screening, answers(pain_today=True, pain_level=11))


def test_evaluate_rejects_an_unknown_option(builtin_pack: Pack) -> None:
    with pytest.raises(AnswerError, match="'floor': 'maybe' is not one of its options"):
        evaluate(builtin_pack.screening, answers(floor="maybe"))


def test_evaluate_rejects_an_answer_to_a_question_the_pack_does_not_have(builtin_pack: Pack) -> None:
    with pytest.raises(AnswerError, match="'diabetes': this pack's screening has no such question"):
        evaluate(builtin_pack.screening, {**ALL_CLEAR, "diabetes": True})


def test_a_string_true_does_not_pass_as_yes(builtin_pack: Pack) -> None:
    with pytest.raises(AnswerError, match="'acute-injury'"):
        evaluate(builtin_pack.screening, answers(acute_injury="true"))


# --- what a modify does to a routine -------------------------------------------------------------------


def test_skipped_exercises_by_tag_in_routine_order(builtin_pack: Pack) -> None:
    routine = builtin_pack.routine("foot-to-spine")
    skipped = skipped_exercises(builtin_pack, routine, RoutineChanges(skip_tags=frozenset({"floor"})))
    assert [(e.id, reason) for e, reason in skipped] == [
        ("knees-to-chest", "left out for now"),
        ("cat-cow", "left out for now"),
    ]


def test_skipped_exercises_by_id_and_nothing_skipped_elsewhere(builtin_pack: Pack) -> None:
    changes = RoutineChanges(skip_exercises=frozenset({"calf-wall-stretch"}))
    full = skipped_exercises(builtin_pack, builtin_pack.routine("foot-to-spine"), changes)
    assert [(e.title, reason) for e, reason in full] == [("Calf stretch at a wall", "left out for now")]
    assert skipped_exercises(builtin_pack, builtin_pack.routine("sole-only"), changes) == []
    assert skipped_exercises(builtin_pack, builtin_pack.routine("foot-to-spine"), RoutineChanges()) == []


def test_scaled_doses_halve_timed_steps_and_leave_reps_alone(builtin_pack: Pack) -> None:
    routine = builtin_pack.routine("foot-to-spine")
    changes = scaled_doses(builtin_pack, routine, RoutineChanges(dose_factor=0.5))
    by_id = {c.exercise.id: (c.before.duration_s, c.after.duration_s) for c in changes}
    assert by_id["sole-ball-roll"] == (60, 30)
    assert by_id["calf-wall-stretch"] == (30, 15)
    assert "cat-cow" not in by_id  # 8 reps: counted, not timed
    calf = next(c for c in changes if c.exercise.id == "calf-wall-stretch")
    assert (calf.after.sets, calf.after.rest_s) == (calf.before.sets, calf.before.rest_s)


def test_scaled_doses_use_the_routines_own_dose_and_a_floor_of_five_seconds(builtin_pack: Pack) -> None:
    sole_only = builtin_pack.routine("sole-only")  # 90 s instead of the exercise's 60 s
    assert [
        (c.before.duration_s, c.after.duration_s)
        for c in scaled_doses(builtin_pack, sole_only, RoutineChanges(dose_factor=0.5))
    ] == [(90, 45)]
    tiny = scaled_doses(builtin_pack, sole_only, RoutineChanges(dose_factor=0.01))
    assert tiny[0].after.duration_s == 5
    assert scaled_doses(builtin_pack, sole_only, RoutineChanges()) == []


def test_left_out_exercises_are_not_also_listed_as_scaled(builtin_pack: Pack) -> None:
    changes = RoutineChanges(skip_tags=frozenset({"floor"}), dose_factor=0.5)
    scaled = {c.exercise.id for c in scaled_doses(builtin_pack, builtin_pack.routine("foot-to-spine"), changes)}
    assert "knees-to-chest" not in scaled


def test_the_outcome_page_agrees_with_the_session_plan(builtin_pack: Pack) -> None:
    routine = builtin_pack.routine("foot-to-spine")
    outcome = evaluate(builtin_pack.screening, answers(pain_today=True, pain_level=4, floor="no"))
    plan = build_plan(builtin_pack, routine, outcome.changes)
    skipped = {e.id for e, _ in skipped_exercises(builtin_pack, routine, outcome.changes)}
    assert skipped == {"knees-to-chest", "cat-cow"}
    assert skipped.isdisjoint(step.exercise_id for step in plan.steps)
    scaled = {c.exercise.id: c.after.duration_s for c in scaled_doses(builtin_pack, routine, outcome.changes)}
    for step in plan.steps:
        if step.duration_s is not None:
            assert step.duration_s == scaled[step.exercise_id]


def test_describe_changes_names_each_exercise(builtin_pack: Pack) -> None:
    changes = RoutineChanges(skip_tags=frozenset({"floor"}), dose_factor=0.5)
    lines = describe_changes(builtin_pack, builtin_pack.routine("foot-to-spine"), changes)
    assert lines[:2] == [
        "Lower back: knees to chest — left out for now",
        "Spine: cat and cow — left out for now",
    ]
    assert "Sole roll on a ball — 60 s each side becomes 30 s each side" in lines
    assert describe_changes(builtin_pack, builtin_pack.routine("foot-to-spine"), RoutineChanges()) == []
