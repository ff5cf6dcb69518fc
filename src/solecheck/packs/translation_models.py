"""A pack's translations, format 1: one ``translations/<tag>.toml`` per language, as pydantic models.

A translation file gives the pack's texts in one more language, keyed by the ids the pack already has::

    [exercises.plantar-roll]
    title = "Rouler la plante du pied"
    steps = ["Asseyez-vous…", "…"]
    pictures_alt = ["La plante du pied vue de dessous…"]

    [screening.questions.floor.options]
    easily = "Facilement"

Every key is optional: a text left out is shown in the pack's main language. A list (an exercise's
steps, cues, cautions, equipment) is translated whole, item for item. The pictures' alt texts are such a
list too, ``pictures_alt``: one text per picture, in the order the exercise or education text names
them (its ``pictures``); a picture's file is the pack's own, so only its words are translated.
Each text is cleaned as the pack's own texts are (the same :data:`~solecheck.packs.models.Title`,
``Line``, ``Message`` and ``Body`` rules).
Whether the ids exist and the lists have the pack's lengths is checked against the pack by
:mod:`solecheck.packs.translation_checks`.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import Field

from solecheck.packs.files import TRANSLATIONS_DIR
from solecheck.packs.models import MAX_PICTURES_PER_ITEM, Body, Line, Message, PackModel, Title

LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
"""A BCP 47 language tag as a translation file's name carries it (``fr``, ``fr-CA``, ``es-419``)."""
MAX_TRANSLATIONS = 40
"""The most translation files a pack may carry."""


def translation_name(tag: str) -> str:
    """``translations/fr-CA.toml`` for ``fr-CA``: the pack file name of a translation."""
    return f"{TRANSLATIONS_DIR}/{tag}.toml"


def translation_tag(name: str) -> str | None:
    """``fr-CA`` for ``translations/fr-CA.toml``; ``None`` for a name that is not a translation file."""
    folder, _, file = name.partition("/")
    if folder != TRANSLATIONS_DIR or not file.endswith(".toml") or "/" in file:
        return None
    return file[: -len(".toml")]


def is_translation_name(name: str) -> bool:
    return translation_tag(name) is not None


class ManifestTexts(PackModel):
    """``[pack]``: the texts of ``pack.toml``."""

    name: Title | None = Field(default=None, description="The pack's name.")
    summary: Line | None = Field(default=None, description="The one-sentence summary.")
    disclaimer: Body | None = Field(default=None, description="The disclaimer shown on the home screen.")


class LocationTexts(PackModel):
    """One location's texts, under the location's name as ``clinic.toml`` spells it."""

    name: Title | None = Field(default=None, description="What the location is called.")
    address: Line | None = Field(default=None, description="The street address; only if clinic.toml gives one.")
    hours: Line | None = Field(default=None, description="Opening hours in words; only if clinic.toml gives them.")


class ClinicTexts(PackModel):
    """``[clinic]``: the texts of ``clinic.toml``."""

    name: Title | None = Field(default=None, description="The clinic's name.")
    contact_note: Message | None = Field(default=None, description="When to contact the clinic.")
    booking_note: Line | None = Field(default=None, description="How to book; only if clinic.toml gives it.")
    locations: dict[str, LocationTexts] = Field(
        default={}, description="Locations keyed by their name in clinic.toml, e.g. [clinic.locations.\"Main street\"]."
    )


PICTURES_ALT = "pictures_alt"
"""The key of the pictures' alt texts in an exercise's or education text's table: a list, one text per
picture in the order the pack names them (a picture is a table in the pack, so its ``alt`` can't be
keyed by field name alone, and pictures have no id)."""
PicturesAlt = Annotated[list[Line], Field(max_length=MAX_PICTURES_PER_ITEM)]
"""The pictures' alt texts: one *line* per picture, as :class:`~solecheck.packs.models.Picture` ``alt``."""


class EducationTexts(PackModel):
    """``[education.<id>]``: one education text."""

    title: Title | None = Field(default=None, description="The text's heading.")
    body: Body | None = Field(default=None, description="The text itself.")
    pictures_alt: PicturesAlt | None = Field(
        default=None, description="The pictures' alt texts, picture for picture, in the order of the text's pictures."
    )


class ExerciseTexts(PackModel):
    """``[exercises.<id>]``: one exercise's texts. Lists have as many items as the exercise's own."""

    title: Title | None = Field(default=None, description="The exercise's name.")
    summary: Line | None = Field(default=None, description="What the exercise is; only if exercises.toml gives one.")
    equipment: Annotated[list[Title], Field(max_length=10)] | None = Field(
        default=None, description="What the person needs, item for item."
    )
    steps: Annotated[list[Line], Field(max_length=20)] | None = Field(
        default=None, description="The instructions, step for step."
    )
    cues: Annotated[list[Line], Field(max_length=20)] | None = Field(
        default=None, description="The tips, item for item."
    )
    cautions: Annotated[list[Line], Field(max_length=20)] | None = Field(
        default=None, description="What to watch for, item for item."
    )
    pictures_alt: PicturesAlt | None = Field(
        default=None,
        description="The pictures' alt texts, picture for picture, in the order of the exercise's pictures.",
    )


class RoutineTexts(PackModel):
    """``[routines.<id>]``: one routine's texts."""

    title: Title | None = Field(default=None, description="The routine's name.")
    description: Message | None = Field(
        default=None, description="A few words on the routine; only if routines.toml gives them."
    )


class QuestionTexts(PackModel):
    """``[screening.questions.<id>]``: one question's texts."""

    text: Line | None = Field(default=None, description="The question as asked.")
    help: Message | None = Field(default=None, description="The explanation; only if screening.toml gives one.")
    scale_low_label: Title | None = Field(default=None, description="Label for 0 (scale questions).")
    scale_high_label: Title | None = Field(default=None, description="Label for 10 (scale questions).")
    options: dict[str, Title] = Field(
        default={}, description="Choice questions: option id = the answer's label, e.g. easily = \"Facilement\"."
    )


class RuleTexts(PackModel):
    """``[screening.rules.<id>]``: one rule's message."""

    message: Message | None = Field(default=None, description="Shown when the rule fires.")


class ScreeningTexts(PackModel):
    """``[screening]``: the texts of ``screening.toml``."""

    intro: Message | None = Field(default=None, description="Shown before the first question; only if given.")
    questions: dict[str, QuestionTexts] = Field(default={}, description="Questions keyed by their id.")
    rules: dict[str, RuleTexts] = Field(default={}, description="Rules keyed by their id.")


class PainCheckTexts(PackModel):
    """``[session.pain_check]``: the pain check's messages."""

    ok_message: Message | None = Field(default=None, description="After a rating below caution_from.")
    caution_message: Message | None = Field(default=None, description="After a rating in the caution band.")
    limit_message: Message | None = Field(default=None, description="After a rating above the limit.")
    soreness_question: Line | None = Field(default=None, description="Asked the next day after a caution rating.")
    soreness_advice: Message | None = Field(default=None, description="When the soreness had not settled.")


class SessionTexts(PackModel):
    """``[session]``: the texts of ``session.toml``."""

    pain_check: PainCheckTexts | None = Field(default=None, description="The pain check's messages.")


class TranslationFile(PackModel):
    """``translations/<tag>.toml``: the pack's texts in one more language, keyed by the pack's ids."""

    pack: ManifestTexts | None = Field(default=None, description="Texts of pack.toml.")
    clinic: ClinicTexts | None = Field(default=None, description="Texts of clinic.toml.")
    education: dict[str, EducationTexts] = Field(default={}, description="Education texts keyed by their id.")
    exercises: dict[str, ExerciseTexts] = Field(default={}, description="Exercises keyed by their id.")
    routines: dict[str, RoutineTexts] = Field(default={}, description="Routines keyed by their id.")
    screening: ScreeningTexts | None = Field(default=None, description="Texts of screening.toml.")
    session: SessionTexts | None = Field(default=None, description="Texts of session.toml.")
