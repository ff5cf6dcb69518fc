"""How the person is doing, worked out once for every frontend: the history pane's trend panel and
``solecheck history summary`` both come from :func:`trends`, built from the store's aggregate
queries here (:func:`weekly_counts`, :func:`pain_series`, :func:`streak`, :func:`adherence`), each
one SQL statement over the store's connection (``HistoryStore.reading``), so no list is loaded whole.

Days and weeks are local: each session's own local day (the UTC offset it was recorded with, see
:mod:`solecheck.history.local_time`), with ``utc_offset`` (today's) for the window and for older
records without an offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from solecheck.history.filters import local_midnight_utc, offset_minutes, session_filters
from solecheck.history.local_time import LocalDays, sql_shift
from solecheck.history.schema import from_db_time
from solecheck.history.store import HistoryStore

TREND_WEEKS = 12
"""Weeks of sessions per week (and of adherence) the trends cover."""
PAIN_SESSIONS = 30
"""The recent sessions whose highest pain the trends list."""


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
class Trends:
    """Sessions per week (Monday first, oldest first), the highest pain of each recent session that
    asked (oldest first), the streak of days in a row, adherence over the weeks shown, and how many
    sessions match (``total``), all worked out for ``today``."""

    weeks: list[tuple[date, int]]
    pain: list[tuple[datetime, int]]
    streak: int
    adherence: Adherence
    total: int
    today: date

    @property
    def this_week(self) -> int:
        return self.weeks[-1][1] if self.weeks else 0

    def to_json(self) -> dict[str, Any]:
        """The trends as JSON values (``solecheck history summary --json``)."""
        share = self.adherence.share
        return {
            "today": self.today.isoformat(),
            "streak_days": self.streak,
            "sessions_this_week": self.this_week,
            "sessions_per_week": [{"week_of": monday.isoformat(), "sessions": n} for monday, n in self.weeks],
            "adherence": {
                "steps_done": self.adherence.done,
                "steps_planned": self.adherence.planned,
                "share": None if share is None else round(share, 4),
            },
            "recent_highest_pain": [{"started_at": moment.isoformat(), "pain": pain} for moment, pain in self.pain],
            "sessions": self.total,
        }


def trends(
    store: HistoryStore,
    today: date,
    utc_offset: timedelta,
    *,
    routine_id: str | None = None,
    pack_id: str | None = None,
    days: LocalDays | None = None,
) -> Trends:
    """The trends for ``today`` at ``utc_offset``, narrowed to a routine, a pack and a range of local days
    (each session's own, see :class:`~solecheck.history.local_time.LocalDays`) when given. Adherence covers
    the :data:`TREND_WEEKS` weeks up to today. Raises ``HistoryError`` when the history can't be read."""
    narrowed: dict[str, Any] = {"routine_id": routine_id, "pack_id": pack_id}
    window = (days or LocalDays(fallback=utc_offset)).narrowed(today - timedelta(weeks=TREND_WEEKS), today)
    return Trends(
        weeks=weekly_counts(store, TREND_WEEKS, today, utc_offset, **narrowed),
        pain=pain_series(store, PAIN_SESSIONS, days=days, **narrowed),
        streak=streak(store, today, utc_offset, **narrowed),
        adherence=adherence(store, days=window, **narrowed),
        total=store.count_sessions(days=days, **narrowed),
        today=today,
    )


def weekly_counts(
    store: HistoryStore,
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
    where, params = session_filters(  # a day wider each way: any record's own offset is within it
        routine_id=routine_id,
        pack_id=pack_id,
        since=local_midnight_utc(first_monday, utc_offset) - timedelta(days=1),
        until=local_midnight_utc(end, utc_offset) + timedelta(days=1),
    )
    with store.reading() as conn:
        rows = conn.execute(
            f"""
            SELECT date(s.started_at, {sql_shift()}, 'weekday 0', '-6 days') AS week, count(*)
            FROM sessions s WHERE 1 {where} GROUP BY week
            """,
            (offset_minutes(utc_offset), *params),
        ).fetchall()
    counts = {date.fromisoformat(row[0]): int(row[1]) for row in rows}
    return [
        (first_monday + timedelta(weeks=i), counts.get(first_monday + timedelta(weeks=i), 0))
        for i in range(max(1, weeks))
    ]


def pain_series(
    store: HistoryStore,
    limit: int = 60,
    *,
    routine_id: str | None = None,
    pack_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    days: LocalDays | None = None,
) -> list[tuple[datetime, int]]:
    """The highest pain of each of the latest ``limit`` sessions that asked about pain, oldest first."""
    where, params = session_filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
    with store.reading() as conn:
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
    store: HistoryStore,
    today: date,
    utc_offset: timedelta = timedelta(0),
    *,
    routine_id: str | None = None,
    pack_id: str | None = None,
) -> int:
    """Consecutive local days with a completed session, ending today — or yesterday, while today has
    none yet. Each session's day is its own local day (the UTC offset it was recorded with;
    ``utc_offset`` for older records without one)."""
    run = _run_of_days(store, today, utc_offset, routine_id, pack_id)
    return run or _run_of_days(store, today - timedelta(days=1), utc_offset, routine_id, pack_id)


def _run_of_days(
    store: HistoryStore, start: date, utc_offset: timedelta, routine_id: str | None, pack_id: str | None
) -> int:
    where, params = session_filters(routine_id=routine_id, pack_id=pack_id)
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
    with store.reading() as conn:
        value = conn.execute(sql, (start.isoformat(), offset_minutes(utc_offset), *params)).fetchone()[0]
    return int(value or 0)


def adherence(
    store: HistoryStore,
    *,
    routine_id: str | None = None,
    pack_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    days: LocalDays | None = None,
) -> Adherence:
    """Planned steps done out of planned steps, over finished (not running) sessions."""
    where, params = session_filters(routine_id=routine_id, pack_id=pack_id, since=since, until=until, days=days)
    with store.reading() as conn:
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


def completed_per_day(
    store: HistoryStore,
    routine_id: str,
    *,
    pack_id: str | None = None,
    days: LocalDays | None = None,
    utc_offset: timedelta = timedelta(0),
) -> dict[date, int]:
    """Completed sessions of a routine with at least one step done (every step skipped is no session done) per
    local day (each session's own, from the UTC offset it was
    recorded with; ``utc_offset`` for older records without one), within ``days`` when given. Counted
    in SQL: one row per day, however many sessions (the schedule's adherence,
    :mod:`solecheck.session.schedule`)."""
    where, params = session_filters(routine_id=routine_id, pack_id=pack_id, days=days)
    with store.reading() as conn:
        rows = conn.execute(
            f"""
            SELECT date(s.started_at, {sql_shift()}) AS day, count(*)
            FROM sessions s
            WHERE s.status = 'completed'
              AND EXISTS (SELECT 1 FROM steps t WHERE t.session_id = s.id AND t.status = 'done')
              {where}
            GROUP BY day
            """,
            (offset_minutes(utc_offset), *params),
        ).fetchall()
    return {date.fromisoformat(row[0]): int(row[1]) for row in rows}


def first_session_day(
    store: HistoryStore, routine_id: str, *, pack_id: str | None = None, utc_offset: timedelta = timedelta(0)
) -> date | None:
    """The local day of the routine's first recorded session (any status), or ``None`` without one:
    where measuring adherence to its schedule starts."""
    where, params = session_filters(routine_id=routine_id, pack_id=pack_id)
    with store.reading() as conn:
        row = conn.execute(
            f"""
            SELECT date(s.started_at, {sql_shift()}) FROM sessions s WHERE 1 {where}
            ORDER BY s.started_at, s.id LIMIT 1
            """,
            (offset_minutes(utc_offset), *params),
        ).fetchone()
    return date.fromisoformat(row[0]) if row else None
