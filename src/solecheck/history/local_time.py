"""Local days and times of records: each from the UTC offset it was recorded with.

A record keeps its UTC instant plus the person's UTC offset (and IANA zone name, where known) at the
moment it was written. Its local day and time come from that offset, never from today's: a session at
00:30 in Toronto in October (UTC−4) stays at 00:30 on its own day after the clocks go back in
November (UTC−5), and a session recorded while travelling keeps the day it had where it was done.
Records from before offsets were kept fall back to the offset the caller gives (today's).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone, tzinfo


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
