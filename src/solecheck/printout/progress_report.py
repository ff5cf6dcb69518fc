"""The progress report for the appointment (``solecheck history report``): an A4 PDF of sessions per week
against the prescription, a pain chart, stops and their reasons, screenings and their outcomes, and notes.

Everything it draws comes aggregated (:mod:`solecheck.history.progress`, :mod:`solecheck.session.schedule`):
the charts have one point per week and the lists the newest few, with a count of the rest, so a history of
any length makes a report of a few pages. Dates are the person's local dates; words go through gettext and
dates through Babel, in the person's language. Text from the history (routine titles, reasons, notes) is
written as plain text with control characters replaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from solecheck.i18n import N_, _, current_language, ngettext
from solecheck.outside_text import clean
from solecheck.printout.document import FONT, new_document

if TYPE_CHECKING:
    from fpdf import FPDF

    from solecheck.history.progress import PainWeek, Progress, WeekCount
    from solecheck.session.schedule import ScheduleAdherence

TABLE_WEEKS = 12
"""Weeks the sessions table lists, newest last; earlier weeks are in the chart and summed in one line."""
CHART_HEIGHT_MM = 55.0
LEFT_MM = 10.0
INK = (40, 40, 40)
GRID = (200, 200, 200)
BARS = (70, 120, 180)
PRESCRIBED = (200, 90, 40)
PAIN_LINE = (180, 50, 50)

STATUS_WORDS = {
    "completed": N_("completed"),
    "stopped_pain": N_("stopped for pain"),
    "stopped_user": N_("stopped by you"),
    "interrupted": N_("interrupted"),
    "running": N_("in progress"),
}
OUTCOME_WORDS = {
    "proceed": N_("go ahead"),
    "modify": N_("go ahead with changes"),
    "stop": N_("stop: contact the clinic"),
}


@dataclass(frozen=True)
class PrescribedRoutine:
    """A routine of the pack with a schedule, and the person's adherence to it."""

    title: str
    prescription: str
    adherence: ScheduleAdherence


def _locale() -> object:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(current_language().replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def _day(day: date) -> str:
    from babel.dates import format_date

    return str(format_date(day, format="medium", locale=_locale()))  # type: ignore[arg-type]


def _count(number: int) -> str:
    """A count as the person's language writes it: 100,000 in English, 100 000 in French."""
    from babel.numbers import format_decimal

    return str(format_decimal(number, locale=_locale()))  # type: ignore[arg-type]


def _moment(moment: datetime) -> str:
    """A local date and time, to the minute: the time in the zone it was recorded in."""
    from babel.dates import format_time

    clock = format_time(moment.timetz(), format="short", locale=_locale())  # type: ignore[arg-type]
    return _("{day}, {time}").format(day=_day(moment.date()), time=clock)


def progress_report(
    progress: Progress,
    prescribed: Sequence[PrescribedRoutine],
    *,
    pack_name: str,
    made_on: date,
) -> bytes:
    """The report as PDF bytes: ``progress`` from the history, ``prescribed`` the pack's routines with a
    schedule, ``made_on`` today's local date."""
    title = _("Progress report")
    pdf = new_document(title, current_language())
    pdf.set_text_color(*INK)
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.cell(0, 10, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)
    first = progress.first or (progress.weeks[0].monday if progress.weeks else progress.last)
    _paragraph(pdf, _("{pack} · from {first} to {last} · made on {today}").format(
        pack=clean(pack_name), first=_day(first), last=_day(progress.last), today=_day(made_on)))
    _paragraph(pdf, ngettext("{n} session in this period.", "{n} sessions in this period.", progress.sessions)
               .format(n=_count(progress.sessions)))
    _sessions_section(pdf, progress, prescribed)
    _pain_section(pdf, progress.pain)
    _stops_section(pdf, progress)
    _screenings_section(pdf, progress)
    _notes_section(pdf, progress)
    _page_numbers(pdf)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, room_mm: float = 35) -> None:
    """A section heading, on a new page when less than ``room_mm`` is left under it for what follows."""
    if pdf.get_y() + 13 + room_mm > pdf.h - pdf.b_margin:
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font(FONT, "B", 14)
    pdf.cell(0, 9, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 11)


def _paragraph(pdf: FPDF, text: str, size: float = 11) -> None:
    pdf.set_font(FONT, "", size)
    pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")


# ---------------------------------------------------------------------- sessions per week


def _sessions_section(pdf: FPDF, progress: Progress, prescribed: Sequence[PrescribedRoutine]) -> None:
    _heading(pdf, _("Sessions per week against the prescription"))
    if not prescribed:
        _paragraph(pdf, _("No routine of the pack has a prescribed schedule: sessions are shown without one."))
    for routine in prescribed:
        found = routine.adherence
        share = found.share
        line = _("{routine}: prescribed {prescription}.").format(
            routine=clean(routine.title), prescription=routine.prescription
        )
        if share is None:
            line += " " + _("No whole week yet.")
        else:
            weeks = ngettext("{n} week", "{n} weeks", len(found.weeks)).format(n=_count(len(found.weeks)))
            line += " " + _("Prescribed sessions done: {percent} % ({done} of {prescribed}, {weeks}).").format(
                percent=round(share * 100), done=_count(found.done), prescribed=_count(found.prescribed), weeks=weeks
            )
        line += " " + _("This week so far: {done} of {prescribed}.").format(
            done=found.this_week.done, prescribed=found.this_week.prescribed
        )
        _paragraph(pdf, line)
    if not progress.weeks:
        _paragraph(pdf, _("No sessions in this period."))
        return
    per_week = sum(routine.adherence.schedule.per_week for routine in prescribed)
    _bar_chart(pdf, progress.weeks, per_week)
    _week_table(pdf, progress.weeks, prescribed)


def _bar_chart(pdf: FPDF, weeks: Sequence[WeekCount], per_week: int) -> None:
    most = max([per_week, *(week.sessions for week in weeks)], default=1) or 1
    step = -(-most // 5)  # whole numbers on the axis, at most 5 steps
    top = step * -(-most // step)
    width = pdf.epw - LEFT_MM
    x0, y0 = pdf.l_margin + LEFT_MM, pdf.get_y() + 4
    if y0 + CHART_HEIGHT_MM + 15 > pdf.h - pdf.b_margin:
        pdf.add_page()
        y0 = pdf.get_y() + 4
    bottom = y0 + CHART_HEIGHT_MM
    _axes(pdf, x0, y0, width, top, steps=top // step)
    span = (weeks[-1].monday - weeks[0].monday).days // 7 + 1
    slot = width / span
    pdf.set_fill_color(*BARS)
    for week in weeks:
        index = (week.monday - weeks[0].monday).days // 7
        height = CHART_HEIGHT_MM * week.sessions / top
        if height > 0:
            pdf.rect(x0 + index * slot + slot * 0.1, bottom - height, max(slot * 0.8, 0.2), height, style="F")
    if per_week:
        pdf.set_draw_color(*PRESCRIBED)
        pdf.set_line_width(0.6)
        level = bottom - CHART_HEIGHT_MM * per_week / top
        pdf.line(x0, level, x0 + width, level)
        pdf.set_line_width(0.2)
    _x_labels(pdf, x0, bottom, width, weeks[0].monday, weeks[-1].monday)
    legend = _("Bars: sessions started each week (week of Monday).")
    if per_week:
        legend += " " + _("Line: sessions prescribed a week ({n}).").format(n=per_week)
    _paragraph(pdf, legend, size=9)


def _axes(pdf: FPDF, x0: float, y0: float, width: float, top: float, steps: int) -> None:
    bottom = y0 + CHART_HEIGHT_MM
    pdf.set_draw_color(*GRID)
    pdf.set_line_width(0.2)
    pdf.set_font(FONT, "", 7)
    for step in range(max(1, steps) + 1):
        value = top * step / max(1, steps)
        y = bottom - CHART_HEIGHT_MM * value / top
        pdf.line(x0, y, x0 + width, y)
        label = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
        pdf.set_xy(x0 - LEFT_MM, y - 2)
        pdf.cell(LEFT_MM - 1, 4, label, align="R")
    pdf.set_draw_color(*INK)
    pdf.line(x0, y0, x0, bottom)
    pdf.line(x0, bottom, x0 + width, bottom)


def _x_labels(pdf: FPDF, x0: float, bottom: float, width: float, first: date, last: date) -> None:
    pdf.set_font(FONT, "", 7)
    pdf.set_xy(x0, bottom + 1)
    pdf.cell(width / 2, 4, _day(first), align="L")
    pdf.cell(width / 2, 4, _day(last), align="R")
    pdf.set_xy(pdf.l_margin, bottom + 6)
    pdf.set_font(FONT, "", 11)


def _week_table(pdf: FPDF, weeks: Sequence[WeekCount], prescribed: Sequence[PrescribedRoutine]) -> None:
    done_by_week: dict[date, tuple[int, int]] = {}
    for routine in prescribed:
        found = routine.adherence
        for measured in (*found.weeks, found.this_week):
            done, of = done_by_week.get(measured.monday, (0, 0))
            done_by_week[measured.monday] = (done + measured.done, of + measured.prescribed)
    shown, earlier = weeks[-TABLE_WEEKS:], weeks[:-TABLE_WEEKS]
    pdf.set_font(FONT, "", 9)
    pdf.set_draw_color(*GRID)
    pdf.set_fill_color(240, 240, 240)
    headings = [_("Week of"), _("Sessions"), _("Completed"), _("Stopped")]
    if prescribed:
        headings.append(_("Prescribed done"))
    with pdf.table(text_align="LEFT", line_height=5, first_row_as_headings=True) as table:
        row = table.row()
        for heading in headings:
            row.cell(heading)
        if earlier:
            row = table.row()
            row.cell(ngettext("{n} earlier week", "{n} earlier weeks", len(earlier)).format(n=_count(len(earlier))))
            row.cell(_count(sum(w.sessions for w in earlier)))
            row.cell(_count(sum(w.completed for w in earlier)))
            row.cell(_count(sum(w.stopped for w in earlier)))
            if prescribed:
                done = sum(done_by_week.get(w.monday, (0, 0))[0] for w in earlier)
                of = sum(done_by_week.get(w.monday, (0, 0))[1] for w in earlier)
                row.cell(_("{done} of {prescribed}").format(done=_count(done), prescribed=_count(of)) if of else "–")
        for week in shown:
            row = table.row()
            row.cell(_day(week.monday))
            row.cell(_count(week.sessions))
            row.cell(_count(week.completed))
            row.cell(_count(week.stopped))
            if prescribed:
                done, of = done_by_week.get(week.monday, (0, 0))
                row.cell(_("{done} of {prescribed}").format(done=_count(done), prescribed=_count(of)) if of else "–")
    pdf.set_font(FONT, "", 11)


# ---------------------------------------------------------------------- pain


def _pain_section(pdf: FPDF, pain: Sequence[PainWeek]) -> None:
    _heading(pdf, _("Pain over time (0–10)"), room_mm=CHART_HEIGHT_MM + 25)
    if not pain:
        _paragraph(pdf, _("No pain ratings in this period."))
        return
    x0, y0 = pdf.l_margin + LEFT_MM, pdf.get_y() + 4
    if y0 + CHART_HEIGHT_MM + 15 > pdf.h - pdf.b_margin:
        pdf.add_page()
        y0 = pdf.get_y() + 4
    width = pdf.epw - LEFT_MM
    bottom = y0 + CHART_HEIGHT_MM
    _axes(pdf, x0, y0, width, 10, steps=5)
    start = pain[0].monday
    span = max(1, (pain[-1].monday - start).days // 7)

    def x_of(monday: date) -> float:
        return x0 + width * ((monday - start).days // 7) / span if span else x0 + width / 2

    pdf.set_draw_color(*PAIN_LINE)
    pdf.set_fill_color(*PAIN_LINE)
    pdf.set_line_width(0.5)
    points = [(x_of(week.monday), bottom - CHART_HEIGHT_MM * week.average / 10) for week in pain]
    if len(points) > 1:
        pdf.polyline(points)
    for week in pain:
        y = bottom - CHART_HEIGHT_MM * week.highest / 10
        pdf.rect(x_of(week.monday) - 0.5, y - 0.5, 1.0, 1.0, style="F")
    pdf.set_line_width(0.2)
    _x_labels(pdf, x0, bottom, width, pain[0].monday, pain[-1].monday)
    _paragraph(pdf, _("Line: average of each session's highest pain, per week. Squares: the week's highest."), 9)
    rated = sum(week.rated for week in pain)
    highest = max(week.highest for week in pain)
    _paragraph(pdf, ngettext(
        "{n} session with a pain rating; the highest rating was {highest} out of 10.",
        "{n} sessions with a pain rating; the highest rating was {highest} out of 10.", rated,
    ).format(n=_count(rated), highest=highest))


# ---------------------------------------------------------------------- stops, screenings, notes


def _more(pdf: FPDF, shown: int, total: int) -> None:
    if total > shown:
        rest = total - shown
        _paragraph(pdf, ngettext("… and {n} earlier one not listed.", "… and {n} earlier ones not listed.", rest)
                   .format(n=_count(rest)), size=9)


def _stops_section(pdf: FPDF, progress: Progress) -> None:
    _heading(pdf, _("Stops and their reasons"))
    counts = progress.status_counts
    if not progress.stops_total:
        _paragraph(pdf, _("No session was stopped or interrupted in this period."))
        return
    _paragraph(pdf, _("Stopped for pain: {pain} · stopped by you: {user} · interrupted: {interrupted}.").format(
        pain=_count(counts.get("stopped_pain", 0)), user=_count(counts.get("stopped_user", 0)),
        interrupted=_count(counts.get("interrupted", 0))))
    for stop in progress.stops:
        status = _(STATUS_WORDS.get(stop.status, stop.status))
        reason = clean(stop.reason) if stop.reason else _("no reason given")
        _paragraph(pdf, _("{when} · {routine} · {status}: {reason}").format(
            when=_moment(stop.at), routine=clean(stop.routine_title), status=status, reason=reason), size=10)
    _more(pdf, len(progress.stops), progress.stops_total)


def _screenings_section(pdf: FPDF, progress: Progress) -> None:
    _heading(pdf, _("Screenings and their outcomes"))
    if not progress.screenings_total:
        _paragraph(pdf, _("No screening in this period."))
        return
    counts = progress.screening_counts
    _paragraph(pdf, _("Go ahead: {proceed} · with changes: {modify} · stop: {stop}.").format(
        proceed=_count(counts.get("proceed", 0)), modify=_count(counts.get("modify", 0)),
        stop=_count(counts.get("stop", 0))))
    for entry in progress.screenings:
        outcome = _(OUTCOME_WORDS.get(entry.outcome, entry.outcome))
        line = _("{when} · {outcome}").format(when=_moment(entry.at), outcome=outcome)
        if entry.messages:
            line += " · " + " ".join(clean(message) for message in entry.messages)
        _paragraph(pdf, line, size=10)
    _more(pdf, len(progress.screenings), progress.screenings_total)


def _notes_section(pdf: FPDF, progress: Progress) -> None:
    _heading(pdf, _("Your notes"))
    if not progress.notes_total:
        _paragraph(pdf, _("No notes in this period."))
        return
    for note in progress.notes:
        _paragraph(pdf, _("{when} · {routine}, {exercise}: {note}").format(
            when=_moment(note.at), routine=clean(note.routine_title), exercise=clean(note.exercise_title),
            note=clean(note.text)), size=10)
    _more(pdf, len(progress.notes), progress.notes_total)


def _page_numbers(pdf: FPDF) -> None:
    pdf.set_auto_page_break(auto=False)
    total = pdf.pages_count
    for number in range(1, total + 1):
        pdf.page = number
        pdf.set_xy(pdf.l_margin, pdf.h - 12)
        pdf.set_font(FONT, "", 8)
        pdf.cell(0, 5, _("Page {page} of {pages}").format(page=number, pages=total), align="C")
