"""Pieces of SQL the history's queries share: conditions narrowing sessions, and local-day arithmetic.

:func:`session_filters` gives the ``AND ...`` conditions (and their parameters) on the ``sessions``
table aliased ``s`` that the store's lists and the trends narrow by: routine, pack, a span of instants
and a set of local days (:class:`~solecheck.history.local_time.LocalDays`, each session's own).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from datetime import time as time_of_day
from typing import Any

from solecheck.history.local_time import LocalDays
from solecheck.history.schema import to_db_time


def session_filters(
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


def local_midnight_utc(day: date, utc_offset: timedelta) -> datetime:
    """The UTC instant ``day`` begins at ``utc_offset``."""
    return datetime.combine(day, time_of_day(0), tzinfo=UTC) - utc_offset


def offset_minutes(offset: timedelta) -> int:
    """``offset`` in whole minutes (the fallback offset :func:`~solecheck.history.local_time.sql_shift` takes)."""
    return int(offset.total_seconds() // 60)
