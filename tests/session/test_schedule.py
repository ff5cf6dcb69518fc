"""Adherence against the prescription (solecheck.session.schedule): the rule, then the store's local days
across daylight saving time and zone changes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pydantic import ValidationError

from solecheck.history.local_time import zone_stamp
from solecheck.history.records import StepRecord
from solecheck.history.store import HistoryStore
from solecheck.history.trends import completed_per_day
from solecheck.packs.models import Routine, Schedule
from solecheck.session.schedule import per_day_cap, routine_adherence, schedule_adherence, week_of
from tests.history.records_factory import session

TORONTO = ZoneInfo("America/Toronto")
TOKYO = ZoneInfo("Asia/Tokyo")
FIVE = Schedule(times_per_week=5)
MWF = Schedule(days=["mon", "wed", "fri"])


# --- the model ---------------------------------------------------------------------------------------


def test_schedule_takes_times_per_week_or_days() -> None:
    assert FIVE.per_week == 5 and FIVE.weekdays == ()
    assert MWF.per_week == 3 and MWF.weekdays == (0, 2, 4)
    assert Schedule(days=["fri", "mon"]).weekdays == (0, 4)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"times_per_week": 5, "days": ["mon"]}, "give exactly one of times_per_week or days"),
        ({}, "give exactly one of times_per_week or days"),
        ({"times_per_week": 0}, "greater than or equal to 1"),
        ({"times_per_week": 15}, "less than or equal to 14"),
        ({"days": ["mon", "funday"]}, "'mon', 'tue', 'wed', 'thu', 'fri', 'sat' or 'sun'"),
        ({"days": ["mon", "wed", "mon"]}, "days names mon more than once"),
        ({"days": []}, "at least 1 item"),
        ({"times_per_week": "5"}, "valid integer"),
    ],
)
def test_bad_schedules_are_refused(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Schedule.model_validate(data)


def test_a_routine_without_schedule_has_none() -> None:
    routine = Routine.model_validate({"id": "a", "title": "A", "steps": [{"exercise": "x"}]})
    assert routine.schedule is None


# --- the rule ----------------------------------------------------------------------------------------

MONDAY = date(2026, 3, 2)


def days_from_monday(*offsets: int, monday: date = MONDAY) -> dict[date, int]:
    counts: dict[date, int] = {}
    for offset in offsets:
        day = monday + timedelta(days=offset)
        counts[day] = counts.get(day, 0) + 1
    return counts


def test_weeks_start_on_monday() -> None:
    assert week_of(date(2026, 3, 8)) == MONDAY  # a Sunday
    assert week_of(MONDAY) == MONDAY


def test_this_week_is_progress_not_adherence() -> None:
    found = schedule_adherence(FIVE, days_from_monday(0, 1), first_day=MONDAY, today=MONDAY + timedelta(days=2))
    assert (found.this_week.done, found.this_week.prescribed) == (2, 5)
    assert found.weeks == () and found.share is None


def test_adherence_is_prescribed_sessions_done_over_prescribed_in_ended_weeks() -> None:
    counts = days_from_monday(0, 1, 2, 3, 4, 7, 8)  # week 1: 5 of 5; week 2: 2 of 5
    found = schedule_adherence(FIVE, counts, first_day=MONDAY, today=MONDAY + timedelta(weeks=2))
    assert [(w.monday, w.done) for w in found.weeks] == [(MONDAY, 5), (MONDAY + timedelta(weeks=1), 2)]
    assert (found.done, found.prescribed) == (7, 10)
    assert found.share == 0.7


def test_several_sessions_a_day_count_once_up_to_seven_a_week() -> None:
    counts = days_from_monday(0, 0, 0, 1)
    week = schedule_adherence(FIVE, counts, first_day=MONDAY, today=MONDAY + timedelta(weeks=1)).weeks[0]
    assert (week.done, week.sessions) == (2, 4)


def test_twice_a_day_counts_two_a_day_for_more_than_seven_a_week() -> None:
    assert per_day_cap(Schedule(times_per_week=7)) == 1
    assert per_day_cap(Schedule(times_per_week=8)) == 2
    counts = days_from_monday(0, 0, 0, 1, 1)
    week = schedule_adherence(Schedule(times_per_week=14), counts, first_day=MONDAY, today=MONDAY + timedelta(7))
    assert week.weeks[0].done == 4


def test_a_week_done_is_capped_so_one_week_never_makes_up_for_another() -> None:
    counts = days_from_monday(0, 1, 2, 3, 4, 5, 6)  # 7 sessions in a 3-day week, then nothing
    found = schedule_adherence(MWF, counts, first_day=MONDAY, today=MONDAY + timedelta(weeks=2))
    assert [w.done for w in found.weeks] == [3, 0]
    assert found.share == 0.5


def test_days_schedule_counts_a_made_up_day() -> None:
    counts = days_from_monday(1, 3, 5)  # tue, thu, sat instead of mon, wed, fri
    found = schedule_adherence(MWF, counts, first_day=MONDAY, today=MONDAY + timedelta(weeks=1))
    assert found.share == 1.0


def test_weeks_before_the_first_session_are_not_missed() -> None:
    counts = days_from_monday(3, monday=MONDAY + timedelta(weeks=4))
    found = schedule_adherence(FIVE, counts, first_day=MONDAY + timedelta(weeks=4, days=3),
                               today=MONDAY + timedelta(weeks=5))
    assert len(found.weeks) == 1 and found.weeks[0].done == 1


def test_no_session_yet_means_no_weeks_measured() -> None:
    found = schedule_adherence(FIVE, {}, first_day=None, today=MONDAY)
    assert found.weeks == () and found.this_week.done == 0 and found.share is None


# --- from the store: local days across daylight saving time and travel --------------------------------


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(data_dir)
    yield opened
    opened.close()


def add(
    store: HistoryStore, local: datetime, status: str = "completed", routine: str = "morning", step: str = "done"
) -> None:
    """A session started at the aware local time ``local``, stamped with that zone's offset then, with one
    step ``done`` (or ``skipped``)."""
    offset, zone = zone_stamp(local, local.tzinfo)
    record = session(started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone, routine_id=routine)
    store.start_session(record)
    store.record_step(StepRecord(record.id, 0, "sole-ball-roll", "Sole roll", "foot", step))  # type: ignore[arg-type]
    if status != "running":
        store.finish_session(record.id, status, ended_at=local.astimezone(UTC) + timedelta(minutes=20))  # type: ignore[arg-type]


def test_a_session_whose_every_step_was_skipped_is_not_a_session_done(store: HistoryStore) -> None:
    """Ended as completed after skipping every step, it did nothing: it must not raise adherence (found by a
    tester: 13 of 14 steps skipped in 0 s counted as a prescribed session done)."""
    add(store, datetime(2026, 10, 5, 9, tzinfo=TORONTO), step="skipped")
    add(store, datetime(2026, 10, 6, 9, tzinfo=TORONTO))
    assert completed_per_day(store, "morning", utc_offset=timedelta(hours=-4)) == {date(2026, 10, 6): 1}


def test_only_completed_sessions_of_the_routine_count(store: HistoryStore) -> None:
    monday = date(2026, 10, 5)
    add(store, datetime(2026, 10, 5, 9, tzinfo=TORONTO))
    add(store, datetime(2026, 10, 6, 9, tzinfo=TORONTO), status="stopped_pain")
    add(store, datetime(2026, 10, 7, 9, tzinfo=TORONTO), status="stopped_user")
    add(store, datetime(2026, 10, 8, 9, tzinfo=TORONTO), status="interrupted")
    add(store, datetime(2026, 10, 9, 9, tzinfo=TORONTO), routine="evening")
    found = routine_adherence(store, "morning", FIVE, today=monday + timedelta(weeks=1),
                              utc_offset=timedelta(hours=-4))
    assert [(w.monday, w.done, w.prescribed) for w in found.weeks] == [(monday, 1, 5)]


def test_a_session_after_midnight_across_the_autumn_change_keeps_its_week(store: HistoryStore) -> None:
    # Toronto leaves daylight saving time on Sunday 1 November 2026. 00:30 on Monday 2 November (UTC-5)
    # is 05:30 UTC; read at the summer offset (UTC-4) it would fall on 01:30 Monday too, but a session at
    # 23:30 on Sunday 1 November (UTC-5, 04:30 UTC Monday) must stay in the week before.
    add(store, datetime(2026, 11, 1, 23, 30, tzinfo=TORONTO))
    add(store, datetime(2026, 11, 2, 0, 30, tzinfo=TORONTO))
    today = date(2026, 11, 16)
    found = routine_adherence(store, "morning", FIVE, today=today, utc_offset=timedelta(hours=-5))
    assert [(w.monday, w.sessions) for w in found.weeks] == [(date(2026, 10, 26), 1), (date(2026, 11, 2), 1),
                                                              (date(2026, 11, 9), 0)]


def test_sessions_at_the_spring_change_keep_their_local_days(store: HistoryStore) -> None:
    # Toronto springs forward on Sunday 8 March 2026: 23:59 on Saturday (UTC-5) and 23:30 on Sunday (UTC-4).
    add(store, datetime(2026, 3, 7, 23, 59, tzinfo=TORONTO))
    add(store, datetime(2026, 3, 8, 23, 30, tzinfo=TORONTO))
    counts = completed_per_day(store, "morning", utc_offset=timedelta(hours=-4))
    assert counts == {date(2026, 3, 7): 1, date(2026, 3, 8): 1}
    found = routine_adherence(store, "morning", MWF, today=date(2026, 3, 9), utc_offset=timedelta(hours=-4))
    assert [(w.monday, w.done) for w in found.weeks] == [(date(2026, 3, 2), 2)]


def test_a_session_done_abroad_counts_on_its_own_local_day(store: HistoryStore) -> None:
    # Monday 08:00 in Tokyo is Sunday 23:00 UTC and Sunday 18:00 in Toronto: it counts on Monday, the day
    # the person did it, in the week that Monday starts, whatever zone the person is in now.
    add(store, datetime(2026, 3, 9, 8, 0, tzinfo=TOKYO))
    add(store, datetime(2026, 3, 9, 20, 0, tzinfo=TORONTO))  # the same local Monday, back home
    counts = completed_per_day(store, "morning", utc_offset=timedelta(hours=-4))
    assert counts == {date(2026, 3, 9): 2}
    found = routine_adherence(store, "morning", FIVE, today=date(2026, 3, 10), utc_offset=timedelta(hours=-4))
    assert found.weeks == ()
    assert (found.this_week.monday, found.this_week.done, found.this_week.sessions) == (date(2026, 3, 9), 1, 2)


def test_since_starts_the_measure_later(store: HistoryStore) -> None:
    for week in range(4):
        add(store, datetime(2026, 3, 2, 9, tzinfo=TORONTO) + timedelta(weeks=week))
    found = routine_adherence(store, "morning", MWF, today=date(2026, 3, 30), utc_offset=timedelta(hours=-4),
                              since=date(2026, 3, 18))
    assert [w.monday for w in found.weeks] == [date(2026, 3, 16), date(2026, 3, 23)]
    assert (found.done, found.prescribed) == (2, 6)


# --- in a pack: located errors --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("schedule", "path", "message"),
    [
        ('{ times_per_week = 5, days = ["mon"] }', "routines[0].schedule",
         "give exactly one of times_per_week or days"),
        ("{ times_per_week = 15 }", "routines[0].schedule.times_per_week", "must be less than or equal to 14"),
        ('{ days = ["mon", "moon"] }', "routines[0].schedule.days[1]", "'moon'"),
    ],
)
def test_a_bad_schedule_in_a_pack_names_file_line_and_key(
    tmp_path: Path, schedule: str, path: str, message: str
) -> None:
    from solecheck.packs.loader import check_pack
    from tests.packs.pack_copies import copy_builtin, line_number

    root = copy_builtin(tmp_path)
    routines = root / "routines.toml"
    text = re.sub(r"(?m)^schedule = .*\n", "", routines.read_text(encoding="utf-8"), count=1)
    title = 'title = "Foot to spine"\n'
    routines.write_text(text.replace(title, f"{title}schedule = {schedule}\n", 1), encoding="utf-8")
    pack, diagnostics = check_pack(root)
    assert pack is None and len(diagnostics) == 1, [str(d) for d in diagnostics]
    found = str(diagnostics[0])
    line = line_number(root, "routines.toml", "schedule = ")
    assert found.startswith(f"routines.toml:{line}: {path}: "), found
    assert message in found


# --- the session summary's line -------------------------------------------------------------------------


def test_the_summary_says_this_week_against_the_prescription(store: HistoryStore) -> None:
    from solecheck.session.summary import build_report, prescribed_line

    add(store, datetime(2026, 11, 23, 8, tzinfo=TORONTO))
    add(store, datetime(2026, 11, 24, 8, tzinfo=TORONTO))
    add(store, datetime(2026, 11, 24, 18, tzinfo=TORONTO))  # the same day: counts once
    add(store, datetime(2026, 11, 20, 8, tzinfo=TORONTO))  # last week
    now = datetime(2026, 11, 25, 3, 30, tzinfo=UTC)  # still Tuesday 24 November in Toronto
    line = prescribed_line(store, "morning", FIVE, pack_id="clinic.feet", now=now, zone=TORONTO)
    assert line == "This week: 2 of 5 prescribed sessions done (5 times a week)."
    report = build_report(routine_title="Morning feet", status="completed", steps_planned=1, recorded=[],
                          elapsed_s=60.0, prescribed=line)
    assert report.lines()[-2:] == [line, "This is your first recorded session of this routine."]
    tokyo_now = datetime(2026, 11, 29, 16, 0, tzinfo=UTC)  # Monday 30 November in Tokyo: a new week there
    assert prescribed_line(store, "morning", MWF, pack_id="clinic.feet", now=tokyo_now, zone=TOKYO) == (
        "This week: 0 of 3 prescribed sessions done (on Monday, Wednesday, and Friday)."
    )


def test_combined_text_leaves_out_routines_never_done(store: HistoryStore) -> None:
    from solecheck.session.schedule import combined_text, prescribed_adherence

    morning = Routine.model_validate({"id": "morning", "title": "M", "steps": [{"exercise": "x"}],
                                      "schedule": {"times_per_week": 5}})
    evening = morning.model_copy(update={"id": "evening"})
    unscheduled = morning.model_copy(update={"id": "other", "schedule": None})
    today = date(2026, 3, 25)
    assert combined_text(prescribed_adherence(store, [morning, evening], today=today, utc_offset=timedelta(0),
                                              pack_id=None)) is None
    add(store, datetime(2026, 3, 24, 9, tzinfo=TORONTO))
    found = prescribed_adherence(store, [morning, evening, unscheduled], today=today,
                                 utc_offset=timedelta(hours=-4), pack_id=None)
    assert [routine.id for routine, _adherence in found] == ["morning", "evening"]
    assert combined_text(found) == "Prescribed sessions done: no whole week yet"
    found = prescribed_adherence(store, [morning, evening], today=date(2026, 3, 30),
                                 utc_offset=timedelta(hours=-4), pack_id=None)
    assert combined_text(found) == "Prescribed sessions done: 20 % (1 of 5)"
