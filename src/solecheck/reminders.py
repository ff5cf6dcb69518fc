"""Reminders for the person's own calendar app: an iCalendar (``.ics``) file of recurring events, one per
prescribed routine, at the time the person chooses.

- **Recurrence**: a weekly ``RRULE`` with ``BYDAY``: a schedule's ``days`` as given; ``times_per_week`` spread
  over the week by :func:`solecheck.session.schedule.reminder_days` (3: Monday, Wednesday, Friday; more than
  7: every day, and a second event 8 hours later on the spread of the rest).
- **Time zone**: with an IANA zone (``America/Toronto``) the start carries ``TZID`` and the file a matching
  ``VTIMEZONE``, as Google Calendar, Apple Calendar and Outlook read it, so the reminder stays at 18:00 across
  daylight saving time. Without one it is a floating local time, which calendar apps show at that time
  wherever the device is.
- **Updating**: each event's ``UID`` is made of the pack and routine ids only, so importing a newer file
  updates the reminders instead of adding a second set.
- **Words**: summary and description through gettext, in the person's language; the routine's title as the
  pack writes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from solecheck.i18n import _, current_language

if TYPE_CHECKING:
    from solecheck.packs.models import Routine, Schedule
    from solecheck.packs.pack import Pack

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
"""iCalendar's day names, Monday first (``date.weekday()`` order)."""
SESSION_MINUTES = 20
"""How long each reminder event lasts in the calendar."""
SECOND_REMINDER = timedelta(hours=8)
"""How long after the first a second reminder of a day comes, for schedules of more than 7 a week."""


@dataclass(frozen=True)
class Reminder:
    """One recurring event: a routine's sessions on ``weekdays`` (Monday 0) at ``at`` local time."""

    uid: str
    routine_title: str
    schedule: Schedule
    weekdays: tuple[int, ...]
    at: time


def _second_time(at: time) -> time:
    """8 hours after ``at``, or 8 hours before when that would pass midnight."""
    moment = datetime.combine(date(2000, 1, 3), at)
    later = moment + SECOND_REMINDER
    return (later if later.date() == moment.date() else moment - SECOND_REMINDER).time()


def reminders_for(pack: Pack, routines: list[Routine], at: time) -> list[Reminder]:
    """The reminders of ``routines`` that have a schedule, at ``at`` local time (routines without one have
    none)."""
    from solecheck.session.schedule import reminder_days

    found: list[Reminder] = []
    for routine in routines:
        if routine.schedule is None:
            continue
        first, second = reminder_days(routine.schedule)
        uid = f"{pack.id}.{routine.id}@reminders.solecheck"
        found.append(Reminder(uid, routine.title, routine.schedule, first, at))
        if second:
            found.append(Reminder(f"{pack.id}.{routine.id}.second@reminders.solecheck", routine.title,
                                  routine.schedule, second, _second_time(at)))
    return found


def _first_day(today: date, weekdays: tuple[int, ...]) -> date:
    """The first of ``weekdays`` on or after ``today``."""
    return min(today + timedelta(days=(day - today.weekday()) % 7) for day in weekdays)


def _prescription(schedule: Schedule) -> str:
    from solecheck.session.schedule import prescription_text

    return _("Prescribed {prescription}.").format(prescription=prescription_text(schedule))


def calendar_file(pack: Pack, reminders: list[Reminder], *, now: datetime, zone: tzinfo | None) -> bytes:
    """The ``.ics`` file of ``reminders``, starting on their first day from ``now`` (aware) in ``zone``:
    ``TZID`` and ``VTIMEZONE`` when ``zone`` has an IANA key, floating local times otherwise."""
    from icalendar import Calendar, Event

    key = getattr(zone, "key", None)
    local_now = now.astimezone(zone) if zone is not None else now.astimezone()
    calendar = Calendar()
    calendar.add("prodid", "-//solecheck//reminders//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("solecheck reminders"))
    for reminder in reminders:
        start = datetime.combine(_first_day(local_now.date(), reminder.weekdays), reminder.at)
        event = Event()
        event.add("uid", reminder.uid)
        event.add("dtstamp", now)
        event.add("dtstart", start.replace(tzinfo=zone) if isinstance(key, str) else start)
        event.add("duration", timedelta(minutes=SESSION_MINUTES))
        event.add("rrule", {"freq": "weekly", "byday": [ICAL_DAYS[day] for day in reminder.weekdays]})
        summary = _("{routine}: time for your routine").format(routine=reminder.routine_title)
        event.add("summary", summary, parameters={"LANGUAGE": current_language()})
        description = " ".join(
            (
                _prescription(reminder.schedule),
                _("Open solecheck and start “{routine}” ({pack}).").format(
                    routine=reminder.routine_title, pack=pack.manifest.name
                ),
            )
        )
        event.add("description", description, parameters={"LANGUAGE": current_language()})
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    if isinstance(key, str):
        calendar.add_missing_timezones(local_now.date(), local_now.date() + timedelta(days=3660))
    return bytes(calendar.to_ical())
