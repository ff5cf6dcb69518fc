"""The expanded plan of a session: every side and every set of a routine, in the order they are done.

A routine names exercises; a plan names what the person does next. Built from a pack, a routine and
the screening's :class:`RoutineChanges`:

* exercises the screening leaves out (by id or by tag) are removed;
* timed doses are scaled by ``dose_factor`` (rounded half up, never below :data:`MIN_TIMED_S`);
* each exercise expands per set, and within a set per side (left, then right), so both sides get
  the same work and the rest between sets comes after the right side; a one-sided exercise
  (``sides = "left"`` or ``"right"``) does each set on that side only;
* a pain check follows the last set of each side of an exercise whose ``pain_check`` flag is set,
  and always of sole-of-the-foot work.

The plan is kept in the history as JSON so an interrupted session resumes exactly, even after the
pack changed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Literal

from solecheck.packs.models import Exercise, Routine
from solecheck.packs.pack import Pack
from solecheck.screening.engine import MIN_SCALED_S, scale_seconds, skip_reason
from solecheck.screening.outcome import RoutineChanges

if TYPE_CHECKING:
    from solecheck.packs.view import StepView

Side = Literal["left", "right"]
PLAN_FORMAT = 1
"""Version of the JSON written by :meth:`SessionPlan.to_json`."""
MIN_TIMED_S = MIN_SCALED_S
"""A scaled timed step never gets shorter than this (the screening's outcome page uses the same rule)."""
ALWAYS_PAIN_CHECKED_REGIONS = frozenset({"foot_sole"})
_SIDES: dict[str, tuple[Side | None, ...]] = {
    "none": (None,),
    "both": ("left", "right"),
    "left": ("left",),
    "right": ("right",),
}
"""The sides each set of an exercise is done on, in order, by its ``sides`` value."""


class PlanError(ValueError):
    """A plan that can't be built or read back: one clear message."""


@dataclass(frozen=True)
class PlannedStep:
    """One thing to do: one set of one exercise on one side, timed (``duration_s``) or counted (``reps``)."""

    exercise_id: str
    title: str
    region: str
    side: Side | None
    set_index: int
    set_count: int
    duration_s: int | None = None
    reps: int | None = None
    hold_s: int | None = None
    rest_after_s: int = 0
    pain_check: bool = False

    @property
    def timed(self) -> bool:
        return self.duration_s is not None

    def describe(self) -> str:
        """A short label, e.g. ``60 s, left side, set 1 of 2``."""
        parts = [f"{self.duration_s} s" if self.timed else f"{self.reps} reps"]
        if self.hold_s:
            parts[0] += f", hold {self.hold_s} s"
        if self.side:
            parts.append(f"{self.side} side")
        if self.set_count > 1:
            parts.append(f"set {self.set_index} of {self.set_count}")
        return ", ".join(parts)


@dataclass(frozen=True)
class SessionPlan:
    """The whole session: the routine it came from, the pacing and pain limits, and every step."""

    pack_id: str
    pack_version: str
    routine_id: str
    routine_title: str
    steps: tuple[PlannedStep, ...]
    get_ready_s: int = 5
    caution_from: int = 4
    pain_limit: int = 5
    pack_digest: str = ""
    """The content digest of the pack version planned from (:mod:`solecheck.packs.content`)."""

    def __len__(self) -> int:
        return len(self.steps)

    @property
    def planned_seconds(self) -> int:
        """The timed work of the plan, without get-ready and rest time."""
        return sum(step.duration_s or 0 for step in self.steps)

    def to_json(self) -> str:
        data: dict[str, Any] = asdict(self)
        data["format"] = PLAN_FORMAT
        return json.dumps(data, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SessionPlan:
        """Read a plan written by :meth:`to_json` (``PlanError`` if it is not one)."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.pop("format", None) != PLAN_FORMAT:
                raise PlanError("the saved session plan is missing or from an unknown format")
            steps = tuple(PlannedStep(**step) for step in data.pop("steps"))
            return cls(steps=steps, **data)
        except PlanError:
            raise
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise PlanError(f"the saved session plan can't be read: {error}") from None


scale_duration = scale_seconds
"""``seconds × factor`` rounded half up, at least :data:`MIN_TIMED_S` (unchanged when factor is 1)."""


def is_left_out(exercise: Exercise, changes: RoutineChanges) -> bool:
    """Whether the screening's changes remove ``exercise`` from a routine."""
    return skip_reason(exercise, changes) is not None


def build_plan(pack: Pack, routine: Routine, changes: RoutineChanges | None = None) -> SessionPlan:
    """The expanded plan of ``routine`` with the screening's ``changes`` applied.

    Raises ``PlanError`` when the changes leave nothing to do."""
    changes = changes or RoutineChanges()
    steps: list[PlannedStep] = []
    for entry in routine.steps:
        exercise = pack.exercise(entry.exercise)
        if is_left_out(exercise, changes):
            continue
        steps.extend(_expand(exercise, entry.dose.apply(exercise.dose) if entry.dose else exercise.dose, changes))
    if not steps:
        raise PlanError(
            f"after today's screening nothing is left of the routine {routine.title!r}: "
            "every exercise in it is left out"
        )
    pain = pack.session.pain_check
    return SessionPlan(
        pack_id=pack.id,
        pack_version=pack.version,
        routine_id=routine.id,
        routine_title=routine.title,
        steps=tuple(steps),
        get_ready_s=pack.session.get_ready_s,
        caution_from=pain.caution_from,
        pain_limit=pain.limit,
        pack_digest=pack.content_digest,
    )


def _expand(exercise: Exercise, dose: Any, changes: RoutineChanges) -> list[PlannedStep]:
    sides = _SIDES[exercise.sides]
    duration = scale_duration(dose.duration_s, changes.dose_factor) if dose.duration_s is not None else None
    checked = exercise.pain_check or exercise.region in ALWAYS_PAIN_CHECKED_REGIONS
    expanded: list[PlannedStep] = []
    for set_index in range(1, dose.sets + 1):
        last_set = set_index == dose.sets
        for side_number, side in enumerate(sides, start=1):
            rest = dose.rest_s if side_number == len(sides) and not last_set else 0
            expanded.append(
                PlannedStep(
                    exercise_id=exercise.id,
                    title=exercise.title,
                    region=exercise.region,
                    side=side,
                    set_index=set_index,
                    set_count=dose.sets,
                    duration_s=duration,
                    reps=dose.reps,
                    hold_s=dose.hold_s,
                    rest_after_s=rest,
                    pain_check=checked and last_set,
                )
            )
    return expanded


LEFT_OUT_TODAY = "Left out after your screening"
"""What a routine preview says in place of the dose of an exercise the screening leaves out."""


def preview_steps(pack: Pack, routine: Routine, changes: RoutineChanges) -> tuple[StepView, ...]:
    """The steps of ``routine`` as the home screen lists them, as the screening's ``changes`` leave them:
    a left-out exercise says :data:`LEFT_OUT_TODAY` instead of its dose, and timed doses are scaled
    exactly as :func:`build_plan` scales them. One :class:`~solecheck.packs.view.StepView` per routine step."""
    from solecheck.packs.models import REGION_LABELS
    from solecheck.packs.view import StepView

    steps: list[StepView] = []
    for entry in routine.steps:
        exercise = pack.exercise(entry.exercise)
        dose = entry.dose.apply(exercise.dose) if entry.dose else exercise.dose
        if is_left_out(exercise, changes):
            steps.append(StepView(exercise.title, f"{REGION_LABELS[exercise.region]} · {LEFT_OUT_TODAY}"))
            continue
        if dose.duration_s is not None and changes.dose_factor != 1.0:
            dose = dose.model_copy(update={"duration_s": scale_duration(dose.duration_s, changes.dose_factor)})
        steps.append(StepView(exercise.title, f"{REGION_LABELS[exercise.region]} · {dose.describe(exercise.sides)}",
                              tuple(exercise.equipment)))
    return tuple(steps)
