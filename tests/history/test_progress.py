"""The progress report's figures (solecheck.history.progress): per week, local days, newest few with counts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from solecheck.history.local_time import zone_stamp
from solecheck.history.progress import WeekCount, progress
from solecheck.history.records import SessionStatus
from solecheck.history.store import HistoryStore
from tests.history.records_factory import screening, session, step

TORONTO = ZoneInfo("America/Toronto")
OFFSET = timedelta(hours=-5)


def add(store: HistoryStore, local: datetime, status: SessionStatus = "completed", *, pain: int | None = None,
        note: str | None = None, reason: str | None = None) -> None:
    offset, zone = zone_stamp(local, TORONTO)
    record = session(started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone)
    store.start_session(record)
    store.record_step(step(record.id, 0, pain=pain, note=note, ended_at=local.astimezone(UTC) + timedelta(minutes=1)))
    store.finish_session(record.id, status, ended_at=local.astimezone(UTC) + timedelta(minutes=9), stop_reason=reason)


def test_weeks_are_counted_by_local_day_with_empty_weeks_as_zero(store: HistoryStore) -> None:
    add(store, datetime(2026, 11, 1, 23, 30, tzinfo=TORONTO), pain=2)  # Sunday, after the clocks went back
    add(store, datetime(2026, 11, 2, 0, 30, tzinfo=TORONTO), "stopped_pain", pain=7, reason="Too sore")
    add(store, datetime(2026, 11, 18, 9, 0, tzinfo=TORONTO), pain=4, note="Heel better")
    found = progress(store, last=date(2026, 11, 20), utc_offset=OFFSET)
    assert found.weeks == (
        WeekCount(date(2026, 10, 26), 1, 1, 0),
        WeekCount(date(2026, 11, 2), 1, 0, 1),
        WeekCount(date(2026, 11, 9), 0, 0, 0),
        WeekCount(date(2026, 11, 16), 1, 1, 0),
    )
    assert [(w.monday, w.average, w.highest, w.rated) for w in found.pain] == [
        (date(2026, 10, 26), 2.0, 2, 1), (date(2026, 11, 2), 7.0, 7, 1), (date(2026, 11, 16), 4.0, 4, 1)
    ]
    assert found.status_counts == {"completed": 2, "stopped_pain": 1} and found.stops_total == 1
    (stop,) = found.stops
    assert (stop.at.date(), stop.at.hour) == (date(2026, 11, 2), 0)
    assert (stop.reason, stop.status) == ("Too sore", "stopped_pain")
    assert [(n.text, n.at.date()) for n in found.notes] == [("Heel better", date(2026, 11, 18))]


def test_since_leaves_earlier_days_out(store: HistoryStore) -> None:
    add(store, datetime(2026, 11, 1, 23, 30, tzinfo=TORONTO), note="old")
    add(store, datetime(2026, 11, 2, 0, 30, tzinfo=TORONTO), note="new")
    found = progress(store, first=date(2026, 11, 2), last=date(2026, 11, 3), utc_offset=OFFSET)
    assert found.sessions == 1 and [n.text for n in found.notes] == ["new"] and found.notes_total == 1


def test_lists_hold_the_newest_and_count_the_rest(store: HistoryStore) -> None:
    start = datetime(2026, 3, 2, 9, 0, tzinfo=TORONTO)
    for day in range(15):
        add(store, start + timedelta(days=day), "stopped_user", note=f"note {day}", reason=f"reason {day}")
        store.record_screening(screening(taken_at=(start + timedelta(days=day)).astimezone(UTC),
                                         outcome=("proceed", "modify")[day % 2]))
    found = progress(store, last=date(2026, 3, 20), utc_offset=OFFSET, recent=4)
    assert [s.reason for s in found.stops] == ["reason 14", "reason 13", "reason 12", "reason 11"]
    assert found.stops_total == 15 and found.notes_total == 15 and len(found.notes) == 4
    assert found.screening_counts == {"proceed": 8, "modify": 7} and found.screenings_total == 15
    assert found.screenings[0].at.date() == date(2026, 3, 16) and found.screenings[0].outcome == "proceed"


def test_an_empty_history_has_no_weeks(store: HistoryStore) -> None:
    found = progress(store, last=date(2026, 3, 20), utc_offset=OFFSET)
    assert found.weeks == () and found.pain == () and found.sessions == 0 and found.notes == ()
