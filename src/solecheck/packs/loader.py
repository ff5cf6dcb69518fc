"""Read a pack folder into a :class:`Pack`, collecting every problem with its file, line and key path.

``check_pack`` never raises for a bad pack: it returns the diagnostics. ``load_pack`` raises
:class:`PackError` carrying all of them when the pack has errors.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from solecheck.i18n import N_, _
from solecheck.packs.checks import PackParts, cross_check
from solecheck.packs.content import digest_of_hashes, sha256
from solecheck.packs.diagnostics import Diagnostic, PackError
from solecheck.packs.files import TRANSLATIONS_DIR, PackFiles, find_pack_files, translation_file_names
from solecheck.packs.files import decode as decode_pack_file
from solecheck.packs.locate import LineIndex, format_path
from solecheck.packs.models import (
    FORMAT_VERSION,
    OPTIONAL_FILES,
    PACK_FILES,
    Clinic,
    EducationFile,
    EducationText,
    Exercise,
    ExercisesFile,
    Manifest,
    PackModel,
    Question,
    Routine,
    RoutinesFile,
    Rule,
    ScreeningFile,
    SessionFile,
)
from solecheck.packs.pack import Pack
from solecheck.packs.pictures import check_pack_pictures
from solecheck.packs.translation_checks import check_language, check_texts
from solecheck.packs.translation_models import (
    MAX_TRANSLATIONS,
    TranslationFile,
    is_translation_name,
    translation_name,
    translation_tag,
)
from solecheck.packs.translations import pack_texts, translated_texts

MAX_FILE_BYTES = 5 * 1024 * 1024
_SLUG = re.compile(r"[a-z0-9][a-z0-9_-]*")

# Lists of items that are checked one by one when their file has errors, so valid items still take
# part in the cross-reference checks.
_ITEM_LISTS: dict[str, dict[str, type[PackModel]]] = {
    "education.toml": {"texts": EducationText},
    "exercises.toml": {"exercises": Exercise},
    "screening.toml": {"questions": Question, "rules": Rule},
    "routines.toml": {"routines": Routine},
}

_PATTERN_HINTS = {
    "id": N_("a lowercase id of letters, digits, '-' and '_', starting with a letter or digit"),
    "exercise": N_("a lowercase exercise id"),
    "question": N_("a lowercase question id"),
    "version": N_("a SemVer version such as 1.0.0"),
    "language": N_("a BCP 47 language tag such as en or en-CA"),
    "phone": N_("a phone number of 3–30 digits, spaces and + - ( ) . characters"),
    "email": N_("an email address"),
    "booking_url": N_("an http:// or https:// address"),
    "equals": N_("true, false, a number, or a lowercase option id"),
    "one_of": N_("a lowercase option id"),
    "skip_exercises": N_("a lowercase exercise id"),
    "skip_tags": N_("a lowercase tag"),
    "tags": N_("a lowercase tag of letters, digits, '-' and '_'"),
    "default_routine": N_("a lowercase routine id"),
}

_TYPE_WORDS = {
    "boolean": N_("true or false"),
    "integer": N_("a whole number"),
    "string": N_("text"),
    "number": N_("a number"),
}


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class found by following ``loc`` from ``model`` (to suggest key names)."""
    current: Any = model
    keyed = False
    for part in loc:
        if isinstance(part, int):
            continue
        if keyed:  # the key of a table keyed by ids (a translation's exercises): the model is its value's
            keyed = False
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
        keyed = _is_keyed(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _is_keyed(annotation: Any) -> bool:
    """Whether a field holds a table keyed by ids (``dict[str, Model]``), directly or as a union member."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _is_keyed(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_is_keyed(arg) for arg in typing.get_args(annotation))
    return origin is dict


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
    if origin is dict:
        return _inner_model(typing.get_args(annotation)[1])
    if origin in (list, tuple, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if isinstance(found, type) and issubclass(found, BaseModel):
                return found
        return None
    return annotation


def _message(error: Any, model: type[BaseModel]) -> str:
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), names, n=1, cutoff=0.6)
        if close:
            return _("unknown key; did you mean '{key}'?").format(key=close[0])
        if names:
            return _("unknown key; known keys: {keys}").format(keys=", ".join(names))
        return _("unknown key")
    if kind == "missing":
        return _("is required but missing")
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return _("must not be empty")
    if kind == "string_pattern_mismatch":
        key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        hint = _(_PATTERN_HINTS.get(key, N_("text of the expected form")))
        return _("{value!r} is not {hint}").format(value=value, hint=hint)
    if kind == "literal_error":
        choices = str(error["msg"]).replace("Input should be ", "")
        return _("{value!r} is not allowed; use {choices}").format(value=value, choices=choices)
    message = str(error["msg"])
    message = re.sub(r"^Value error, ", "", message)
    message = re.sub(r"^Input should be", "must be", message)
    message = re.sub(r"^String should", "must", message)
    message = re.sub(r"^List should", "must", message)
    if kind.endswith("_type") and value is not None:
        message += _(", not {kind} {value!r}").format(kind=type(value).__name__, value=value)[:120]
    return message


def _key_loc(model: type[BaseModel], loc: Sequence[int | str]) -> tuple[tuple[int | str, ...], bool]:
    """``loc`` without the union-member tags pydantic adds (``equals.bool``, ``equals.int``), and
    whether any were dropped: an author's key path holds keys and indexes only."""
    kept: list[int | str] = []
    current: Any = model
    dropped = False
    keyed = False
    for part in loc:
        if isinstance(part, int) or keyed:
            kept.append(part)
            keyed = False
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            kept.append(part)
            current = _inner_model(info.annotation) if info else None
            keyed = info is not None and _is_keyed(info.annotation)
        else:
            dropped = True
    return tuple(kept), dropped


def _union_message(items: list[Any], model: type[BaseModel]) -> str:
    """One message for a value that matched none of a union's members."""
    fitting = [i for i in items if not i["type"].endswith("_type")]
    if fitting:
        return _message(fitting[0], model)
    wanted = [re.sub(r"^Input should be (a valid )?", "", str(i["msg"])) for i in items]
    words = list(dict.fromkeys(_(_TYPE_WORDS[w]) if w in _TYPE_WORDS else w for w in wanted))
    if len(words) == 1:
        choices = words[0]
    else:
        choices = _("{choices} or {last}").format(choices=", ".join(words[:-1]), last=words[-1])
    value = items[0].get("input")
    return _("must be {choices}, not {kind} {value!r}").format(choices=choices, kind=type(value).__name__, value=value)[
        :200
    ]


def _validation_diagnostics(
    file: str, error: ValidationError, model: type[BaseModel], lines: LineIndex, prefix: tuple[int | str, ...] = ()
) -> list[Diagnostic]:
    grouped: dict[tuple[int | str, ...], list[Any]] = {}
    unions: set[tuple[int | str, ...]] = set()
    for item in error.errors():
        loc, dropped = _key_loc(model, item["loc"])
        grouped.setdefault(loc, []).append({**item, "loc": loc})
        if dropped:
            unions.add(loc)
    found = []
    for loc, items in grouped.items():
        path = format_path((*prefix, *loc))
        if loc in unions:
            messages = [_union_message(items, model)]
        else:
            messages = list(dict.fromkeys(_message(item, model) for item in items))
        found += [Diagnostic(file, lines.line_of(path), path, message) for message in messages]
    return found


def _raw_id(item: object) -> str | None:
    if isinstance(item, dict):
        value = item.get("id")
        return value if isinstance(value, str) else None
    return None


def _read_toml(
    path: Path, name: str, hashes: dict[str, str]
) -> tuple[dict[str, Any] | None, LineIndex, list[Diagnostic]]:
    """The file's TOML, its line index and its problems; records the SHA-256 of the bytes read in ``hashes``."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return (
                None,
                LineIndex(""),
                [
                    Diagnostic(
                        name,
                        None,
                        "",
                        _("file is {size:,} bytes; the limit is {limit:,}").format(size=size, limit=MAX_FILE_BYTES),
                    )
                ],
            )
        data = path.read_bytes()
        hashes[name] = sha256(data)
        text = decode_pack_file(data)
    except UnicodeDecodeError as error:
        message = _("not UTF-8 text (byte {position})").format(position=error.start + 1)
        return None, LineIndex(""), [Diagnostic(name, None, "", message)]
    except OSError as error:
        message = _("cannot be read: {reason}").format(reason=error.strerror or error)
        return None, LineIndex(""), [Diagnostic(name, None, "", message)]
    lines = LineIndex(text)
    try:
        return tomllib.loads(text), lines, []
    except RecursionError:
        return None, lines, [Diagnostic(name, None, "", _("TOML syntax error: values are nested too deeply"))]
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        if match:
            before = message[: match.start()].strip()
            message = _("{message} (column {column})").format(message=before, column=match.group(2))
        elif "end of document" in message:
            line = text.count("\n") + 1
        return None, lines, [Diagnostic(name, line, "", _("TOML syntax error: {message}").format(message=message))]


def _file_list(names: list[str]) -> str:
    """``a.toml and b.toml`` in the active language (Babel's list patterns; imported only for this rare case)."""
    from babel.lists import format_list

    from solecheck.i18n import current_language

    try:
        return format_list(names, locale=current_language().replace("-", "_"))
    except (ValueError, LookupError):  # a language Babel does not know
        return format_list(names, locale="en")


def reading_order(diagnostic: Diagnostic) -> tuple[int, str, int]:
    """Pack files in their usual order, then translations by name (unexpected files last), then by line."""
    files = list(PACK_FILES)
    if diagnostic.file in files:
        return files.index(diagnostic.file), "", diagnostic.line or 0
    rank = len(files) if is_translation_name(diagnostic.file) else len(files) + 1
    return rank, diagnostic.file, diagnostic.line or 0


def _read_translations(
    names: list[str], found: dict[str, Path], hashes: dict[str, str], main_language: str | None
) -> tuple[dict[str, tuple[TranslationFile, LineIndex]], list[Diagnostic]]:
    """Each translation file that reads as a :class:`TranslationFile`, by tag, and the problems found."""
    diagnostics: list[Diagnostic] = []
    read: dict[str, tuple[TranslationFile, LineIndex]] = {}
    if len(names) > MAX_TRANSLATIONS:
        message = _("the pack has {count} translation files; the limit is {limit}").format(
            count=len(names), limit=MAX_TRANSLATIONS
        )
        return read, [Diagnostic(TRANSLATIONS_DIR, None, "", message)]
    for name in names:
        raw, lines, problems = _read_toml(found[name], name, hashes)
        language_problems = check_language(name, main_language)
        diagnostics += problems + language_problems
        if raw is None:
            continue
        try:
            translation = TranslationFile.model_validate(raw)
        except ValidationError as error:
            diagnostics.extend(_validation_diagnostics(name, error, TranslationFile, lines))
            continue
        if not language_problems:
            read[translation_tag(name) or ""] = (translation, lines)
    return read, diagnostics


def check_pack(root: str | Path, source: str = "path") -> tuple[Pack | None, list[Diagnostic]]:
    """Read and validate the pack folder at ``root``. Returns the pack (``None`` if it has errors)
    and every diagnostic found, errors and warnings, in file order.

    The steps: find the folder and its files (:func:`_pack_files`), say what is odd about their names
    (:func:`_file_name_warnings`), read and validate each file (:meth:`_PackReading.read`), stopping at
    a format newer than this solecheck reads, then check the files against each other
    (:func:`~solecheck.packs.checks.cross_check`) with whatever validated, item by item when a file
    has errors; a pack is built only when no error was found. Its translations
    (``translations/<tag>.toml``) are read last and checked against the pack it makes."""
    found = _pack_files(Path(root))
    if isinstance(found, Diagnostic):
        return None, [found]
    folder, files = found
    reading = _PackReading(_file_name_warnings(files))
    for name, model in PACK_FILES.items():
        if not reading.read(name, model, files):
            return None, reading.diagnostics
    parts = reading.parts()
    reading.diagnostics.extend(cross_check(parts, reading.locate))
    complete = not any(d.severity == "error" for d in reading.diagnostics)
    reading.diagnostics.extend(check_pack_pictures(files, parts, reading.locate, reading.hashes, complete=complete))
    manifest = reading.models.get("pack.toml")
    main_language = manifest.language if isinstance(manifest, Manifest) else None
    names = translation_file_names(files)
    translations, problems = _read_translations(names, files.found, reading.hashes, main_language)
    reading.diagnostics.extend(problems)
    reading.diagnostics.sort(key=reading_order)
    if any(d.severity == "error" for d in reading.diagnostics):
        return None, reading.diagnostics
    pack = reading.pack(folder, source)
    known = pack_texts(pack)
    for tag, (translation, lines) in translations.items():
        name = translation_name(tag)
        reading.diagnostics.extend(check_texts(name, translated_texts(translation), known, lines.line_of))
    reading.diagnostics.sort(key=reading_order)
    if any(d.severity == "error" for d in reading.diagnostics):
        return None, reading.diagnostics
    if translations:
        pack = dataclasses.replace(pack, translations={tag: t for tag, (t, _lines) in translations.items()})
    return pack, reading.diagnostics


def _pack_files(root: Path) -> tuple[Path, PackFiles] | Diagnostic:
    """The pack folder (``root``, or the folder of a ``pack.toml`` given) and its files, or why there is
    no pack there."""
    if root.is_file() and root.name == "pack.toml":
        root = root.parent
    if not root.is_dir():
        if not root.exists():
            return Diagnostic(str(root), None, "", _("does not exist; a pack is a folder holding pack.toml"))
        return Diagnostic(str(root), None, "", _("is not a folder; a pack is a folder holding pack.toml"))
    files = find_pack_files(root)
    if not files.found and not files.clashes:
        required = ", ".join(name for name in PACK_FILES if name not in OPTIONAL_FILES)
        message = _("no pack files in this folder; a pack is a folder holding {files}").format(files=required)
        return Diagnostic(str(root), None, "", message)
    return root, files


def _file_name_warnings(files: PackFiles) -> list[Diagnostic]:
    """Files that are not pack files (with the pack file meant, when one is close), pack files named in
    the wrong case, and two files that are both one pack file."""
    diagnostics: list[Diagnostic] = []
    stems = {Path(name).stem: name for name in PACK_FILES}
    for extra in files.others:
        close = difflib.get_close_matches(extra.stem.casefold(), list(stems), n=1, cutoff=0.75)
        if close:
            message = _("not a pack file, ignored; did you mean {file}?").format(file=stems[close[0]])
        else:
            message = _("not a pack file, ignored")
        diagnostics.append(Diagnostic(extra.name, None, "", message, "warning"))
    for name, miscased in files.miscased():
        message = _("read as {name}; rename it to {name} (pack file names are lower case)").format(name=name)
        diagnostics.append(Diagnostic(miscased.name, None, "", message, "warning"))
    for name, clashing in files.clashes.items():
        names = _file_list([p.name for p in clashing])
        message = _("{files} are both {name}; keep one of them").format(files=names, name=name)
        diagnostics.append(Diagnostic(name, None, "", message))
    return diagnostics


def _newer_format(raw: dict[str, Any], lines: LineIndex) -> Diagnostic | None:
    """The error for a ``pack.toml`` declaring a format newer than this solecheck reads, or ``None``."""
    declared = raw.get("format")
    if not isinstance(declared, int) or isinstance(declared, bool) or declared <= FORMAT_VERSION:
        return None
    return Diagnostic(
        "pack.toml",
        lines.line_of("format"),
        "format",
        _(
            "this pack is written in format {declared}, but this solecheck reads format {format} and older; "
            "update solecheck (pip install -U solecheck) or ask the clinic for a pack in an older format"
        ).format(declared=declared, format=FORMAT_VERSION),
    )


def _valid_items(items: list[Any], item_model: type[PackModel]) -> tuple[list[Any], list[int]]:
    """The items of a list that validate on their own, and their positions in the list."""
    adapter = TypeAdapter(item_model)
    good: list[Any] = []
    positions: list[int] = []
    for position, item in enumerate(items):
        try:
            good.append(adapter.validate_python(item))
        except ValidationError:
            continue
        positions.append(position)
    return good, positions


class _PackReading:
    """What :func:`check_pack` gathers while it reads a pack's files one by one."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        self.indexes: dict[str, LineIndex] = {}
        """Each file's line index, for the line of a key path."""
        self.models: dict[str, PackModel | None] = {}
        """Each file's validated model; ``None`` when it has errors or is missing."""
        self.salvaged: dict[str, dict[str, list[Any]]] = {}
        """Of a file with errors, the items of its lists that validate on their own."""
        self.positions: dict[str, list[int]] = {}
        """The positions of those items in their lists."""
        self.known_ids: dict[str, set[str]] = {}
        """Every id written in each list, valid item or not (so a reference to it is not reported too)."""
        self.default_routine: str | None = None
        self.hashes: dict[str, str] = {}

    def read(self, name: str, model: type[PackModel], files: PackFiles) -> bool:
        """Read and validate one pack file; ``False`` when checking must stop (a newer format)."""
        path = files.found.get(name)
        if path is None:
            self._absent(name, model, files)
            return True
        raw, lines, problems = _read_toml(path, name, self.hashes)
        self.indexes[name] = lines
        self.diagnostics.extend(problems)
        if raw is None:
            self.models[name] = None
            return True
        if name == "pack.toml":
            newer = _newer_format(raw, lines)
            if newer is not None:
                self.diagnostics.append(newer)
                return False
            wanted = raw.get("default_routine")
            if isinstance(wanted, str) and _SLUG.fullmatch(wanted):
                self.default_routine = wanted
        self._validate(name, model, raw, lines)
        return True

    def _absent(self, name: str, model: type[PackModel], files: PackFiles) -> None:
        """A pack file not found: an optional file takes its defaults; a required one is an error,
        unless two files clash for it (already reported)."""
        if name in files.clashes:
            self.models[name] = None
        elif name in OPTIONAL_FILES:
            self.models[name] = model()
        else:
            self.diagnostics.append(Diagnostic(name, None, "", _("file is missing")))
            self.models[name] = None

    def _validate(self, name: str, model: type[PackModel], raw: dict[str, Any], lines: LineIndex) -> None:
        item_lists = _ITEM_LISTS.get(name, {})
        for key in item_lists:
            items = raw.get(key)
            if isinstance(items, list):
                self.known_ids.setdefault(key, set()).update(i for i in map(_raw_id, items) if i)
        try:
            self.models[name] = model.model_validate(raw)
        except ValidationError as error:
            self.diagnostics.extend(_validation_diagnostics(name, error, model, lines))
            self.models[name] = None
            self.salvaged[name] = {}
            for key, item_model in item_lists.items():
                items = raw.get(key)
                if isinstance(items, list):
                    good, positions = _valid_items(items, item_model)
                    self.salvaged[name][key] = good
                    if positions:
                        self.positions.setdefault(key, []).extend(positions)

    def _readable(self, name: str, key: str) -> list[Any] | None:
        model = self.models.get(name)
        if model is not None:
            return list(getattr(model, key))
        return self.salvaged.get(name, {}).get(key)

    def parts(self) -> PackParts:
        """What the cross-reference checks read: every valid file, and the valid items of the others."""
        manifest = self.models.get("pack.toml")
        return PackParts(
            manifest=manifest if isinstance(manifest, Manifest) else None,
            education=self._readable("education.toml", "texts"),
            exercises=self._readable("exercises.toml", "exercises"),
            questions=self._readable("screening.toml", "questions"),
            rules=self._readable("screening.toml", "rules"),
            routines=self._readable("routines.toml", "routines"),
            known_ids=self.known_ids,
            positions=self.positions,
            default_routine=self.default_routine,
        )

    def locate(self, file: str, path: str) -> int | None:
        index = self.indexes.get(file)
        return index.line_of(path) if index else None

    def pack(self, root: Path, source: str) -> Pack:
        """The pack, once every file validated."""
        models = self.models
        return Pack(
            manifest=typing.cast(Manifest, models["pack.toml"]),
            clinic=typing.cast(Clinic, models["clinic.toml"]),
            education=tuple(typing.cast(EducationFile, models["education.toml"]).texts),
            exercises=tuple(typing.cast(ExercisesFile, models["exercises.toml"]).exercises),
            screening=typing.cast(ScreeningFile, models["screening.toml"]),
            session=typing.cast(SessionFile, models["session.toml"]),
            routines=tuple(typing.cast(RoutinesFile, models["routines.toml"]).routines),
            root=root,
            source=source,
            content_digest=digest_of_hashes(self.hashes),
        )


def load_pack(root: str | Path, source: str = "path") -> Pack:
    """The valid pack at ``root``; raises :class:`PackError` with every problem otherwise."""
    pack, diagnostics = check_pack(root, source)
    if pack is None:
        raise PackError(str(root), diagnostics)
    return pack
