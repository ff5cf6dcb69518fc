"""Moving history in and out of the store: JSON export and import, CSV export for spreadsheets.

Exports stream from one consistent read transaction, one record at a time, so ten years of history
never sits in memory. The JSON export (format in ``docs/history-format.md``) writes one record per
line; the CSV export writes one row per step, with its session's columns repeated.

Import reads the JSON export back, a record at a time: each record is validated by the pydantic
models in ``export_format`` before it is written, references between records are checked, and the
whole file goes in one transaction, so a malformed file is refused whole, naming the record and
field, and changes nothing. Records whose id is already stored are skipped: importing a file twice
adds nothing the second time. Text is outside text: control characters (see
:mod:`solecheck.outside_text`) are removed from a record's text before it is stored, and the report
names each record so cleaned; an id holding one refuses the file.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from solecheck import __version__
from solecheck.history.export_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    SECTION_MODELS,
    SECTIONS,
    TOP_LEVEL_FIELDS,
    ExportedScreening,
    ExportedSession,
    ExportedStep,
)
from solecheck.history.json_stream import (
    ArrayItem,
    ArrayStart,
    JsonStreamError,
    Member,
    RecordTooLarge,
    read_members,
)
from solecheck.history.records import utcnow
from solecheck.history.schema import to_db_time
from solecheck.history.store import HistoryError, HistoryStore, RecordImport
from solecheck.outside_text import clean

BATCH = 2_000
CLEANED_NAMED = 5
_ID_FIELDS = frozenset({"id", "session_id", "screening_id"})
FETCH = 5_000

SCREENING_FIELDS = (
    "id", "pack_id", "pack_version", "screening_digest", "taken_at", "answers", "outcome", "fired_rules",
    "messages", "others_taken_at", "utc_offset_min", "zone",
)
SESSION_FIELDS = (
    "id", "pack_id", "pack_version", "routine_id", "routine_title", "planned_steps", "screening_id", "status",
    "started_at", "ended_at", "stop_reason", "soreness_settled", "plan_json", "pack_digest",
    "elapsed_s", "utc_offset_min", "zone",
)
STEP_FIELDS = (
    "id",
    "session_id",
    "position",
    "exercise_id",
    "exercise_title",
    "region",
    "status",
    "side",
    "set_index",
    "planned_s",
    "actual_s",
    "planned_reps",
    "actual_reps",
    "pain",
    "note",
    "ended_at",
)

CSV_COLUMNS = (
    "session_id", "session_started_utc", "session_ended_utc", "session_minutes", "session_status",
    "pack_id", "pack_version", "pack_digest", "routine_id", "routine_title", "steps_planned", "screening_id",
    "screening_outcome", "stop_reason", "soreness_settled",
    "step_id", "step_position", "exercise_id", "exercise_title", "region", "side", "set_index", "step_status",
    "planned_seconds", "actual_seconds", "planned_reps", "actual_reps", "pain", "note", "step_ended_utc",
)
# Free text a spreadsheet could mistake for a formula gets a leading apostrophe (see the format doc).
CSV_TEXT_COLUMNS = frozenset({"routine_title", "stop_reason", "exercise_title", "note"})
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class ImportRefused(HistoryError):
    """The file to import is malformed; nothing was changed."""


@dataclass
class ImportReport:
    """What an import did, per section: records added and records already there (skipped)."""

    added: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    skipped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SECTIONS, 0))
    cleaned: list[str] = field(default_factory=list)
    """The records whose text held control characters, removed on import: ``steps[3] (id 'x')``."""

    def summary(self) -> str:
        added = ", ".join(count(self.added[section], section) for section in SECTIONS)
        said = f"added {added}; {count(sum(self.skipped.values()), 'records')} already in the history"
        if self.cleaned:
            named = ", ".join(self.cleaned[:CLEANED_NAMED])
            if len(self.cleaned) > CLEANED_NAMED:
                named += f" and {len(self.cleaned) - CLEANED_NAMED} more"
            said += f"; control characters removed from the text of {count(len(self.cleaned), 'records')}: {named}"
        return said


def count(number: int, plural: str) -> str:
    """``1 session``, ``3 sessions``: ``plural`` is the noun's plural ending in s."""
    return f"{number} {plural if number != 1 else plural[:-1]}"


# ---------------------------------------------------------------------- JSON export


def export_json(store: HistoryStore, out: TextIO, *, exported_at: datetime | None = None) -> dict[str, int]:
    """Write the whole history as the JSON export; returns how many records of each kind."""
    counts = dict.fromkeys(SECTIONS, 0)
    header = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "exported_at": to_db_time(exported_at or utcnow()),
        "solecheck_version": __version__,
    }
    encode = json.JSONEncoder(ensure_ascii=False).encode
    with store.snapshot() as conn:
        out.write("{\n")
        for key, value in header.items():
            out.write(f"  {json.dumps(key)}: {json.dumps(value)},\n")
        for number, section in enumerate(SECTIONS):
            out.write(f'  "{section}": [')
            first = True
            for record in _exported_records(conn, section):
                out.write("\n    " if first else ",\n    ")
                out.write(encode(record))
                first = False
                counts[section] += 1
            out.write("]" if first else "\n  ]")
            out.write(",\n" if number < len(SECTIONS) - 1 else "\n")
        out.write("}\n")
    return counts


def _exported_records(conn: sqlite3.Connection, section: str) -> Iterator[dict[str, Any]]:
    if section == "screenings":
        sql = f"SELECT {', '.join(SCREENING_FIELDS)} FROM screenings ORDER BY taken_at, id"
        for values in _tuples(conn, sql):
            record = dict(zip(SCREENING_FIELDS, values, strict=True))
            for name in ("answers", "fired_rules", "messages"):
                record[name] = json.loads(record[name])
            yield record
    elif section == "sessions":
        sql = f"SELECT {', '.join(SESSION_FIELDS)} FROM sessions ORDER BY started_at, id"
        for values in _tuples(conn, sql):
            record = dict(zip(SESSION_FIELDS, values, strict=True))
            if record["soreness_settled"] is not None:
                record["soreness_settled"] = bool(record["soreness_settled"])
            yield record
    else:
        sql = (
            f"SELECT {', '.join('t.' + name for name in STEP_FIELDS)} FROM sessions s "
            "JOIN steps t ON t.session_id = s.id ORDER BY s.started_at, s.id, t.position, t.ended_at, t.id"
        )
        for values in _tuples(conn, sql):
            yield dict(zip(STEP_FIELDS, values, strict=True))


def _tuples(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[Any, ...]]:
    cursor = conn.cursor()
    cursor.row_factory = None  # plain tuples: the export reads a million of them
    cursor.execute(sql)
    while rows := cursor.fetchmany(FETCH):
        yield from rows


def _rows(conn: sqlite3.Connection, sql: str) -> Iterator[sqlite3.Row]:
    cursor = conn.execute(sql)
    while rows := cursor.fetchmany(FETCH):
        yield from rows


# ---------------------------------------------------------------------- CSV export


def export_csv(store: HistoryStore, out: TextIO) -> int:
    """Write one row per step (a session without steps gets one row with empty step columns), oldest
    session first; returns the number of rows after the header."""
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    sql = """
        SELECT s.id AS session_id, s.started_at, s.ended_at, s.status AS session_status, s.pack_id,
               s.pack_version, s.pack_digest, s.routine_id, s.routine_title, s.planned_steps, s.screening_id,
               c.outcome AS screening_outcome, s.stop_reason, s.soreness_settled,
               t.id AS step_id, t.position, t.exercise_id, t.exercise_title, t.region, t.side, t.set_index,
               t.status AS step_status, t.planned_s, t.actual_s, t.planned_reps, t.actual_reps, t.pain, t.note,
               t.ended_at AS step_ended_at,
               (julianday(s.ended_at) - julianday(s.started_at)) * 1440.0 AS minutes
        FROM sessions s
        LEFT JOIN screenings c ON c.id = s.screening_id
        LEFT JOIN steps t ON t.session_id = s.id
        ORDER BY s.started_at, s.id, t.position, t.ended_at, t.id
    """
    count = 0
    with store.snapshot() as conn:
        for row in _rows(conn, sql):
            settled = row["soreness_settled"]
            values: dict[str, Any] = {
                "session_id": row["session_id"],
                "session_started_utc": _spreadsheet_time(row["started_at"]),
                "session_ended_utc": _spreadsheet_time(row["ended_at"]),
                "session_minutes": "" if row["minutes"] is None else f"{max(0.0, row['minutes']):.1f}",
                "session_status": row["session_status"],
                "pack_id": row["pack_id"],
                "pack_version": row["pack_version"],
                "pack_digest": row["pack_digest"],
                "routine_id": row["routine_id"],
                "routine_title": row["routine_title"],
                "steps_planned": row["planned_steps"],
                "screening_id": row["screening_id"],
                "screening_outcome": row["screening_outcome"],
                "stop_reason": row["stop_reason"],
                "soreness_settled": "" if settled is None else ("yes" if settled else "no"),
                "step_id": row["step_id"],
                "step_position": row["position"],
                "exercise_id": row["exercise_id"],
                "exercise_title": row["exercise_title"],
                "region": row["region"],
                "side": row["side"],
                "set_index": row["set_index"],
                "step_status": row["step_status"],
                "planned_seconds": row["planned_s"],
                "actual_seconds": "" if row["actual_s"] is None else f"{row['actual_s']:.1f}",
                "planned_reps": row["planned_reps"],
                "actual_reps": row["actual_reps"],
                "pain": row["pain"],
                "note": row["note"],
                "step_ended_utc": _spreadsheet_time(row["step_ended_at"]),
            }
            writer.writerow(_csv_cell(name, values[name]) for name in CSV_COLUMNS)
            count += 1
    return count


def _spreadsheet_time(text: str | None) -> str:
    """``2026-03-02T08:00:00.000000+00:00`` as ``2026-03-02 08:00:00``, which spreadsheets read as a time."""
    return "" if text is None else f"{text[:10]} {text[11:19]}"


def _csv_cell(name: str, value: Any) -> str:
    if value is None:
        return ""
    text = str(value)
    if name in CSV_TEXT_COLUMNS and text.startswith(_FORMULA_STARTS):
        return "'" + text
    return text


# ---------------------------------------------------------------------- JSON import


def import_json(store: HistoryStore, source: Path) -> ImportReport:
    """Import a JSON export into the store, all or nothing (see the module docstring)."""
    try:
        stream = source.open(encoding="utf-8")
    except OSError as error:
        raise ImportRefused(f"cannot read {source}: {error.strerror or error}; nothing was imported", source) from error
    with stream:
        try:
            start = stream.read(64)
            stream.seek(0)
            if start.lstrip("\ufeff").startswith(CSV_COLUMNS[0] + ","):
                raise ImportRefused(
                    f"{source} is a CSV export; import reads JSON exports (make one with `solecheck history "
                    "export --format json`); nothing was imported",
                    source,
                )
            if start.startswith("\ufeff"):
                stream.read(1)  # a byte order mark before JSON is harmless
            return _import_stream(store, source, stream)
        except UnicodeDecodeError as error:
            raise ImportRefused(f"{source} is not UTF-8 text; nothing was imported", source) from error
        except RecordTooLarge as error:
            raise ImportRefused(f"{source}: {error}; nothing was imported", source) from error
        except JsonStreamError as error:
            raise ImportRefused(f"{source} is not valid JSON ({error}); nothing was imported", source) from error


def _clean_value(value: Any) -> Any:
    """``value`` with control characters removed from every text in it (dict keys included)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_clean_value(item) for item in value]
    if isinstance(value, dict):
        return {clean(key) if isinstance(key, str) else key: _clean_value(item) for key, item in value.items()}
    return value


class _Importer:
    """One import's state: records waiting to be written and the ids seen, for reference checks."""

    def __init__(self, source: Path, batch: RecordImport) -> None:
        self.source = source
        self.batch = batch
        self.report = ImportReport()
        self.pending: dict[str, list[dict[str, Any]]] = {section: [] for section in SECTIONS}
        self.seen: dict[str, set[str]] = {"screenings": set(), "sessions": set()}
        self.unresolved: dict[tuple[str, str], str] = {}  # (table, id) -> the record that needs it

    def refuse(self, where: str, message: str) -> ImportRefused:
        return ImportRefused(f"{self.source}: {where}: {message}; nothing was imported", self.source)

    @staticmethod
    def where(section: str, index: int, value: Any) -> str:
        """How a message names a record: ``steps[12] (id 'abc')``."""
        if isinstance(value, dict) and isinstance(value.get("id"), str):
            return f"{section}[{index}] (id {value['id']!r})"
        return f"{section}[{index}]"

    def add(self, section: str, index: int, value: Any) -> None:
        if isinstance(value, dict):
            cleaned = {key: value[key] if key in _ID_FIELDS else _clean_value(value[key]) for key in value}
            if cleaned != value:
                self.report.cleaned.append(self.where(section, index, value))
                value = cleaned
        try:
            record = SECTION_MODELS[section].model_validate(value)
        except ValidationError as error:
            raise self.refuse(self.where(section, index, value), _first_problem(error)) from error
        if isinstance(record, ExportedStep):
            self.need("sessions", record.session_id, section, index, value)
        elif isinstance(record, ExportedSession) and record.screening_id is not None:
            self.need("screenings", record.screening_id, section, index, value)
        if isinstance(record, ExportedScreening | ExportedSession):
            self.seen[section].add(record.id)
        self.pending[section].append(record.row())
        if len(self.pending[section]) >= BATCH:
            self.flush(section)

    def need(self, table: str, record_id: str, section: str, index: int, value: Any) -> None:
        if record_id in self.seen[table] or (table, record_id) in self.unresolved:
            return
        if not self.batch.has(table, record_id):
            self.unresolved[(table, record_id)] = self.where(section, index, value)

    def flush(self, section: str) -> None:
        rows = self.pending[section]
        if rows:
            added = self.batch.add(section, rows)
            self.report.added[section] += added
            self.report.skipped[section] += len(rows) - added
            rows.clear()

    def finish(self) -> ImportReport:
        for section in SECTIONS:
            self.flush(section)
        for (table, record_id), where in self.unresolved.items():
            if record_id not in self.seen[table]:
                kind = table.rstrip("s")
                field_name = "screening_id" if table == "screenings" else "session_id"
                raise self.refuse(
                    where, f"field '{field_name}': {kind} {record_id!r} is neither in this file nor in the history"
                )
        return self.report


def _import_stream(store: HistoryStore, source: Path, stream: TextIO) -> ImportReport:
    header: dict[str, Any] = {}
    sections_seen: set[str] = set()
    with store.importing() as batch:
        importer = _Importer(source, batch)
        for event in read_members(stream):
            if isinstance(event, Member):
                if event.key in SECTIONS:
                    raise importer.refuse(event.key, "must be a list of records")
                if event.key not in TOP_LEVEL_FIELDS:
                    raise importer.refuse(event.key, "is not a field of a solecheck history export")
                header[event.key] = event.value
                continue
            if isinstance(event, ArrayStart):
                if event.key not in SECTIONS:
                    raise importer.refuse(event.key, "is not a field of a solecheck history export")
                if event.key in sections_seen:
                    raise importer.refuse(event.key, "appears twice")
                _check_header(importer, header)
                sections_seen.add(event.key)
                continue
            assert isinstance(event, ArrayItem)
            importer.add(event.key, event.index, event.value)
        _check_header(importer, header)
        return importer.finish()


def _check_header(importer: _Importer, header: dict[str, Any]) -> None:
    if header.get("format") != FORMAT_NAME:
        raise importer.refuse(
            "format",
            f"expected {FORMAT_NAME!r} before the records (is this a solecheck history export?)",
        )
    version = header.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise importer.refuse("format_version", "must be a whole number from 1, before the records")
    if version > FORMAT_VERSION:
        raise importer.refuse(
            "format_version",
            f"{version} is newer than this solecheck reads ({FORMAT_VERSION}); upgrade solecheck to import it",
        )


def _first_problem(error: ValidationError) -> str:
    problem = error.errors(include_url=False)[0]
    location = ".".join(str(part) for part in problem["loc"])
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' * (count != 2)})" if count > 1 else ""
    return f"field '{location}': {problem['msg']}{more}" if location else f"{problem['msg']}{more}"
