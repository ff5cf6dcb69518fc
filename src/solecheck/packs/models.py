"""The content-pack format, version 1, as pydantic models.

One model per pack file (``pack.toml``, ``clinic.toml``, ``education.toml``, ``exercises.toml``,
``screening.toml``, ``session.toml``, ``routines.toml``). Every model forbids unknown keys so a typo is
an error, and is strict where a silent coercion would hide a mistake (``"60"`` is not a number of
seconds). The JSON Schema published by ``solecheck pack schema`` is generated from these models.

Rules that need the whole pack (unique ids, references, ordering) live in :mod:`solecheck.packs.checks`.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from solecheck.packs.format import FORMAT_VERSION as FORMAT_VERSION

Region = Literal["foot_sole", "ankle", "calf", "shin", "knee", "thigh", "hip", "lower_back", "spine"]
REGION_ORDER: tuple[str, ...] = get_args(Region)
"""Body regions from the sole of the foot up to the spine: the order a routine should follow."""

REGION_LABELS: dict[str, str] = {
    "foot_sole": "Sole of the foot",
    "ankle": "Ankle",
    "calf": "Calf",
    "shin": "Shin",
    "knee": "Knee",
    "thigh": "Thigh",
    "hip": "Hip and buttock",
    "lower_back": "Lower back",
    "spine": "Spine",
}

_CONTROL_OK_MULTILINE = {"\n", "\t"}


def _check_no_control(value: str, allow_newlines: bool) -> str:
    allowed = _CONTROL_OK_MULTILINE if allow_newlines else set()
    for index, char in enumerate(value):
        if char not in allowed and unicodedata.category(char) in ("Cc", "Cf") and char != "\u200d":
            raise ValueError(f"contains a control character (U+{ord(char):04X}) at position {index + 1}")
    return value


def _no_control_line(value: str) -> str:
    return _check_no_control(value, allow_newlines=False)


def _no_control_text(value: str) -> str:
    return _check_no_control(value, allow_newlines=True)


Title = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80), AfterValidator(_no_control_line)
]
"""A short single-line label: an exercise or routine title, an option label."""
Line = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300), AfterValidator(_no_control_line)
]
"""One sentence: an instruction step, a cue, a caution, a question."""
Message = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=800), AfterValidator(_no_control_text)
]
"""A message shown to the person: a rule's explanation, a pain-check message."""
Body = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000), AfterValidator(_no_control_text)
]
"""A paragraph or a few: education texts, disclaimers."""

Slug = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64),
]
PackId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$", max_length=100),
]
SemVer = Annotated[
    str,
    StringConstraints(
        pattern=(
            r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
            r"(-(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(\.(0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*)?"
            r"(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$"
        ),
        max_length=64,
    ),
]
LanguageTag = Annotated[str, StringConstraints(pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", max_length=35)]
PainScore = Annotated[int, Field(ge=0, le=10)]


class PackModel(BaseModel):
    """Base of every pack model: unknown keys are errors, values are not coerced, models are frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


# --- pack.toml ---------------------------------------------------------------------------------------


class Manifest(PackModel):
    """``pack.toml``: who the pack is, which format it is written in, and its content version."""

    format: Annotated[int, Field(ge=1, description="Pack format version. This solecheck reads 1.")]
    id: PackId = Field(description="Stable identifier, e.g. 'thrive-now.foot-first'. Never change it.")
    version: SemVer = Field(description="SemVer of the content, e.g. '1.2.0'.")
    name: Title
    language: LanguageTag = Field(description="BCP 47 language tag, e.g. 'en-CA'.")
    summary: Line
    authors: Annotated[list[Title], Field(min_length=1, max_length=20)]
    disclaimer: Body = Field(description="Shown on the home screen: the guidance is general and may not suit everyone.")
    default_routine: Slug | None = Field(
        default=None, description="Routine offered first; defaults to the first routine."
    )


# --- clinic.toml -------------------------------------------------------------------------------------


class Location(PackModel):
    """One place the clinic can be reached. Everything but the name is optional: leave out what you
    don't have rather than inventing it."""

    name: Title
    address: Line | None = None
    phone: Annotated[str, StringConstraints(pattern=r"^\+?[0-9 ().-]{3,30}$")] | None = None
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=254)] | None = None
    booking_url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$", max_length=500)] | None = None
    hours: Line | None = None


class Clinic(PackModel):
    """``clinic.toml``: the clinic behind the pack, and when a person should contact it."""

    name: Title
    contact_note: Message = Field(description="When to contact the clinic, shown with its details.")
    booking_note: Line | None = Field(default=None, description="How to book, in words.")
    locations: Annotated[list[Location], Field(max_length=50)] = []


# --- education.toml ----------------------------------------------------------------------------------


class EducationText(PackModel):
    """A short titled text shown in the app, such as why the routine starts at the foot."""

    id: Slug
    title: Title
    body: Body


class EducationFile(PackModel):
    """``education.toml``."""

    texts: Annotated[list[EducationText], Field(max_length=100)] = []


# --- exercises.toml ----------------------------------------------------------------------------------


class Dose(PackModel):
    """How much of an exercise: a time or a number of repetitions, optionally held, rested and repeated.

    Doses in the built-in pack are clinic-adjustable defaults, not prescriptions."""

    duration_s: Annotated[int, Field(gt=0, le=3600)] | None = None
    reps: Annotated[int, Field(gt=0, le=200)] | None = None
    hold_s: Annotated[int, Field(gt=0, le=600)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=600)] = 0
    sets: Annotated[int, Field(gt=0, le=20)] = 1

    @model_validator(mode="after")
    def _time_or_reps(self) -> Dose:
        if (self.duration_s is None) == (self.reps is None):
            raise ValueError("give exactly one of duration_s or reps")
        return self

    def describe(self, sides: str = "none") -> str:
        """A short human description, e.g. ``2 × 30 s each side, 10 s rest``."""
        amount = f"{self.duration_s} s" if self.duration_s is not None else f"{self.reps} reps"
        if self.hold_s:
            amount += f", hold {self.hold_s} s"
        if self.sets > 1:
            amount = f"{self.sets} × {amount}"
        if sides == "both":
            amount += " each side"
        if self.rest_s and self.sets > 1:
            amount += f", {self.rest_s} s rest"
        return amount


class DoseOverride(PackModel):
    """A routine's change to an exercise's dose: only the keys given replace the exercise's own."""

    duration_s: Annotated[int, Field(gt=0, le=3600)] | None = None
    reps: Annotated[int, Field(gt=0, le=200)] | None = None
    hold_s: Annotated[int, Field(gt=0, le=600)] | None = None
    rest_s: Annotated[int, Field(ge=0, le=600)] | None = None
    sets: Annotated[int, Field(gt=0, le=20)] | None = None

    @model_validator(mode="after")
    def _not_both(self) -> DoseOverride:
        if self.duration_s is not None and self.reps is not None:
            raise ValueError("give at most one of duration_s or reps")
        return self

    def apply(self, dose: Dose) -> Dose:
        """The exercise's dose with this override laid over it."""
        changes = self.model_dump(exclude_none=True)
        # A time replaces a count and a count replaces a time.
        if self.reps is not None:
            changes["duration_s"] = None
        if self.duration_s is not None:
            changes["reps"] = None
        return Dose.model_validate({**dose.model_dump(), **changes})


class Exercise(PackModel):
    """One exercise: what to do, where on the body, with what, how much, and what to watch for."""

    id: Slug
    title: Title
    region: Region
    summary: Line | None = None
    equipment: Annotated[list[Title], Field(max_length=10)] = []
    steps: Annotated[list[Line], Field(min_length=1, max_length=20)]
    cues: Annotated[list[Line], Field(max_length=20)] = []
    cautions: Annotated[list[Line], Field(max_length=20)] = []
    sides: Literal["none", "both"] = Field(
        default="none", description="'both' runs the exercise on the left side, then the right."
    )
    dose: Dose
    tags: Annotated[list[Slug], Field(max_length=20)] = []
    pain_check: bool = Field(
        default=False,
        description="Ask for a pain rating after this exercise (always asked after foot-sole work).",
    )


class ExercisesFile(PackModel):
    """``exercises.toml``."""

    exercises: Annotated[list[Exercise], Field(min_length=1, max_length=5000)]


# --- screening.toml ----------------------------------------------------------------------------------

AnswerValue = bool | int | str


class Condition(PackModel):
    """A test on one earlier answer. Give exactly one of ``equals``, ``one_of``, ``at_least``,
    ``at_most`` (the last two for 0–10 scale questions)."""

    question: Slug
    equals: bool | int | Slug | None = None
    one_of: Annotated[list[Slug], Field(min_length=1)] | None = None
    at_least: PainScore | None = None
    at_most: PainScore | None = None

    @model_validator(mode="after")
    def _one_test(self) -> Condition:
        tests = [t for t in (self.equals, self.one_of, self.at_least, self.at_most) if t is not None]
        if len(tests) != 1:
            raise ValueError("give exactly one of equals, one_of, at_least or at_most")
        return self

    def holds(self, value: AnswerValue | None) -> bool:
        """Whether ``value`` (an answer, or ``None`` when unanswered) passes this test."""
        if value is None:
            return False
        if self.equals is not None:
            return type(value) is type(self.equals) and value == self.equals
        if self.one_of is not None:
            return isinstance(value, str) and value in self.one_of
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        if self.at_least is not None:
            return value >= self.at_least
        return self.at_most is not None and value <= self.at_most


class Option(PackModel):
    """One answer of a single-choice question."""

    id: Slug
    label: Title


class Question(PackModel):
    """A screening question: yes/no, single choice (``options``) or a 0–10 scale."""

    id: Slug
    kind: Literal["yes_no", "choice", "scale"]
    text: Line
    help: Message | None = None
    options: Annotated[list[Option], Field(min_length=2, max_length=20)] | None = None
    scale_low_label: Title | None = None
    scale_high_label: Title | None = None
    show_if: Annotated[list[Condition], Field(max_length=10)] = Field(
        default=[], description="Ask only when every condition on earlier answers holds."
    )

    @model_validator(mode="after")
    def _options_for_choice(self) -> Question:
        if self.kind == "choice" and not self.options:
            raise ValueError("a choice question needs options")
        if self.kind != "choice" and self.options is not None:
            raise ValueError(f"options belong to choice questions, not {self.kind}")
        if self.kind != "scale" and (self.scale_low_label is not None or self.scale_high_label is not None):
            raise ValueError(f"scale_low_label and scale_high_label belong to scale questions, not {self.kind}")
        return self


Severity = Literal["proceed", "modify", "stop"]
SEVERITY_ORDER: dict[str, int] = {"proceed": 0, "modify": 1, "stop": 2}


class Rule(PackModel):
    """Maps answers to an outcome. ``when`` lists conditions; ``match`` says whether all or any must hold.

    A ``modify`` rule changes the routine (skip exercises by id or tag, scale doses down); a ``stop``
    rule blocks the session and points the person to the clinic."""

    id: Slug
    when: Annotated[list[Condition], Field(min_length=1, max_length=20)]
    match: Literal["all", "any"] = "all"
    outcome: Severity
    message: Message
    skip_exercises: Annotated[list[Slug], Field(max_length=100)] = []
    skip_tags: Annotated[list[Slug], Field(max_length=20)] = []
    dose_factor: Annotated[float, Field(gt=0, le=1)] = 1.0

    @model_validator(mode="after")
    def _changes_only_for_modify(self) -> Rule:
        has_changes = bool(self.skip_exercises or self.skip_tags or self.dose_factor != 1.0)
        if self.outcome != "modify" and has_changes:
            raise ValueError("only a modify rule may skip exercises or change doses")
        if self.outcome == "modify" and not has_changes:
            raise ValueError("a modify rule must skip something or set dose_factor below 1")
        return self

    def fires(self, answers: dict[str, AnswerValue]) -> bool:
        results = (c.holds(answers.get(c.question)) for c in self.when)
        return all(results) if self.match == "all" else any(results)


class ScreeningFile(PackModel):
    """``screening.toml``: the safety questions asked before a session and the rules that read them."""

    valid_for_days: Annotated[int, Field(ge=0, le=3650)] = Field(
        default=0, description="How long a screening holds. 0 means: screen before every session."
    )
    intro: Message | None = None
    questions: Annotated[list[Question], Field(min_length=1, max_length=1000)]
    rules: Annotated[list[Rule], Field(max_length=2000)] = []


# --- session.toml ------------------------------------------------------------------------------------


class PainCheck(PackModel):
    """The pain-monitoring model: 0–10, fine below ``caution_from``, a caution band up to ``limit``,
    and a pause above ``limit``."""

    caution_from: PainScore = 4
    limit: PainScore = 5
    ok_message: Message = "Thanks. Carry on at a comfortable pace."
    caution_message: Message = "Some discomfort is acceptable. Go gently and keep an eye on it."
    limit_message: Message = "That is more pain than this routine should cause. Stop and seek advice."
    soreness_question: Line = "After your last session, had any soreness settled by the next morning?"
    soreness_advice: Message = "Soreness that lasts until the next morning means the last session was too much."

    @model_validator(mode="after")
    def _band_order(self) -> PainCheck:
        if self.caution_from > self.limit:
            raise ValueError("caution_from must not be above limit")
        if self.limit >= 10:
            raise ValueError("limit must be below 10, or no rating could ever pause a session")
        return self


class SessionFile(PackModel):
    """``session.toml``: pacing and the pain check for guided sessions."""

    get_ready_s: Annotated[int, Field(ge=0, le=60)] = 5
    pain_check: PainCheck = Field(default_factory=PainCheck)


# --- routines.toml -----------------------------------------------------------------------------------


class RoutineStep(PackModel):
    """One entry of a routine: an exercise, optionally with a different dose."""

    exercise: Slug
    dose: DoseOverride | None = None


class Routine(PackModel):
    """A named, ordered list of exercises, meant to run from the sole of the foot up to the spine."""

    id: Slug
    title: Title
    description: Message | None = None
    steps: Annotated[list[RoutineStep], Field(min_length=1, max_length=500)]


class RoutinesFile(PackModel):
    """``routines.toml``."""

    routines: Annotated[list[Routine], Field(min_length=1, max_length=500)]


PACK_FILES: dict[str, type[PackModel]] = {
    "pack.toml": Manifest,
    "clinic.toml": Clinic,
    "education.toml": EducationFile,
    "exercises.toml": ExercisesFile,
    "screening.toml": ScreeningFile,
    "session.toml": SessionFile,
    "routines.toml": RoutinesFile,
}
"""Every file of a pack and the model that reads it."""

OPTIONAL_FILES = frozenset({"education.toml", "session.toml"})


def version_key(version: str) -> tuple[Any, ...]:
    """A sort key for SemVer strings: pre-releases sort before their release."""
    match = re.match(r"^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?", version)
    if not match:
        return (-1,)
    major, minor, patch, pre = match.groups()
    pre_key: tuple[Any, ...] = (
        (1,) if pre is None else (0, *((0, int(p), "") if p.isdigit() else (1, 0, p) for p in pre.split(".")))
    )
    return (int(major), int(minor), int(patch), pre_key)
