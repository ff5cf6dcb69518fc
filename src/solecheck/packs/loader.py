"""Read a pack folder into a :class:`Pack`, collecting every problem with its file, line and key path.

``check_pack`` never raises for a bad pack: it returns the diagnostics. ``load_pack`` raises
:class:`PackError` carrying all of them when the pack has errors.
"""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from solecheck.packs.checks import PackParts, cross_check
from solecheck.packs.content import digest_of_hashes, sha256
from solecheck.packs.diagnostics import Diagnostic, PackError
from solecheck.packs.files import decode as decode_pack_file
from solecheck.packs.files import find_pack_files
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
    "id": "a lowercase id of letters, digits, '-' and '_', starting with a letter or digit",
    "exercise": "a lowercase exercise id",
    "question": "a lowercase question id",
    "version": "a SemVer version such as 1.0.0",
    "language": "a BCP 47 language tag such as en or en-CA",
    "phone": "a phone number of 3–30 digits, spaces and + - ( ) . characters",
    "email": "an email address",
    "booking_url": "an http:// or https:// address",
    "equals": "true, false, a number, or a lowercase option id",
    "one_of": "a lowercase option id",
    "skip_exercises": "a lowercase exercise id",
    "skip_tags": "a lowercase tag",
    "tags": "a lowercase tag of letters, digits, '-' and '_'",
    "default_routine": "a lowercase routine id",
}

_TYPE_WORDS = {"boolean": "true or false", "integer": "a whole number", "string": "text", "number": "a number"}


def _model_at(model: type[BaseModel], loc: Sequence[int | str]) -> type[BaseModel] | None:
    """The model class found by following ``loc`` from ``model`` (to suggest key names)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        info = current.model_fields.get(part)
        if info is None:
            return None
        current = _inner_model(info.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _inner_model(typing.get_args(annotation)[0])
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
        hint = f"; did you mean '{close[0]}'?" if close else (f"; known keys: {', '.join(names)}" if names else "")
        return f"unknown key{hint}"
    if kind == "missing":
        return "is required but missing"
    if kind == "string_too_short" and error.get("ctx", {}).get("min_length") == 1:
        return "must not be empty"
    if kind == "string_pattern_mismatch":
        key = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
        hint = _PATTERN_HINTS.get(key, "text of the expected form")
        return f"{value!r} is not {hint}"
    if kind == "literal_error":
        return f"{value!r} is not allowed; " + str(error["msg"]).replace("Input should be", "use")
    message = str(error["msg"])
    message = re.sub(r"^Value error, ", "", message)
    message = re.sub(r"^Input should be", "must be", message)
    message = re.sub(r"^String should", "must", message)
    message = re.sub(r"^List should", "must", message)
    if kind.endswith("_type") and value is not None:
        message += f", not {type(value).__name__} {value!r}"[:120]
    return message


def _key_loc(model: type[BaseModel], loc: Sequence[int | str]) -> tuple[tuple[int | str, ...], bool]:
    """``loc`` without the union-member tags pydantic adds (``equals.bool``, ``equals.int``), and
    whether any were dropped: an author's key path holds keys and indexes only."""
    kept: list[int | str] = []
    current: Any = model
    dropped = False
    for part in loc:
        if isinstance(part, int):
            kept.append(part)
            continue
        if isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            kept.append(part)
            current = _inner_model(info.annotation) if info else None
        else:
            dropped = True
    return tuple(kept), dropped


def _union_message(items: list[Any], model: type[BaseModel]) -> str:
    """One message for a value that matched none of a union's members."""
    fitting = [i for i in items if not i["type"].endswith("_type")]
    if fitting:
        return _message(fitting[0], model)
    wanted = [re.sub(r"^Input should be (a valid )?", "", str(i["msg"])) for i in items]
    words = list(dict.fromkeys(_TYPE_WORDS.get(w, w) for w in wanted))
    choices = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"
    value = items[0].get("input")
    return f"must be {choices}, not {type(value).__name__} {value!r}"[:200]


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
                [Diagnostic(name, None, "", f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")],
            )
        data = path.read_bytes()
        hashes[name] = sha256(data)
        text = decode_pack_file(data)
    except UnicodeDecodeError as error:
        return None, LineIndex(""), [Diagnostic(name, None, "", f"not UTF-8 text (byte {error.start + 1})")]
    except OSError as error:
        return None, LineIndex(""), [Diagnostic(name, None, "", f"cannot be read: {error.strerror or error}")]
    lines = LineIndex(text)
    try:
        return tomllib.loads(text), lines, []
    except RecursionError:
        return None, lines, [Diagnostic(name, None, "", "TOML syntax error: values are nested too deeply")]
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        line = int(match.group(1)) if match else None
        if match:
            message = f"{message[: match.start()].strip()} (column {match.group(2)})"
        elif "end of document" in message:
            line = text.count("\n") + 1
        return None, lines, [Diagnostic(name, line, "", f"TOML syntax error: {message}")]


def _reading_order(diagnostic: Diagnostic) -> tuple[int, int]:
    """Pack files in their usual order (unexpected files last), then by line."""
    files = list(PACK_FILES)
    rank = files.index(diagnostic.file) if diagnostic.file in files else len(files)
    return rank, diagnostic.line or 0


def check_pack(root: str | Path, source: str = "path") -> tuple[Pack | None, list[Diagnostic]]:
    """Read and validate the pack folder at ``root``. Returns the pack (``None`` if it has errors)
    and every diagnostic found, errors and warnings, in file order."""
    root = Path(root)
    if root.is_file() and root.name == "pack.toml":
        root = root.parent
    if not root.is_dir():
        what = "does not exist" if not root.exists() else "is not a folder"
        return None, [Diagnostic(str(root), None, "", f"{what}; a pack is a folder holding pack.toml")]

    diagnostics: list[Diagnostic] = []
    indexes: dict[str, LineIndex] = {}
    models: dict[str, PackModel | None] = {}
    salvaged: dict[str, dict[str, list[Any]]] = {}
    positions: dict[str, list[int]] = {}
    default_routine: str | None = None
    known_ids: dict[str, set[str]] = {}
    hashes: dict[str, str] = {}

    files = find_pack_files(root)
    if not files.found and not files.clashes:
        required = ", ".join(name for name in PACK_FILES if name not in OPTIONAL_FILES)
        message = f"no pack files in this folder; a pack is a folder holding {required}"
        return None, [Diagnostic(str(root), None, "", message)]

    for extra in files.others:
        stems = {Path(name).stem: name for name in PACK_FILES}
        close = difflib.get_close_matches(extra.stem.casefold(), list(stems), n=1, cutoff=0.75)
        hint = f"; did you mean {stems[close[0]]}?" if close else ""
        diagnostics.append(Diagnostic(extra.name, None, "", f"not a pack file, ignored{hint}", "warning"))
    for name, miscased in files.miscased():
        message = f"read as {name}; rename it to {name} (pack file names are lower case)"
        diagnostics.append(Diagnostic(miscased.name, None, "", message, "warning"))
    for name, clashing in files.clashes.items():
        names = " and ".join(p.name for p in clashing)
        diagnostics.append(Diagnostic(name, None, "", f"{names} are both {name}; keep one of them"))

    for name, model in PACK_FILES.items():
        path = files.found.get(name)
        if path is None:
            if name in files.clashes:
                models[name] = None
                continue
            if name not in OPTIONAL_FILES:
                diagnostics.append(Diagnostic(name, None, "", "file is missing"))
            models[name] = model() if name in OPTIONAL_FILES else None
            continue
        raw, lines, problems = _read_toml(path, name, hashes)
        indexes[name] = lines
        diagnostics.extend(problems)
        if raw is None:
            models[name] = None
            continue
        if name == "pack.toml":
            wanted = raw.get("default_routine")
            if isinstance(wanted, str) and _SLUG.fullmatch(wanted):
                default_routine = wanted
            declared = raw.get("format")
            if isinstance(declared, int) and not isinstance(declared, bool) and declared > FORMAT_VERSION:
                diagnostics.append(
                    Diagnostic(
                        name,
                        lines.line_of("format"),
                        "format",
                        f"this pack is written in format {declared}, but this solecheck reads format "
                        f"{FORMAT_VERSION} and older; update solecheck (pip install -U solecheck) or ask the "
                        "clinic for a pack in an older format",
                    )
                )
                return None, diagnostics
        for key in _ITEM_LISTS.get(name, {}):
            items = raw.get(key)
            if isinstance(items, list):
                known_ids.setdefault(key, set()).update(i for i in map(_raw_id, items) if i)
        try:
            models[name] = model.model_validate(raw)
        except ValidationError as error:
            diagnostics.extend(_validation_diagnostics(name, error, model, lines))
            models[name] = None
            salvaged[name] = {}
            for key, item_model in _ITEM_LISTS.get(name, {}).items():
                items = raw.get(key)
                if not isinstance(items, list):
                    continue
                adapter = TypeAdapter(item_model)
                good = []
                for position, item in enumerate(items):
                    try:
                        good.append(adapter.validate_python(item))
                    except ValidationError:
                        continue
                    positions.setdefault(key, []).append(position)
                salvaged[name][key] = good

    def readable(name: str, key: str) -> list[Any] | None:
        model = models.get(name)
        if model is not None:
            return list(getattr(model, key))
        return salvaged.get(name, {}).get(key)

    manifest = models.get("pack.toml")
    parts = PackParts(
        manifest=manifest if isinstance(manifest, Manifest) else None,
        education=readable("education.toml", "texts"),
        exercises=readable("exercises.toml", "exercises"),
        questions=readable("screening.toml", "questions"),
        rules=readable("screening.toml", "rules"),
        routines=readable("routines.toml", "routines"),
        known_ids=known_ids,
        positions=positions,
        default_routine=default_routine,
    )

    def locate(file: str, path: str) -> int | None:
        index = indexes.get(file)
        return index.line_of(path) if index else None

    diagnostics.extend(cross_check(parts, locate))
    complete = not any(d.severity == "error" for d in diagnostics)
    diagnostics.extend(check_pack_pictures(files, parts, locate, hashes, complete=complete))
    diagnostics.sort(key=_reading_order)
    if any(d.severity == "error" for d in diagnostics):
        return None, diagnostics
    pack = Pack(
        manifest=typing.cast(Manifest, models["pack.toml"]),
        clinic=typing.cast(Clinic, models["clinic.toml"]),
        education=tuple(typing.cast(EducationFile, models["education.toml"]).texts),
        exercises=tuple(typing.cast(ExercisesFile, models["exercises.toml"]).exercises),
        screening=typing.cast(ScreeningFile, models["screening.toml"]),
        session=typing.cast(SessionFile, models["session.toml"]),
        routines=tuple(typing.cast(RoutinesFile, models["routines.toml"]).routines),
        root=root,
        source=source,
        content_digest=digest_of_hashes(hashes),
    )
    return pack, diagnostics


def load_pack(root: str | Path, source: str = "path") -> Pack:
    """The valid pack at ``root``; raises :class:`PackError` with every problem otherwise."""
    pack, diagnostics = check_pack(root, source)
    if pack is None:
        raise PackError(str(root), diagnostics)
    return pack
