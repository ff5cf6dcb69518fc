"""A loaded, validated content pack: the manifest and every content file, with lookups by id."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from solecheck.packs.models import (
    Clinic,
    EducationText,
    Exercise,
    Manifest,
    Question,
    Routine,
    ScreeningFile,
    SessionFile,
)

if TYPE_CHECKING:
    from solecheck.packs.translation_models import TranslationFile


@dataclass(frozen=True)
class Pack:
    """One version of one content pack, validated. Immutable; the app never writes pack files."""

    manifest: Manifest
    clinic: Clinic
    education: tuple[EducationText, ...]
    exercises: tuple[Exercise, ...]
    screening: ScreeningFile
    session: SessionFile
    routines: tuple[Routine, ...]
    root: Path | None = None
    source: str = "path"
    """Where the pack came from: ``builtin``, ``user``, ``path``, ``env`` or ``entry-point``."""
    content_digest: str = ""
    """SHA-256 (64 hex digits) naming exactly the files this version was read from; see
    :mod:`solecheck.packs.content`. Empty for a pack not read from files."""
    translations: Mapping[str, TranslationFile] = field(default_factory=dict, repr=False)
    """The pack's translations by language tag as the file names give them (``fr``, ``es-419``), each
    checked against the pack; see :mod:`solecheck.packs.translations`."""
    shown_language: str = ""
    """The language the texts are in when not the main one (set by
    :func:`solecheck.packs.translations.in_language`)."""
    base: Pack | None = field(default=None, repr=False, compare=False)
    """The pack in its main language, when this one shows a translation."""
    _lookups: dict[str, dict[str, object]] = field(default_factory=dict, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def version(self) -> str:
        return self.manifest.version

    @property
    def language(self) -> str:
        """The language tag of the texts as this pack object shows them (the main language unless translated)."""
        return self.shown_language or self.manifest.language

    @property
    def original(self) -> Pack:
        """This pack with its texts in its main language."""
        return self.base if self.base is not None else self

    @property
    def key(self) -> str:
        """``ID@VERSION``."""
        return f"{self.manifest.id}@{self.manifest.version}"

    @cached_property
    def exercises_by_id(self) -> dict[str, Exercise]:
        return {e.id: e for e in self.exercises}

    @cached_property
    def routines_by_id(self) -> dict[str, Routine]:
        return {r.id: r for r in self.routines}

    @cached_property
    def questions_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.screening.questions}

    def exercise(self, exercise_id: str) -> Exercise:
        return self.exercises_by_id[exercise_id]

    def routine(self, routine_id: str) -> Routine:
        return self.routines_by_id[routine_id]

    @property
    def default_routine(self) -> Routine:
        wanted = self.manifest.default_routine
        if wanted and wanted in self.routines_by_id:
            return self.routines_by_id[wanted]
        return self.routines[0]

    @cached_property
    def screening_digest(self) -> str:
        """A hash of the screening content: a screening is void once this changes in a new version. The main
        language's, whatever language the texts are shown in: a translation does not void a screening."""
        if self.base is not None:
            return self.base.screening_digest
        canonical = json.dumps(self.screening.model_dump(mode="json"), sort_keys=True)
        return hashlib.sha256(canonical.encode()).hexdigest()[:16]
