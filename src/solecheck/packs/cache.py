"""A cache of already-validated packs, so an unchanged pack is not validated again at every start.

Each entry is keyed by a fingerprint of the pack's files (their names and bytes), the pack format and
the solecheck version, taken once *before* the files are read for validation: a file saved while
validation runs then leaves an entry whose key no longer matches, so the next load validates again
instead of serving the old content under the new fingerprint. A stale, unreadable or corrupt entry is
ignored and rebuilt; the cache is an optimisation only and never the reason a pack loads or fails to load.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from solecheck import paths
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.models import PACK_FILES
from solecheck.packs.pack import Pack
from solecheck.packs.translation_models import TranslationFile


def _construct(model: type[BaseModel], data: dict[str, Any]) -> BaseModel:
    """Rebuild an already-validated model from its JSON dump without validating it again."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        if name not in data:
            continue
        values[name] = _construct_value(info.annotation, data[name])
    return model.model_construct(_fields_set=set(values), **values)


def _construct_value(annotation: Any, value: Any) -> Any:
    annotation = _unwrap(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        if value is None:
            return None
        for arg in map(_unwrap, typing.get_args(annotation)):
            wants_model = isinstance(value, dict) and _is_model(arg)
            wants_list = isinstance(value, list) and typing.get_origin(arg) is list
            wants_table = isinstance(value, dict) and typing.get_origin(arg) is dict
            if wants_model or wants_list or wants_table:
                return _construct_value(arg, value)
        return value
    if typing.get_origin(annotation) is dict and isinstance(value, dict):
        _, item = typing.get_args(annotation)
        return {key: _construct_value(item, v) for key, v in value.items()}
    if typing.get_origin(annotation) is list and isinstance(value, list):
        (item,) = typing.get_args(annotation)
        return [_construct_value(item, v) for v in value]
    if _is_model(annotation) and isinstance(value, dict):
        return _construct(annotation, value)
    return value


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


class PackCache:
    """Validated packs stored as JSON in ``folder``, one file per pack folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def _entry(self, root: Path) -> Path:
        name = hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:24]
        return self.folder / f"{name}.json"

    def get(self, root: Path, source: str, key: str) -> tuple[Pack, list[Diagnostic]] | None:
        """The cached pack for ``root`` if it was stored under ``key`` (the pack's
        :func:`~solecheck.packs.locations.fingerprint`, taken by the caller); ``None`` otherwise."""
        try:
            entry = json.loads(self._entry(root).read_text(encoding="utf-8"))
            if not isinstance(entry, dict) or entry.get("fingerprint") != key:
                return None
            files = entry["files"]
            built = {name: _construct(model, files[name]) for name, model in PACK_FILES.items()}
            warnings = [Diagnostic(**d) for d in entry.get("warnings", [])]
            digest = entry["content_digest"]
            if not isinstance(digest, str):
                return None
            translations = {
                tag: typing.cast(TranslationFile, _construct(TranslationFile, data))
                for tag, data in entry.get("translations", {}).items()
            }
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None
        pack = Pack(
            manifest=built["pack.toml"],  # type: ignore[arg-type]
            clinic=built["clinic.toml"],  # type: ignore[arg-type]
            education=tuple(built["education.toml"].texts),  # type: ignore[attr-defined]
            exercises=tuple(built["exercises.toml"].exercises),  # type: ignore[attr-defined]
            screening=built["screening.toml"],  # type: ignore[arg-type]
            session=built["session.toml"],  # type: ignore[arg-type]
            routines=tuple(built["routines.toml"].routines),  # type: ignore[attr-defined]
            root=root,
            source=source,
            content_digest=digest,
            translations=translations,
        )
        return pack, warnings

    def put(self, root: Path, key: str, pack: Pack, diagnostics: list[Diagnostic]) -> None:
        """Remember a valid pack under ``key``, the :func:`~solecheck.packs.locations.fingerprint` taken
        *before* its files were read for validation. Failing to write (read-only disk, full disk) is
        silently fine."""
        files = {
            "pack.toml": pack.manifest.model_dump(mode="json"),
            "clinic.toml": pack.clinic.model_dump(mode="json"),
            "education.toml": {"texts": [t.model_dump(mode="json") for t in pack.education]},
            "exercises.toml": {"exercises": [e.model_dump(mode="json") for e in pack.exercises]},
            "screening.toml": pack.screening.model_dump(mode="json"),
            "session.toml": pack.session.model_dump(mode="json"),
            "routines.toml": {"routines": [r.model_dump(mode="json") for r in pack.routines]},
        }
        try:
            entry = {
                "fingerprint": key,
                "files": files,
                "content_digest": pack.content_digest,
                "translations": {tag: t.model_dump(mode="json") for tag, t in pack.translations.items()},
                "warnings": [d.to_json() for d in diagnostics],
            }
            self.folder.mkdir(parents=True, exist_ok=True)
            paths.write_atomically(self._entry(root), json.dumps(entry))
        except OSError:
            return
