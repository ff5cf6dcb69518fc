"""Why a history write or open failed, named: the one place that turns SQLite's error codes into a cause
a person can act on.

Each :class:`Cause` has a ``kind`` and one line of words. Kinds that can pass without anyone touching
the file (``full``, ``readonly``, ``locked``, ``io``, ``cantopen``) mean "keep the session and try
again on a fresh connection"; ``damaged`` means "never write into this file again"; ``other`` is
anything else SQLite reports. A healthy file is never called damaged: only SQLite's ``SQLITE_CORRUPT``
and ``SQLITE_NOTADB`` codes are (and the file checks of :mod:`solecheck.history.health`).
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from solecheck.i18n import _

CauseKind = Literal["full", "readonly", "locked", "io", "cantopen", "damaged", "other"]

PASSING: frozenset[CauseKind] = frozenset({"full", "readonly", "locked", "io", "cantopen"})
"""Causes that can pass (space freed, permissions restored, a lock released): retry later."""

NEARLY_FULL_BYTES = 1 << 20
"""Less free space than this beside the file turns an input/output error into "the disk is full"
(SQLite reports a full disk as an I/O error while it sets up its shared-memory file)."""


@dataclass(frozen=True)
class Cause:
    """What went wrong, as a ``kind`` (see the module docstring) and one line for the person."""

    kind: CauseKind
    words: str

    @property
    def passing(self) -> bool:
        return self.kind in PASSING


def sqlite_cause(error: sqlite3.Error, path: Path) -> Cause:
    """The cause of a SQLite ``error`` on the database ``path`` (from ``sqlite_errorname``, Python 3.11+)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    text = str(error)
    if name.startswith("SQLITE_FULL") or "disk is full" in text:
        return Cause("full", _("the disk holding {path} is full; free some space").format(path=path))
    if name.startswith("SQLITE_READONLY") or "readonly" in text:
        return Cause("readonly", _readonly_words(path))
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
        return Cause(
            "locked",
            _("another program holds a lock on {path} (another solecheck, or a backup or sync tool); "
              "it is tried again when that program lets go").format(path=path),
        )
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return Cause("damaged", _("{path} is damaged ({error})").format(path=path, error=text))
    if name.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        if free_bytes(path.parent) < NEARLY_FULL_BYTES:
            return Cause("full", _("the disk holding {path} is full; free some space").format(path=path))
        return Cause("io", _("the disk reported an input/output error on {path} ({error})").format(path=path,
                                                                                                   error=text))
    if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        return Cause("cantopen", _cantopen_words(path))
    if name.startswith("SQLITE_PERM") or name.startswith("SQLITE_AUTH"):
        return Cause("readonly", _readonly_words(path))
    return Cause("other", f"{path}: {text}")


def free_bytes(folder: Path) -> int:
    """Bytes free for this user on the file system holding ``folder`` (a large number if unknown)."""
    try:
        stats = os.statvfs(folder)
    except (OSError, AttributeError):
        return 1 << 62
    return stats.f_bavail * stats.f_frsize


def _readonly_words(path: Path) -> str:
    folder = path.parent
    if not os.access(folder, os.W_OK):
        return _("the folder {folder} is read-only for you; give yourself write permission (e.g. chmod u+w)").format(
            folder=folder)
    if path.exists() and not os.access(path, os.W_OK):
        return _("{path} is read-only for you; give yourself write permission (e.g. chmod u+w)").format(path=path)
    return _("{path} can't be written (read-only file system or permissions)").format(path=path)


def _cantopen_words(path: Path) -> str:
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return _(
            "cannot open {path}: the folder {folder} is read-only for you, and SQLite needs to create "
            "files beside the history; give yourself write permission (e.g. chmod u+w)"
        ).format(path=path, folder=folder)
    if path.exists() and not os.access(path, os.R_OK):
        return _("cannot open {path}: you have no permission to read it").format(path=path)
    return _("cannot open {path}").format(path=path)
