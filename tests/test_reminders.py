"""The reminders file (solecheck.reminders): parsed back with icalendar, its recurrence, zone and ids checked."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from solecheck.cli.reminders import local_zone
from solecheck.packs.models import Routine, Schedule
from solecheck.packs.pack import Pack
from solecheck.reminders import calendar_file, reminders_for
from solecheck.session.schedule import SPREAD, reminder_days

TORONTO = ZoneInfo("America/Toronto")
NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)  # a Thursday


def with_schedules(pack: Pack, **schedules: Schedule | None) -> list[Routine]:
    return [routine.model_copy(update={"schedule": schedules[routine.id]}) for routine in pack.routines
            if routine.id in schedules]


def parsed(pack: Pack, routines: list[Routine], at: time = time(7, 30), zone: ZoneInfo | None = TORONTO) -> Calendar:
    return Calendar.from_ical(calendar_file(pack, reminders_for(pack, routines, at), now=NOW, zone=zone))


def test_days_become_a_weekly_rule_on_those_days_at_the_chosen_time_in_the_zone(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"foot-to-spine": Schedule(days=["fri", "mon", "wed"])})
    calendar = parsed(builtin_pack, routines)
    (event,) = calendar.events
    rule = event.get("rrule")
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO", "WE", "FR"]
    start = event.get("dtstart").dt
    assert start == datetime(2026, 11, 27, 7, 30, tzinfo=TORONTO)  # the first Friday from Thursday
    assert start.tzinfo is not None and str(start.tzinfo) == "America/Toronto"
    assert b"DTSTART;TZID=America/Toronto:20261127T073000" in calendar.to_ical()
    (zone,) = calendar.timezones
    assert zone.get("tzid") == "America/Toronto"
    assert str(event.get("summary")) == "Foot to spine: time for your routine"
    assert "Prescribed on Monday, Wednesday, and Friday." in str(event.get("description"))
    assert event.get("duration").dt == timedelta(minutes=20)


def test_times_per_week_is_spread_over_the_week(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"sole-only": Schedule(times_per_week=3)})
    (event,) = parsed(builtin_pack, routines).events
    assert event.get("rrule")["BYDAY"] == ["MO", "WE", "FR"]
    assert "Prescribed 3 times a week." in str(event.get("description"))


@pytest.mark.parametrize("times", range(1, 8))
def test_every_spread_has_as_many_days_as_sessions(times: int) -> None:
    days, second = reminder_days(Schedule(times_per_week=times))
    assert len(days) == times == len(set(days)) and second == ()
    assert days == SPREAD[times]


def test_more_than_seven_a_week_adds_a_second_daily_reminder_eight_hours_later(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"sole-only": Schedule(times_per_week=10)})
    first, second = parsed(builtin_pack, routines, at=time(8, 0)).events
    assert first.get("rrule")["BYDAY"] == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
    assert second.get("rrule")["BYDAY"] == ["MO", "WE", "FR"]
    assert second.get("dtstart").dt.time() == time(16, 0)
    assert first.get("uid") != second.get("uid")


def test_a_late_second_reminder_comes_before_the_first_instead_of_after_midnight(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"sole-only": Schedule(times_per_week=8)})
    _first, second = parsed(builtin_pack, routines, at=time(20, 0)).events
    assert second.get("dtstart").dt.time() == time(12, 0)


def test_uids_are_stable_so_reimporting_updates(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"foot-to-spine": Schedule(times_per_week=5),
                                               "sole-only": Schedule(days=["sat"])})
    once = [str(e.get("uid")) for e in parsed(builtin_pack, routines).events]
    later = Calendar.from_ical(calendar_file(builtin_pack, reminders_for(builtin_pack, routines, time(19, 0)),
                                             now=NOW + timedelta(days=30), zone=TORONTO))
    assert once == [str(e.get("uid")) for e in later.events]
    assert once == ["thrive-now.foot-first.foot-to-spine@reminders.solecheck",
                    "thrive-now.foot-first.sole-only@reminders.solecheck"]


def test_routines_without_a_schedule_get_no_reminder(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"foot-to-spine": None, "sole-only": Schedule(times_per_week=2)})
    assert [r.routine_title for r in reminders_for(builtin_pack, routines, time(9, 0))] == ["Sole reset"]


def test_without_a_named_zone_the_times_are_floating_local_times(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"sole-only": Schedule(days=["sun"])})
    calendar = parsed(builtin_pack, routines, zone=None)
    (event,) = calendar.events
    assert event.get("dtstart").dt.tzinfo is None
    assert event.get("dtstart").dt.time() == time(7, 30) and event.get("dtstart").dt.date().weekday() == 6
    assert calendar.timezones == []


def test_the_zone_comes_from_tz_when_it_names_one() -> None:
    assert local_zone({"TZ": "Asia/Tokyo"}) == ZoneInfo("Asia/Tokyo")
    assert local_zone({"TZ": ":Europe/Paris"}) == ZoneInfo("Europe/Paris")
    found = local_zone({"TZ": "Not/AZone"})
    assert found is None or getattr(found, "key", None)  # falls back to the system's link, when it names one


def test_the_first_day_is_today_when_today_is_a_prescribed_day(builtin_pack: Pack) -> None:
    routines = with_schedules(builtin_pack, **{"sole-only": Schedule(days=["thu"])})
    (event,) = parsed(builtin_pack, routines).events
    assert event.get("dtstart").dt.date() == date(2026, 11, 26)
