"""The history store: one SQLite file of screenings, sessions and steps that loses nothing.

``HistoryStore`` owns the connection. It creates the data folder owner-only (0700) and the file
owner-only (0600) before SQLite touches it, recognises its files by ``PRAGMA application_id``,
upgrades older files with the migrations in ``solecheck.history.schema`` after keeping a copy, and
refuses — without changing a byte — files from other programs, damaged files and files written by a
newer solecheck. Before its first write, and after any corruption error, it checks the file
(``solecheck.history.health``) and never writes into a damaged one. A write that fails for a cause
that can pass (disk full, read-only, another program's lock: ``solecheck.history.causes``) is retried
on a fresh connection, since SQLite keeps a connection opened on a read-only file read-only.

The file runs in WAL mode with foreign keys on, a busy timeout and full sync; every
write is one ``BEGIN IMMEDIATE`` transaction, committed before the method returns, so a finished step
survives the process being killed the next instant.

One store may be shared between threads (the app reads from worker threads): calls are serialised by
a lock. Lists and trends are aggregated in SQL and paged, so the first screen never loads every row.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from pathlib import Path
from typing import Any
from urllib.parse import quote

from solecheck import paths
from solecheck.history import health, schema
from solecheck.history.causes import Cause, sqlite_cause
from solecheck.history.clock_check import clock_notes
from solecheck.history.local_time import LocalDays, sql_shift
from solecheck.history.private_files import create_private_file, make_private
from solecheck.history.records import (
    ScreeningRecord,
    SessionRecord,
    SessionStatus,
    SessionSummary,
    StepRecord,
    utcnow,
)
from solecheck.history.rows import (
    INSERT_SCREENING,
    INSERT_SESSION,
    INSERT_STEP,
    INSERTS,
    SUMMARY_COLUMNS,
    screening_from_row,
    screening_row,
    session_from_row,
    session_row,
    step_from_row,
    step_row,
    summary_from_row,
)
from solecheck.history.schema import from_db_time, to_db_time

BUSY_TIMEOUT_MS = 15_000


class HistoryError(Exception):
    """A history problem to show the user as one message: what went wrong, where, and what to do."""

    def __init__(self, message: str, path: Path | None = None) -> None:
        super().__init__(message)
        self.path = path


class NotASolecheckDatabase(HistoryError):
    """The file is not a solecheck history database, or it is damaged. It is never overwritten."""


class DamagedHistory(NotASolecheckDatabase):
    """The file is damaged: solecheck reads what it can but never writes into it."""


class HistoryUnavailable(HistoryError):
    """The history can't be written now, for a ``cause`` that can pass (disk full, read-only, locked)."""

    def __init__(self, message: str, path: Path | None, cause: Cause) -> None:
        super().__init__(message, path)
        self.cause = cause


class DatabaseFromNewerVersion(HistoryError):
    """The file was written by a newer solecheck, with a schema this version does not know."""


@dataclass(frozen=True)
class Adherence:
    """Planned steps done out of planned steps, over finished sessions."""

    done: int
    planned: int

    @property
    def share(self) -> float | None:
        """``done / planned`` clamped to 1, or ``None`` when nothing was planned."""
        return min(1.0, self.done / self.planned) if self.planned else None


@dataclass(frozen=True)
class CheckFinding:
    """One thing ``HistoryStore.check`` found: ``problem`` findings make the check fail."""

    severity: str  # "problem" or "note"
    message: str


def split_script(script: str) -> list[str]:
    """The complete SQL statements of ``script`` (``executescript`` would commit our transaction)."""
    statements: list[str] = []
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending.strip()[:60]}")
    return statements


class HistoryStore:
    """The history database: screenings, sessions and their steps, in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._fresh_needed = False
        self._checked = False
        self.damage: str | None = None
        """What is wrong with the file once a check or an error found it damaged (no write follows)."""
        try:
            create_private_file(self.path)
        except OSError as error:
            raise HistoryError(
                f"cannot open the history database {self.path}: {paths.folder_error(error, self.path)}", self.path
            ) from error
        self._conn = self._connect()
        try:
            try:
                version = self._recognise()
            except HistoryUnavailable as error:
                if error.cause.kind not in ("readonly", "cantopen") or not self._read_only_fallback():
                    raise
            else:
                self._configure(self._connection())
                self._migrate(version)
        except BaseException:
            self.close()
            raise
        make_private(self.path)
        from solecheck.history.journal import after_open

        after_open(self)

    @classmethod
    def open(cls, data_dir: Path) -> HistoryStore:
        """Open (creating if needed) the history database of a data folder."""
        return cls(paths.history_db(Path(data_dir)))

    # ------------------------------------------------------------------ lifecycle

    def close(self) -> None:
        """Close the connection; later calls raise ``HistoryError``."""
        with self._lock:
            if self._conn is not None:
                with suppress(sqlite3.Error):
                    self._conn.close()
                self._conn = None

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(
                self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise self._failure(error) from error
        conn.row_factory = sqlite3.Row
        return conn

    def _reconnect(self) -> None:
        """Replace the connection with a fresh one (the old one stays if the new one can't be made)."""
        conn = self._connect()
        try:
            self._configure(conn)
        except BaseException:
            with suppress(sqlite3.Error):
                conn.close()
            raise
        old, self._conn = self._conn, conn
        if old is not None and old is not conn:
            with suppress(sqlite3.Error):
                old.close()
        self._fresh_needed = False

    def _read_only_fallback(self) -> bool:
        """Read a history whose folder is read-only (SQLite can't open a WAL file there, as it can't
        create the shared-memory file beside it) through an immutable read-only connection; writes
        fail as read-only and are retried on a fresh, normal connection. ``False`` if that can't be."""
        try:
            conn = sqlite3.connect(
                f"file:{quote(str(self.path.absolute()))}?immutable=1",
                uri=True, isolation_level=None, check_same_thread=False,
            )
            conn.row_factory = sqlite3.Row
        except sqlite3.Error:
            return False
        old, self._conn = self._conn, conn
        if old is not None:
            with suppress(sqlite3.Error):
                old.close()
        try:
            version = self._recognise()
        except HistoryError:
            return False
        if version != schema.schema_version():
            return False  # an older file needs upgrading, which needs writing
        self._fresh_needed = True
        return True

    def _recognise(self) -> int:
        """Check the file is ours (or brand new) without writing to it; return its schema version."""
        conn = self._connection()
        try:
            # One statement, so one snapshot: another process may be creating the file this instant.
            application_id, version, objects = conn.execute(
                "SELECT (SELECT application_id FROM pragma_application_id()),"
                " (SELECT user_version FROM pragma_user_version()),"
                " (SELECT count(*) FROM sqlite_master)"
            ).fetchone()
        except sqlite3.DatabaseError as error:
            if sqlite_cause(error, self.path).kind != "damaged":
                raise self._failure(error) from error
            raise DamagedHistory(
                f"{self.path} is not a solecheck history database: it is not a SQLite database or it is damaged "
                f"({error}). solecheck has not changed it; `solecheck history recover` copies whatever it can "
                "read into a new database, or move it aside or use another --data-dir.",
                self.path,
            ) from error
        if application_id == schema.APPLICATION_ID:
            if version > schema.schema_version():
                raise DatabaseFromNewerVersion(
                    f"the history database {self.path} was written by a newer solecheck (schema version "
                    f"{version}; this solecheck knows up to {schema.schema_version()}). Upgrade solecheck "
                    "to open it; the file has not been changed.",
                    self.path,
                )
            return int(version)
        if application_id == 0 and version == 0 and objects == 0:
            return 0
        raise self._not_ours("it is a database of another program")

    def _not_ours(self, why: str) -> NotASolecheckDatabase:
        return NotASolecheckDatabase(
            f"{self.path} is not a solecheck history database: {why}. solecheck has not changed it; move it "
            "aside (or restore a backup in its place) or use another --data-dir.",
            self.path,
        )

    def _configure(self, conn: sqlite3.Connection) -> None:
        with self._guard():
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")

    @staticmethod
    def _use_wal(conn: sqlite3.Connection) -> None:
        """Switch the file to WAL (it stays so). SQLite does not wait on its busy timeout for this
        switch, so while another process is creating the same file we retry for as long ourselves."""
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        pause = 0.005
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL").fetchone()
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(pause)
                pause = min(pause * 2, 0.1)

    def _migrate(self, version: int) -> None:
        target = schema.schema_version()
        if version >= target:
            return
        if version > 0:
            self.backup_copy_before_migration(version)
        while True:
            with self._transaction() as conn:
                current = conn.execute("PRAGMA user_version").fetchone()[0]
                if current >= target:
                    return
                for statement in split_script(schema.MIGRATIONS[current]):
                    conn.execute(statement)
                if current == 0:
                    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
                conn.execute(f"PRAGMA user_version = {current + 1}")

    def backup_copy_before_migration(self, version: int) -> Path:
        """Keep a copy of the file as it is (schema ``version``) before upgrading it."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.v{version}-{stamp}.bak")
        counter = 1
        while target.exists():
            counter += 1
            target = self.path.with_name(f"{self.path.name}.v{version}-{stamp}-{counter}.bak")
        self.backup_to(target)
        return target

    # ------------------------------------------------------------------ plumbing

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise HistoryError(f"the history database {self.path} is closed", self.path)
        return self._conn

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite failures into one clear ``HistoryError`` naming the file and the cause."""
        try:
            yield
        except sqlite3.IntegrityError as error:
            raise HistoryError(f"the history database {self.path} refused a record: {error}", self.path) from error
        except sqlite3.DatabaseError as error:
            raise self._failure(error) from error

    def _failure(self, error: sqlite3.Error) -> HistoryError:
        """The ``HistoryError`` for a SQLite error. A cause that can pass makes the next write use a
        fresh connection; damage stops all writing."""
        cause = sqlite_cause(error, self.path)
        if cause.kind == "damaged":
            self.damage = self.damage or str(error)
            return self._damaged_error()
        if cause.passing:
            self._fresh_needed = True
            if cause.kind == "locked":
                return HistoryUnavailable(
                    f"the history database {self.path} stayed locked for {BUSY_TIMEOUT_MS // 1000} s: "
                    f"{cause.words}",
                    self.path,
                    cause,
                )
            return HistoryUnavailable(
                f"cannot use the history database {self.path} now: {cause.words}", self.path, cause
            )
        return HistoryError(f"the history database {self.path} failed: {error}", self.path)

    def _damaged_error(self) -> DamagedHistory:
        return DamagedHistory(
            f"the history database {self.path} is damaged ({self.damage}). solecheck does not write into "
            "it and has not changed it; run `solecheck history recover` to copy every readable record into "
            "a new database.",
            self.path,
        )

    def _ready_to_write(self) -> None:
        """Refuse to write into a damaged file; use a fresh connection after a failure that can pass;
        check the file (cheaply) before the first write."""
        if self.damage is not None:
            raise self._damaged_error()
        if self._fresh_needed:
            self._reconnect()
        if not self._checked:
            conn = self._connection()
            problem = health.size_problem(conn, self.path) or health.quick_problem(conn)
            if problem is not None:
                self.damage = problem
                raise self._damaged_error()
            self._checked = True

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, committed on success and rolled back on any failure."""
        with self._lock, self._guard():
            self._ready_to_write()
            conn = self._connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._guard():
            yield self._connection()

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A consistent read transaction (for exports): the data does not change while it is open."""
        with self._lock, self._guard():
            conn = self._connection()
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                if conn.in_transaction:
                    conn.execute("COMMIT")

    # ------------------------------------------------------------------ screenings

    def record_screening(self, record: ScreeningRecord) -> None:
        """Store one completed screening."""
        with self._transaction() as conn:
            conn.execute(INSERT_SCREENING, screening_row(record))

    def latest_screening(self, pack_id: str, *, not_after: datetime | None = None) -> ScreeningRecord | None:
        """The newest screening taken for a pack; with ``not_after``, the newest stamped no later than that
        (a screening stamped in the future was taken while the clock was wrong)."""
        since = "" if not_after is None else "AND taken_at <= ? "
        params = (pack_id,) if not_after is None else (pack_id, to_db_time(not_after))
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT * FROM screenings WHERE pack_id = ? {since}ORDER BY taken_at DESC, id DESC LIMIT 1", params
            ).fetchone()
        return screening_from_row(row) if row else None

    def last_written_screening(self, pack_id: str) -> ScreeningRecord | None:
        """The screening of a pack written to this file last, whatever its stamp (SQLite's rowid order)."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT * FROM screenings WHERE pack_id = ? ORDER BY rowid DESC LIMIT 1", (pack_id,)
            ).fetchone()
        return screening_from_row(row) if row else None

    def screenings(self, limit: int = 50, offset: int = 0, *, pack_id: str | None = None) -> list[ScreeningRecord]:
        """One page of screenings (of ``pack_id``'s, or of every pack), newest stamp first, at most ``limit``
        after skipping ``offset``: a list is read a page at a time, never whole."""
        where, params = ("WHERE pack_id = ? ", (pack_id,)) if pack_id is not None else ("", ())
        with self._reading() as conn:
            rows = conn.execute(
                f"SELECT * FROM screenings {where}ORDER BY taken_at DESC, id DESC LIMIT ? OFFSET ?",
                (*params, max(0, limit), max(0, offset)),
            ).fetchall()
        return [screening_from_row(row) for row in rows]

    def get_screening(self, screening_id: str) -> ScreeningRecord | None:
        with self._reading() as conn:
            row = conn.execute("SELECT * FROM screenings WHERE id = ?", (screening_id,)).fetchone()
        return screening_from_row(row) if row else None

    # ------------------------------------------------------------------ sessions

    def start_session(self, record: SessionRecord) -> None:
        """Store a session as it starts (its status is ``running`` until it is finished)."""
        with self._transaction() as conn:
            if record.screening_id is not None and not _exists(conn, "screenings", record.screening_id):
                raise HistoryError(
                    f"session {record.id} follows screening {record.screening_id}, which is not in the "
                    f"history database {self.path}",
                    self.path,
                )
            conn.execute(INSERT_SESSION, session_row(record))

    def record_step(self, step: StepRecord) -> None:
        """Store one finished step; it is committed before this returns."""
        with self._transaction() as conn:
            if not _exists(conn, "sessions", step.session_id):
                raise HistoryError(
                    f"step {step.id} belongs to session {step.session_id}, which is not in the history "
                    f"database {self.path}",
                    self.path,
                )
            conn.execute(INSERT_STEP, step_row(step))

    def finish_session(
        self,
        session_id: str,
        status: SessionStatus,
        ended_at: datetime | None = None,
        stop_reason: str | None = None,
        elapsed_s: float | None = None,
    ) -> None:
        """Mark a session completed, stopped or interrupted, at ``ended_at`` (default: now), having run
        ``elapsed_s`` seconds on the monotonic clock (``None``: not measured)."""
        if status == "running":
            raise ValueError("finish_session needs a finished status, not 'running'")
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET status = ?, ended_at = ?, stop_reason = ?, elapsed_s = ? WHERE id = ?",
                (status, to_db_time(ended_at or utcnow()), stop_reason, elapsed_s, session_id),
            )
            if cursor.rowcount == 0:
                raise HistoryError(f"no session {session_id} in the history database {self.path}", self.path)

    def reopen_session(self, session_id: str) -> None:
        """Mark an ``interrupted`` session ``running`` again, as it is resumed (its steps stay)."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET status = 'running', ended_at = NULL, stop_reason = NULL "
                "WHERE id = ? AND status = 'interrupted'",
                (session_id,),
            )
            if cursor.rowcount == 0:
                raise HistoryError(
                    f"no interrupted session {session_id} in the history database {self.path}", self.path
                )

    def set_soreness(self, session_id: str, settled: bool) -> None:
        """Record whether soreness from a session settled by the next day."""
        with self._transaction() as conn:
            cursor = conn.execute(
                "UPDATE sessions SET soreness_settled = ? WHERE id = ?", (int(settled), session_id)
            )
            if cursor.rowcount == 0:
                raise HistoryError(f"no session {session_id} in the history database {self.path}", self.path)

    def get_session(self, session_id: str) -> SessionRecord | None:
        with self._reading() as conn:
            row = conn.execute("SELECT * FROM sessions WHERE id = ?", (session_id,)).fetchone()
        return session_from_row(row) if row else None

    def steps_of(self, session_id: str) -> list[StepRecord]:
        """A session's recorded steps, in plan order (a step done again after going back: in the order written)."""
        with self._reading() as conn:
            rows = conn.execute(
                "SELECT * FROM steps WHERE session_id = ? ORDER BY position, rowid", (session_id,)
            ).fetchall()
        return [step_from_row(row) for row in rows]

    def unfinished_session(self, pack_id: str | None = None) -> SessionRecord | None:
        """The session still marked ``running`` (the app was closed or killed during it) that was started
        last, by the order sessions were written to this file (SQLite's rowid), whatever their stamps: a
        wall clock set wrong must not decide which session is offered for resume.

        Asked at every return to the home screen, so it names its index: left to itself SQLite picks the
        pack's index and reads every session of the pack (70 ms on 100,000) to find the few running."""
        where, params = _filters(pack_id=pack_id)
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT * FROM sessions s INDEXED BY sessions_by_status WHERE s.status = 'running' {where} "
                "ORDER BY s.rowid DESC LIMIT 1",
                params,
            ).fetchone()
        return session_from_row(row) if row else None

    def last_finished_session(self, pack_id: str | None = None) -> SessionRecord | None:
        """Of the sessions no longer running, the one started last by write order (SQLite's rowid), whatever
        its stamps: the session whose pain stop gates the next start and whose soreness is asked about.

        The pack is matched with ``+s.pack_id`` so SQLite walks the table back from its newest row and stops
        at the first match, instead of reading and sorting every session of the pack through its index."""
        clause, params = ("", ()) if pack_id is None else (" AND +s.pack_id = ?", (pack_id,))
        with self._reading() as conn:
            row = conn.execute(
                f"SELECT * FROM sessions s WHERE s.status != 'running'{clause} ORDER BY s.rowid DESC LIMIT 1",
                params,
            ).fetchone()
        return session_from_row(row) if row else None

    def sessions_under(self, screening_id: str) -> int:
        """How many sessions were started under the screening ``screening_id`` (their ``screening_id``)."""
        with self._reading() as conn:
            row = conn.execute("SELECT count(*) FROM sessions WHERE screening_id = ?", (screening_id,)).fetchone()
        return int(row[0])

    def screening_written_after(self, screening_id: str) -> ScreeningRecord | None:
        """The screening of the same pack written to this file last after ``screening_id`` (rowid order,
        whatever the stamps); ``None`` when none was, or ``screening_id`` is not in the file."""
        with self._reading() as conn:
            row = conn.execute(
                "SELECT later.* FROM screenings first JOIN screenings later "
                "ON later.pack_id = first.pack_id AND later.rowid > first.rowid "
                "WHERE first.id = ? ORDER BY later.rowid DESC LIMIT 1",
                (screening_id,),
            ).fetchone()
        return screening_from_row(row) if row else None

    # ------------------------------------------------------------------ lists and trends

    def session_summaries(
        self,
        limit: int = 50,
        offset: int = 0,
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        days: LocalDays | None = None,
    ) -> list[SessionSummary]:
        """One page of sessions, newest first, with steps done, duration and highest pain (``plan_json``
        is left out). ``since`` is inclusive and ``until`` exclusive, on the start time; ``days`` keeps the
        sessions started on those local days, each on its own (see :class:`LocalDays`)."""
        where, params = _filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
        # The page's ids come from the (started_at, id) index alone, so a deep OFFSET skips index
        # entries only; the per-session aggregates run for the page's rows.
        sql = f"""
            WITH page AS (
                SELECT s.id FROM sessions s WHERE 1 {where}
                ORDER BY s.started_at DESC, s.id DESC LIMIT ? OFFSET ?
            )
            SELECT {SUMMARY_COLUMNS},
                   (SELECT count(DISTINCT t.position) FROM steps t
                    WHERE t.session_id = s.id AND t.status = 'done') AS steps_done,
                   (SELECT max(t.pain) FROM steps t WHERE t.session_id = s.id) AS max_pain
            FROM page JOIN sessions s ON s.id = page.id
            ORDER BY s.started_at DESC, s.id DESC
        """
        with self._reading() as conn:
            rows = conn.execute(sql, (*params, max(0, limit), max(0, offset))).fetchall()
        return [summary_from_row(row) for row in rows]

    def count_sessions(
        self,
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        days: LocalDays | None = None,
    ) -> int:
        where, params = _filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
        with self._reading() as conn:
            return int(conn.execute(f"SELECT count(*) FROM sessions s WHERE 1 {where}", params).fetchone()[0])

    def count_all(self) -> dict[str, int]:
        """How many screenings, sessions and steps the store holds."""
        with self._reading() as conn:
            return {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in ("screenings", "sessions", "steps")
            }

    def routines(self) -> list[tuple[str, str]]:
        """The routines sessions were done with, as ``(routine_id, latest title)``, by title."""
        with self._reading() as conn:
            rows = conn.execute(
                f"""
                SELECT r.value,
                       (SELECT s.routine_title FROM sessions s WHERE s.routine_id = r.value
                        ORDER BY s.started_at DESC, s.id DESC LIMIT 1) AS title
                FROM ({_distinct("routine_id")}) r
                ORDER BY title, r.value
                """
            ).fetchall()
        return [(row[0], row[1]) for row in rows]

    def pack_ids(self) -> list[str]:
        """The packs sessions were done with."""
        with self._reading() as conn:
            return [row[0] for row in conn.execute(f"{_distinct('pack_id')} ORDER BY 1")]

    def weekly_counts(
        self,
        weeks: int,
        today: date,
        utc_offset: timedelta = timedelta(0),
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
    ) -> list[tuple[date, int]]:
        """Sessions started per week (Monday to Sunday, each session in its own local time: the UTC
        offset it was recorded with, ``utc_offset`` for older records without one), for the ``weeks``
        weeks ending with the one holding ``today``, oldest first, weeks without sessions as 0."""
        first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=max(1, weeks) - 1)
        end = today - timedelta(days=today.weekday()) + timedelta(weeks=1)
        where, params = _filters(  # a day wider each way: any record's own offset is within it
            routine_id=routine_id,
            pack_id=pack_id,
            since=_local_midnight_utc(first_monday, utc_offset) - timedelta(days=1),
            until=_local_midnight_utc(end, utc_offset) + timedelta(days=1),
        )
        with self._reading() as conn:
            rows = conn.execute(
                f"""
                SELECT date(s.started_at, {sql_shift()}, 'weekday 0', '-6 days') AS week, count(*)
                FROM sessions s WHERE 1 {where} GROUP BY week
                """,
                (_minutes(utc_offset), *params),
            ).fetchall()
        counts = {date.fromisoformat(row[0]): int(row[1]) for row in rows}
        return [
            (first_monday + timedelta(weeks=i), counts.get(first_monday + timedelta(weeks=i), 0))
            for i in range(max(1, weeks))
        ]

    def pain_series(
        self,
        limit: int = 60,
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        days: LocalDays | None = None,
    ) -> list[tuple[datetime, int]]:
        """The highest pain of each of the latest ``limit`` sessions that asked about pain, oldest first."""
        where, params = _filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
        with self._reading() as conn:
            rows = conn.execute(
                f"""
                SELECT started_at, max_pain FROM (
                    SELECT s.started_at AS started_at, s.id AS id,
                           (SELECT max(t.pain) FROM steps t WHERE t.session_id = s.id) AS max_pain
                    FROM sessions s WHERE 1 {where}
                    ORDER BY s.started_at DESC, s.id DESC
                ) WHERE max_pain IS NOT NULL LIMIT ?
                """,
                (*params, max(0, limit)),
            ).fetchall()
        return [(from_db_time(row[0]), int(row[1])) for row in reversed(rows)]

    def streak(
        self,
        today: date,
        utc_offset: timedelta = timedelta(0),
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
    ) -> int:
        """Consecutive local days with a completed session, ending today — or yesterday, while today has
        none yet. Each session's day is its own local day (the UTC offset it was recorded with;
        ``utc_offset`` for older records without one)."""
        run = self._run_of_days(today, utc_offset, routine_id, pack_id)
        return run or self._run_of_days(today - timedelta(days=1), utc_offset, routine_id, pack_id)

    def _run_of_days(
        self, start: date, utc_offset: timedelta, routine_id: str | None, pack_id: str | None
    ) -> int:
        where, params = _filters(routine_id=routine_id, pack_id=pack_id)
        # Walk back one day at a time while the day has a completed session: each probe is one index
        # range (the day, a day wider each way for any offset), so the cost is the streak's length.
        sql = f"""
            WITH RECURSIVE run(day, n) AS (
                SELECT ?, 0
                UNION ALL
                SELECT date(day, '-1 day'), n + 1 FROM run
                WHERE EXISTS (
                    SELECT 1 FROM sessions s
                    WHERE s.status = 'completed'
                      AND s.started_at >= strftime('%Y-%m-%dT%H:%M:%S', run.day, '-1 day')
                      AND s.started_at < strftime('%Y-%m-%dT%H:%M:%S', run.day, '+2 days')
                      AND date(s.started_at, {sql_shift()}) = run.day
                      {where}
                )
            )
            SELECT max(n) FROM run
        """
        with self._reading() as conn:
            value = conn.execute(sql, (start.isoformat(), _minutes(utc_offset), *params)).fetchone()[0]
        return int(value or 0)

    def adherence(
        self,
        *,
        routine_id: str | None = None,
        pack_id: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        days: LocalDays | None = None,
    ) -> Adherence:
        """Planned steps done out of planned steps, over finished (not running) sessions."""
        where, params = _filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
        with self._reading() as conn:
            row = conn.execute(
                f"""
                SELECT coalesce(sum(s.planned_steps), 0),
                       coalesce(sum((SELECT count(DISTINCT t.position) FROM steps t
                                     WHERE t.session_id = s.id AND t.status = 'done')), 0)
                FROM sessions s WHERE s.status != 'running' {where}
                """,
                params,
            ).fetchone()
        return Adherence(done=int(row[1]), planned=int(row[0]))

    # ------------------------------------------------------------------ bulk import

    @contextmanager
    def importing(self) -> Iterator[RecordImport]:
        """One transaction for a whole import: everything added is committed together, or nothing is.
        Foreign keys are checked at commit, so records may arrive in any order."""
        with self._transaction() as conn:
            conn.execute("PRAGMA defer_foreign_keys = ON")
            yield RecordImport(conn)

    # ------------------------------------------------------------------ copies and checks

    def backup_to(self, target: Path) -> Path:
        """Write a consistent copy of the live database to a new owner-only file (SQLite backup API).
        Raises ``DamagedHistory`` (making no file) when the full integrity check finds the file
        damaged: a backup must not pass damage on as a good copy."""
        target = Path(target)
        with self._lock, self._guard():
            problem = health.full_problem(self._connection(), self.path)
        if problem is not None:
            self.damage = problem
            raise DamagedHistory(
                f"the history database {self.path} is damaged ({problem}); no backup was made, as it would "
                "be damaged too. Run `solecheck history recover` to copy every readable record into a new "
                "database.",
                self.path,
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
            raise HistoryError(f"{target} already exists; choose another file for the backup", target) from error
        except OSError as error:
            raise HistoryError(f"cannot create the backup {target}: {error.strerror}", target) from error
        os.close(fd)
        try:
            with self._lock, self._guard():
                destination = sqlite3.connect(target)
                try:
                    self._connection().backup(destination)
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

    def check(self, stale_after: timedelta = timedelta(hours=24), now: datetime | None = None) -> list[CheckFinding]:
        """SQLite's integrity and foreign key checks, then the store's own: sessions still running long
        after they started, steps beyond their session's plan, and notes about the computer's clock
        (:func:`~solecheck.history.clock_check.clock_notes`: never damage)."""
        findings: list[CheckFinding] = []
        now = now or utcnow()
        with self._reading() as conn:
            size = health.size_problem(conn, self.path)
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

    def schema_version(self) -> int:
        with self._reading() as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])


class RecordImport:
    """Adds rows inside ``HistoryStore.importing()``; rows whose id is already stored are skipped."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def add(self, table: str, rows: Sequence[dict[str, Any]]) -> int:
        """Insert rows of ``table`` (the store's row form); return how many were new."""
        sql = INSERTS[table] + " ON CONFLICT (id) DO NOTHING"
        before = self._conn.total_changes
        self._conn.executemany(sql, rows)
        return self._conn.total_changes - before

    def has(self, table: str, record_id: str) -> bool:
        return _exists(self._conn, table, record_id)


# ---------------------------------------------------------------------- rows <-> records

def last_screening_digest(data_dir: Path, pack_id: str) -> str | None:
    """The screening digest (:attr:`Pack.screening_digest`) of the screening of ``pack_id`` written last to the data
    folder's history (rowid order, whatever its stamp): what a newer version of the pack is compared with
    to say whether the screening still counts. ``None`` when the history holds none (or does not exist).

    Read through a read-only connection of its own, before the app or the line mode opens the store: no
    migration, no journal replay, nothing written. Raises ``HistoryError`` when the file can't be read."""
    path = paths.history_db(Path(data_dir))
    if not path.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            row = conn.execute(
                "SELECT screening_digest FROM screenings WHERE pack_id = ? ORDER BY rowid DESC LIMIT 1", (pack_id,)
            ).fetchone()
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise HistoryError(f"the history database {path} can't be read ({error})", path) from error
    return str(row[0]) if row else None


# ---------------------------------------------------------------------- query pieces


def _exists(conn: sqlite3.Connection, table: str, record_id: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (record_id,)).fetchone() is not None


def _distinct(column: str) -> str:
    """SELECT the distinct values of an indexed sessions column, one index probe per value (a loose
    index scan: SQLite's DISTINCT would read every row)."""
    return f"""
        WITH RECURSIVE distinct_values(value) AS (
            SELECT min({column}) FROM sessions
            UNION ALL
            SELECT (SELECT min({column}) FROM sessions WHERE {column} > distinct_values.value)
            FROM distinct_values WHERE distinct_values.value IS NOT NULL
        )
        SELECT value FROM distinct_values WHERE value IS NOT NULL
    """


def _filters(
    *,
    routine_id: str | None = None,
    pack_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    days: LocalDays | None = None,
) -> tuple[str, Sequence[Any]]:
    """``AND ...`` conditions on sessions aliased ``s``, and their parameters. ``since``/``until`` are
    instants; ``days`` are local days, each session's own."""
    clauses: list[str] = []
    params: list[Any] = []
    if routine_id is not None:
        clauses.append("s.routine_id = ?")
        params.append(routine_id)
    if pack_id is not None:
        clauses.append("s.pack_id = ?")
        params.append(pack_id)
    if since is not None:
        clauses.append("s.started_at >= ?")
        params.append(to_db_time(since))
    if until is not None:
        clauses.append("s.started_at < ?")
        params.append(to_db_time(until))
    if days is not None:
        day_clauses, day_params = days.sql("s")
        clauses += day_clauses
        params += day_params
    return "".join(f" AND {clause}" for clause in clauses), params


def _local_midnight_utc(day: date, utc_offset: timedelta) -> datetime:
    return datetime.combine(day, time_of_day(0), tzinfo=UTC) - utc_offset


def _minutes(offset: timedelta) -> int:
    """``offset`` in whole minutes (the fallback offset :func:`~solecheck.history.local_time.sql_shift` takes)."""
    return int(offset.total_seconds() // 60)
