"""The content-pack format, version 1, as pydantic models.

One model per pack file (``pack.toml``, ``clinic.toml``, ``education.toml``, ``exercises.toml``,
``screening.toml``, ``session.toml``, ``routines.toml``). Every model forbids unknown keys so a typo is
an error, and is strict where a silent coercion would hide a mistake (``"60"`` is not a number of
seconds). The JSON Schema published by ``solecheck pack schema`` is generated from these models.

Rules that need the whole pack (unique ids, references, ordering) live in :mod:`solecheck.packs.checks`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from solecheck.contact import EMAIL_PATTERN, PHONE_PATTERN
from solecheck.i18n import N_, _, ngettext
from solecheck.outside_text import describe, is_unsafe
from solecheck.packs.files import PICTURE_FOLDER, PICTURE_NAME, PICTURE_SUFFIXES
from solecheck.packs.format import FORMAT_VERSION as FORMAT_VERSION

Region = Literal["foot_sole", "ankle", "calf", "shin", "knee", "thigh", "hip", "lower_back", "spine"]
REGION_ORDER: tuple[str, ...] = get_args(Region)
"""Body regions from the sole of the foot up to the spine: the order a routine should follow."""

REGION_LABELS: dict[str, str] = {
    "foot_sole": N_("Sole of the foot"),
    "ankle": N_("Ankle"),
    "calf": N_("Calf"),
    "shin": N_("Shin"),
    "knee": N_("Knee"),
    "thigh": N_("Thigh"),
    "hip": N_("Hip and buttock"),
    "lower_back": N_("Lower back"),
    "spine": N_("Spine"),
}


def region_name(region: str) -> str:
    """A body region's name in the person's language (``foot_sole`` → ``Sole of the foot``); a region
    this version doesn't know is said as ``this area``, never by its id."""
    return _(REGION_LABELS.get(region) or N_("this area"))

def _check_no_control(value: str, allow_newlines: bool) -> str:
    # The one rule for outside text (solecheck.outside_text): no C0/C1 control, DEL or invisible format
    # character but the joiners and marks scripts need; newline and tab only where text may span lines.
    for index, char in enumerate(value):
        if is_unsafe(char) or (char in "\n\t" and not allow_newlines):
            raise ValueError(f"contains a control character ({describe(char)}) at position {index + 1}")
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
    name: Title = Field(description="The pack's name, shown in the app and by `solecheck pack list`.")
    language: LanguageTag = Field(description="BCP 47 language tag, e.g. 'en-CA'.")
    summary: Line = Field(description="One sentence saying what the pack offers, shown in the app.")
    authors: Annotated[
        list[Title],
        Field(min_length=1, max_length=20, description="Who wrote the content: 1–20 names of people or organisations."),
    ]
    disclaimer: Body = Field(description="Shown on the home screen: the guidance is general and may not suit everyone.")
    default_routine: Slug | None = Field(
        default=None, description="Routine offered first; defaults to the first routine."
    )


# --- clinic.toml -------------------------------------------------------------------------------------


class Location(PackModel):
    """One place the clinic can be reached. Everything but the name is optional: leave out what you
    don't have rather than inventing it."""

    name: Title = Field(description="What this location is called, e.g. 'Main street'. The only required key.")
    address: Line | None = Field(default=None, description="Street address, on one line. Leave it out if unknown.")
    phone: Annotated[
        str, StringConstraints(pattern=PHONE_PATTERN), AfterValidator(_no_control_line)
    ] | None = Field(
        default=None,
        description="Phone number: digits, spaces and + - ( ) . only, 3–30 characters. Leave it out if unknown.",
    )
    email: Annotated[
        str,
        StringConstraints(pattern=EMAIL_PATTERN, max_length=254),
        AfterValidator(_no_control_line),
    ] | None = Field(
        default=None, description="Email address, at most 254 characters. Leave it out if unknown."
    )
    booking_url: Annotated[
        str, StringConstraints(pattern=r"^https?://\S+$", max_length=500), AfterValidator(_no_control_line)
    ] | None = Field(
        default=None,
        description="Web address for booking online, starting with http:// or https://. Leave it out if unknown.",
    )
    hours: Line | None = Field(
        default=None, description="Opening hours in words, on one line. Leave it out if unknown."
    )


class Clinic(PackModel):
    """``clinic.toml``: the clinic behind the pack, and when a person should contact it."""

    name: Title = Field(description="The clinic's name, shown with its contact details.")
    contact_note: Message = Field(description="When to contact the clinic, shown with its details.")
    booking_note: Line | None = Field(default=None, description="How to book, in words.")
    locations: Annotated[list[Location], Field(max_length=50)] = Field(
        default=[], description="Places the clinic can be reached (0–50). Default: none."
    )


# --- pictures ----------------------------------------------------------------------------------------

MAX_PICTURES_PER_ITEM = 4


def _picture_path(value: str) -> str:
    # Pictures live in the pack's pictures/ folder, named in lower case so a pack reads the same on
    # case-insensitive disks; the loader then checks the file itself (solecheck.packs.pictures).
    if value.startswith("/") or value.startswith("\\") or re.match(r"^[A-Za-z]:", value):
        raise ValueError(_("must be a path inside the pack folder, not an absolute path"))
    if ".." in re.split(r"[/\\]", value):
        raise ValueError(_("must not climb out of the pack folder with '..'"))
    if not value.casefold().endswith(PICTURE_SUFFIXES):
        raise ValueError(
            _("{value!r} is not a picture file: use a PNG (.png) or JPEG (.jpg, .jpeg)").format(value=value)
        )
    if not PICTURE_NAME.fullmatch(value):
        message = _(
            "{value!r} is not a picture path of the form '{folder}/NAME.png': pictures live in the pack's "
            "{folder}/ folder, named in lower-case letters, digits, '-' and '_'"
        )
        raise ValueError(message.format(value=value, folder=PICTURE_FOLDER))
    return value


class Picture(PackModel):
    """A picture in the pack folder with the words that stand for it where it can't be seen."""

    file: Annotated[str, StringConstraints(max_length=120), AfterValidator(_picture_path)] = Field(
        description=f"The picture's path in the pack folder, e.g. '{PICTURE_FOLDER}/sole.png': a PNG or JPEG in "
        f"the {PICTURE_FOLDER}/ folder, at most 1 MB and 4 million pixels."
    )
    alt: Line = Field(
        description="What the picture shows, in one sentence: read by screen readers and shown in the line mode "
        "and wherever the picture can't be drawn."
    )


Pictures = Annotated[list[Picture], Field(max_length=MAX_PICTURES_PER_ITEM)]


# --- education.toml ----------------------------------------------------------------------------------


class EducationText(PackModel):
    """A short titled text shown in the app, such as why the routine starts at the foot."""

    id: Slug = Field(description="Id of this text, e.g. 'why-feet'; unique among texts.")
    title: Title = Field(description="The text's heading, on one line.")
    body: Body = Field(description="The text itself: a paragraph or a few, at most 3000 characters.")
    pictures: Pictures = Field(
        default=[], description="Pictures shown with the text (0–4), each with its alt text. Default: none."
    )


class EducationFile(PackModel):
    """``education.toml``."""

    texts: Annotated[list[EducationText], Field(max_length=100)] = Field(
        default=[], description="Short titled texts shown in the app (0–100). Default: none."
    )


# --- exercises.toml ----------------------------------------------------------------------------------


# A dose's bounds, shared by an exercise's dose and a routine's change to it.
DurationS = Annotated[int, Field(gt=0, le=3600)]
Reps = Annotated[int, Field(gt=0, le=200)]
HoldS = Annotated[int, Field(gt=0, le=600)]
RestS = Annotated[int, Field(ge=0, le=600)]
Sets = Annotated[int, Field(gt=0, le=20)]


class Dose(PackModel):
    """How much of an exercise: a time or a number of repetitions, optionally held, rested and repeated.

    Doses in the built-in pack are clinic-adjustable defaults, not prescriptions."""

    duration_s: DurationS | None = Field(
        default=None, description="How long, in seconds (1–3600). Give exactly one of duration_s or reps."
    )
    reps: Reps | None = Field(
        default=None, description="How many repetitions (1–200). Give exactly one of duration_s or reps."
    )
    hold_s: HoldS | None = Field(
        default=None, description="Seconds to hold at each repetition (1–600). Leave it out for no hold."
    )
    rest_s: RestS = Field(default=0, description="Seconds of rest between sets (0–600). Default 0: no rest.")
    sets: Sets = Field(
        default=1,
        description="How many times the dose is done (1–20); with sides = 'both', each set does both sides. Default 1.",
    )

    @model_validator(mode="after")
    def _time_or_reps(self) -> Dose:
        if (self.duration_s is None) == (self.reps is None):
            raise ValueError("give exactly one of duration_s or reps")
        return self

    def describe(self, sides: str = "none") -> str:
        """A short description in the person's language, e.g. ``2 × 30 s each side, 10 s rest``; ``1 rep``
        and ``10 reps`` by the language's plural rules."""
        if self.duration_s is not None:
            amount = _("{seconds} s").format(seconds=self.duration_s)
        else:
            amount = ngettext("{reps} rep", "{reps} reps", self.reps or 0).format(reps=self.reps)
        if self.hold_s:
            amount = _("{amount}, hold {seconds} s").format(amount=amount, seconds=self.hold_s)
        if self.sets > 1:
            amount = _("{sets} × {amount}").format(sets=self.sets, amount=amount)
        if sides == "both":
            amount = _("{amount} each side").format(amount=amount)
        elif sides == "left":
            amount = _("{amount}, left side only").format(amount=amount)
        elif sides == "right":
            amount = _("{amount}, right side only").format(amount=amount)
        if self.rest_s and self.sets > 1:
            amount = _("{amount}, {seconds} s rest").format(amount=amount, seconds=self.rest_s)
        return amount


class DoseOverride(PackModel):
    """A routine's change to an exercise's dose: only the keys given replace the exercise's own."""

    duration_s: DurationS | None = Field(
        default=None,
        description="Seconds for this step (1–3600), making it timed even if the exercise counts reps. Not with reps.",
    )
    reps: Reps | None = Field(
        default=None,
        description="Repetitions for this step (1–200), making it counted even if the exercise is timed. "
        "Not with duration_s.",
    )
    hold_s: HoldS | None = Field(
        default=None, description="Seconds to hold at each repetition (1–600). Leave it out to keep the exercise's."
    )
    rest_s: RestS | None = Field(
        default=None, description="Seconds of rest between sets (0–600). Leave it out to keep the exercise's."
    )
    sets: Sets | None = Field(default=None, description="Number of sets (1–20). Leave it out to keep the exercise's.")

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

    id: Slug = Field(description="Id routines and screening rules use for this exercise; unique among exercises.")
    title: Title = Field(description="The exercise's name, shown to the person.")
    region: Region = Field(
        description="Body region it works, 'foot_sole' up to 'spine'; routines should follow that order."
    )
    summary: Line | None = Field(default=None, description="One sentence on what the exercise is. Optional.")
    equipment: Annotated[list[Title], Field(max_length=10)] = Field(
        default=[], description="What the person needs, e.g. 'A golf ball' (0–10 items). Default: nothing."
    )
    steps: Annotated[
        list[Line], Field(min_length=1, max_length=20, description="The instructions, in order: 1–20 sentences.")
    ]
    cues: Annotated[list[Line], Field(max_length=20)] = Field(
        default=[], description="Tips for doing it well (0–20 sentences). Default: none."
    )
    cautions: Annotated[list[Line], Field(max_length=20)] = Field(
        default=[], description="What to watch for or avoid (0–20 sentences). Default: none."
    )
    sides: Literal["none", "both", "left", "right"] = Field(
        default="none",
        description="'none': not sided; 'both': the left side, then the right, in each set; 'left' or 'right': "
        "that side only, for one-sided exercises. Default 'none'.",
    )
    dose: Dose = Field(description="How much: a time or a number of repetitions, with optional hold, sets and rest.")
    tags: Annotated[list[Slug], Field(max_length=20)] = Field(
        default=[], description="Labels screening rules' skip_tags use to leave exercises out (0–20). Default: none."
    )
    pain_check: bool = Field(
        default=False,
        description="Ask for a pain rating after this exercise (always asked after foot-sole work).",
    )
    pictures: Pictures = Field(
        default=[],
        description="Pictures of the exercise (0–4), each with its alt text; the first is shown during the "
        "session. Default: none.",
    )


class ExercisesFile(PackModel):
    """``exercises.toml``."""

    exercises: Annotated[
        list[Exercise],
        Field(min_length=1, max_length=5000, description="Every exercise a routine can use: 1–5000 of them."),
    ]


# --- screening.toml ----------------------------------------------------------------------------------

AnswerValue = bool | int | str


class Condition(PackModel):
    """A test on one earlier answer. Give exactly one of ``equals``, ``one_of``, ``at_least``,
    ``at_most`` (the last two for 0–10 scale questions)."""

    question: Slug = Field(description="Id of the question tested; in show_if, a question asked earlier.")
    equals: bool | int | Slug | None = Field(
        default=None,
        description="Holds when the answer is this: true/false (yes_no), an option id (choice) or 0–10 (scale).",
    )
    one_of: Annotated[list[Slug], Field(min_length=1)] | None = Field(
        default=None, description="Holds when the answer is one of these option ids. Choice questions only."
    )
    at_least: PainScore | None = Field(
        default=None, description="Holds when the rating is this value (0–10) or higher. Scale questions only."
    )
    at_most: PainScore | None = Field(
        default=None, description="Holds when the rating is this value (0–10) or lower. Scale questions only."
    )

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

    id: Slug = Field(description="Id conditions use for this answer; unique within the question.")
    label: Title = Field(description="The answer as the person sees and picks it.")


class Question(PackModel):
    """A screening question: yes/no, single choice (``options``) or a 0–10 scale."""

    id: Slug = Field(description="Id conditions use to test this question's answer; unique among questions.")
    kind: Literal["yes_no", "choice", "scale"] = Field(
        description="'yes_no', 'choice' (one of the options) or 'scale' (a rating from 0 to 10)."
    )
    text: Line = Field(description="The question as asked, in one sentence.")
    help: Message | None = Field(default=None, description="Extra explanation shown with the question. Optional.")
    options: Annotated[list[Option], Field(min_length=2, max_length=20)] | None = Field(
        default=None, description="The answers to pick from (2–20). Required for 'choice', refused for other kinds."
    )
    scale_low_label: Title | None = Field(
        default=None, description="Label shown for 0, e.g. 'No pain'. Only for scale questions; refused on other kinds."
    )
    scale_high_label: Title | None = Field(
        default=None,
        description="Label shown for 10, e.g. 'Worst imaginable'. Only for scale questions; refused on other kinds.",
    )
    show_if: Annotated[list[Condition], Field(max_length=10)] = Field(
        default=[], description="Ask only when every condition on earlier answers holds."
    )
    about_today: bool = Field(
        default=False,
        description="The question is about today (pain now, how you feel today): its answer, and the changes it "
        "makes to the routine, hold until the end of the local day it was given (or screening.today_hours), then "
        "only the questions about today are asked again. Default false: it holds for valid_for_days.",
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

    id: Slug = Field(description="Id of the rule; unique among rules.")
    when: Annotated[
        list[Condition],
        Field(min_length=1, max_length=20, description="Conditions on the answers, 1–20; match says how they combine."),
    ]
    match: Literal["all", "any"] = Field(
        default="all", description="'all' (default): fires when every condition holds; 'any': when at least one does."
    )
    outcome: Severity = Field(
        description="'proceed' only shows the message, 'modify' changes the routine, 'stop' blocks sessions and "
        "points to the clinic. The most severe firing rule wins."
    )
    message: Message = Field(description="Shown to the person when the rule fires.")
    skip_exercises: Annotated[list[Slug], Field(max_length=100)] = Field(
        default=[], description="Ids of exercises to leave out (0–100). Modify rules only; default none."
    )
    skip_tags: Annotated[list[Slug], Field(max_length=20)] = Field(
        default=[], description="Leave out exercises with any of these tags (0–20). Modify rules only; default none."
    )
    dose_factor: Annotated[float, Field(gt=0, le=1)] = Field(
        default=1.0,
        description="A number above 0 and at most 1, e.g. 0.5 or 0.75: multiplies timed doses (duration_s), never "
        "below 5 s; reps, holds and rests are unchanged. Modify rules only; default 1: no change.",
    )

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
    today_hours: Annotated[int, Field(ge=1, le=48)] | None = Field(
        default=None,
        description="How many hours answers to questions with about_today = true hold (1–48). Left out: until the "
        "end of the local day they were given.",
    )
    intro: Message | None = Field(default=None, description="Shown before the first question. Optional.")
    questions: Annotated[
        list[Question], Field(min_length=1, max_length=1000, description="The questions, asked in file order: 1–1000.")
    ]
    rules: Annotated[list[Rule], Field(max_length=2000)] = Field(
        default=[], description="Rules that read the answers (0–2000). When no rule fires, the outcome is proceed."
    )


# --- session.toml ------------------------------------------------------------------------------------


class PainCheck(PackModel):
    """The pain-monitoring model: 0–10, fine below ``caution_from``, a caution band up to ``limit``,
    and a pause above ``limit``."""

    caution_from: PainScore = Field(
        default=4,
        description="Rating (0–10) where the caution band starts; below it is fine. Not above limit. Default 4.",
    )
    limit: PainScore = Field(
        default=5, description="Top of the caution band (0–9): a rating above it pauses the session. Default 5."
    )
    ok_message: Message = Field(
        default="Thanks. Carry on at a comfortable pace.", description="Shown after a rating below caution_from."
    )
    caution_message: Message = Field(
        default="Some discomfort is acceptable. Go gently and keep an eye on it.",
        description="Shown after a rating from caution_from up to limit; the session carries on.",
    )
    limit_message: Message = Field(
        default="That is more pain than this routine should cause. Stop and seek advice.",
        description="Shown after a rating above limit, when the session pauses.",
    )
    soreness_question: Line = Field(
        default="After your last session, had any soreness settled by the next morning?",
        description="Yes/no question asked before the next session when the last one reached caution_from.",
    )
    soreness_advice: Message = Field(
        default="Soreness that lasts until the next morning means the last session was too much.",
        description="Shown when the answer to soreness_question is no.",
    )

    soreness_min_hours: Annotated[int, Field(ge=0, le=72)] = Field(
        default=0,
        description="The soreness question is asked on a later local day than the session it is about, and "
        "at least this many hours after it ended (0–72). Default 0: the next day is enough.",
    )

    @model_validator(mode="after")
    def _band_order(self) -> PainCheck:
        if self.caution_from > self.limit:
            raise ValueError("caution_from must not be above limit")
        if self.limit >= 10:
            raise ValueError("limit must be below 10, or no rating could ever pause a session")
        return self


class AfterPainStop(PackModel):
    """What must happen before the next session after one was stopped for pain above the limit."""

    require: Literal["screening", "wait", "clinic"] = Field(
        default="screening",
        description="'screening' (default): a new screening, taken after the stop, before the next session; "
        "'wait': no session for wait_hours after the stop, then the usual screening rules; 'clinic': contact "
        "the clinic first, then a new screening.",
    )
    wait_hours: Annotated[int, Field(ge=1, le=720)] = Field(
        default=24, description="Hours to wait after a pain stop when require = 'wait' (1–720). Default 24."
    )


class SessionFile(PackModel):
    """``session.toml``: pacing, the pain check, and what a pain stop requires before the next session."""

    get_ready_s: Annotated[int, Field(ge=0, le=60)] = Field(
        default=5,
        description="Seconds of 'get ready' countdown before every timed set and side (0–60; 0: none). "
        "Counted exercises have none. Default 5.",
    )
    pain_check: PainCheck = Field(
        default_factory=PainCheck, description="The 0–10 pain check's bands and messages. Left out: the defaults."
    )
    after_pain_stop: AfterPainStop = Field(
        default_factory=AfterPainStop,
        description="What a session stopped for pain above the limit requires before the next one. Left out: a "
        "new screening.",
    )


# --- routines.toml -----------------------------------------------------------------------------------


class RoutineStep(PackModel):
    """One entry of a routine: an exercise, optionally with a different dose."""

    exercise: Slug = Field(description="Id of an exercise in exercises.toml; the same one may appear more than once.")
    dose: DoseOverride | None = Field(
        default=None, description="Changes to the exercise's dose for this step only. Left out: the exercise's dose."
    )


Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = get_args(Weekday)
"""Day names a schedule's ``days`` take, Monday first (``date.weekday()`` order)."""
MAX_TIMES_PER_WEEK = 14
"""Twice a day is the most a schedule may prescribe."""


class Schedule(PackModel):
    """How often a routine is prescribed: a number of sessions a week, or the days of the week.

    Give exactly one of ``times_per_week`` (1–14) or ``days`` (distinct names ``mon`` … ``sun``). The
    person's progress and adherence are measured against it, in weeks from Monday to Sunday."""

    times_per_week: Annotated[int, Field(ge=1, le=MAX_TIMES_PER_WEEK)] | None = Field(
        default=None,
        description="Sessions a week (1–14), on any days. Give exactly one of times_per_week or days.",
    )
    days: Annotated[list[Weekday], Field(min_length=1, max_length=7)] | None = Field(
        default=None,
        description="The days of the week, e.g. [\"mon\", \"wed\", \"fri\"]: distinct names mon, tue, wed, thu, fri, "
        "sat, sun. Give exactly one of times_per_week or days.",
    )

    @model_validator(mode="after")
    def _one_way(self) -> Schedule:
        if (self.times_per_week is None) == (self.days is None):
            raise ValueError("give exactly one of times_per_week or days")
        if self.days is not None and len(set(self.days)) != len(self.days):
            twice = sorted({day for day in self.days if self.days.count(day) > 1}, key=WEEKDAYS.index)
            raise ValueError(f"days names {', '.join(twice)} more than once")
        return self

    @property
    def per_week(self) -> int:
        """Sessions prescribed in a full week."""
        return self.times_per_week if self.times_per_week is not None else len(self.days or ())

    @property
    def weekdays(self) -> tuple[int, ...]:
        """The prescribed days as ``date.weekday()`` numbers (Monday 0), in week order; empty for
        ``times_per_week``."""
        return tuple(sorted(WEEKDAYS.index(day) for day in self.days or ()))


class Routine(PackModel):
    """A named, ordered list of exercises, meant to run from the sole of the foot up to the spine."""

    id: Slug = Field(description="Id of the routine, e.g. 'full'; unique among routines.")
    title: Title = Field(description="The routine's name, shown to the person.")
    description: Message | None = Field(default=None, description="A few words on the routine. Optional.")
    steps: Annotated[
        list[RoutineStep],
        Field(
            min_length=1,
            max_length=500,
            description="Exercises in order (1–500), best run from the foot up to the spine.",
        ),
    ]
    schedule: Schedule | None = Field(
        default=None,
        description="How often the routine is prescribed, e.g. { times_per_week = 5 } or "
        "{ days = [\"mon\", \"wed\", \"fri\"] }. Left out: no prescription (no adherence figure).",
    )


class RoutinesFile(PackModel):
    """``routines.toml``."""

    routines: Annotated[
        list[Routine], Field(min_length=1, max_length=500, description="The routines to choose from: 1–500 of them.")
    ]


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
