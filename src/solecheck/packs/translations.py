"""A pack's texts in one of its languages: which languages a pack has, and the pack shown in one of them.

Every text a person reads has a *key*: the path of ids and field names that names it in a translation
file, e.g. ``("exercises", "plantar-roll", "steps")`` or ``("screening", "questions", "floor",
"options", "easily")``; the pictures' alt texts of an exercise or education text are one list,
``("exercises", "sole-roll", "pictures_alt")``, picture for picture. :func:`pack_texts` lists a pack's
texts by key, :func:`translated_texts` a translation file's; the overlay (:func:`in_language`), ``pack
lint``'s list of untranslated texts (:func:`untranslated`) and the loader's checks all work on those
keys, so they agree on what a text is.

Fallback is per text: a text the translation leaves out is shown in the pack's main language. The
screening's digest stays the main language's, so a screening taken in one language holds in another.
UI-free and pure; the overlay is built once per pack and language and kept on the pack.
"""

from __future__ import annotations

import typing
from collections.abc import Iterator, Mapping
from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from solecheck.i18n import chosen_language
from solecheck.packs.models import Picture
from solecheck.packs.pack import Pack
from solecheck.packs.translation_models import (
    PICTURES_ALT,
    ClinicTexts,
    EducationTexts,
    ExerciseTexts,
    LocationTexts,
    ManifestTexts,
    PainCheckTexts,
    QuestionTexts,
    RoutineTexts,
    RuleTexts,
    TranslationFile,
)

TextKey = tuple[str, ...]
"""Where a text sits in a translation file: ``("routines", "foot-to-spine", "title")``."""
TextValue = str | tuple[str, ...]
"""A text: one string, or a list translated item for item (an exercise's steps)."""


def _text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The fields of a ``…Texts`` model that hold texts the pack's item has under the same name (not the
    tables of nested items, nor the pictures' alt texts, which sit inside the item's pictures)."""
    return tuple(
        name
        for name, info in model.model_fields.items()
        if typing.get_origin(info.annotation) is not dict and name != PICTURES_ALT
    )


_MANIFEST = _text_fields(ManifestTexts)
_CLINIC = _text_fields(ClinicTexts)
_LOCATION = _text_fields(LocationTexts)
_EDUCATION = _text_fields(EducationTexts)
_EXERCISE = _text_fields(ExerciseTexts)
_ROUTINE = _text_fields(RoutineTexts)
_QUESTION = _text_fields(QuestionTexts)
_RULE = _text_fields(RuleTexts)
_PAIN_CHECK = _text_fields(PainCheckTexts)


def _fields(model: BaseModel, prefix: TextKey, names: tuple[str, ...]) -> Iterator[tuple[TextKey, TextValue]]:
    for name in names:
        value = getattr(model, name)
        if isinstance(value, str):
            yield (*prefix, name), value
        elif isinstance(value, list | tuple) and value:
            yield (*prefix, name), tuple(value)


def _alt_texts(pictures: list[Picture], prefix: TextKey) -> Iterator[tuple[TextKey, TextValue]]:
    if pictures:
        yield (*prefix, PICTURES_ALT), tuple(picture.alt for picture in pictures)


def pack_texts(pack: Pack) -> dict[TextKey, TextValue]:
    """Every text of ``pack`` a person reads, by key, in reading order (pack files' order)."""
    texts: dict[TextKey, TextValue] = {}
    texts.update(_fields(pack.manifest, ("pack",), _MANIFEST))
    texts.update(_fields(pack.clinic, ("clinic",), _CLINIC))
    for location in pack.clinic.locations:
        texts.update(_fields(location, ("clinic", "locations", location.name), _LOCATION))
    for text in pack.education:
        texts.update(_fields(text, ("education", text.id), _EDUCATION))
        texts.update(_alt_texts(text.pictures, ("education", text.id)))
    for exercise in pack.exercises:
        texts.update(_fields(exercise, ("exercises", exercise.id), _EXERCISE))
        texts.update(_alt_texts(exercise.pictures, ("exercises", exercise.id)))
    if pack.screening.intro is not None:
        texts[("screening", "intro")] = pack.screening.intro
    for question in pack.screening.questions:
        texts.update(_fields(question, ("screening", "questions", question.id), _QUESTION))
        for option in question.options or ():
            texts[("screening", "questions", question.id, "options", option.id)] = option.label
    for rule in pack.screening.rules:
        texts.update(_fields(rule, ("screening", "rules", rule.id), _RULE))
    texts.update(_fields(pack.session.pain_check, ("session", "pain_check"), _PAIN_CHECK))
    for routine in pack.routines:
        texts.update(_fields(routine, ("routines", routine.id), _ROUTINE))
    return texts


def translated_texts(translation: TranslationFile) -> dict[TextKey, TextValue]:
    """Every text a translation file gives, by key."""
    found: dict[TextKey, TextValue] = {}

    def walk(prefix: TextKey, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk((*prefix, str(key)), inner)
        elif isinstance(value, str):
            found[prefix] = value
        elif isinstance(value, list):
            found[prefix] = tuple(value)

    walk((), translation.model_dump(exclude_none=True))
    return found


def pack_languages(pack: Pack) -> tuple[str, ...]:
    """The languages ``pack`` has its texts in: its main language first, then its translations' tags in
    alphabetical order (``("en-CA", "es", "fr")``). Feed it to :func:`solecheck.i18n.choose_language`."""
    return (pack.manifest.language, *sorted(pack.translations, key=str.casefold))


def matching_language(pack: Pack, language: str) -> str:
    """The one of ``pack``'s languages that best serves ``language``: the same tag (case aside), else the
    same primary language (``fr`` takes ``fr-CA`` and ``fr-CA`` takes ``fr``; the main language first),
    else the main language."""
    offered = pack_languages(pack)
    wanted = language.replace("_", "-").casefold()
    for tag in offered:
        if tag.casefold() == wanted:
            return tag
    primary = wanted.split("-")[0]
    for tag in offered:
        if tag.split("-")[0].casefold() == primary:
            return tag
    return offered[0]


def in_language(pack: Pack, language: str) -> Pack:
    """``pack`` with its texts in ``language`` where it has them (see :func:`matching_language`), each text
    it leaves out in the main language. Ids, doses, rules and digests are the pack's own; the result's
    :attr:`Pack.language` says which language it shows. Built once per pack and language."""
    tag = matching_language(pack, language)
    if tag == pack.language:
        return pack
    if tag == pack.manifest.language:
        return pack.original
    original = pack.original
    cached = original._lookups.get("languages", {}).get(tag)
    if isinstance(cached, Pack):
        return cached
    shown = _overlay(original, tag, translated_texts(original.translations[tag]))
    original._lookups.setdefault("languages", {})[tag] = shown
    return shown


def in_active_language(pack: Pack) -> Pack:
    """``pack`` in the language chosen for this run (:func:`solecheck.i18n.chosen_language`), as
    :func:`in_language` gives it: what the app and the line mode show."""
    return in_language(pack, chosen_language())


def _copy(model: Any, prefix: TextKey, names: tuple[str, ...], texts: Mapping[TextKey, TextValue]) -> Any:
    changes: dict[str, Any] = {name: _value(texts[(*prefix, name)]) for name in names if (*prefix, name) in texts}
    alts = texts.get((*prefix, PICTURES_ALT))
    if isinstance(alts, tuple) and len(alts) == len(getattr(model, "pictures", ())):
        changes["pictures"] = [p.model_copy(update={"alt": alt}) for p, alt in zip(model.pictures, alts, strict=True)]
    return model.model_copy(update=changes) if changes else model


def _value(value: TextValue) -> str | list[str]:
    return value if isinstance(value, str) else list(value)


def _overlay(pack: Pack, tag: str, texts: Mapping[TextKey, TextValue]) -> Pack:
    clinic = _copy(pack.clinic, ("clinic",), _CLINIC, texts)
    locations = [_copy(loc, ("clinic", "locations", loc.name), _LOCATION, texts) for loc in pack.clinic.locations]
    if locations != list(pack.clinic.locations):
        clinic = clinic.model_copy(update={"locations": locations})
    questions = []
    for question in pack.screening.questions:
        prefix = ("screening", "questions", question.id)
        shown = _copy(question, prefix, _QUESTION, texts)
        if question.options:
            labels = {o.id: texts[key] for o in question.options if (key := (*prefix, "options", o.id)) in texts}
            options = [o.model_copy(update={"label": labels[o.id]}) if o.id in labels else o for o in question.options]
            shown = shown.model_copy(update={"options": options})
        questions.append(shown)
    rules = [_copy(rule, ("screening", "rules", rule.id), _RULE, texts) for rule in pack.screening.rules]
    screening = _copy(pack.screening, ("screening",), ("intro",), texts)
    screening = screening.model_copy(update={"questions": questions, "rules": rules})
    pain_check = _copy(pack.session.pain_check, ("session", "pain_check"), _PAIN_CHECK, texts)
    shown = replace(
        pack,
        manifest=_copy(pack.manifest, ("pack",), _MANIFEST, texts),
        clinic=clinic,
        education=tuple(_copy(t, ("education", t.id), _EDUCATION, texts) for t in pack.education),
        exercises=tuple(_copy(e, ("exercises", e.id), _EXERCISE, texts) for e in pack.exercises),
        screening=screening,
        session=pack.session.model_copy(update={"pain_check": pain_check}),
        routines=tuple(_copy(r, ("routines", r.id), _ROUTINE, texts) for r in pack.routines),
        shown_language=tag,
        base=pack,
        _lookups={},
    )
    return shown


def untranslated(pack: Pack) -> dict[str, list[TextKey]]:
    """For each translation of ``pack`` (by tag), the keys of the pack's texts it leaves out, in reading
    order. Texts a translation gives for keys the pack no longer has are errors of the loader."""
    texts = list(pack_texts(pack.original))
    found: dict[str, list[TextKey]] = {}
    for tag in pack_languages(pack)[1:]:
        given = translated_texts(pack.translations[tag])
        found[tag] = [key for key in texts if key not in given]
    return found


def format_key(key: TextKey) -> str:
    """``exercises.plantar-roll.steps``: a key as the translation file's tables spell it."""
    return ".".join(part if _bare(part) else f'"{part}"' for part in key)


def _bare(part: str) -> bool:
    return bool(part) and all(c.isascii() and (c.isalnum() or c in "-_") for c in part)
