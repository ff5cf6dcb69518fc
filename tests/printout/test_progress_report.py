"""The progress report PDF (solecheck.printout.progress_report), read back with pypdf."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from solecheck.history.local_time import zone_stamp
from solecheck.history.progress import progress
from solecheck.history.store import HistoryStore
from solecheck.packs.models import Schedule
from solecheck.printout.progress_report import PrescribedRoutine, progress_report
from solecheck.session.schedule import prescription_text, routine_adherence
from tests.history.records_factory import screening, session, step

TORONTO = ZoneInfo("America/Toronto")
TODAY = date(2026, 11, 25)
OFFSET = timedelta(hours=-5)
FIVE = Schedule(times_per_week=5)


def text_of(pdf: bytes) -> str:
    """The text of every page, with each run of white space (line ends of wrapped lines too) as one space."""
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


@pytest.fixture
def seeded(store: HistoryStore) -> HistoryStore:
    """Three weeks of the routine "morning" from Monday 2 November 2026: 5, 3 and 2 completed sessions,
    one pain stop, two notes, two screenings; today (25 November) is in the fourth week."""
    monday = datetime(2026, 11, 2, 8, 0, tzinfo=TORONTO)
    plan = {0: [0, 1, 2, 3, 4], 1: [0, 2, 4], 2: [0, 1]}
    for week, days in plan.items():
        for day in days:
            local = monday + timedelta(weeks=week, days=day)
            offset, zone = zone_stamp(local, TORONTO)
            record = session(started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone)
            store.start_session(record)
            note = "Left heel tight [b]not markup[/b]" if (week, day) == (1, 2) else None
            store.record_step(step(record.id, 0, pain=3 + week, note=note,
                                   ended_at=local.astimezone(UTC) + timedelta(minutes=2)))
            store.finish_session(record.id, "completed", ended_at=local.astimezone(UTC) + timedelta(minutes=15))
    stopped_at = monday + timedelta(weeks=1, days=5)
    offset, zone = zone_stamp(stopped_at, TORONTO)
    stopped = session(started_at=stopped_at.astimezone(UTC), utc_offset_min=offset, zone=zone)
    store.start_session(stopped)
    store.record_step(step(stopped.id, 0, pain=8, note="Sharp under the heel",
                           ended_at=stopped_at.astimezone(UTC) + timedelta(minutes=1)))
    store.finish_session(stopped.id, "stopped_pain", stop_reason="Pain above the limit (8 of 10)",
                         ended_at=stopped_at.astimezone(UTC) + timedelta(minutes=3))
    store.record_screening(screening(taken_at=monday.astimezone(UTC), outcome="proceed", messages=()))
    store.record_screening(screening(taken_at=(monday + timedelta(weeks=2)).astimezone(UTC), outcome="modify",
                                     messages=("Go gently today.",)))
    return store


def report(store: HistoryStore, since: date | None = None) -> bytes:
    found = progress(store, last=TODAY, utc_offset=OFFSET, first=since)
    adherence = routine_adherence(store, "morning", FIVE, today=TODAY, utc_offset=OFFSET, since=since)
    routine = PrescribedRoutine("Morning feet", prescription_text(FIVE), adherence)
    return progress_report(found, [routine], pack_name="Foot First", made_on=TODAY)


def test_the_report_says_weeks_against_the_prescription_pain_stops_screenings_and_notes(
    seeded: HistoryStore,
) -> None:
    pdf = report(seeded)
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.metadata is not None and reader.metadata.title == "Progress report"
    text = text_of(pdf)
    assert "Progress report" in text
    assert "Foot First · from Nov 2, 2026 to Nov 25, 2026 · made on Nov 25, 2026" in text
    assert "11 sessions in this period." in text
    # Three whole weeks ended before today's (5, 3 and 2 of 5); this week has none yet.
    assert "Morning feet: prescribed 5 times a week. Prescribed sessions done: 67 % (10 of 15, 3 weeks)." in text
    assert "This week so far: 0 of 5." in text
    for week, sessions, completed, stopped, done in (("Nov 2, 2026", 5, 5, 0, "5 of 5"),
                                                     ("Nov 9, 2026", 4, 3, 1, "3 of 5"),
                                                     ("Nov 16, 2026", 2, 2, 0, "2 of 5"),
                                                     ("Nov 23, 2026", 0, 0, 0, "0 of 5")):
        assert f"{week} {sessions} {completed} {stopped} {done}" in text
    assert "Pain over time (0–10)" in text
    assert "11 sessions with a pain rating; the highest rating was 8 out of 10." in text
    assert "Stopped for pain: 1 · stopped by you: 0 · interrupted: 0." in text
    assert "Nov 14, 2026, 8:00 AM · Morning feet · stopped for pain: Pain above the limit (8 of 10)" in text
    assert "Go ahead: 1 · with changes: 1 · stop: 0." in text
    assert "Nov 16, 2026, 8:00 AM · go ahead with changes · Go gently today." in text
    assert "Morning feet, Exercise 0: Sharp under the heel" in text
    assert "Morning feet, Exercise 0: Left heel tight [b]not markup[/b]" in text
    assert f"Page 1 of {len(reader.pages)}" in text


def test_since_narrows_the_report(seeded: HistoryStore) -> None:
    text = text_of(report(seeded, since=date(2026, 11, 16)))
    assert "from Nov 16, 2026 to Nov 25, 2026" in text
    assert "2 sessions in this period." in text
    assert "Prescribed sessions done: 40 % (2 of 5, 1 week). This week so far: 0 of 5." in text
    assert "No session was stopped or interrupted in this period." in text
    assert "Sharp under the heel" not in text


def test_an_empty_history_makes_a_short_report(store: HistoryStore) -> None:
    text = text_of(report(store))
    assert "0 sessions in this period." in text
    assert "No sessions in this period." in text and "No pain ratings in this period." in text
    assert "No screening in this period." in text and "No notes in this period." in text


def test_long_lists_show_the_newest_and_count_the_rest(store: HistoryStore) -> None:
    start = datetime(2026, 6, 1, 9, 0, tzinfo=TORONTO)
    for day in range(25):
        local = start + timedelta(days=day)
        offset, zone = zone_stamp(local, TORONTO)
        record = session(started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone)
        store.start_session(record)
        store.record_step(step(record.id, 0, note=f"note number {day}",
                               ended_at=local.astimezone(UTC) + timedelta(minutes=1)))
        store.finish_session(record.id, "stopped_user", stop_reason=f"reason {day}",
                             ended_at=local.astimezone(UTC) + timedelta(minutes=2))
    text = text_of(report(store))
    assert "note number 24" in text and "note number 15" in text and "note number 14" not in text
    assert text.count("… and 15 earlier ones not listed.") == 2  # the stops and the notes
    assert "14 earlier weeks 25 0 25" in text  # 26 weeks to today: the table lists the last 12, sums the rest
