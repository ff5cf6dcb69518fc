"""What the progress report for the appointment reads from the history: aggregated in SQL, in one read.

Sessions and pain are counted per week (Monday to Sunday, each session on its own local day: the UTC offset
it was recorded with, ``utc_offset`` for older records without one), so the work and the memory grow with
the number of weeks, never with the number of sessions: a 100,000-session history is a few hundred rows.
Stops, screenings and notes are listed newest first up to ``recent`` each, with a count of the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from solecheck.history.local_time import LocalDays, local_moment, sql_shift
from solecheck.history.schema import from_db_time

if TYPE_CHECKING:
    import sqlite3

    from solecheck.history.store import HistoryStore

RECENT = 10
"""How many stops, screenings and notes the report lists; the rest are counted."""
STOPPED = ("stopped_pain", "stopped_user", "interrupted")


@dataclass(frozen=True)
class WeekCount:
    """One week's sessions: all started, completed, and stopped or interrupted."""

    monday: date
    sessions: int
    completed: int
    stopped: int


@dataclass(frozen=True)
class PainWeek:
    """One week's highest pain per session (NRS 0–10): the average over the ``rated`` sessions that asked,
    and the highest."""

    monday: date
    average: float
    highest: int
    rated: int


@dataclass(frozen=True)
class Stop:
    """A session that did not complete: when (local), which routine, how it ended, the reason given."""

    at: datetime
    routine_title: str
    status: str
    reason: str | None


@dataclass(frozen=True)
class ScreeningEntry:
    """A screening: when (local), its outcome (proceed, modify, stop) and the messages it showed."""

    at: datetime
    outcome: str
    messages: tuple[str, ...]


@dataclass(frozen=True)
class Note:
    """A note the person wrote on a step: when (local), on which routine and exercise."""

    at: datetime
    routine_title: str
    exercise_title: str
    text: str


@dataclass(frozen=True)
class Progress:
    """The history's side of the progress report, for the local days ``first`` (``None``: from the first
    record) to ``last``. The lists hold the newest :data:`RECENT`; the totals count them all."""

    first: date | None
    last: date
    weeks: tuple[WeekCount, ...]
    pain: tuple[PainWeek, ...]
    status_counts: dict[str, int]
    stops: tuple[Stop, ...]
    screening_counts: dict[str, int]
    screenings: tuple[ScreeningEntry, ...]
    notes: tuple[Note, ...]
    notes_total: int

    @property
    def sessions(self) -> int:
        return sum(self.status_counts.values())

    @property
    def stops_total(self) -> int:
        return sum(self.status_counts.get(status, 0) for status in STOPPED)

    @property
    def screenings_total(self) -> int:
        return sum(self.screening_counts.values())


def _week(column: str) -> str:
    return f"date({column}, {sql_shift()}, 'weekday 0', '-6 days')"


def progress(
    store: HistoryStore, *, last: date, utc_offset: timedelta, first: date | None = None, recent: int = RECENT
) -> Progress:
    """The report's figures for the local days ``first``..``last`` (``last`` is today, the person's date
    from the injected clock; ``utc_offset`` their offset now, for records without one), read in one
    consistent snapshot. Raises ``HistoryError`` when the history can't be read."""
    days = LocalDays(first, last, utc_offset)
    clauses, params = days.sql("s")
    where = "".join(f" AND {clause}" for clause in clauses)
    fallback = int(utc_offset.total_seconds() // 60)
    with store.snapshot() as conn:
        # One pass over the sessions, each session's highest pain read once (materialized: written four times
        # in the outer query, the subquery would run four times): per week and status, a few rows a week.
        by_week: dict[date, dict[str, int]] = {}
        pain_by_week: dict[date, tuple[float, int, int]] = {}  # sum, highest, rated
        for row in conn.execute(
            f"""
            WITH per_session AS MATERIALIZED (
                SELECT {_week("s.started_at")} AS week, s.status AS status,
                       (SELECT max(t.pain) FROM steps t WHERE t.session_id = s.id) AS highest
                FROM sessions s WHERE 1 {where}
            )
            SELECT week, status, count(*), sum(highest), max(highest), count(highest)
            FROM per_session GROUP BY week, status
            """,
            (fallback, *params),
        ):
            monday = date.fromisoformat(row[0])
            by_week.setdefault(monday, {})[str(row[1])] = int(row[2])
            if row[5]:
                total, highest, rated = pain_by_week.get(monday, (0.0, 0, 0))
                pain_by_week[monday] = (total + float(row[3]), max(highest, int(row[4])), rated + int(row[5]))
        weeks = [
            WeekCount(monday, sum(counts.values()), counts.get("completed", 0),
                      sum(counts.get(status, 0) for status in STOPPED))
            for monday, counts in sorted(by_week.items())
        ]
        status_counts: dict[str, int] = {}
        for counts in by_week.values():
            for status, count in counts.items():
                status_counts[status] = status_counts.get(status, 0) + count
        pain = [
            PainWeek(monday, total / rated, highest, rated)
            for monday, (total, highest, rated) in sorted(pain_by_week.items())
        ]
        stops = [
            Stop(local_moment(from_db_time(row[0]), row[1], utc_offset), str(row[2]), str(row[3]), row[4])
            for row in conn.execute(
                f"""
                SELECT s.started_at, s.utc_offset_min, s.routine_title, s.status, s.stop_reason FROM sessions s
                WHERE s.status IN ('stopped_pain', 'stopped_user', 'interrupted') {where}
                ORDER BY s.started_at DESC, s.id DESC LIMIT ?
                """,
                (*params, max(0, recent)),
            )
        ]
        screening_counts, screenings = _screenings(conn, days, recent, utc_offset)
        notes_total, notes = _notes(conn, where, params, recent, utc_offset)
    return Progress(
        first=first,
        last=last,
        weeks=_every_week(weeks, last),
        pain=tuple(pain),
        status_counts=status_counts,
        stops=tuple(stops),
        screening_counts=screening_counts,
        screenings=tuple(screenings),
        notes=tuple(notes),
        notes_total=notes_total,
    )


def _every_week(counted: list[WeekCount], last: date) -> tuple[WeekCount, ...]:
    """The weeks from the first counted one to the one holding ``last``, weeks without sessions as 0."""
    if not counted:
        return ()
    by_monday = {week.monday: week for week in counted}
    monday, end = counted[0].monday, last - timedelta(days=last.weekday())
    weeks: list[WeekCount] = []
    while monday <= max(end, counted[-1].monday):
        weeks.append(by_monday.get(monday, WeekCount(monday, 0, 0, 0)))
        monday += timedelta(weeks=1)
    return tuple(weeks)


def _screenings(
    conn: sqlite3.Connection, days: LocalDays, recent: int, utc_offset: timedelta
) -> tuple[dict[str, int], list[ScreeningEntry]]:
    # The same local-day rule as the sessions', on taken_at: LocalDays writes it for started_at.
    clauses, params = days.sql("c")
    where = "".join(f" AND {clause.replace('c.started_at', 'c.taken_at')}" for clause in clauses)
    counts = {
        str(row[0]): int(row[1])
        for row in conn.execute(f"SELECT c.outcome, count(*) FROM screenings c WHERE 1 {where} GROUP BY 1", params)
    }
    entries = [
        ScreeningEntry(local_moment(from_db_time(row[0]), row[1], utc_offset), str(row[2]), _messages(row[3]))
        for row in conn.execute(
            f"""
            SELECT c.taken_at, c.utc_offset_min, c.outcome, c.messages FROM screenings c WHERE 1 {where}
            ORDER BY c.taken_at DESC, c.id DESC LIMIT ?
            """,
            (*params, max(0, recent)),
        )
    ]
    return counts, entries


def _messages(text: str) -> tuple[str, ...]:
    """A screening's stored messages (JSON text), or none when they can't be read."""
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    return tuple(str(item) for item in value) if isinstance(value, list) else ()


# Notes are few among many steps: CROSS JOIN keeps the steps as the outer loop, so each note finds its
# session by id instead of every session probing for notes.
def _notes(
    conn: sqlite3.Connection, where: str, params: list[object], recent: int, utc_offset: timedelta
) -> tuple[int, list[Note]]:
    total = int(
        conn.execute(
            f"SELECT count(*) FROM steps t CROSS JOIN sessions s ON s.id = t.session_id "
            f"WHERE t.note IS NOT NULL AND t.note != '' {where}",
            params,
        ).fetchone()[0]
    )
    notes = [
        Note(local_moment(from_db_time(row[0]), row[1], utc_offset), str(row[2]), str(row[3]), str(row[4]))
        for row in conn.execute(
            f"""
            SELECT t.ended_at, s.utc_offset_min, s.routine_title, t.exercise_title, t.note
            FROM steps t CROSS JOIN sessions s ON s.id = t.session_id
            WHERE t.note IS NOT NULL AND t.note != '' {where}
            ORDER BY t.ended_at DESC, t.id DESC LIMIT ?
            """,
            (*params, max(0, recent)),
        )
    ] if total else []
    return total, notes
