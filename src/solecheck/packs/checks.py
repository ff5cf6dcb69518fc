"""Rules that need more than one value: unique ids, references that resolve, a foot-to-spine order.

They run on whatever parts of a pack were readable, so a single run reports problems in every file.
Each problem is a :class:`Diagnostic` located by a :class:`~solecheck.packs.locate.LineIndex`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from solecheck.i18n import _
from solecheck.packs.diagnostics import Diagnostic, DiagnosticSeverity
from solecheck.packs.models import (
    REGION_ORDER,
    Condition,
    EducationText,
    Exercise,
    Manifest,
    Question,
    Routine,
    Rule,
)

_Item = TypeVar("_Item")


@dataclass
class PackParts:
    """The readable parts of a pack. ``None`` means the file could not be read at all; ``known_ids``
    holds ids seen in the raw text even where their item was invalid, so a reference to a broken item
    is not reported twice. ``positions`` gives, for a list salvaged from a file with errors, the index
    each readable item had in the file, so paths and lines name the item the author wrote."""

    manifest: Manifest | None = None
    education: list[EducationText] | None = None
    exercises: list[Exercise] | None = None
    questions: list[Question] | None = None
    rules: list[Rule] | None = None
    routines: list[Routine] | None = None
    known_ids: dict[str, set[str]] = field(default_factory=dict)
    positions: dict[str, list[int]] = field(default_factory=dict)
    default_routine: str | None = None
    """``pack.toml``'s ``default_routine`` as written, checked even when the manifest is invalid."""

    def indexed(self, key: str, items: Sequence[_Item] | None) -> list[tuple[int, _Item]]:
        """``(index in the file, item)`` for each item of the list ``key``."""
        places = self.positions.get(key)
        return [(places[n] if places and n < len(places) else n, item) for n, item in enumerate(items or [])]


Locate = Callable[[str, str], int | None]


class _Reporter:
    def __init__(self, locate: Locate) -> None:
        self.locate = locate
        self.found: list[Diagnostic] = []

    def __call__(self, file: str, path: str, message: str, severity: DiagnosticSeverity = "error") -> None:
        self.found.append(Diagnostic(file, self.locate(file, path), path, message, severity))


def cross_check(parts: PackParts, locate: Locate) -> list[Diagnostic]:
    """Every cross-file and cross-item problem in ``parts``."""
    report = _Reporter(locate)
    _unique(report, "education.toml", "texts", parts.indexed("texts", parts.education))
    _unique(report, "exercises.toml", "exercises", parts.indexed("exercises", parts.exercises))
    _unique(report, "screening.toml", "questions", parts.indexed("questions", parts.questions))
    _unique(report, "screening.toml", "rules", parts.indexed("rules", parts.rules))
    _unique(report, "routines.toml", "routines", parts.indexed("routines", parts.routines))
    if parts.questions is not None:
        _check_questions(report, parts.indexed("questions", parts.questions), parts.known_ids.get("questions", set()))
    if parts.rules is not None and parts.questions is not None:
        _check_rules(report, parts)
    if parts.routines is not None:
        _check_routines(report, parts)
    return report.found


def _unique(
    report: _Reporter,
    file: str,
    key: str,
    items: Sequence[tuple[int, EducationText | Exercise | Question | Rule | Routine]],
) -> None:
    seen: dict[str, int] = {}
    for index, item in items:
        if item.id in seen:
            first = f"{key}[{seen[item.id]}]"
            message = _("duplicate id '{id}' (first used by {first})").format(id=item.id, first=first)
            report(file, f"{key}[{index}].id", message)
        else:
            seen[item.id] = index


def _ids(items: Iterable[EducationText | Exercise | Question | Rule | Routine] | None) -> set[str]:
    return {item.id for item in items or []}


def _check_condition(
    report: _Reporter,
    file: str,
    path: str,
    condition: Condition,
    questions: dict[str, Question],
    known: set[str],
) -> None:
    question = questions.get(condition.question)
    if question is None:
        if condition.question not in known:
            report(file, f"{path}.question", _("no question has the id '{id}'").format(id=condition.question))
        return
    if question.kind == "yes_no":
        if condition.equals is None or not isinstance(condition.equals, bool):
            message = _("question '{id}' is yes/no: test it with equals = true or false")
            report(file, path, message.format(id=question.id))
    elif question.kind == "choice":
        option_ids = {o.id for o in question.options or []}
        wanted = [condition.equals] if condition.equals is not None else list(condition.one_of or [])
        if (
            condition.at_least is not None
            or condition.at_most is not None
            or not all(isinstance(w, str) and not isinstance(w, bool) for w in wanted)
        ):
            message = _("question '{id}' is a choice: test it with equals or one_of an option id")
            report(file, path, message.format(id=question.id))
            return
        for value in wanted:
            if value not in option_ids:
                choices = ", ".join(sorted(option_ids))
                message = _("question '{id}' has no option '{option}' (options: {choices})")
                report(file, path, message.format(id=question.id, option=value, choices=choices))
    elif condition.one_of is not None or isinstance(condition.equals, (bool, str)):
        message = _("question '{id}' is a 0-10 scale: test it with at_least, at_most or a number")
        report(file, path, message.format(id=question.id))
    elif isinstance(condition.equals, int) and not 0 <= condition.equals <= 10:
        report(file, f"{path}.equals", _("must be between 0 and 10"))


def _check_questions(report: _Reporter, questions: list[tuple[int, Question]], known: set[str]) -> None:
    earlier: dict[str, Question] = {}
    readable = {question.id for _index, question in questions}
    for index, question in questions:
        for c_index, condition in enumerate(question.show_if):
            path = f"questions[{index}].show_if[{c_index}]"
            if condition.question not in earlier and condition.question in readable:
                report(
                    "screening.toml",
                    f"{path}.question",
                    _("'{asked}' must be asked before '{id}' to be tested here").format(
                        asked=condition.question, id=question.id
                    ),
                )
                continue
            _check_condition(report, "screening.toml", path, condition, earlier, known)
        seen_options: set[str] = set()
        for o_index, option in enumerate(question.options or []):
            if option.id in seen_options:
                report(
                    "screening.toml",
                    f"questions[{index}].options[{o_index}].id",
                    _("duplicate option id '{id}'").format(id=option.id),
                )
            seen_options.add(option.id)
        earlier.setdefault(question.id, question)


def _check_rules(report: _Reporter, parts: PackParts) -> None:
    questions = {q.id: q for q in parts.questions or []}
    known_questions = parts.known_ids.get("questions", set())
    exercise_ids = _ids(parts.exercises) | parts.known_ids.get("exercises", set())
    tags = {tag for exercise in parts.exercises or [] for tag in exercise.tags}
    for index, rule in parts.indexed("rules", parts.rules):
        for c_index, condition in enumerate(rule.when):
            _check_condition(
                report, "screening.toml", f"rules[{index}].when[{c_index}]", condition, questions, known_questions
            )
        if parts.exercises is None:
            continue
        for s_index, exercise_id in enumerate(rule.skip_exercises):
            if exercise_id not in exercise_ids:
                report(
                    "screening.toml",
                    f"rules[{index}].skip_exercises[{s_index}]",
                    _("no exercise has the id '{id}'").format(id=exercise_id),
                )
        for t_index, tag in enumerate(rule.skip_tags):
            if tag not in tags:
                report(
                    "screening.toml",
                    f"rules[{index}].skip_tags[{t_index}]",
                    _("no exercise has the tag '{tag}'").format(tag=tag),
                    "warning",
                )


def _check_routines(report: _Reporter, parts: PackParts) -> None:
    exercises = {e.id: e for e in parts.exercises or []}
    known = parts.known_ids.get("exercises", set())
    routine_ids = _ids(parts.routines) | parts.known_ids.get("routines", set())
    wanted = parts.manifest.default_routine if parts.manifest else parts.default_routine
    if wanted and wanted not in routine_ids:
        report("pack.toml", "default_routine", _("no routine has the id '{id}'").format(id=wanted))
    for index, routine in parts.indexed("routines", parts.routines):
        previous: Exercise | None = None
        for s_index, step in enumerate(routine.steps):
            path = f"routines[{index}].steps[{s_index}]"
            exercise = exercises.get(step.exercise)
            if exercise is None:
                if parts.exercises is not None and step.exercise not in known:
                    message = _("no exercise has the id '{id}'").format(id=step.exercise)
                    report("routines.toml", f"{path}.exercise", message)
                continue
            if step.dose is not None:
                try:
                    step.dose.apply(exercise.dose)
                except ValueError as error:  # pydantic's ValidationError is a ValueError
                    message = _("the dose override does not fit '{id}': {error}").format(id=exercise.id, error=error)
                    report("routines.toml", f"{path}.dose", message)
            if previous and REGION_ORDER.index(exercise.region) < REGION_ORDER.index(previous.region):
                report(
                    "routines.toml",
                    f"{path}.exercise",
                    _(
                        "'{id}' ({region}) comes after '{previous}' ({previous_region}): routines should work from "
                        "the sole of the foot up to the spine"
                    ).format(
                        id=exercise.id, region=exercise.region, previous=previous.id, previous_region=previous.region
                    ),
                    "warning",
                )
            previous = exercise
