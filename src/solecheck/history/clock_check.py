"""What the history says about the computer's clock: notes for ``history check``, never damage.

A wall clock can be wrong (set ahead, then corrected) or jump (an NTP correction, a change of time
zone done badly, a laptop waking with a stale clock). Records stamped by such a clock are still
good records: what a session did, step by step, is right; only its stamps are off. So these are
notes that explain the clock, and ``history check`` never calls them problems or advises a restore
(a restore would lose the very sessions it is about).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from solecheck.history.schema import to_db_time

JUMP_TOLERANCE_S = 120.0
"""A session whose wall-clock length differs from its monotonic length by more than this saw the
clock move while it ran."""
FUTURE_TOLERANCE = timedelta(minutes=5)
"""A record stamped later than this after now was written while the computer's clock was wrong: it never
grants clearance or resumes anything (:mod:`solecheck.screening.validity`, the safety gate)."""


def _short(stamp: str) -> str:
    return f"{stamp[:16].replace('T', ' ')} UTC"


def clock_notes(conn: sqlite3.Connection, now: datetime) -> list[str]:
    """One sentence per record that shows the clock was wrong or moved, read through ``conn``."""
    notes: list[str] = []
    for session_id, started, ended, elapsed in conn.execute(
        "SELECT id, started_at, ended_at, elapsed_s FROM sessions WHERE ended_at IS NOT NULL AND "
        "(ended_at < started_at OR (elapsed_s IS NOT NULL AND "
        "abs((julianday(ended_at) - julianday(started_at)) * 86400.0 - elapsed_s) > ?)) ORDER BY rowid",
        (JUMP_TOLERANCE_S,),
    ):
        measured = "" if elapsed is None else f"; it ran {round(elapsed / 60)} min by the session's own clock"
        notes.append(
            f"the computer's clock moved during session {session_id} (started {_short(started)}, ended "
            f"{_short(ended)}{measured}); its steps are fine, only its times are off"
        )
    future = to_db_time(now + FUTURE_TOLERANCE)
    for table, column in (("screenings", "taken_at"), ("sessions", "started_at")):
        for record_id, stamp in conn.execute(
            f"SELECT id, {column} FROM {table} WHERE {column} > ? ORDER BY rowid", (future,)
        ):
            notes.append(
                f"{table[:-1]} {record_id} is dated {_short(stamp)}, later than now: the clock was ahead when it "
                "was written (it never counts as today's screening or resumes anything)"
            )
    return notes
