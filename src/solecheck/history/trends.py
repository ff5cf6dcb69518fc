"""How the person is doing, worked out once for every frontend: the history pane's trend panel and
``solecheck history summary`` both come from :func:`trends`.

Days and weeks are local: each session's own local day (the UTC offset it was recorded with, see
:mod:`solecheck.history.local_time`), with ``utc_offset`` (today's) for the window and for older
records without an offset.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from solecheck.history.local_time import LocalDays
from solecheck.history.store import Adherence, HistoryStore

TREND_WEEKS = 12
"""Weeks of sessions per week (and of adherence) the trends cover."""
PAIN_SESSIONS = 30
"""The recent sessions whose highest pain the trends list."""


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


def local_midnight(day: date, utc_offset: timedelta) -> datetime:
    """The UTC instant ``day`` begins at ``utc_offset``."""
    return datetime.combine(day, time(0), tzinfo=UTC) - utc_offset


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
        weeks=store.weekly_counts(TREND_WEEKS, today, utc_offset, **narrowed),
        pain=store.pain_series(PAIN_SESSIONS, days=days, **narrowed),
        streak=store.streak(today, utc_offset, **narrowed),
        adherence=store.adherence(days=window, **narrowed),
        total=store.count_sessions(days=days, **narrowed),
        today=today,
    )
