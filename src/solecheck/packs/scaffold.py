"""Write a starter pack: every file of the format, every field explained by a comment.

The starter is text, not a dump of models, so its comments survive: a clinic edits it by hand from
then on, and solecheck never writes to it again. The values an author passes in (id, name, clinic)
are written as TOML strings by ``tomli_w``, never pasted into the text, so quotes, backslashes and
newlines can't break the file. Each file starts with a ``#:schema`` line pointing at a copy of the
JSON Schema kept beside the pack (``.schema/``), so TOML editors (taplo, Even Better TOML) complete and
check keys offline.

The starter also holds ``translations/fr.toml.example``: a commented example of a translation file. Its
name keeps it out of the pack until the author renames it to ``fr.toml`` (or another language's tag).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import tomli_w
from pydantic import TypeAdapter, ValidationError

from solecheck.packs.models import Clinic, Manifest
from solecheck.packs.schema import TRANSLATION_FILE, file_schema_filename, write_schemas

SCHEMA_FOLDER = ".schema"
"""Folder inside a starter pack holding one JSON Schema per pack file."""
EXAMPLE_TRANSLATION = "translations/fr.toml.example"
"""The starter's example translation: renamed to ``translations/fr.toml``, it becomes part of the pack."""

DEFAULT_NAME = "Foot first"
DEFAULT_CLINIC = "Your clinic"
DEFAULT_ID = "my-clinic.foot-first"


class ScaffoldError(ValueError):
    """The starter pack can't be written: the folder is not empty, or a value is not allowed."""


@dataclass(frozen=True)
class StarterValues:
    """What the author chose for the starter pack; checked against the pack format before writing."""

    pack_id: str = DEFAULT_ID
    name: str = DEFAULT_NAME
    clinic: str = DEFAULT_CLINIC


def toml_string(value: str) -> str:
    """``value`` as a TOML basic string literal, escaped by ``tomli_w`` (round-trips through tomllib)."""
    line = tomli_w.dumps({"v": value})
    return line[line.index("=") + 1 :].strip()


def id_from_folder(folder: Path) -> str:
    """A pack id made from a folder name (``My Clinic`` → ``my-clinic.foot-first``), or the default."""
    slug = re.sub(r"[^a-z0-9]+", "-", folder.name.lower()).strip("-")
    return f"{slug}.foot-first" if slug else DEFAULT_ID


def check_values(values: StarterValues) -> None:
    """Raise :class:`ScaffoldError` naming the option whose value the pack format would reject."""
    checks = (
        ("--id", Manifest, "id", values.pack_id),
        ("--name", Manifest, "name", values.name),
        ("--clinic", Clinic, "name", values.clinic),
    )
    for option, model, field_name, value in checks:
        field = model.model_fields[field_name]
        adapter: TypeAdapter[Any] = TypeAdapter(Annotated[(field.annotation, *field.metadata)])  # type: ignore[arg-type]
        try:
            adapter.validate_python(value)
        except ValidationError as error:
            reason = str(error.errors()[0]["msg"]).removeprefix("Value error, ")
            if "\n" in value or "\r" in value:
                reason = "it must be a single line"
            elif option == "--id":
                reason = "use lowercase letters, digits and '-', in dot-separated parts, e.g. my-clinic.foot-first"
            raise ScaffoldError(f"{option} {value!r} can't be used: {reason}") from None


def starter_files(values: StarterValues) -> dict[str, str]:
    """The text of every file of the starter pack, keyed by file name."""
    check_values(values)
    replacements = {
        "@ID@": toml_string(values.pack_id),
        "@NAME@": toml_string(values.name),
        "@CLINIC@": toml_string(values.clinic),
    }
    files: dict[str, str] = {}
    for name, template in _TEMPLATES.items():
        text = template
        for marker, literal in replacements.items():
            text = text.replace(marker, literal)
        files[name] = f"#:schema ./{SCHEMA_FOLDER}/{file_schema_filename(name)}\n{text.lstrip()}"
    schema = file_schema_filename(TRANSLATION_FILE)
    files[EXAMPLE_TRANSLATION] = f"#:schema ../{SCHEMA_FOLDER}/{schema}\n{_TRANSLATION.lstrip()}"
    return files


def write_starter_pack(folder: Path, values: StarterValues) -> list[Path]:
    """Write the starter pack and its schemas into ``folder`` (created if missing; must be empty).

    Returns the files written. Raises :class:`ScaffoldError` without writing anything when the folder
    holds anything already or a value is not allowed."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise ScaffoldError(f"{folder} is not empty; choose a new folder so no file of yours is overwritten")
    files = starter_files(values)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(exist_ok=True)
        with path.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        written.append(path)
    written += write_schemas(folder / SCHEMA_FOLDER)
    return written


_PACK = '''
# pack.toml: who this pack is. Every pack has it.
# Lines starting with # are comments; solecheck ignores them. Keep them or delete them.
# The first line tells TOML editors where the schema is, so they can complete and check keys.

# The pack format these files are written in. This version of solecheck reads format 1.
format = 1

# A stable identifier: lowercase letters, digits and '-', in dot-separated parts. History is kept
# under it, so never change it once people use the pack.
id = @ID@

# The version of this content, MAJOR.MINOR.PATCH. Raise it every time you ship a change:
# PATCH for wording, MINOR for additions, MAJOR when you rename or remove exercises or questions.
version = "0.1.0"

# The name people see (one line, up to 80 characters).
name = @NAME@

# The language of every text in the pack, as a BCP 47 tag such as "en", "en-CA" or "fr-CA".
language = "en"

# One sentence saying what the routine is for.
summary = "Loosen the sole of the foot first, then stretch up the leg."

# Who wrote the content: people, the clinic, or both (1 to 20 names).
authors = [@CLINIC@]

# Shown on the home screen. Say plainly that the guidance is general and may not suit everyone.
disclaimer = """
This routine is general guidance and may not suit everyone. It does not replace an assessment. \\
If you are unsure whether it is right for you, contact the clinic before you start."""

# The routine offered first: an id from routines.toml. Leave it out to offer the first routine.
default_routine = "foot-to-spine"
'''

_CLINIC = """
# clinic.toml: the clinic behind the pack, shown on the clinic panel and whenever a person is told
# to get advice. Fill in only details your clinic publishes; leave out what you don't have.

# The clinic's name (one line).
name = @CLINIC@

# When a person should contact you. Shown next to your contact details (up to 800 characters).
contact_note = "If you are unsure whether this routine suits you, or something hurts more than it should, contact us."

# How to book, in words (optional, one line).
# booking_note = "Book online or call the front desk."

# One [[locations]] table per place people can reach you. Only name is required.
# Give at least one of address, phone, email or booking_url: `solecheck pack lint` reminds you.
[[locations]]
name = @CLINIC@
# address = "12 Example Street, Town"      # one line
# phone = "+1 555 0100"                    # 3–30 digits, spaces and + - ( ) . characters
# email = "front-desk@example.org"
# booking_url = "https://example.org/book" # http:// or https://
# hours = "Monday to Friday, 8:00 to 18:00"
"""

_EDUCATION = '''
# education.toml (optional): short texts the app shows to explain the routine.
# Each [[texts]] table is one text.

[[texts]]
# A unique id: lowercase letters, digits, '-' and '_'.
id = "why-the-foot"
# A short title (one line, up to 80 characters).
title = "Why start with the sole of the foot"
# The text itself: a paragraph or a few (up to 3000 characters). A trailing \\ joins lines.
body = """
The sole of the foot holds several layers of small muscles that are hard to stretch. \\
Pressing them into a ball relaxes them, and the rest of the routine starts from looser feet."""
# Pictures (optional, up to 4), shown with the text: see the exercises file.
# pictures = [{ file = "pictures/sole-areas.png", alt = "The sole of a foot, heel bone marked." }]
'''

_EXERCISES = """
# exercises.toml: every exercise the routines can use. Each [[exercises]] table is one exercise.
# Doses here are starting points for you to adjust.

[[exercises]]
# A unique id: lowercase letters, digits, '-' and '_'. Routines and rules refer to it.
# Keep it when you reword the exercise; history is kept by id.
id = "sole-ball-roll"
# The title people see (one line, up to 80 characters).
title = "Sole roll on a ball"
# Where on the body, from the foot up: foot_sole, ankle, calf, shin, knee, thigh, hip, lower_back,
# spine. Routines should run in this order.
region = "foot_sole"
# One optional sentence under the title.
summary = "Relax the small muscles of the sole by pressing it into a ball."
# What is needed (optional, up to 10 items).
equipment = ["A golf ball or a lacrosse ball"]
# "both" runs the exercise on the left side, then the right; "left" or "right" runs a one-sided
# exercise on that side only; "none" runs it once.
sides = "both"
# Ask for a pain rating (0 to 10) after this exercise. Always asked after foot-sole work.
pain_check = true
# Labels screening rules can use to skip a group of exercises (optional).
tags = ["foot"]
# What to do, one sentence per step (1 to 20 steps).
steps = [
  "Sit with a ball under one foot.",
  "Press the sole into the ball and roll it slowly from the ball of the foot to the arch.",
  "Pause on tender spots until they soften, then change feet when the time is up.",
]
# Tips shown during the exercise (optional).
cues = ["Press as firmly as a good massage, no harder."]
# What to watch out for (optional). For the sole, say to stay off the heel.
cautions = ["Keep the ball off the heel bone: pressing hard there can irritate the plantar fascia."]
# How much: exactly one of duration_s (seconds) or reps; optionally hold_s, sets and rest_s
# (seconds between sets).
dose = { duration_s = 60 }
# Pictures (optional, up to 4): PNG or JPEG files in this pack's pictures/ folder (at most 1 MiB and
# 2000 x 2000 pixels each), each with alt text: one sentence saying what it shows, for screen readers
# and wherever the picture can't be drawn. The first one is shown during the session.
# pictures = [{ file = "pictures/sole-roll.png", alt = "A foot resting on a ball under its ball." }]

[[exercises]]
id = "calf-wall-stretch"
title = "Calf stretch at a wall"
region = "calf"
equipment = ["A wall"]
sides = "both"
tags = ["standing"]
steps = [
  "Stand facing a wall with your hands on it.",
  "Step one foot back, heel down, and lean in until the back calf stretches.",
  "Hold and breathe slowly.",
]
cautions = ["Ease off if the Achilles tendon or the heel hurts."]
dose = { duration_s = 30, sets = 2, rest_s = 10 }
"""

_SCREENING = """
# screening.toml: safety questions asked before a session, and the rules that read the answers.

# How many days a screening holds before it is asked again; 0 means before every session.
valid_for_days = 7
# How long answers to questions about today (about_today = true) hold, in hours (1 to 48). Left
# out: until the end of the local day they were given.
# today_hours = 12

# Shown before the first question (optional).
intro = "A few questions to check that this routine suits you today."

# Each [[questions]] table is one question, asked in this order.
[[questions]]
# A unique id. Rules and show_if refer to it.
id = "recent-injury"
# "yes_no", "choice" (give options) or "scale" (0 to 10).
kind = "yes_no"
# The question (one line).
text = "Do you have a painful foot injury that came on recently?"
# Extra explanation under the question (optional).
help = "For example a sprain, a fracture or a foot that is suddenly swollen."

[[questions]]
id = "pain-today"
kind = "yes_no"
text = "Do you have any pain in your feet or legs today?"
# About today: the answer holds for today only, then just these questions are asked again.
about_today = true

[[questions]]
id = "pain-level"
kind = "scale"
text = "How strong is that pain right now?"
# Labels for the two ends of a scale question (optional).
scale_low_label = "No pain"
scale_high_label = "Worst imaginable"
# Ask only when every condition holds; conditions test earlier answers.
show_if = [{ question = "pain-today", equals = true }]
about_today = true

# A choice question lists its options:
# [[questions]]
# id = "floor"
# kind = "choice"
# text = "Can you get down onto the floor and back up comfortably?"
# options = [{ id = "yes", label = "Yes" }, { id = "no", label = "No" }]

# Each [[rules]] table maps answers to an outcome: "proceed", "modify" or "stop".
[[rules]]
id = "stop-recent-injury"
# Conditions on answers: each gives exactly one of equals, one_of (choice options),
# at_least or at_most (scale questions).
when = [{ question = "recent-injury", equals = true }]
# "all" (the default) fires when every condition holds, "any" when one does.
match = "all"
# "stop" blocks the session and points the person to the clinic.
outcome = "stop"
# What the person is told (up to 800 characters).
message = "A recent, painful injury needs to be seen first. Please contact the clinic instead of doing this routine."

[[rules]]
id = "stop-high-pain"
when = [{ question = "pain-level", at_least = 7 }]
outcome = "stop"
message = "Your pain is already high. Rest today and contact the clinic if it does not settle."

[[rules]]
id = "gentler-with-pain"
when = [{ question = "pain-level", at_least = 3 }, { question = "pain-level", at_most = 6 }]
# A "modify" rule changes the routine: dose_factor (above 0, at most 1; 0.5 halves, 0.75 makes 60 s
# into 45 s) scales timed doses down, never below 5 s;
# skip_exercises = ["id", ...] and skip_tags = ["tag", ...] leave exercises out.
outcome = "modify"
dose_factor = 0.5
message = "Because you have some pain today, every timed step is halved. Go gently."
"""

_SESSION = """
# session.toml (optional): pacing and the pain check of guided sessions.

# Seconds of "get ready" before each exercise (0 to 60).
get_ready_s = 5

# The pain check, on a 0 to 10 scale: below caution_from is fine, from caution_from up to limit
# asks the person to go gently, above limit pauses the session. limit must be below 10.
[pain_check]
caution_from = 4
limit = 5
# What the person is told in each band.
ok_message = "Good. Carry on at a comfortable pace."
caution_message = "Some discomfort is acceptable. Go gently and keep an eye on it."
limit_message = "That is more pain than this routine should cause. Stop here and contact the clinic."
# Asked at the start of the next session, and the advice given when soreness lasted.
soreness_question = "After your last session, had any soreness settled by the next morning?"
soreness_advice = "Soreness that lasts into the next morning means the last session was too much. Ease off today."
# The soreness question is asked on a later local day, and at least this many hours after the session.
soreness_min_hours = 0

# After a session stopped for pain above the limit: "screening" (a new screening first), "wait"
# (no session for wait_hours) or "clinic" (contact the clinic first, then a new screening).
[after_pain_stop]
require = "screening"
wait_hours = 24
"""

_ROUTINES = """
# routines.toml: named, ordered lists of exercises. Each [[routines]] table is one routine.
# Start at the sole of the foot and work up the leg towards the spine.

[[routines]]
# A unique id; pack.toml's default_routine may name it.
id = "foot-to-spine"
# The title people see (one line).
title = "Foot to spine"
# A few words about the routine (optional).
description = "Loosen both soles, then stretch the calves."
# How often it is prescribed (optional): sessions a week, 1-14, or the days of the week, e.g.
# schedule = { days = ["mon", "wed", "fri"] }. The app shows progress against it ("2 of 5 this week"),
# the progress report measures adherence against it, and `solecheck reminders` puts it in a calendar.
# schedule = { times_per_week = 5 }
# The exercises in order, by id. A step may change the dose just for this routine, e.g.
# { exercise = "sole-ball-roll", dose = { duration_s = 90 } }: only the keys given change
# (duration_s or reps, hold_s, sets, rest_s).
steps = [
  { exercise = "sole-ball-roll" },
  { exercise = "calf-wall-stretch" },
]
"""

_TRANSLATION = """
# An example translation. Rename this file to fr.toml (or es.toml, fr-CA.toml: the language's BCP 47
# tag) and it becomes part of the pack: the app then shows these texts to people whose language it is.
# Every text sits under the id it has in the pack files. Leave a text out and it is shown in the pack's
# main language (pack.toml: language); 'solecheck pack lint' lists what is not translated yet.
# Lists (steps, cues, cautions, equipment, pictures_alt) are translated whole, item for item, in the
# same order.
# Only texts are translated: ids, doses, rules and settings come from the pack files.

# pack.toml
[pack]
summary = "Détendez d'abord la plante du pied, puis étirez la jambe en remontant."

# routines.toml, by routine id
[routines.foot-to-spine]
title = "Des pieds au dos"
description = "Détendez les deux plantes de pied, puis étirez les mollets."

# exercises.toml, by exercise id
[exercises.sole-ball-roll]
title = "Rouler la plante du pied sur une balle"
steps = [
  "Assoyez-vous, une balle sous un pied.",
  "Appuyez la plante sur la balle et faites-la rouler lentement de l'avant du pied vers la voûte.",
  "Arrêtez-vous sur les points sensibles jusqu'à ce qu'ils se relâchent, puis changez de pied à la fin du temps.",
]
# Pictures keep their files; their alt texts are a list too, one per picture in the exercise's order:
# pictures_alt = ["Un pied posé sur une balle, sous l'avant du pied."]

# screening.toml: questions and rules by id; a choice question's options as  option-id = "label"
[screening.questions.pain-level]
text = "Quelle est l'intensité de cette douleur en ce moment ?"
scale_low_label = "Aucune douleur"
scale_high_label = "La pire imaginable"

[screening.rules.stop-high-pain]
message = "Votre douleur est déjà forte. Reposez-vous aujourd'hui et contactez la clinique si elle ne se calme pas."

# session.toml's pain check messages go under [session.pain_check], the clinic's texts under [clinic]
# (a location's under [clinic.locations."Its name"]), education texts under [education.<id>].
"""

_TEMPLATES: dict[str, str] = {
    "pack.toml": _PACK,
    "clinic.toml": _CLINIC,
    "education.toml": _EDUCATION,
    "exercises.toml": _EXERCISES,
    "screening.toml": _SCREENING,
    "session.toml": _SESSION,
    "routines.toml": _ROUTINES,
}
