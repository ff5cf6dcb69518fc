"""The expanded session plan: sides, sets, the screening's changes, pain checks and JSON."""

from __future__ import annotations

import dataclasses

import pytest

from solecheck.packs.pack import Pack
from solecheck.screening.outcome import RoutineChanges
from solecheck.session.plan import MIN_TIMED_S, PlanError, SessionPlan, build_plan, scale_duration


def test_full_routine_expands_sides_then_sets_in_routine_order(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"))
    labels = [(s.exercise_id, s.side, s.set_index) for s in plan.steps]
    assert labels[:6] == [
        ("sole-ball-roll", "left", 1),
        ("sole-ball-roll", "right", 1),
        ("calf-wall-stretch", "left", 1),
        ("calf-wall-stretch", "right", 1),
        ("calf-wall-stretch", "left", 2),
        ("calf-wall-stretch", "right", 2),
    ]
    assert labels[-2:] == [("knees-to-chest", None, 1), ("cat-cow", None, 1)]
    assert len(plan) == 14
    assert plan.steps[-1].reps == 8 and plan.steps[-1].duration_s is None and not plan.steps[-1].timed
    assert plan.get_ready_s == builtin_pack.session.get_ready_s
    assert (plan.caution_from, plan.pain_limit) == (4, 5)


def test_rest_comes_between_sets_only(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"))
    calf = [s for s in plan.steps if s.exercise_id == "calf-wall-stretch"]
    assert [s.rest_after_s for s in calf] == [0, 10, 0, 0]
    assert all(s.rest_after_s == 0 for s in plan.steps if s.exercise_id != "calf-wall-stretch")


def test_pain_checks_follow_flagged_exercises_and_always_the_sole(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"))
    checked = [(s.exercise_id, s.side, s.set_index) for s in plan.steps if s.pain_check]
    assert checked == [
        ("sole-ball-roll", "left", 1),
        ("sole-ball-roll", "right", 1),
        ("calf-wall-stretch", "left", 2),
        ("calf-wall-stretch", "right", 2),
    ]


def test_sole_is_checked_even_without_the_flag(builtin_pack: Pack) -> None:
    exercises = tuple(
        e.model_copy(update={"pain_check": False}) if e.region == "foot_sole" else e for e in builtin_pack.exercises
    )
    pack = dataclasses.replace(builtin_pack, exercises=exercises)
    plan = build_plan(pack, pack.routine("sole-only"))
    assert [s.pain_check for s in plan.steps] == [True, True]


def test_routine_dose_override_applies(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    assert [(s.side, s.duration_s) for s in plan.steps] == [("left", 90), ("right", 90)]


def test_modify_outcome_removes_exactly_the_steps_it_names(builtin_pack: Pack) -> None:
    routine = builtin_pack.routine("foot-to-spine")
    full = build_plan(builtin_pack, routine)
    changes = RoutineChanges(skip_exercises=frozenset({"hip-figure-four"}), skip_tags=frozenset({"floor"}))
    modified = build_plan(builtin_pack, routine, changes)
    removed = {"hip-figure-four", "knees-to-chest", "cat-cow"}
    assert [s for s in full.steps if s.exercise_id not in removed] == list(modified.steps)
    assert len(full) - len(modified) == 4


def test_dose_factor_scales_timed_steps_only(builtin_pack: Pack) -> None:
    routine = builtin_pack.routine("foot-to-spine")
    full = build_plan(builtin_pack, routine)
    halved = build_plan(builtin_pack, routine, RoutineChanges(dose_factor=0.5))
    for before, after in zip(full.steps, halved.steps, strict=True):
        if before.timed:
            assert after.duration_s == scale_duration(before.duration_s or 0, 0.5)
        else:
            assert after.reps == before.reps
        assert after.rest_after_s == before.rest_after_s
    assert halved.steps[0].duration_s == 30


@pytest.mark.parametrize(
    ("seconds", "factor", "expected"),
    [(60, 1.0, 60), (45, 0.5, 23), (30, 0.5, 15), (8, 0.5, MIN_TIMED_S), (3, 1.0, 3), (90, 0.33, 30)],
)
def test_scale_duration_rounds_half_up_with_a_floor(seconds: int, factor: float, expected: int) -> None:
    assert scale_duration(seconds, factor) == expected


def test_skipping_everything_is_an_error(builtin_pack: Pack) -> None:
    with pytest.raises(PlanError, match="nothing is left"):
        build_plan(builtin_pack, builtin_pack.routine("sole-only"), RoutineChanges(skip_tags=frozenset({"foot"})))


def test_plan_round_trips_through_json(builtin_pack: Pack) -> None:
    plan = build_plan(builtin_pack, builtin_pack.default_routine, RoutineChanges(dose_factor=0.5))
    text = plan.to_json()
    assert SessionPlan.from_json(text) == plan
    assert '"format": 1' in text


@pytest.mark.parametrize("text", ["", "[]", '{"format": 99}', '{"format": 1, "steps": [{"nope": 1}]}', "{"])
def test_unreadable_plan_json_is_a_plan_error(text: str) -> None:
    with pytest.raises(PlanError):
        SessionPlan.from_json(text)
