"""The screening rule engine: which questions are asked, which answers are valid, what they decide.

Pure and deterministic, with no UI:

* :func:`visible_questions` walks the questions in pack order; a question with ``show_if`` conditions
  is shown only when they hold on the answers to the questions shown before it. An answer to a
  question that is no longer shown is stale: it is ignored (and so cannot show later questions).
* :func:`validate_answer` checks one answer against its question kind and raises :class:`AnswerError`.
* :func:`evaluate` turns a complete set of answers into a :class:`ScreeningOutcome`: the most severe
  outcome of the rules that fire (stop over modify over proceed, proceed when none fire), every fired
  rule's message in pack order, and the merged routine changes of the ``modify`` rules (skips are
  united, dose factors multiplied). A visible question without an answer is never guessed: it raises
  :class:`IncompleteScreening`.
* :func:`skipped_exercises` and :func:`scaled_doses` say exactly what a modify does to one routine, for
  the outcome page; the session plan applies the same changes.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from solecheck.i18n import N_, _
from solecheck.packs.models import (
    SEVERITY_ORDER,
    AnswerValue,
    Dose,
    Exercise,
    Question,
    Routine,
    ScreeningFile,
    Severity,
)
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import FiredRule, RoutineChanges, ScreeningOutcome

SCALE_MIN = 0
SCALE_MAX = 10
MIN_SCALED_S = 5
"""A scaled timed dose never gets shorter than this (the session plan uses the same floor)."""

SEVERITY_LABELS: dict[str, str] = {
    "proceed": N_("OK to go ahead"),
    "modify": N_("Go ahead with changes"),
    "stop": N_("Not today: contact the clinic"),
}
"""How each outcome is named to the person."""


class AnswerError(ValueError):
    """An answer that does not fit its question: unknown question, unknown option, wrong type or
    out of range. The message says which question and what was wrong."""

    def __init__(self, question_id: str, message: str) -> None:
        super().__init__(f"question {question_id!r}: {message}")
        self.question_id = question_id


class IncompleteScreening(ValueError):
    """Questions that are shown but have no answer. The screening can't decide anything yet."""

    def __init__(self, missing: tuple[str, ...]) -> None:
        listed = ", ".join(repr(m) for m in missing)
        noun = "question has" if len(missing) == 1 else "questions have"
        super().__init__(f"the screening is not complete: {len(missing)} {noun} no answer ({listed})")
        self.missing = missing


def visible_questions(screening: ScreeningFile, answers: Mapping[str, AnswerValue]) -> list[Question]:
    """The questions to show, in pack order, given the answers so far.

    Conditions only see answers to questions that are themselves shown, so hiding a question also
    hides whatever depended on its (now stale) answer."""
    shown: list[Question] = []
    counted: dict[str, AnswerValue] = {}
    for question in screening.questions:
        if all(condition.holds(counted.get(condition.question)) for condition in question.show_if):
            shown.append(question)
            if question.id in answers:
                counted[question.id] = answers[question.id]
    return shown


def validate_answer(question: Question, value: object) -> AnswerValue:
    """``value`` if it is a valid answer to ``question``, else :class:`AnswerError`.

    yes_no takes ``True``/``False``; choice takes one of its option ids; scale takes a whole number
    from 0 to 10. Nothing is coerced: ``"yes"``, ``1`` or ``3.0`` are not a yes or a 3."""
    if question.kind == "yes_no":
        if not isinstance(value, bool):
            raise AnswerError(question.id, f"expects yes or no (true/false), got {value!r}")
        return value
    if question.kind == "choice":
        option_ids = [option.id for option in question.options or ()]
        if not isinstance(value, str) or value not in option_ids:
            raise AnswerError(question.id, f"{value!r} is not one of its options ({', '.join(option_ids)})")
        return value
    if isinstance(value, bool) or not isinstance(value, int):
        raise AnswerError(question.id, f"expects a whole number from {SCALE_MIN} to {SCALE_MAX}, got {value!r}")
    if not SCALE_MIN <= value <= SCALE_MAX:
        raise AnswerError(question.id, f"{value} is outside the scale {SCALE_MIN} to {SCALE_MAX}")
    return value


def counted_answers(screening: ScreeningFile, answers: Mapping[str, object]) -> dict[str, AnswerValue]:
    """The answers that count: those to visible questions, each validated, in question order.

    Raises :class:`AnswerError` for an answer to a question the pack does not have or an invalid
    answer to a visible one, and :class:`IncompleteScreening` when a visible question is unanswered."""
    known = {question.id for question in screening.questions}
    for question_id in answers:
        if question_id not in known:
            raise AnswerError(question_id, "this pack's screening has no such question")
    counted: dict[str, AnswerValue] = {}
    missing: list[str] = []
    checked: dict[str, AnswerValue] = {}
    # Validate as we go: a question's visibility depends only on earlier, already validated answers.
    for question in screening.questions:
        if not all(condition.holds(checked.get(condition.question)) for condition in question.show_if):
            continue
        if question.id not in answers:
            missing.append(question.id)
            continue
        checked[question.id] = counted[question.id] = validate_answer(question, answers[question.id])
    if missing:
        raise IncompleteScreening(tuple(missing))
    return counted


def evaluate(screening: ScreeningFile, answers: Mapping[str, object]) -> ScreeningOutcome:
    """The outcome of a complete screening (see the module docstring for the rules)."""
    counted = counted_answers(screening, answers)
    fired = tuple(
        FiredRule(rule_id=rule.id, outcome=rule.outcome, message=rule.message)
        for rule in screening.rules
        if rule.fires(counted)
    )
    kind: Severity = "proceed"
    for rule in fired:
        if SEVERITY_ORDER[rule.outcome] > SEVERITY_ORDER[kind]:
            kind = rule.outcome
    return ScreeningOutcome(kind=kind, fired=fired, changes=merged_changes(screening, fired), answers=counted)


def merged_changes(screening: ScreeningFile, fired: tuple[FiredRule, ...]) -> RoutineChanges:
    """The routine changes of the fired ``modify`` rules: skips united, dose factors multiplied."""
    by_id = {rule.id: rule for rule in screening.rules}
    skip_exercises: set[str] = set()
    skip_tags: set[str] = set()
    factor = 1.0
    for fired_rule in fired:
        rule = by_id[fired_rule.rule_id]
        if rule.outcome != "modify":
            continue
        skip_exercises.update(rule.skip_exercises)
        skip_tags.update(rule.skip_tags)
        factor *= rule.dose_factor
    return RoutineChanges(frozenset(skip_exercises), frozenset(skip_tags), factor)


def severity_label(kind: str) -> str:
    """The outcome as the person reads it, e.g. ``Go ahead with changes``."""
    return _(SEVERITY_LABELS[kind]) if kind in SEVERITY_LABELS else kind


# --- what a modify does to a routine ------------------------------------------------------------------


def skip_reason(exercise: Exercise, changes: RoutineChanges) -> str | None:
    """Why ``changes`` leave ``exercise`` out, in the person's words (``None`` if they don't). Whether by
    its id or by one of its tags, it is said the same way: neither means anything to a patient."""
    if exercise.id in changes.skip_exercises or changes.skip_tags.intersection(exercise.tags):
        return _("left out for now")
    return None


def skipped_exercises(pack: Pack, routine: Routine, changes: RoutineChanges) -> list[tuple[Exercise, str]]:
    """The exercises of ``routine`` that ``changes`` leave out, in routine order, each with the reason.

    An exercise used twice in a routine is listed once."""
    result: list[tuple[Exercise, str]] = []
    seen: set[str] = set()
    for step in routine.steps:
        exercise = pack.exercises_by_id[step.exercise]
        reason = skip_reason(exercise, changes)
        if reason is not None and exercise.id not in seen:
            seen.add(exercise.id)
            result.append((exercise, reason))
    return result


def scale_seconds(seconds: int, factor: float) -> int:
    """``seconds × factor`` rounded half up and at least :data:`MIN_SCALED_S` (unchanged at factor 1)."""
    if factor == 1.0:
        return seconds
    return max(MIN_SCALED_S, math.floor(seconds * factor + 0.5))


@dataclass(frozen=True)
class DoseChange:
    """One exercise of a routine whose timed dose a modify shortens."""

    exercise: Exercise
    before: Dose
    after: Dose


def scaled_doses(pack: Pack, routine: Routine, changes: RoutineChanges) -> list[DoseChange]:
    """The routine's steps that stay in but get a shorter timed dose, in routine order.

    Only ``duration_s`` is scaled; repetition counts, holds and rests are unchanged."""
    if changes.dose_factor == 1.0:
        return []
    result: list[DoseChange] = []
    for step in routine.steps:
        exercise = pack.exercises_by_id[step.exercise]
        if skip_reason(exercise, changes) is not None:
            continue
        dose = step.dose.apply(exercise.dose) if step.dose else exercise.dose
        if dose.duration_s is None:
            continue
        scaled = scale_seconds(dose.duration_s, changes.dose_factor)
        if scaled != dose.duration_s:
            result.append(DoseChange(exercise, dose, dose.model_copy(update={"duration_s": scaled})))
    return result


def describe_changes(pack: Pack, routine: Routine, changes: RoutineChanges) -> list[str]:
    """Plain sentences saying what ``changes`` do to ``routine``: one per left-out exercise and one
    per shortened dose. Empty when the routine is unchanged."""
    lines = [
        _("{exercise} — {reason}").format(exercise=exercise.title, reason=reason)
        for exercise, reason in skipped_exercises(pack, routine, changes)
    ]
    for change in scaled_doses(pack, routine, changes):
        sides = change.exercise.sides
        lines.append(
            _("{exercise} — {before} becomes {after}").format(
                exercise=change.exercise.title, before=change.before.describe(sides),
                after=change.after.describe(sides),
            )
        )
    return lines
