"""Getting a damaged history out: every readable record copied into a new database and an export.

:func:`recover` reads the damaged file read-only and never changes it. For each table it learns
which rows exist from the table's indexes (each index entry holds its row's id, so rows on a damaged
table page are still known to exist), reads the rows in small batches and, where a batch fails,
one by one, so one bad page costs only the rows on it. Each row is checked by converting it to its
record; what can't be read or converted is counted, per table. Steps whose session could not be
read, and links to screenings that could not be read, are counted too (a step is not kept without
its session; a session keeps its steps and loses only the link). Sessions kept in journals beside
the file (``solecheck.history.journal``) are added. The result is a new history database and a JSON
export of it, in a new folder; the damaged file stays where it was for the person to move aside.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

from solecheck import paths
from solecheck.history import journal
from solecheck.history.rows import (
    screening_from_row,
    screening_row,
    session_from_row,
    session_row,
    step_from_row,
    step_row,
)
from solecheck.history.store import HistoryError, HistoryStore

TABLES = ("screenings", "sessions", "steps")
BATCH = 200
EXPORT_NAME = "history-export.json"

_CONVERT: dict[str, Callable[[sqlite3.Row], dict[str, Any]]] = {
    "screenings": lambda row: screening_row(screening_from_row(row)),
    "sessions": lambda row: session_row(session_from_row(row)),
    "steps": lambda row: step_row(step_from_row(row)),
}


@dataclass
class RecoveryReport:
    """What :func:`recover` did: records copied and records lost, per table."""

    database: Path
    export: Path
    copied: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    unreadable: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TABLES, 0))
    """Rows known to exist that could not be read (or made no sense when read)."""
    orphaned_steps: int = 0
    """Readable steps left out because their session could not be read."""
    unlinked_sessions: int = 0
    """Sessions kept without their screening link, as that screening could not be read."""
    from_journals: int = 0
    """Records added from journals of sessions that were never saved."""
    table_unknown: list[str] = field(default_factory=list)
    """Tables whose rows could not even be counted (all their pages and indexes unreadable)."""

    @property
    def lost(self) -> int:
        return sum(self.unreadable.values()) + self.orphaned_steps


def recover(source: Path, target_dir: Path) -> RecoveryReport:
    """Copy every readable record of the history ``source`` into ``target_dir/history.sqlite3`` and
    ``target_dir/history-export.json`` (``target_dir`` must not exist yet). ``source`` is not changed.
    Raises ``HistoryError`` naming the problem when ``source`` can't be opened at all or
    ``target_dir`` can't be made."""
    if not source.is_file():
        raise HistoryError(f"there is no history database at {source}", source)
    if target_dir.exists():
        raise HistoryError(f"{target_dir} already exists; choose a new folder for the recovered history", target_dir)
    conn = _open_read_only(source)
    try:
        rows = {table: _readable_rows(conn, table) for table in TABLES}
    finally:
        conn.close()
    try:
        paths.ensure_private_dir(target_dir)
    except OSError as error:
        raise HistoryError(
            f"cannot create {target_dir}: {paths.folder_error(error, target_dir)}", target_dir
        ) from error
    report = RecoveryReport(database=paths.history_db(target_dir), export=target_dir / EXPORT_NAME)
    kept: dict[str, list[dict[str, Any]]] = {}
    for table in TABLES:
        found, unreadable = rows[table]
        if unreadable is None:
            report.table_unknown.append(table)
        report.unreadable[table] = unreadable or 0
        kept[table] = found
    screening_ids = {row["id"] for row in kept["screenings"]}
    for row in kept["sessions"]:
        if row["screening_id"] is not None and row["screening_id"] not in screening_ids:
            row["screening_id"] = None
            report.unlinked_sessions += 1
    journaled = _journal_rows(source)
    for row in journaled["sessions"]:
        if row.get("screening_id") is not None and row["screening_id"] not in screening_ids:
            row["screening_id"] = None
    session_ids = {row["id"] for row in kept["sessions"]} | {row["id"] for row in journaled["sessions"]}
    steps = [row for row in kept["steps"] if row["session_id"] in session_ids]
    report.orphaned_steps = len(kept["steps"]) - len(steps)
    kept["steps"] = steps
    with HistoryStore(report.database) as store:
        with store.importing() as batch:
            for table in TABLES:
                report.copied[table] = batch.add(table, kept[table])
            for table in ("sessions", "steps"):
                added = batch.add(table, journaled[table])
                report.copied[table] += added
                report.from_journals += added
        _write_export(store, report.export)
    return report


def _open_read_only(source: Path) -> sqlite3.Connection:
    """A read-only connection that changes nothing (immutable: no lock, no side file, no checkpoint)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(source.absolute()))}?immutable=1", uri=True)
        conn.row_factory = sqlite3.Row
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise HistoryError(
            f"{source} can't be read at all ({error}): not even its table of contents is readable", source
        ) from error
    return conn


def _readable_rows(conn: sqlite3.Connection, table: str) -> tuple[list[dict[str, Any]], int | None]:
    """The rows of ``table`` that can be read and converted, and how many known rows could not be
    (``None`` when not even which rows exist can be learnt)."""
    rowids = _known_rowids(conn, table)
    if rowids is None:
        try:
            rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        except sqlite3.DatabaseError:
            return [], None
        return _converted(table, rows)[0], 0
    found: list[sqlite3.Row] = []
    failed = 0
    pending = [rowids[i : i + BATCH] for i in range(0, len(rowids), BATCH)]
    while pending:
        chunk = pending.pop()
        try:
            marks = ",".join("?" * len(chunk))
            found += conn.execute(f"SELECT * FROM {table} WHERE rowid IN ({marks})", chunk).fetchall()
        except sqlite3.DatabaseError:
            if len(chunk) == 1:
                failed += 1
            else:
                middle = len(chunk) // 2
                pending += [chunk[:middle], chunk[middle:]]
    converted, bad = _converted(table, found)
    return converted, failed + bad + (len(rowids) - len(found) - failed)


def _known_rowids(conn: sqlite3.Connection, table: str) -> list[int] | None:
    """Every row id of ``table`` found in its readable indexes, else by reading the table itself."""
    rowids: set[int] = set()
    readable = False
    try:
        indexes = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", (table,)
        )]
    except sqlite3.DatabaseError:
        indexes = []
    for index in indexes:
        try:
            rowids.update(row[0] for row in conn.execute(f'SELECT rowid FROM {table} INDEXED BY "{index}"'))
            readable = True
        except sqlite3.DatabaseError:
            continue
    if not readable:
        try:
            rowids.update(row[0] for row in conn.execute(f"SELECT rowid FROM {table}"))
        except sqlite3.DatabaseError:
            return None
    return sorted(rowids)


def _converted(table: str, rows: list[sqlite3.Row]) -> tuple[list[dict[str, Any]], int]:
    converted: list[dict[str, Any]] = []
    bad = 0
    for row in rows:
        try:
            converted.append(_CONVERT[table](row))
        except (ValueError, TypeError, KeyError, IndexError, OverflowError):
            bad += 1
    return converted, bad


def _journal_rows(source: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {"sessions": [], "steps": []}
    for path in journal.journals(source):
        for entry in journal.read_entries(path):
            if entry["op"] == "session" and isinstance(entry.get("row"), dict):
                found["sessions"].append(entry["row"])
            elif entry["op"] == "step" and isinstance(entry.get("row"), dict):
                found["steps"].append(entry["row"])
    return found


def _write_export(store: HistoryStore, target: Path) -> None:
    from solecheck.history.transfer import export_json

    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with open(fd, "w", encoding="utf-8") as out:
        export_json(store, out)
