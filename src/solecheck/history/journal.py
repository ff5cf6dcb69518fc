"""The unsaved-session journal: a session the history could not take, kept in a file beside it.

When a write of a session fails, the recorder keeps it in memory and also appends it here, one JSON
line per record (``history.sqlite3.<session id>.journal.jsonl``, owner-only, fsync'd after each
append), when the folder can be written. Once the history takes everything, the journal is deleted.
If the process ends first, the next :class:`~solecheck.history.store.HistoryStore` opened on the
folder replays it (:func:`after_open`): records are added by id, so a record that did reach the
database is not added twice, and the end is applied only to a session still marked running. A
journal whose session a live process is recording (its lock file is held) is left alone.

Lines: ``{"op": "session", "row": {...}}``, ``{"op": "step", "row": {...}}`` (rows in the store's
row form, ``solecheck.history.rows``) and ``{"op": "end", "session_id", "status", "ended_at", "elapsed_s",
"stop_reason"}``. A last line cut short by a crash is ignored.

:func:`after_open` also removes lock files (``<history file>.<session id>.lock``) whose holder is
gone: the kernel released their ``flock`` when the process died, but the file stayed.
"""

from __future__ import annotations

import fcntl
import json
import os
from contextlib import suppress
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from solecheck.history.records import SessionRecord, SessionStatus, StepRecord
from solecheck.history.rows import session_row, step_row
from solecheck.history.schema import from_db_time, to_db_time

if TYPE_CHECKING:
    from solecheck.history.store import HistoryStore

SUFFIX = ".journal.jsonl"


def journal_path(database: Path, session_id: str) -> Path:
    return database.with_name(f"{database.name}.{session_id}{SUFFIX}")


def lock_path(database: Path, session_id: str) -> Path:
    """The lock file a recording process holds (``flock``) for ``session_id``."""
    return database.with_name(f"{database.name}.{session_id}.lock")


def journals(database: Path) -> list[Path]:
    """The journals beside ``database``, oldest first."""
    found = list(database.parent.glob(f"{database.name}.*{SUFFIX}"))
    return sorted(found, key=lambda path: (_mtime(path), path.name))


def session_entry(record: SessionRecord) -> dict[str, Any]:
    return {"op": "session", "row": session_row(record)}


def step_entry(record: StepRecord) -> dict[str, Any]:
    return {"op": "step", "row": step_row(record)}


def end_entry(
    session_id: str, status: SessionStatus, ended_at: datetime, reason: str | None, elapsed_s: float | None = None
) -> dict[str, Any]:
    return {
        "op": "end", "session_id": session_id, "status": status, "ended_at": to_db_time(ended_at),
        "stop_reason": reason, "elapsed_s": elapsed_s,
    }


class SessionJournal:
    """The append-only journal of one session (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def beside(cls, database: Path, session_id: str) -> SessionJournal:
        return cls(journal_path(database, session_id))

    def append(self, entries: list[dict[str, Any]]) -> bool:
        """Append ``entries`` and fsync; ``False`` (nothing raised) when the file can't be written."""
        data = "".join(json.dumps(entry, ensure_ascii=False) + "\n" for entry in entries).encode()
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        except OSError:
            return False
        try:
            os.write(fd, data)
            os.fsync(fd)
        except OSError:
            return False
        finally:
            os.close(fd)
        return True

    def discard(self) -> None:
        """Delete the journal (everything in it is in the history)."""
        with suppress(FileNotFoundError):
            self.path.unlink()

    def exists(self) -> bool:
        return self.path.exists()


def read_entries(path: Path) -> list[dict[str, Any]]:
    """The whole entries of a journal (a last line cut short, or any unreadable line, is left out)."""
    entries: list[dict[str, Any]] = []
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return entries
    for line in text.splitlines():
        with suppress(ValueError):
            entry = json.loads(line)
            if isinstance(entry, dict) and entry.get("op") in ("session", "step", "end"):
                entries.append(entry)
    return entries


def held_elsewhere(lock: Path) -> bool:
    """Whether a live process holds the ``flock`` of ``lock`` (this process included, by another open)."""
    try:
        fd = os.open(lock, os.O_RDWR)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def remove_stale_locks(database: Path) -> int:
    """Delete the lock files beside ``database`` whose holder is gone; returns how many."""
    removed = 0
    for lock in database.parent.glob(f"{database.name}.*.lock"):
        try:
            fd = os.open(lock, os.O_RDWR)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        try:
            lock.unlink()  # while holding it, so no one takes it between the check and the removal
            removed += 1
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def replay(store: HistoryStore, path: Path) -> bool:
    """Write a journal's records into ``store`` (each once) and delete the journal; ``False`` when
    its session is being recorded by a live process. Raises ``HistoryError`` if the store refuses."""
    entries = read_entries(path)
    session_id = path.name[len(store.path.name) + 1 : -len(SUFFIX)]
    if held_elsewhere(lock_path(store.path, session_id)):
        return False
    sessions = [entry["row"] for entry in entries if entry["op"] == "session"]
    steps = [entry["row"] for entry in entries if entry["op"] == "step"]
    ends = [entry for entry in entries if entry["op"] == "end"]
    if sessions or steps:
        with store.importing() as batch:
            batch.add("sessions", sessions[:1])
            batch.add("steps", steps)
    if ends:
        end = ends[-1]
        stored = store.get_session(end["session_id"])
        if stored is not None and stored.status == "running":
            store.finish_session(
                end["session_id"], end["status"], from_db_time(end["ended_at"]), end["stop_reason"],
                end.get("elapsed_s"),
            )
    path.unlink(missing_ok=True)
    return True


def after_open(store: HistoryStore) -> None:
    """Tidy a folder as a store opens on it: remove stale lock files, replay journals left by a
    process that ended before its session could be saved. Never raises: what can't be done now is
    left for the next open."""
    from solecheck.history.store import HistoryError

    with suppress(OSError):
        remove_stale_locks(store.path)
    try:
        pending = journals(store.path)
    except OSError:
        return
    for path in pending:
        try:
            replay(store, path)
        except (HistoryError, OSError, KeyError, TypeError, ValueError):
            continue


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
