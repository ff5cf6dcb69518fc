"""Advice on a valid pack, beyond what the format requires: ``solecheck pack lint``.

Each finding is a warning :class:`Diagnostic`, located like a validation error: an exercise no routine
uses, a question nothing reads, a rule or question that can never apply, a routine that doesn't start
at the foot, a sole exercise without a heel caution, no way to contact the clinic, a very long text;
and what a patient will see: a title and disclaimer that leave the routine list too little room on an
80×24 home screen (:mod:`solecheck.packs.screen_fit`), a choice question with more options than the
number keys can pick; and, for each translation, the texts it leaves in the main language.

Whether a rule can ever fire is decided exactly: answers to different questions are independent
except that a question is answered only when its ``show_if`` holds, so a rule fires for some set of
answers if and only if, for every question it (or a ``show_if`` it depends on) tests, some answer
passes every test on that question.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.types import StringConstraints

from solecheck.i18n import _
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.files import BOM, decode, find_pack_files, pack_file
from solecheck.packs.loader import check_pack, reading_order
from solecheck.packs.locate import LineIndex
from solecheck.packs.models import AnswerValue, Condition, Question
from solecheck.packs.pack import Pack
from solecheck.packs.screen_fit import (
    DISCLAIMER_COLUMNS,
    DISCLAIMER_ROWS_SHOWN,
    MIN_ROUTINE_ROWS,
    NUMBER_KEYS,
    routine_rows,
    title_text,
    wrapped_rows,
)
from solecheck.packs.translation_models import translation_name
from solecheck.packs.translations import format_key, untranslated

CONTACT_FIELDS = ("address", "phone", "email", "booking_url")

HEEL_WORDS: dict[str, tuple[str, ...]] = {
    "en": ("heel",),
    "fr": ("talon",),
    "es": ("talón", "talon"),
    "de": ("ferse",),
    "it": ("tallone",),
    "nl": ("hiel",),
    "pt": ("calcanhar",),
}
"""Words for the heel by language; a pack in another language is not checked for heel cautions."""

LONG_TEXT: dict[int, int] = {80: 50, 300: 160, 800: 400, 3000: 1200}
"""Length above which a text is flagged, by the format's own limit for that kind of text
(titles, sentences, messages, paragraphs). Long texts are hard to read in a terminal mid-exercise."""


@dataclass(frozen=True)
class _Test:
    """A condition on one question, and where it comes from (for the message): ``origin`` is the id of the
    question whose ``show_if`` holds it, or empty for the rule or question being explained."""

    condition: Condition
    origin: str


def lint_pack(pack: Pack) -> list[Diagnostic]:
    """Every lint warning for ``pack``, in file order."""
    linter = _Linter(pack)
    linter.run()
    return sorted(linter.found, key=lambda d: (*reading_order(d), d.path))


def lint_folder(root: str | Path) -> tuple[Pack | None, list[Diagnostic]]:
    """Validate the pack at ``root`` and, when it is valid, lint it. Returns the pack (``None`` when
    invalid) and the validation diagnostics followed by the lint warnings."""
    pack, diagnostics = check_pack(root)
    if pack is None:
        return None, diagnostics
    return pack, diagnostics + lint_pack(pack)


def describe_condition(condition: Condition) -> str:
    """``pain-level at_least 3`` and the like."""
    for key in ("equals", "one_of", "at_least", "at_most"):
        value = getattr(condition, key)
        if value is not None:
            shown = str(value).lower() if isinstance(value, bool) else value
            return f"{condition.question} {key} {shown}"
    return condition.question


def _domain(question: Question) -> list[AnswerValue]:
    if question.kind == "yes_no":
        return [True, False]
    if question.kind == "choice":
        return [option.id for option in question.options or []]
    return list(range(11))


class _Linter:
    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self.found: list[Diagnostic] = []
        self._indexes: dict[str, LineIndex] = {}
        self.questions = pack.questions_by_id

    def warn(self, file: str, path: str, message: str) -> None:
        self.found.append(Diagnostic(file, self._line(file, path), path, message, "warning"))

    def _line(self, file: str, path: str) -> int | None:
        if file not in self._indexes:
            text = ""
            if self.pack.root is not None:
                try:
                    text = decode(pack_file(self.pack.root, file).read_bytes())
                except (OSError, UnicodeDecodeError):
                    text = ""
            self._indexes[file] = LineIndex(text)
        return self._indexes[file].line_of(path)

    def run(self) -> None:
        self.unused_exercises()
        self.unread_questions()
        self.questions_never_asked()
        self.rules_never_firing()
        self.routines_start_at_foot()
        self.heel_cautions()
        self.clinic_contact()
        self.long_texts()
        self.home_screen_fit()
        self.choices_fit_number_keys()
        self.byte_order_marks()
        self.untranslated_texts()

    def untranslated_texts(self) -> None:
        main = self.pack.manifest.language
        for tag, keys in untranslated(self.pack).items():
            for key in keys:
                message = _("not translated yet; shown in the main language ({language})").format(language=main)
                self.warn(translation_name(tag), format_key(key), message)

    def byte_order_marks(self) -> None:
        if self.pack.root is None:
            return
        for name, path in find_pack_files(self.pack.root).found.items():
            try:
                with path.open("rb") as stream:
                    starts_with_bom = stream.read(3) == BOM.encode()
            except OSError:
                continue
            if starts_with_bom:
                self.found.append(
                    Diagnostic(
                        name,
                        1,
                        "",
                        _(
                            "starts with a byte-order mark (as Notepad and PowerShell save UTF-8); solecheck reads "
                            "it, but other TOML tools may not: save it as UTF-8 without BOM"
                        ),
                        "warning",
                    )
                )

    # --- exercises and routines ---

    def unused_exercises(self) -> None:
        used = {step.exercise for routine in self.pack.routines for step in routine.steps}
        for index, exercise in enumerate(self.pack.exercises):
            if exercise.id not in used:
                message = _("no routine uses the exercise '{id}'").format(id=exercise.id)
                self.warn("exercises.toml", f"exercises[{index}].id", message)

    def routines_start_at_foot(self) -> None:
        for index, routine in enumerate(self.pack.routines):
            first = self.pack.exercises_by_id[routine.steps[0].exercise]
            if first.region != "foot_sole":
                self.warn(
                    "routines.toml",
                    f"routines[{index}].steps[0].exercise",
                    _(
                        "routine '{id}' starts with '{first}' ({region}); a foot-first routine starts at the sole of "
                        "the foot and works up to the spine"
                    ).format(id=routine.id, first=first.id, region=first.region),
                )

    def heel_cautions(self) -> None:
        words = HEEL_WORDS.get(self.pack.manifest.language.split("-")[0].lower())
        if not words:
            return
        for index, exercise in enumerate(self.pack.exercises):
            if exercise.region != "foot_sole":
                continue
            if any(word in caution.lower() for caution in exercise.cautions for word in words):
                continue
            path = f"exercises[{index}].cautions" if exercise.cautions else f"exercises[{index}].id"
            self.warn(
                "exercises.toml",
                path,
                _(
                    "'{id}' works the sole of the foot but no caution mentions the heel: warn people to keep "
                    "pressure off the heel bone, where the plantar fascia attaches"
                ).format(id=exercise.id),
            )

    # --- screening ---

    def unread_questions(self) -> None:
        read = {c.question for rule in self.pack.screening.rules for c in rule.when}
        read |= {c.question for question in self.pack.screening.questions for c in question.show_if}
        for index, question in enumerate(self.pack.screening.questions):
            if question.id not in read:
                self.warn(
                    "screening.toml",
                    f"questions[{index}].id",
                    _("no rule or show_if reads the answer to '{id}': asking it changes nothing").format(
                        id=question.id
                    ),
                )

    def _closure(self, tests: list[_Test]) -> dict[str, list[_Test]]:
        """The tests by question, with the ``show_if`` of every tested question added (transitively):
        a test can only pass on an answered question, and a question is answered only when shown."""
        by_question: dict[str, list[_Test]] = {}
        pending = list(tests)
        expanded: set[str] = set()
        while pending:
            test = pending.pop(0)
            question_id = test.condition.question
            by_question.setdefault(question_id, []).append(test)
            question = self.questions.get(question_id)
            if question is not None and question_id not in expanded:
                expanded.add(question_id)
                pending += [_Test(c, question_id) for c in question.show_if]
        return by_question

    def _conflict(self, tests: list[_Test]) -> tuple[str, list[_Test]] | None:
        """The first question no answer can satisfy, with the tests on it; ``None`` when satisfiable."""
        for question_id, on_question in self._closure(tests).items():
            question = self.questions.get(question_id)
            if question is None:
                continue
            if not any(all(t.condition.holds(value) for t in on_question) for value in _domain(question)):
                return question_id, on_question
        return None

    @staticmethod
    def _explain(question_id: str, tests: list[_Test]) -> str:
        parts = []
        for test in tests:
            text = describe_condition(test.condition)
            if test.origin:
                text = _("'{question}' is asked only when {condition}").format(question=test.origin, condition=text)
            parts.append(text)
        return _("no answer to '{id}' passes all of: {tests}").format(id=question_id, tests="; ".join(parts))

    def questions_never_asked(self) -> None:
        for index, question in enumerate(self.pack.screening.questions):
            if not question.show_if:
                continue
            conflict = self._conflict([_Test(c, "") for c in question.show_if])
            if conflict:
                self.warn(
                    "screening.toml",
                    f"questions[{index}].show_if",
                    _("'{id}' can never be asked: {reason}").format(id=question.id, reason=self._explain(*conflict)),
                )

    def rules_never_firing(self) -> None:
        for index, rule in enumerate(self.pack.screening.rules):
            if rule.match == "all":
                conflict = self._conflict([_Test(c, "") for c in rule.when])
                if conflict:
                    self.warn(
                        "screening.toml",
                        f"rules[{index}].when",
                        _("rule '{id}' can never fire: {reason}").format(id=rule.id, reason=self._explain(*conflict)),
                    )
                continue
            conflicts = [self._conflict([_Test(c, "")]) for c in rule.when]
            if all(conflicts):
                reasons = "; ".join(self._explain(*c) for c in conflicts if c)
                self.warn(
                    "screening.toml",
                    f"rules[{index}].when",
                    _("rule '{id}' can never fire: none of its conditions can hold ({reasons})").format(
                        id=rule.id, reasons=reasons
                    ),
                )

    # --- clinic ---

    def clinic_contact(self) -> None:
        clinic = self.pack.clinic
        if any(getattr(location, name) for location in clinic.locations for name in CONTACT_FIELDS):
            return
        path = "locations[0]" if clinic.locations else "name"
        self.warn(
            "clinic.toml",
            path,
            _(
                "there is no way to contact the clinic: give a location an address, phone, email or booking_url "
                "(only details the clinic publishes)"
            ),
        )

    # --- what a patient sees ---

    def home_screen_fit(self) -> None:
        manifest = self.pack.manifest
        disclaimer_rows = wrapped_rows(manifest.disclaimer, DISCLAIMER_COLUMNS)
        if disclaimer_rows > DISCLAIMER_ROWS_SHOWN:
            self.warn(
                "pack.toml",
                "disclaimer",
                _(
                    "on an 80×24 screen the disclaimer takes {rows} rows of {columns} characters (blank lines count); "
                    "the home screen shows {shown} and the rest only when scrolled to: keep it to {shown} rows, and "
                    "move the detail to an education text"
                ).format(rows=disclaimer_rows, columns=DISCLAIMER_COLUMNS, shown=DISCLAIMER_ROWS_SHOWN),
            )
        title = title_text(manifest.name, manifest.version, self.pack.clinic.name)
        left = routine_rows(title, manifest.disclaimer)
        if left < MIN_ROUTINE_ROWS:
            self.warn(
                "pack.toml",
                "name",
                _(
                    "on an 80×24 screen the title line ({title}) leaves the routine list {left} of the {needed} rows "
                    "it needs: shorten the pack's name"
                ).format(title=title, left=left, needed=MIN_ROUTINE_ROWS),
            )

    def choices_fit_number_keys(self) -> None:
        for index, question in enumerate(self.pack.screening.questions):
            count = len(question.options or ())
            if count > NUMBER_KEYS:
                self.warn(
                    "screening.toml",
                    f"questions[{index}].options",
                    _(
                        "'{id}' has {count} options but only the first {keys} can be picked with the number keys "
                        "1–{keys}; keep it to {keys} or split the question"
                    ).format(id=question.id, count=count, keys=NUMBER_KEYS),
                )

    # --- texts ---

    def long_texts(self) -> None:
        pack = self.pack
        files: dict[str, Any] = {
            "pack.toml": pack.manifest,
            "clinic.toml": pack.clinic,
            "education.toml": {"texts": pack.education},
            "exercises.toml": {"exercises": pack.exercises},
            "screening.toml": pack.screening,
            "session.toml": pack.session,
            "routines.toml": {"routines": pack.routines},
        }
        for file, content in files.items():
            parts = content.items() if isinstance(content, dict) else [("", content)]
            for path, text, limit in (t for key, value in parts for t in _texts(value, key, None)):
                threshold = LONG_TEXT.get(limit, int(limit * 0.6))
                if len(text) > threshold:
                    self.warn(
                        file,
                        path,
                        _(
                            "this text is {length} characters long; keep it under {threshold} so it reads easily in "
                            "a terminal"
                        ).format(length=len(text), threshold=threshold),
                    )


def _text_limit(annotation: Any, metadata: list[Any]) -> int | None:
    """The ``max_length`` of a free-text type (title, line, message, body) found in an annotation."""
    for item in metadata:
        if isinstance(item, StringConstraints) and item.strip_whitespace and item.max_length:
            return item.max_length
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        base, *extra = typing.get_args(annotation)
        return _text_limit(base, extra)
    if origin in (typing.Union, types.UnionType, list, tuple):
        for arg in typing.get_args(annotation):
            found = _text_limit(arg, [])
            if found:
                return found
    return None


def _texts(value: Any, path: str, limit: int | None) -> Iterator[tuple[str, str, int]]:
    """Every free text inside ``value`` as ``(key path, text, format limit)``."""
    if isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            child = f"{path}.{name}" if path else name
            yield from _texts(getattr(value, name), child, _text_limit(field.annotation, list(field.metadata)))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]", limit)
    elif isinstance(value, str) and limit:
        yield path, value, limit
