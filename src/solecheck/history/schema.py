"""The history database's schema: its identity, its version and the migrations that build it.

A solecheck history file is recognised by ``PRAGMA application_id`` (``APPLICATION_ID``) and versioned
by ``PRAGMA user_version``. ``MIGRATIONS[n]`` takes a file from version ``n`` to ``n + 1``; the store
runs the missing ones, each in its own transaction, after keeping a copy of the file.

Datetimes are stored as ISO 8601 text in UTC with microseconds (``2026-11-25T13:47:15.000000+00:00``),
so text order is time order and SQLite's date functions read them. Answers, fired rules and messages
are JSON text.
"""

from __future__ import annotations

from datetime import UTC, datetime

# "SolC" in ASCII: marks a file as a solecheck history database.
APPLICATION_ID = 0x536F6C43

_V1 = """
CREATE TABLE screenings (
    id               TEXT PRIMARY KEY NOT NULL,
    pack_id          TEXT NOT NULL,
    pack_version     TEXT NOT NULL,
    screening_digest TEXT NOT NULL,
    answers          TEXT NOT NULL,
    outcome          TEXT NOT NULL CHECK (outcome IN ('proceed', 'modify', 'stop')),
    fired_rules      TEXT NOT NULL,
    messages         TEXT NOT NULL,
    taken_at         TEXT NOT NULL
);
CREATE INDEX screenings_by_pack ON screenings (pack_id, taken_at);
CREATE INDEX screenings_by_time ON screenings (taken_at);

CREATE TABLE sessions (
    id               TEXT PRIMARY KEY NOT NULL,
    pack_id          TEXT NOT NULL,
    pack_version     TEXT NOT NULL,
    routine_id       TEXT NOT NULL,
    routine_title    TEXT NOT NULL,
    planned_steps    INTEGER NOT NULL CHECK (planned_steps >= 0),
    screening_id     TEXT REFERENCES screenings (id) ON DELETE RESTRICT,
    status           TEXT NOT NULL
                     CHECK (status IN ('running', 'completed', 'stopped_pain', 'stopped_user', 'interrupted')),
    started_at       TEXT NOT NULL,
    ended_at         TEXT,
    stop_reason      TEXT,
    soreness_settled INTEGER CHECK (soreness_settled IN (0, 1)),
    plan_json        TEXT
);
CREATE INDEX sessions_by_time ON sessions (started_at, id);
CREATE INDEX sessions_by_status ON sessions (status, started_at, id);
CREATE INDEX sessions_by_pack ON sessions (pack_id, started_at, id);
CREATE INDEX sessions_by_routine ON sessions (routine_id, started_at, id);
CREATE INDEX sessions_by_screening ON sessions (screening_id);

CREATE TABLE steps (
    id             TEXT PRIMARY KEY NOT NULL,
    session_id     TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    exercise_id    TEXT NOT NULL,
    exercise_title TEXT NOT NULL,
    region         TEXT NOT NULL,
    status         TEXT NOT NULL CHECK (status IN ('done', 'skipped')),
    side           TEXT CHECK (side IN ('left', 'right')),
    set_index      INTEGER NOT NULL CHECK (set_index >= 1),
    planned_s      INTEGER CHECK (planned_s >= 0),
    actual_s       REAL CHECK (actual_s >= 0),
    planned_reps   INTEGER CHECK (planned_reps >= 0),
    actual_reps    INTEGER CHECK (actual_reps >= 0),
    pain           INTEGER CHECK (pain BETWEEN 0 AND 10),
    note           TEXT,
    ended_at       TEXT NOT NULL
);
CREATE INDEX steps_by_session ON steps (session_id, position);
"""

# The content digest of the pack version a session ran (solecheck.packs.content): the files exactly,
# not only the id and version. NULL for sessions recorded before it was kept.
_V2_PACK_DIGEST = """
ALTER TABLE sessions ADD COLUMN pack_digest TEXT CHECK (pack_digest IS NULL OR length(pack_digest) = 64);
"""

_V3_CLOCKS = """
ALTER TABLE sessions ADD COLUMN elapsed_s REAL CHECK (elapsed_s >= 0);
ALTER TABLE sessions ADD COLUMN utc_offset_min INTEGER CHECK (utc_offset_min BETWEEN -1080 AND 1080);
ALTER TABLE sessions ADD COLUMN zone TEXT;
ALTER TABLE screenings ADD COLUMN others_taken_at TEXT;
ALTER TABLE screenings ADD COLUMN utc_offset_min INTEGER CHECK (utc_offset_min BETWEEN -1080 AND 1080);
ALTER TABLE screenings ADD COLUMN zone TEXT;
"""
"""Time the app can trust: ``sessions.elapsed_s`` is a session's length on the monotonic clock (a wall
clock set back or forward mid-session does not change it); ``utc_offset_min`` and ``zone`` are the
person's UTC offset in minutes and IANA zone name (where known) when the record was written, so its
local day and time stay right across daylight saving time and travel; ``screenings.others_taken_at``
is, for a screening that asked only the questions about today again, when its other answers were
given (they hold from then, not from the new screening)."""

# MIGRATIONS[n] is the SQL script taking a database from user_version n to n + 1.
MIGRATIONS: tuple[str, ...] = (_V1, _V2_PACK_DIGEST, _V3_CLOCKS)


def schema_version() -> int:
    """The version this solecheck writes: the number of migrations it knows."""
    return len(MIGRATIONS)


def to_db_time(moment: datetime) -> str:
    """A timezone-aware datetime as the store's UTC text form; naive datetimes are refused."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"history times must be timezone-aware (got naive {moment.isoformat()})")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_db_time(text: str) -> datetime:
    """The store's UTC text form back as an aware datetime."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)
