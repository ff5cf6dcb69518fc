"""Adherence against the prescription: how many of the sessions a routine's schedule prescribes were done.

A routine's ``schedule`` (:class:`~solecheck.packs.models.Schedule`) prescribes a number of sessions a week
(``times_per_week``) or the days of the week (``days``). The rule, in one place for the home screen, the
history pane, the session summary, ``solecheck history summary`` and the progress report:

- **Weeks** run Monday to Sunday (ISO 8601), whatever the locale, so a week means the same on every
  screen, in the report and to the clinic.
- **Days** are local: each session counts on its own local day, from the UTC offset it was recorded with
  (:mod:`solecheck.history.local_time`), never from a stored wall-clock stamp read in today's zone; today
  comes from the injected clock in the person's zone.
- **What counts as done**: a *completed* session with at least one step done. A session stopped (for pain,
  by the person) or interrupted and never finished does not count, nor one whose every step was skipped; each
  still shows in the history.
- **Several a day**: on one local day at most ``ceil(per_week / 7)`` sessions count (one for up to 7 a
  week, two for 8–14), so a prescription of 5 a week means 5 days, not 5 sessions in an afternoon.
- **days**: a session on any day of the week counts toward the week's prescribed days (a Monday made up
  on Tuesday is done), up to the number of days.
- **A week's done** is capped at its prescribed number: doing more one week never makes up for another.
- **Adherence over a period** = prescribed sessions done / prescribed sessions, over the whole weeks that
  have ended, from the week of the routine's first recorded session (or the period's start, if later).
  The week in progress is shown as progress ("2 of 5 this week"), not counted as missed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from solecheck.packs.models import Routine, Schedule

if TYPE_CHECKING:
    from solecheck.history.store import HistoryStore

DAYS_PER_WEEK = 7


def week_of(day: date) -> date:
    """The Monday of ``day``'s week."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class WeekProgress:
    """One week of a prescription: ``done`` prescribed sessions done (by the rule above, at most
    ``prescribed``) of ``prescribed``; ``sessions`` every completed session that week."""

    monday: date
    done: int
    prescribed: int
    sessions: int


@dataclass(frozen=True)
class ScheduleAdherence:
    """Adherence to one routine's schedule: the ``weeks`` that have ended (oldest first) and ``this_week``,
    in progress on ``today``."""

    schedule: Schedule
    weeks: tuple[WeekProgress, ...]
    this_week: WeekProgress
    today: date

    @property
    def done(self) -> int:
        """Prescribed sessions done over the weeks that have ended."""
        return sum(week.done for week in self.weeks)

    @property
    def prescribed(self) -> int:
        """Sessions prescribed over the weeks that have ended."""
        return sum(week.prescribed for week in self.weeks)

    @property
    def share(self) -> float | None:
        """``done / prescribed`` (0–1), or ``None`` before a whole week has ended."""
        return self.done / self.prescribed if self.prescribed else None


def per_day_cap(schedule: Schedule) -> int:
    """The most sessions that count on one local day: ``ceil(per_week / 7)``."""
    return -(-schedule.per_week // DAYS_PER_WEEK)


def week_progress(schedule: Schedule, monday: date, day_counts: Mapping[date, int]) -> WeekProgress:
    """The week starting ``monday`` from completed sessions per local day (``day_counts``)."""
    cap = per_day_cap(schedule)
    days = [monday + timedelta(days=i) for i in range(DAYS_PER_WEEK)]
    counted = sum(min(day_counts.get(day, 0), cap) for day in days)
    return WeekProgress(
        monday=monday,
        done=min(counted, schedule.per_week),
        prescribed=schedule.per_week,
        sessions=sum(day_counts.get(day, 0) for day in days),
    )


def schedule_adherence(
    schedule: Schedule, day_counts: Mapping[date, int], *, first_day: date | None, today: date
) -> ScheduleAdherence:
    """Adherence to ``schedule`` on ``today`` (the person's local date), from the completed sessions of
    the routine per local day (``day_counts``, each session on its own local day). The weeks measured
    run from the week of ``first_day`` (the routine's first recorded session, or the period's start;
    ``None``: no weeks) up to the week before today's."""
    this_monday = week_of(today)
    weeks: list[WeekProgress] = []
    if first_day is not None:
        monday = week_of(first_day)
        while monday < this_monday:
            weeks.append(week_progress(schedule, monday, day_counts))
            monday += timedelta(weeks=1)
    return ScheduleAdherence(
        schedule=schedule,
        weeks=tuple(weeks),
        this_week=week_progress(schedule, this_monday, day_counts),
        today=today,
    )


def routine_adherence(
    store: HistoryStore,
    routine_id: str,
    schedule: Schedule,
    *,
    today: date,
    utc_offset: timedelta,
    pack_id: str | None = None,
    since: date | None = None,
) -> ScheduleAdherence:
    """Adherence to a routine's ``schedule`` from the store, on ``today`` at ``utc_offset`` (the person's
    date and offset now, from the injected clock and zone), measured from ``since`` (a local date) or the
    routine's first recorded session, whichever is later. Raises ``HistoryError`` when the history can't
    be read."""
    from solecheck.history.local_time import LocalDays
    from solecheck.history.trends import completed_per_day, first_session_day

    first = first_session_day(store, routine_id, pack_id=pack_id, utc_offset=utc_offset)
    if first is not None and since is not None:
        first = max(first, since)
    start = week_of(first) if first is not None else week_of(today)
    counts = completed_per_day(
        store, routine_id, pack_id=pack_id, days=LocalDays(start, today, utc_offset), utc_offset=utc_offset
    )
    return schedule_adherence(schedule, counts, first_day=first, today=today)


SPREAD: dict[int, tuple[int, ...]] = {
    1: (0,),
    2: (0, 3),
    3: (0, 2, 4),
    4: (0, 1, 3, 4),
    5: (0, 1, 2, 3, 4),
    6: (0, 1, 2, 3, 4, 5),
    7: (0, 1, 2, 3, 4, 5, 6),
}
"""The days (``date.weekday()`` numbers, Monday 0) reminders fall on for ``times_per_week`` 1–7: spread
over the week with a rest day between where there is room (2: Monday and Thursday; 3: Monday, Wednesday
and Friday), weekdays first."""


def reminder_days(schedule: Schedule) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The weekdays (Monday 0) of the day's first reminder and of a second one later that day.

    ``days`` gives its own days and no second reminder. ``times_per_week`` up to 7 spreads over the week
    (:data:`SPREAD`); 8–14 remind every day, and a second time on the spread of the sessions above 7."""
    if schedule.days is not None:
        return schedule.weekdays, ()
    times = schedule.per_week
    if times <= DAYS_PER_WEEK:
        return SPREAD[times], ()
    return SPREAD[DAYS_PER_WEEK], SPREAD[times - DAYS_PER_WEEK]


def day_names(weekdays: tuple[int, ...]) -> str:
    """``weekdays`` (Monday 0) as a list in words in the person's language: "Monday, Wednesday and Friday"
    (Babel's day names and list pattern; English where Babel has no such locale)."""
    from babel import Locale, UnknownLocaleError
    from babel.lists import format_list

    from solecheck.i18n import current_language

    try:
        locale = Locale.parse(current_language().replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        locale = Locale.parse("en")
    names = locale.days["format"]["wide"]
    return format_list([str(names[day]) for day in weekdays], locale=locale)


def prescription_text(schedule: Schedule) -> str:
    """The prescription in words: "5 times a week", "Monday, Wednesday and Friday"."""
    from solecheck.i18n import _, ngettext

    if schedule.days is not None:
        return _("on {days}").format(days=day_names(schedule.weekdays))
    return ngettext("{n} time a week", "{n} times a week", schedule.per_week).format(n=schedule.per_week)


def progress_text(week: WeekProgress) -> str:
    """This week's progress: "2 of 5 this week"."""
    from solecheck.i18n import ngettext

    return ngettext("{done} of {prescribed} this week", "{done} of {prescribed} this week", week.prescribed).format(
        done=week.done, prescribed=week.prescribed
    )


def adherence_text(found: ScheduleAdherence) -> str:
    """Adherence over the weeks that ended: "Prescribed sessions done: 80 % (12 of 15, 3 weeks)", or that
    no week has ended yet."""
    from solecheck.i18n import _, ngettext

    share = found.share
    if share is None:
        return _("Prescribed sessions done: no whole week yet")
    weeks = ngettext("{n} week", "{n} weeks", len(found.weeks)).format(n=len(found.weeks))
    return _("Prescribed sessions done: {percent} % ({done} of {prescribed}, {weeks})").format(
        percent=round(share * 100), done=found.done, prescribed=found.prescribed, weeks=weeks
    )


def local_today(now: datetime, zone: tzinfo | None) -> tuple[date, timedelta]:
    """The person's date and UTC offset at ``now`` (aware) in ``zone`` (the system's when ``None``)."""
    local = now.astimezone(zone) if zone is not None else now.astimezone()
    return local.date(), local.utcoffset() or timedelta(0)


def prescribed_adherence(
    store: HistoryStore,
    routines: Iterable[Routine],
    *,
    today: date,
    utc_offset: timedelta,
    pack_id: str | None,
    since: date | None = None,
) -> list[tuple[Routine, ScheduleAdherence]]:
    """Adherence to each routine of ``routines`` that has a schedule (the others are left out), as
    :func:`routine_adherence` measures it. Raises ``HistoryError`` when the history can't be read."""
    return [
        (routine, routine_adherence(store, routine.id, routine.schedule, today=today, utc_offset=utc_offset,
                                    pack_id=pack_id, since=since))
        for routine in routines
        if routine.schedule is not None
    ]


def combined_text(found: Sequence[tuple[Routine, ScheduleAdherence]]) -> str | None:
    """Adherence over several prescribed routines, one line: "Prescribed sessions done: 80 % (12 of 15)";
    ``None`` when none is prescribed or none of those prescribed has been done at all (there is nothing to
    measure yet: the caller shows what it shows without a prescription)."""
    from solecheck.i18n import _

    found = [(routine, adherence) for routine, adherence in found
             if adherence.weeks or adherence.this_week.sessions]
    if not found:
        return None
    done = sum(adherence.done for _routine, adherence in found)
    prescribed = sum(adherence.prescribed for _routine, adherence in found)
    if not prescribed:
        return _("Prescribed sessions done: no whole week yet")
    return _("Prescribed sessions done: {percent} % ({done} of {prescribed})").format(
        percent=round(100 * done / prescribed), done=done, prescribed=prescribed
    )
