"""Local days across daylight saving time and travel: each session keeps the UTC offset (and zone) it
was recorded with, and its day, week and shown time come from that, never from today's offset.

Recorded through the real recording path (``start_session`` with an injected wall clock and zone)
into a real history file; read back by the store's streak and weekly counts, the core trends that the
history pane and ``solecheck history summary`` share, and the local time the pane and the CLI show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from solecheck.history.local_time import LocalDays, local_moment
from solecheck.history.store import HistoryStore
from solecheck.history.trends import adherence, trends
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from tests.conftest import FakeClock


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(data_dir) as opened:
        yield opened


def record_daily(
    store: HistoryStore, pack: Pack, clock: FakeClock, zone: ZoneInfo, first: date, last: date, at: time
) -> int:
    """One completed session a day at local time ``at`` in ``zone``, from ``first`` to ``last``."""
    plan = build_plan(pack, pack.routine("sole-only"))
    day, count = first, 0
    while day <= last:
        moment = datetime.combine(day, at, tzinfo=zone).astimezone(UTC)
        _, recorder = start_session(store, plan, clock, now=lambda moment=moment: moment, zone=zone)
        recorder.finish("completed")
        day += timedelta(days=1)
        count += 1
    return count


def offset_now(zone: ZoneInfo, day: date) -> timedelta:
    return datetime.combine(day, time(12), tzinfo=zone).utcoffset() or timedelta(0)


def test_41_sessions_at_half_past_midnight_in_toronto_across_the_end_of_dst(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    toronto = ZoneInfo("America/Toronto")
    today = date(2026, 11, 29)
    assert record_daily(store, builtin_pack, clock, toronto, date(2026, 10, 20), today, time(0, 30)) == 41
    # Today's offset is UTC-5; October's sessions were recorded at UTC-4.
    found = trends(store, today, offset_now(toronto, today))
    assert found.streak == 41
    sessions = store.session_summaries(limit=100)
    assert {local_moment(s.started_at, s.utc_offset_min).strftime("%H:%M") for s in sessions} == {"00:30"}
    assert {s.zone for s in sessions} == {"America/Toronto"} and {s.utc_offset_min for s in sessions} == {-240, -300}
    assert [local_moment(s.started_at, s.utc_offset_min).date() for s in sessions][-1] == date(2026, 10, 20)
    # Weeks: Monday 19 Oct holds 6 days (the 20th to the 25th), then 7 a week, then the Monday of the 23rd: 7.
    weeks = dict(found.weeks)
    assert weeks[date(2026, 10, 19)] == 6 and weeks[date(2026, 10, 26)] == 7 and weeks[date(2026, 11, 23)] == 7
    assert sum(weeks.values()) == 41 and found.this_week == 7


def test_the_same_history_read_in_kolkata_time_keeps_its_own_days(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    toronto = ZoneInfo("America/Toronto")
    record_daily(store, builtin_pack, clock, toronto, date(2026, 10, 20), date(2026, 11, 29), time(0, 30))
    # The person flew to Kolkata (UTC+5:30) today: the sessions keep the days they were done on.
    assert trends(store, date(2026, 11, 29), timedelta(hours=5, minutes=30)).streak == 41


@pytest.mark.parametrize(
    ("zone", "first", "last", "at"),
    [
        ("America/Toronto", date(2026, 3, 1), date(2026, 3, 15), time(2, 30)),  # spring forward, 8 March
        ("America/Toronto", date(2026, 10, 25), date(2026, 11, 8), time(1, 30)),  # fall back, 1 November
        ("Europe/London", date(2026, 3, 20), date(2026, 4, 5), time(0, 15)),  # BST from 29 March
        ("Australia/Lord_Howe", date(2026, 3, 28), date(2026, 4, 12), time(0, 10)),  # half-hour DST ends 5 April
        ("Australia/Lord_Howe", date(2026, 9, 27), date(2026, 10, 10), time(23, 50)),  # starts 4 October
        ("UTC", date(2026, 12, 25), date(2027, 1, 3), time(23, 59)),
    ],
)
def test_daily_sessions_make_an_unbroken_streak_in_every_zone(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock, zone: str, first: date, last: date, at: time
) -> None:
    tz = ZoneInfo(zone)
    count = record_daily(store, builtin_pack, clock, tz, first, last, at)
    found = trends(store, last, offset_now(tz, last))
    assert found.streak == count
    assert sum(n for _, n in found.weeks) == count
    shown = [local_moment(s.started_at, s.utc_offset_min) for s in store.session_summaries(limit=100)]
    # A time that doesn't exist on the spring-forward day (2:30 in Toronto on 8 March) is shown as the clock read.
    expected = {datetime.combine(first, at, tzinfo=tz).astimezone(tz).strftime("%H:%M")}
    assert {moment.strftime("%H:%M") for moment in shown} >= expected
    assert len({moment.date() for moment in shown}) == count


def test_a_date_filter_matches_each_sessions_own_local_day_across_the_end_of_dst(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    toronto = ZoneInfo("America/Toronto")
    today = date(2026, 11, 29)
    record_daily(store, builtin_pack, clock, toronto, date(2026, 10, 20), today, time(0, 30))
    now_offset = offset_now(toronto, today)  # UTC-5; 31 October's session was recorded at UTC-4
    days = LocalDays(date(2026, 10, 31), date(2026, 11, 1), now_offset)
    found = store.session_summaries(limit=100, days=days)
    shown = [local_moment(s.started_at, s.utc_offset_min).strftime("%Y-%m-%d %H:%M") for s in found]
    assert shown == ["2026-11-01 00:30", "2026-10-31 00:30"]
    assert store.count_sessions(days=days) == 2
    assert trends(store, today, now_offset, days=days).total == 2
    assert adherence(store, days=days).planned == 2 * found[0].steps_planned
    one_day = store.session_summaries(days=LocalDays(date(2026, 10, 31), date(2026, 10, 31), now_offset))
    assert [local_moment(s.started_at, s.utc_offset_min).date() for s in one_day] == [date(2026, 10, 31)]
    # Open at either end: from the first of November there are 29 days; up to 31 October, 12.
    assert store.count_sessions(days=LocalDays(date(2026, 11, 1), None, now_offset)) == 29
    assert store.count_sessions(days=LocalDays(None, date(2026, 10, 31), now_offset)) == 12
