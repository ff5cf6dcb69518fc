"""The JSON Schema of pack format v1, generated from the pydantic models in :mod:`solecheck.packs.models`.

Editors (taplo / Even Better TOML, VS Code, JetBrains) read these schemas to complete and check pack
files as they are typed. Pydantic writes JSON Schema 2020-12; editors' TOML tooling reads draft-07
best, so the output is draft-07: definitions live under ``definitions`` and a ``$ref`` never has
sibling keywords (draft-07 ignores them), it is wrapped in ``allOf`` instead.

Two shapes are offered:

- :func:`file_schema` – one schema per pack file (``exercises.toml`` …), to bind to that file;
- :func:`pack_schema` – one document for the whole pack: an object whose properties are the pack's
  file names, each holding that file's content, with every model under ``definitions``.

Editors show a schema's titles and descriptions to the author, so they are the author's words: each
model's title and description come from :data:`AUTHOR_WORDS` (its docstring, written for developers,
is only the fallback, with code quoting turned into plain quotes), and the per-key titles pydantic makes
from key names ("Duration S") are left out: the editor shows the key itself.

The committed copies in ``docs/schema/`` are written by :func:`write_schemas`
(``solecheck pack schema --write docs/schema``); a test fails when the models drift from them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic.json_schema import models_json_schema

from solecheck.packs.models import FORMAT_VERSION, OPTIONAL_FILES, PACK_FILES, PackModel
from solecheck.packs.translation_models import TranslationFile

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
PACK_FILE_NAMES: tuple[str, ...] = tuple(PACK_FILES)
"""Every file of a pack, in the order a pack is read."""
TRANSLATION_FILE = "translations/<tag>.toml"
"""How the schemas name a pack's translation files (``translations/fr.toml``, ``translations/fr-CA.toml``)."""
TRANSLATION_NAME_PATTERN = r"^translations/[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*\.toml$"
SCHEMA_FILES: dict[str, type[PackModel]] = {**PACK_FILES, TRANSLATION_FILE: TranslationFile}
"""Every kind of file a schema is published for, and the model that reads it."""

_REF_TEMPLATE = "#/definitions/{model}"

AUTHOR_WORDS: dict[str, tuple[str, str]] = {
    "Manifest": ("pack.toml", "Who the pack is, the format it is written in and the version of its content."),
    "Clinic": ("clinic.toml", "The clinic behind the pack, how to reach it, and when a person should."),
    "Location": (
        "Location",
        "One place the clinic can be reached. Only the name is required: leave out what you don't have "
        "rather than inventing it.",
    ),
    "EducationFile": ("education.toml", "Short titled texts shown in the app. The file is optional."),
    "EducationText": ("Education text", "A short titled text, such as why the routine starts at the foot."),
    "ExercisesFile": ("exercises.toml", "Every exercise the routines can use."),
    "Picture": (
        "Picture",
        "A PNG or JPEG in the pack's pictures/ folder, with the words that stand for it where it can't be seen.",
    ),
    "Exercise": (
        "Exercise",
        "One exercise: what to do, where on the body, with what, how much, and what to watch for.",
    ),
    "Dose": (
        "Dose",
        "How much of an exercise: a time (duration_s) or a number of repetitions (reps), optionally held, "
        "and repeated in sets with rest between them.",
    ),
    "DoseOverride": (
        "Dose change",
        "A routine's change to an exercise's dose: only the keys given replace the exercise's own.",
    ),
    "ScreeningFile": (
        "screening.toml",
        "The safety questions asked before a session and the rules that read the answers.",
    ),
    "Question": ("Screening question", "A safety question: yes/no, one choice among options, or a 0–10 scale."),
    "Option": ("Option", "One answer of a choice question."),
    "Schedule": (
        "Schedule",
        "How often a routine is prescribed: give exactly one of times_per_week (1–14 sessions a week) or days "
        "(the days of the week, mon … sun). The person's progress and adherence are measured against it.",
    ),
    "Condition": (
        "Condition",
        "A test on one earlier answer: give exactly one of equals, one_of, at_least or at_most (the last two "
        "for 0–10 scale questions).",
    ),
    "Rule": (
        "Screening rule",
        "Maps answers to an outcome: 'when' lists conditions and 'match' says whether all or any must hold. "
        "A 'modify' rule changes the routine (leaves exercises out, scales timed doses down); a 'stop' rule "
        "blocks sessions and points the person to the clinic.",
    ),
    "SessionFile": (
        "session.toml",
        "Pacing, the 0–10 pain check of guided sessions, and what must happen after a session stopped for "
        "pain. The file is optional.",
    ),
    "AfterPainStop": (
        "After a pain stop",
        "What must happen before the next session once one was stopped for pain above the limit: a new "
        "screening (the default), a wait of some hours, or contacting the clinic first.",
    ),
    "PainCheck": (
        "Pain check",
        "The 0–10 pain rating: below caution_from is fine, caution_from up to limit carries on with a "
        "caution, above limit pauses the session.",
    ),
    "RoutinesFile": ("routines.toml", "The routines a person can choose from."),
    "Routine": ("Routine", "A named, ordered list of exercises, run from the sole of the foot up to the spine."),
    "RoutineStep": ("Routine step", "One entry of a routine: an exercise, optionally with a different dose."),
    "TranslationFile": (
        "translations/<tag>.toml",
        "The pack's texts in one more language, named after it (translations/fr.toml), keyed by the ids the "
        "pack already has. Every key is optional: a text left out is shown in the pack's main language.",
    ),
    "ManifestTexts": ("Pack texts", "The name, summary and disclaimer of pack.toml, translated."),
    "ClinicTexts": ("Clinic texts", "The texts of clinic.toml, translated; locations keyed by their name."),
    "LocationTexts": ("Location texts", "One location's name, address and hours, translated."),
    "EducationTexts": ("Education text", "One education text's title and body, translated."),
    "ExerciseTexts": (
        "Exercise texts",
        "One exercise's texts, translated. Lists (steps, cues, cautions, equipment) item for item, as many as "
        "the exercise has.",
    ),
    "RoutineTexts": ("Routine texts", "One routine's title and description, translated."),
    "QuestionTexts": (
        "Question texts",
        "One screening question's texts, translated; options as option id = label.",
    ),
    "RuleTexts": ("Rule texts", "One screening rule's message, translated."),
    "ScreeningTexts": ("Screening texts", "The texts of screening.toml, translated: questions and rules by id."),
    "SessionTexts": ("Session texts", "The texts of session.toml, translated."),
    "PainCheckTexts": ("Pain check texts", "The pain check's messages and soreness question, translated."),
}
"""Each model's title and description as the schema shows them to an author in an editor."""


def _plain_words(text: str) -> str:
    """A developer docstring as an author reads it: ````key```` quoted as 'key', paragraphs on one line."""
    text = re.sub(r"``([^`]+)``", r"'\1'", text)
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n"))


def _author_facing(definitions: dict[str, Any]) -> dict[str, Any]:
    """``definitions`` with author titles and descriptions, and without pydantic's per-key titles."""
    for name, body in definitions.items():
        title, description = AUTHOR_WORDS.get(name, (body.get("title", name), body.get("description", "")))
        body["title"] = title
        if description:
            body["description"] = _plain_words(description)
        for field in body.get("properties", {}).values():
            field.pop("title", None)
    return definitions


def pack_schema_filename() -> str:
    """``pack-v1.schema.json``: the whole-pack schema's file name."""
    return f"pack-v{FORMAT_VERSION}.schema.json"


def file_schema_filename(name: str) -> str:
    """``v1/exercises.schema.json`` for ``exercises.toml`` (``v1/translation.schema.json`` for
    :data:`TRANSLATION_FILE`): a file schema's path under the schema folder."""
    stem = "translation" if name == TRANSLATION_FILE else Path(name).stem
    return f"v{FORMAT_VERSION}/{stem}.schema.json"


def _draft07(node: Any) -> Any:
    """Rewrite a pydantic (2020-12) schema fragment so draft-07 readers see all of it."""
    if isinstance(node, list):
        return [_draft07(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {("definitions" if key == "$defs" else key): _draft07(value) for key, value in node.items()}
    if "$ref" in out and len(out) > 1:
        ref = out.pop("$ref")
        out = {"allOf": [{"$ref": ref}], **out}
    return out


def _generate(names: tuple[str, ...]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The top-level ``$ref`` of each named file and the shared definitions."""
    models = [(SCHEMA_FILES[name], "validation") for name in names]
    refs, document = models_json_schema(models, ref_template=_REF_TEMPLATE)  # type: ignore[arg-type]
    by_file = {name: refs[(SCHEMA_FILES[name], "validation")] for name in names}
    return by_file, _author_facing(_draft07(document.get("$defs", {})))


def file_schema(name: str) -> dict[str, Any]:
    """The draft-07 schema of one pack file, e.g. ``file_schema("exercises.toml")``.

    Raises :class:`KeyError` for a name that is not a pack file (see :data:`SCHEMA_FILES`)."""
    if name not in SCHEMA_FILES:
        raise KeyError(name)
    refs, definitions = _generate((name,))
    model_name = refs[name]["$ref"].rsplit("/", 1)[-1]
    body = definitions.pop(model_name)
    document: dict[str, Any] = {"$schema": DRAFT_07, **body}
    document["title"] = f"{name} (solecheck pack format {FORMAT_VERSION})"
    if definitions:
        document["definitions"] = definitions
    return document


def pack_schema() -> dict[str, Any]:
    """One draft-07 schema for a whole pack: an object keyed by file name (``pack.toml``,
    ``exercises.toml`` …) whose values are the files' contents, with every model in ``definitions``."""
    refs, definitions = _generate((*PACK_FILE_NAMES, TRANSLATION_FILE))
    translation = refs.pop(TRANSLATION_FILE)
    return {
        "$schema": DRAFT_07,
        "title": f"solecheck content pack, format {FORMAT_VERSION}",
        "description": (
            "A pack is a folder of TOML files. Each property below is one file, named as in the folder, "
            "holding that file's content; translations/<tag>.toml hold its translations. To check a single "
            "file in an editor, use the per-file schemas."
        ),
        "type": "object",
        "properties": refs,
        "patternProperties": {TRANSLATION_NAME_PATTERN: translation},
        "required": [name for name in PACK_FILE_NAMES if name not in OPTIONAL_FILES],
        "additionalProperties": False,
        "definitions": definitions,
    }


def render(document: dict[str, Any]) -> str:
    """A schema as committed: indented JSON with a final newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every schema file's text, keyed by its path relative to the schema folder."""
    files = {pack_schema_filename(): render(pack_schema())}
    files.update({file_schema_filename(name): render(file_schema(name)) for name in SCHEMA_FILES})
    return files


def write_schemas(directory: str | Path) -> list[Path]:
    """Write the whole-pack schema and one schema per file under ``directory``; returns the paths written."""
    directory = Path(directory)
    written = []
    for relative, text in schema_files().items():
        target = directory / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        written.append(target)
    return written
