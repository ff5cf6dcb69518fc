"""Looking after the history file: consistent backups and the checks ``solecheck history check`` runs.

* :func:`backup_to` writes a consistent owner-only copy of the live database with SQLite's backup
  API, after the full integrity check (``solecheck.history.health``): damage is never passed on as
  a good copy. :func:`copy_before_migration` is the copy the store keeps before upgrading a file.
* :func:`check` runs SQLite's integrity and foreign key checks, then the history's own: sessions
  still running long after they started, end times that contradict the status, steps beyond their
  session's plan, and notes about the computer's clock (never damage).

Each works through the store's connection and lock (``HistoryStore.reading``); the store stays the
one owner of the connection.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from solecheck import paths
from solecheck.history import health
from solecheck.history.clock_check import clock_notes
from solecheck.history.private_files import make_private
from solecheck.history.records import utcnow
from solecheck.history.schema import to_db_time
from solecheck.history.store import DamagedHistory, HistoryError, HistoryStore


@dataclass(frozen=True)
class CheckFinding:
    """One thing :func:`check` found: ``problem`` findings make the check fail."""

    severity: str  # "problem" or "note"
    message: str


class BackupExists(HistoryError):
    """The backup's file name was taken (by another program, or another solecheck at the same moment)."""


def copy_before_migration(store: HistoryStore, version: int) -> Path:
    """Keep a copy of the file as it is (schema ``version``) before upgrading it, named by the time and,
    within one second, ``-2``, ``-3``…: two solecheck processes upgrading one file at once each keep theirs
    (the name is taken by creating the file, never by checking first)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for counter in range(1, 1000):
        suffix = "" if counter == 1 else f"-{counter}"
        target = store.path.with_name(f"{store.path.name}.v{version}-{stamp}{suffix}.bak")
        try:
            return backup_to(store, target)
        except BackupExists:
            continue
    raise HistoryError(f"no free name for a backup of {store.path} beside it", store.path)



def backup_to(store: HistoryStore, target: Path) -> Path:
    """Write a consistent copy of the live database to a new owner-only file (SQLite backup API).
    Raises ``DamagedHistory`` (making no file) when the full integrity check finds the file
    damaged: a backup must not pass damage on as a good copy."""
    target = Path(target)
    with store.reading() as conn:
        problem = health.full_problem(conn, store.path)
    if problem is not None:
        store.damage = problem
        raise DamagedHistory(
            f"the history database {store.path} is damaged ({problem}); no backup was made, as it would "
            "be damaged too. Run `solecheck history recover` to copy every readable record into a new "
            "database.",
            store.path,
        )
    try:
        if not target.parent.exists():
            paths.ensure_private_dir(target.parent)
    except OSError as error:
        why = paths.folder_error(error, target.parent)
        raise HistoryError(f"cannot create the backup {target}: {why}", target) from error
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError as error:
        raise BackupExists(f"{target} already exists; choose another file for the backup", target) from error
    except OSError as error:
        raise HistoryError(f"cannot create the backup {target}: {error.strerror}", target) from error
    os.close(fd)
    try:
        with store.reading() as conn:
            destination = sqlite3.connect(target)
            try:
                conn.backup(destination)
                # A backup is a single self-contained file: no WAL beside it.
                destination.execute("PRAGMA journal_mode = DELETE").fetchone()
            finally:
                destination.close()
    except BaseException:
        with suppress(OSError):
            target.unlink()
        raise
    make_private(target)
    return target


def check(
    store: HistoryStore, stale_after: timedelta = timedelta(hours=24), now: datetime | None = None
) -> list[CheckFinding]:
    """SQLite's integrity and foreign key checks, then the store's own: sessions still running long
    after they started, steps beyond their session's plan, and notes about the computer's clock
    (:func:`~solecheck.history.clock_check.clock_notes`: never damage)."""
    findings: list[CheckFinding] = []
    now = now or utcnow()
    with store.reading() as conn:
        size = health.size_problem(conn, store.path)
        if size is not None:
            return [CheckFinding("problem", f"the file is damaged: {size}")]
        try:
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        except sqlite3.DatabaseError as error:
            integrity = [f"the file cannot be read ({error})"]
        if integrity != ["ok"]:
            findings += [CheckFinding("problem", f"SQLite integrity check: {line}") for line in integrity]
            return findings
        for row in conn.execute("PRAGMA foreign_key_check"):
            findings.append(
                CheckFinding("problem", f"{row[0]} row {row[1]} points to a missing {row[2]} record")
            )
        stale = conn.execute(
            "SELECT id, started_at FROM sessions WHERE status = 'running' AND started_at < ? ORDER BY started_at",
            (to_db_time(now - stale_after),),
        ).fetchall()
        for row in stale:
            findings.append(
                CheckFinding(
                    "note",
                    f"session {row[0]} started {row[1][:16].replace('T', ' ')} UTC is still marked running "
                    "(the app was closed during it; resuming or finishing it will settle this)",
                )
            )
        findings += [CheckFinding("note", message) for message in clock_notes(conn, now)]
        for row in conn.execute(
            "SELECT id, status FROM sessions WHERE (status = 'running') != (ended_at IS NULL)"
        ):
            findings.append(
                CheckFinding("problem", f"session {row[0]} is '{row[1]}' but its end time says otherwise")
            )
        for row in conn.execute(
            """
            SELECT t.session_id, count(DISTINCT t.position) AS done, s.planned_steps FROM steps t
            JOIN sessions s ON s.id = t.session_id WHERE t.status = 'done'
            GROUP BY t.session_id HAVING done > s.planned_steps
            """
        ):
            findings.append(
                CheckFinding("note", f"session {row[0]} has {row[1]} steps done of {row[2]} planned")
            )
    return findings
