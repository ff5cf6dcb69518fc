"""The store's rows and the history records: SQL to insert them and conversions both ways.

JSON columns (answers, fired rules, messages) are written with ``ensure_ascii=False`` and read back as
the records' dicts and tuples; times go through ``schema.to_db_time`` / ``schema.from_db_time``.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from solecheck.history.records import ScreeningRecord, SessionRecord, SessionSummary, StepRecord
from solecheck.history.schema import from_db_time, to_db_time

INSERT_SCREENING = """
    INSERT INTO screenings (id, pack_id, pack_version, screening_digest, answers, outcome, fired_rules,
                            messages, taken_at, others_taken_at, utc_offset_min, zone)
    VALUES (:id, :pack_id, :pack_version, :screening_digest, :answers, :outcome, :fired_rules, :messages,
            :taken_at, :others_taken_at, :utc_offset_min, :zone)
"""
INSERT_SESSION = """
    INSERT INTO sessions (id, pack_id, pack_version, routine_id, routine_title, planned_steps, screening_id,
                          status, started_at, ended_at, stop_reason, soreness_settled, plan_json, pack_digest,
                          elapsed_s, utc_offset_min, zone)
    VALUES (:id, :pack_id, :pack_version, :routine_id, :routine_title, :planned_steps, :screening_id,
            :status, :started_at, :ended_at, :stop_reason, :soreness_settled, :plan_json, :pack_digest,
            :elapsed_s, :utc_offset_min, :zone)
"""
INSERT_STEP = """
    INSERT INTO steps (id, session_id, position, exercise_id, exercise_title, region, status, side, set_index,
                       planned_s, actual_s, planned_reps, actual_reps, pain, note, ended_at)
    VALUES (:id, :session_id, :position, :exercise_id, :exercise_title, :region, :status, :side, :set_index,
            :planned_s, :actual_s, :planned_reps, :actual_reps, :pain, :note, :ended_at)
"""
INSERTS = {"screenings": INSERT_SCREENING, "sessions": INSERT_SESSION, "steps": INSERT_STEP}
SUMMARY_COLUMNS = (
    "s.id, s.pack_id, s.pack_version, s.routine_id, s.routine_title, s.planned_steps, s.screening_id, "
    "s.status, s.started_at, s.ended_at, s.stop_reason, s.soreness_settled, s.pack_digest, "
    "s.elapsed_s, s.utc_offset_min, s.zone, "
    "CASE WHEN s.ended_at IS NULL THEN NULL WHEN s.elapsed_s IS NOT NULL THEN s.elapsed_s "
    "ELSE (julianday(s.ended_at) - julianday(s.started_at)) * 86400.0 END AS duration_s"
)


def screening_row(record: ScreeningRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "pack_id": record.pack_id,
        "pack_version": record.pack_version,
        "screening_digest": record.screening_digest,
        "answers": json.dumps(record.answers, ensure_ascii=False, sort_keys=True),
        "outcome": record.outcome,
        "fired_rules": json.dumps(list(record.fired_rules), ensure_ascii=False),
        "messages": json.dumps(list(record.messages), ensure_ascii=False),
        "taken_at": to_db_time(record.taken_at),
        "others_taken_at": to_db_time(record.others_taken_at) if record.others_taken_at else None,
        "utc_offset_min": record.utc_offset_min,
        "zone": record.zone,
    }


def session_row(record: SessionRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "pack_id": record.pack_id,
        "pack_version": record.pack_version,
        "routine_id": record.routine_id,
        "routine_title": record.routine_title,
        "planned_steps": record.planned_steps,
        "screening_id": record.screening_id,
        "status": record.status,
        "started_at": to_db_time(record.started_at),
        "ended_at": to_db_time(record.ended_at) if record.ended_at else None,
        "stop_reason": record.stop_reason,
        "soreness_settled": None if record.soreness_settled is None else int(record.soreness_settled),
        "plan_json": record.plan_json,
        "pack_digest": record.pack_digest,
        "elapsed_s": record.elapsed_s,
        "utc_offset_min": record.utc_offset_min,
        "zone": record.zone,
    }


def step_row(step: StepRecord) -> dict[str, Any]:
    return {
        "id": step.id,
        "session_id": step.session_id,
        "position": step.position,
        "exercise_id": step.exercise_id,
        "exercise_title": step.exercise_title,
        "region": step.region,
        "status": step.status,
        "side": step.side,
        "set_index": step.set_index,
        "planned_s": step.planned_s,
        "actual_s": step.actual_s,
        "planned_reps": step.planned_reps,
        "actual_reps": step.actual_reps,
        "pain": step.pain,
        "note": step.note,
        "ended_at": to_db_time(step.ended_at),
    }


def screening_from_row(row: sqlite3.Row) -> ScreeningRecord:
    return ScreeningRecord(
        id=row["id"],
        pack_id=row["pack_id"],
        pack_version=row["pack_version"],
        screening_digest=row["screening_digest"],
        answers=json.loads(row["answers"]),
        outcome=row["outcome"],
        fired_rules=tuple(json.loads(row["fired_rules"])),
        messages=tuple(json.loads(row["messages"])),
        taken_at=from_db_time(row["taken_at"]),
        others_taken_at=from_db_time(row["others_taken_at"]) if row["others_taken_at"] else None,
        utc_offset_min=row["utc_offset_min"],
        zone=row["zone"],
    )


def _session_fields(row: sqlite3.Row) -> dict[str, Any]:
    settled = row["soreness_settled"]
    return {
        "id": row["id"],
        "pack_id": row["pack_id"],
        "pack_version": row["pack_version"],
        "routine_id": row["routine_id"],
        "routine_title": row["routine_title"],
        "planned_steps": int(row["planned_steps"]),
        "screening_id": row["screening_id"],
        "status": row["status"],
        "started_at": from_db_time(row["started_at"]),
        "ended_at": from_db_time(row["ended_at"]) if row["ended_at"] else None,
        "stop_reason": row["stop_reason"],
        "soreness_settled": None if settled is None else bool(settled),
        "pack_digest": row["pack_digest"],
        "elapsed_s": row["elapsed_s"],
        "utc_offset_min": row["utc_offset_min"],
        "zone": row["zone"],
    }


def session_from_row(row: sqlite3.Row) -> SessionRecord:
    return SessionRecord(**_session_fields(row), plan_json=row["plan_json"])


def summary_from_row(row: sqlite3.Row) -> SessionSummary:
    duration = row["duration_s"]
    return SessionSummary(
        **_session_fields(row),
        steps_done=int(row["steps_done"]),
        duration_s=None if duration is None else round(max(0.0, float(duration)), 3),
        max_pain=None if row["max_pain"] is None else int(row["max_pain"]),
    )


def step_from_row(row: sqlite3.Row) -> StepRecord:
    return StepRecord(
        id=row["id"],
        session_id=row["session_id"],
        position=int(row["position"]),
        exercise_id=row["exercise_id"],
        exercise_title=row["exercise_title"],
        region=row["region"],
        status=row["status"],
        side=row["side"],
        set_index=int(row["set_index"]),
        planned_s=row["planned_s"],
        actual_s=row["actual_s"],
        planned_reps=row["planned_reps"],
        actual_reps=row["actual_reps"],
        pain=row["pain"],
        note=row["note"],
        ended_at=from_db_time(row["ended_at"]),
    )
