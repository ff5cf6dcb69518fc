"""Local days and times of records: each from the UTC offset it was recorded with.

A record keeps its UTC instant plus the person's UTC offset (and IANA zone name, where known) at the
moment it was written. Its local day and time come from that offset, never from today's: a session at
00:30 in Toronto in October (UTC−4) stays at 00:30 on its own day after the clocks go back in
November (UTC−5), and a session recorded while travelling keeps the day it had where it was done.
Records from before offsets were kept fall back to the offset the caller gives (today's).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo

from solecheck.history.schema import to_db_time


def zone_stamp(moment: datetime, zone: tzinfo | None = None) -> tuple[int, str | None]:
    """``moment``'s UTC offset in minutes in ``zone`` (the system's when ``None``) and the zone's IANA
    name where it has one (a :class:`zoneinfo.ZoneInfo`'s ``key``)."""
    local = moment.astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    name = getattr(zone if zone is not None else local.tzinfo, "key", None)
    return int(offset.total_seconds() // 60), name if isinstance(name, str) else None


def local_moment(moment: datetime, utc_offset_min: int | None, fallback: timedelta = timedelta(0)) -> datetime:
    """``moment`` at the offset it was recorded with (``fallback`` when it has none), as an aware datetime."""
    offset = timedelta(minutes=utc_offset_min) if utc_offset_min is not None else fallback
    return moment.astimezone(UTC).astimezone(timezone(offset))


def sql_shift(table_alias: str = "s") -> str:
    """A SQLite date modifier moving ``<alias>.started_at`` to its own local time; one ``?`` parameter
    takes the fallback offset in minutes for records without one."""
    return f"printf('%+d minutes', coalesce({table_alias}.utc_offset_min, ?))"


@dataclass(frozen=True)
class LocalDays:
    """A range of local days, ``first`` to ``last`` inclusive (either open when ``None``), matched on each
    record's own local day (its stored UTC offset; ``fallback``, today's, for records without one).

    A date filter of the history is one: a session at 00:30 on 1 November in Toronto is on that day
    whether it was recorded at UTC−4 or UTC−5."""

    first: date | None = None
    last: date | None = None
    fallback: timedelta = timedelta(0)

    def sql(self, table_alias: str = "s") -> tuple[list[str], list[object]]:
        """``(conditions, parameters)`` on ``<alias>.started_at`` for SQLite: a coarse range on the stored
        UTC instant (a day wider each way, so any offset is inside it and the time index still narrows the
        read), then the exact local day."""
        clauses: list[str] = []
        params: list[object] = []
        local_day = f"date({table_alias}.started_at, {sql_shift(table_alias)})"
        if self.first is not None:
            clauses += [f"{table_alias}.started_at >= ?", f"{local_day} >= ?"]
            params += [_utc_text(self.first - timedelta(days=1)), _minutes(self.fallback), self.first.isoformat()]
        if self.last is not None:
            clauses += [f"{table_alias}.started_at < ?", f"{local_day} <= ?"]
            params += [_utc_text(self.last + timedelta(days=2)), _minutes(self.fallback), self.last.isoformat()]
        return clauses, params

    def narrowed(self, first: date, last: date) -> LocalDays:
        """These days, also within ``first``..``last``."""
        return LocalDays(
            first if self.first is None else max(first, self.first),
            last if self.last is None else min(last, self.last),
            self.fallback,
        )


def _utc_text(day: date) -> str:
    """Midnight UTC at the start of ``day``, in the store's time text."""
    return to_db_time(datetime.combine(day, time(0), tzinfo=UTC))


def _minutes(offset: timedelta) -> int:
    return int(offset.total_seconds() // 60)
