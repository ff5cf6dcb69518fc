"""The history pane: past sessions newest first, one session in detail, filters and trends.

Everything comes from ``HistoryStore`` in worker threads, so the screen never waits on the database:
the table loads ``PAGE`` sessions at a time as the person scrolls, and the trends (sessions per week,
highest pain per session, streak, adherence) are aggregated in SQL. The paging and the filter's local
days are worked out in the core (:mod:`solecheck.history.pages`); the screen asks and shows. Day
boundaries and the current week come from ``today`` and ``utc_offset``, which tests inject.

The app keeps one pane for its whole life rather than building it on every ``h``: closing it only hides
it, and showing it again checks in the background whether sessions were recorded meanwhile (or the day
changed) and reloads only then. Reopened, it looks as it did when first opened: all sessions, the list
at the top.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Select, Static

from solecheck.history.local_time import local_moment
from solecheck.history.pages import (
    PAGE,
    HistoryFilter,
    PageRequest,
    SessionPages,
    machine_utc_offset,
    read_first_page,
    read_page,
)
from solecheck.history.records import (
    ScreeningRecord,
    SessionRecord,
    SessionSummary,
    StepRecord,
    format_duration,
    status_label,
)
from solecheck.history.store import HistoryError, HistoryStore
from solecheck.history.trends import TREND_WEEKS, Trends, trends
from solecheck.i18n import N_, _, ngettext
from solecheck.packs.content import short_digest
from solecheck.screening.engine import severity_label
from solecheck.tui.built_once import BuiltOnFirstUse
from solecheck.tui.long_lived import keep_for_life
from solecheck.tui.messages import FiltersChanged, MoreRowsWanted
from solecheck.tui.services import AppServices
from solecheck.tui.text import join, literal, plain
from solecheck.tui.widgets.history_filters import HistoryFilters
from solecheck.tui.widgets.key_footer import KeyFooter
from solecheck.tui.widgets.session_table import SessionTable
from solecheck.tui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from solecheck.packs.models import Routine

ROWS_AT_ONCE = 25
"""Rows added to the table per turn of the event loop: adding (and measuring) a whole page at once held
the UI up for 20-40 ms on a busy machine."""
ROUTINE_WIDTH = 16
EMPTY_HISTORY = N_(
    "No sessions yet.\n\nEvery session you do is kept here "
    "with its steps, your pain scores and how it ended, so you can see how you are doing and show your "
    "physiotherapist."
)
NO_MATCH = N_("No sessions match these filters. Clear them with x.")


@dataclass(frozen=True)
class SessionDetail:
    """One session with its steps and the screening it followed, for the detail view."""

    session: SessionRecord
    steps: list[StepRecord]
    screening: ScreeningRecord | None


class HistoryScreen(Screen[None]):
    """Past sessions, a session's steps and screening, filters, and trends worth looking at.

    Enter opens the highlighted session, Escape goes back (and finally closes the pane), f shows the
    filter bar, x clears the filters. ``today`` and ``utc_offset`` fix the calendar for tests; by
    default the app's ``today()`` and the machine's time zone are used.

    The screen can be shown again after it was closed (the app installs one and pushes it on every
    ``h``): it then starts over from the top of an unfiltered list, and whenever it is shown again it
    reloads what changed in the store meanwhile.
    """

    CSS_PATH = "history.tcss"
    HELP_TITLE = N_("the history")
    BINDINGS = [
        Binding("escape", "back", N_("Back")),
        Binding("f", "focus_filters", N_("Filters")),
        # A priority key: x clears the filters even while typing a date (DateInput leaves x alone).
        Binding("x", "clear_filters", N_("Clear"), priority=True, tooltip=N_("Clear the filters: every session again")),
        Binding("l", "focus_list", N_("List"), show=False),
        Binding("v", "screenings", N_("Screenings"), tooltip=N_("Your screenings: when, the outcome, your answers")),
        # Work here as everywhere, but left out of the footer: all the pane's keys fit 80 columns so, in French
        # and Spanish too (whose words are longer).
        Binding("p", "app.switch_pack", N_("Pack"), show=False, tooltip=N_("Use another content pack")),
        Binding("w", "app.screening", N_("Screening"), show=False,
                tooltip=N_("Answer the safety questions (screening) again")),
    ]

    def __init__(
        self,
        store: HistoryStore,
        *,
        today: date | None = None,
        utc_offset: timedelta | None = None,
        page_size: int = PAGE,
        kept_for_life: bool = False,
        services: AppServices | None = None,
    ) -> None:
        """``kept_for_life``: the app keeps this pane while it runs, so its parts are frozen out of the
        cycle collector's way once built (:mod:`solecheck.tui.long_lived`). ``services``: the app's, for
        the pack in use (screenings in its words); without them (a pane shown on its own) there is none."""
        super().__init__()
        self.store = store
        self._services = services
        self.kept_for_life = kept_for_life
        self._today = today
        self._utc_offset = utc_offset
        self.pages = SessionPages(page_size)
        """The list's filter and paging (a new generation when the filter changes: older results are dropped)."""
        self._summaries: dict[str, SessionSummary] = {}
        self._choices_loaded = False
        self._routines: list[tuple[str, str]] = []
        self._packs: list[str] = []
        self._dismissed = False  # closed with Escape: shown again, it starts over
        self._frozen = False  # the pane's first list is frozen (kept_for_life)
        # Built the first time they are needed (the list shows faster without them), once for every caller.
        self._filters = BuiltOnFirstUse(self._build_filters)
        self._detail = BuiltOnFirstUse(self._build_detail)

    def action_screenings(self) -> None:
        """Open the list of screenings (once the pack, whose words say the answers, is loaded)."""
        from solecheck.tui.screens.screenings import ScreeningsScreen

        services = self._services
        if services is None:
            return

        def open_screenings() -> None:
            if self.app.screen is self:
                self.app.push_screen(ScreeningsScreen(self.store, services.pack, utc_offset=self._utc_offset))

        services.after_pack_loads(open_screenings)

    # ------------------------------------------------------------------ time

    @property
    def today(self) -> date:
        if self._today is not None:
            return self._today
        app_today = getattr(self.app, "today", None)
        return app_today() if callable(app_today) else date.today()

    @property
    def utc_offset(self) -> timedelta:
        if self._utc_offset is not None:
            return self._utc_offset
        return machine_utc_offset()

    def _local(self, moment: datetime, utc_offset_min: int | None = None) -> datetime:
        """``moment`` at its record's own UTC offset (today's for records without one)."""
        return local_moment(moment, utc_offset_min, self.utc_offset)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(self._filter_text(), id="filter-summary")
            with Horizontal(id="history-trends"):
                yield TrendChart(_("Sessions per week"), id="trend-weeks")
                yield TrendChart(_("Pain per session"), id="trend-pain")
                with Vertical(id="trend-figures"):
                    yield Static("", id="trend-streak")
                    yield Static("", id="trend-adherence")
            with ContentSwitcher(initial="history-list", id="history-switcher"), Vertical(id="history-list"):
                yield SessionTable(id="history-table")
                yield Static(literal(_("Loading your history…")), id="history-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", SessionTable)
        # Fixed widths (no reflow as pages arrive), each at least its heading in the person's language, so
        # "Douleur" is never cut to "Doul"; the routine gives way to keep the table within 80 columns.
        headings = {"duration": _("Duration"), "steps": _("Steps"), "pain": _("Pain")}
        widths = {"duration": 8, "steps": 5, "pain": 4}
        widths = {key: max(width, len(headings[key])) for key, width in widths.items()}
        routine_width = ROUTINE_WIDTH - max(0, sum(widths.values()) - 17)
        table.add_column(_("Date"), key="date", width=16)
        table.add_column(_("Routine"), key="routine", width=max(10, routine_width))
        for key, heading in headings.items():
            table.add_column(heading, key=key, width=widths[key])
        table.add_column(_("Status"), key="status", width=16)
        table.focus()
        self._reload()

    # ------------------------------------------------------------------ loading

    def _reload(self) -> None:
        """Start over with the current filter: first page and trends, in the background."""
        self.pages.start_over()
        self._summaries.clear()
        self.query_one("#history-table", SessionTable).clear()
        self._load_page()

    def _load_page(self) -> None:
        request = self.pages.next_page(self.utc_offset)
        if request is not None:  # else a page is being read, or every session is in the list
            self._fetch_page(request)

    @work(thread=True, group="history-page")
    def _fetch_page(self, request: PageRequest) -> None:
        try:
            page = read_page(self.store, request)
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        # An async callback: Textual awaits it on the event loop (its stub types the result as Never).
        self.app.call_from_thread(self._add_page, request.generation, page)  # type: ignore[arg-type]

    def _pane_closed(self) -> bool:
        """Whether the pane is closed or being taken down (its widgets going): results from a worker
        that arrive then are dropped."""
        return not self.is_attached or not all(
            self.query(selector) for selector in ("#history-switcher", "#history-table", "#trend-weeks", "#trend-pain")
        )

    async def _add_page(self, generation: int, page: list[SessionSummary]) -> None:
        if not self.pages.is_current(generation) or self._pane_closed():
            return
        first = self.pages.page_arrived(page)
        table = self.query_one("#history-table", SessionTable)
        for start in range(0, len(page), ROWS_AT_ONCE):
            if start:
                await asyncio.sleep(0)  # let the table measure these rows, and keys and redraws through
                if not self.pages.is_current(generation) or self._pane_closed():
                    return  # the filter changed or the pane closed meanwhile: _reload() started over
            for summary in page[start : start + ROWS_AT_ONCE]:
                self._summaries[summary.id] = summary
                table.add_row(*self._cells(summary), key=summary.id)
        self.pages.page_added(page)
        if first and self.kept_for_life and not self._frozen:
            self._frozen = True
            self.call_after_refresh(keep_for_life)
        if first:
            # The list comes first; trends and filter choices follow, so they never delay it.
            self._load_trends(generation, self.pages.filter, self.today, self.utc_offset, self._prescribed_routines())
            if not self._choices_loaded:
                self._choices_loaded = True
                self._load_choices()
        loaded = self.pages.loaded
        empty = self.query_one("#history-empty", Static)
        if loaded == 0:
            empty.update(literal(_(NO_MATCH) if self.pages.filter.active else _(EMPTY_HISTORY)))
        empty.display = loaded == 0
        table.display = loaded > 0

    def _cells(self, summary: SessionSummary) -> tuple[object, ...]:
        status = status_label(summary.status)
        return (
            self._local(summary.started_at, summary.utc_offset_min).strftime("%Y-%m-%d %H:%M"),  # sorts as text
            plain(summary.routine_title),
            format_duration(summary.duration_s),
            f"{summary.steps_done}/{summary.steps_planned}",
            "-" if summary.max_pain is None else str(summary.max_pain),
            Text(status, style="bold red") if summary.status == "stopped_pain" else status,
        )

    @on(MoreRowsWanted)
    def _more_rows(self, event: MoreRowsWanted) -> None:
        event.stop()
        self._load_page()

    def _prescribed_routines(self) -> tuple[str | None, tuple[Routine, ...]]:
        """The app's pack id and routines, whose schedules adherence is measured against (none before the
        pack has loaded, or outside the app)."""
        services = self._services
        if services is None or not services.pack_loaded:
            return None, ()
        return services.pack.id, services.pack.routines

    @work(thread=True, group="history-trends", exclusive=True)
    def _load_trends(
        self,
        generation: int,
        current: HistoryFilter,
        today: date,
        utc_offset: timedelta,
        prescribed: tuple[str | None, tuple[Routine, ...]],
    ) -> None:
        from solecheck.session.schedule import combined_text, prescribed_adherence, week_of

        days = current.days(utc_offset)
        pack_id, routines = prescribed
        if current.pack_id not in (None, pack_id):
            routines = ()
        if current.routine_id is not None:
            routines = tuple(routine for routine in routines if routine.id == current.routine_id)
        # Over the weeks the trends show, or from the filter's first day when later.
        since = week_of(today) - timedelta(weeks=TREND_WEEKS)
        if current.since is not None:
            since = max(since, current.since)
        try:
            found = trends(
                self.store, today, utc_offset, routine_id=current.routine_id, pack_id=current.pack_id, days=days
            )
            against = combined_text(
                prescribed_adherence(
                    self.store, routines, today=today, utc_offset=utc_offset, pack_id=pack_id, since=since
                )
            )
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._show_trends, generation, found, against)

    def _show_trends(self, generation: int, trends: Trends, against: str | None = None) -> None:
        """Show the trends; ``against`` is adherence to the pack's prescribed schedules, shown instead of
        the share of planned steps done when any routine shown is prescribed."""
        if not self.pages.is_current(generation) or self._pane_closed():
            return  # stale, or the pane was closed while the trends were being read
        self.pages.trends_shown(trends.total, trends.today)
        if trends.total == 0 and self.pages.filter.active:
            self._show_no_trends()
            return
        this_week = trends.weeks[-1][1] if trends.weeks else 0
        self.query_one("#trend-weeks", TrendChart).show(
            [float(count) for _week, count in trends.weeks],
            _("{weeks} weeks · this week: {count}").format(weeks=TREND_WEEKS, count=this_week),
        )
        pain_values = [float(pain) for _moment, pain in trends.pain]
        if trends.pain:
            latest = ngettext(
                "last {count} · latest: {pain}/10", "last {count} · latest: {pain}/10", len(trends.pain)
            ).format(count=len(trends.pain), pain=trends.pain[-1][1])
        else:
            latest = _("No pain scores yet")
        self.query_one("#trend-pain", TrendChart).show(pain_values, latest)
        days = trends.streak
        self.query_one("#trend-streak", Static).update(
            ngettext("Streak: {days} day in a row", "Streak: {days} days in a row", days).format(days=days)
            if days else _("Streak: none right now")
        )
        share = trends.adherence.share
        if against is not None:
            self.query_one("#trend-adherence", Static).update(against)
            return
        from solecheck.formats import format_percent

        self.query_one("#trend-adherence", Static).update(
            _("Planned steps done: {share}\n({done} of {planned}, {weeks} weeks)").format(
                share=format_percent(share), done=trends.adherence.done, planned=trends.adherence.planned,
                weeks=TREND_WEEKS,
            )
            if share is not None
            else _("Planned steps done: -")
        )

    def _show_no_trends(self) -> None:
        """Filters that match nothing: empty charts and figures, not those of sessions the list doesn't show."""
        self.query_one("#trend-weeks", TrendChart).show([0.0] * TREND_WEEKS, _("No sessions match"))
        self.query_one("#trend-pain", TrendChart).show([], _("No pain scores"))
        self.query_one("#trend-streak", Static).update(_("Streak: -"))
        self.query_one("#trend-adherence", Static).update(_("Planned steps done: -"))

    @work(thread=True, group="history-choices")
    def _load_choices(self) -> None:
        try:
            routines = self.store.routines()
            packs = self.store.pack_ids()
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._show_choices, routines, packs)

    def _show_choices(self, routines: list[tuple[str, str]], packs: list[str]) -> None:
        self._routines, self._packs = routines, packs
        if (bar := self._filters.built) is not None:  # else it is built with these choices
            bar.set_choices(routines, packs)

    def _failed(self, error: HistoryError) -> None:
        self.pages.read_failed()
        self.notify(str(error), title="History unavailable", severity="error", timeout=15, markup=False)

    # ------------------------------------------------------------------ shown again

    def on_screen_resume(self) -> None:
        """Shown again (reopened, or a screen on top of it closed): start over if it had been closed, and
        bring in what changed in the store meanwhile."""
        if self._dismissed:
            self._dismissed = False
            self._start_over()
        if self.pages.first_page is not None:  # else the list is (re)loading already
            self._check_for_changes(self.pages.generation, self.pages.filter)

    def _start_over(self) -> None:
        """As when first opened: all sessions, the list at the top, no filter bar."""
        if (bar := self._filters.built) is not None:
            bar.clear()
            bar.display = False
        self._show_list()
        if self.pages.filter.active:
            # Rows paged in without a filter are kept: they are what the list shows again, and dropping
            # hundreds of rows at once sets off a long garbage-collection pass just as the pane comes back.
            self.pages.filter = HistoryFilter()
            self.query_one("#filter-summary", Static).update(self._filter_text())
            self._reload()
        else:
            table = self.query_one("#history-table", SessionTable)
            table.move_cursor(row=0, column=0, animate=False, scroll=False)
            table.scroll_home(animate=False, immediate=True)

    @work(thread=True, group="history-check", exclusive=True)
    def _check_for_changes(self, generation: int, current: HistoryFilter) -> None:
        try:
            page, total = read_first_page(self.store, current, self.pages.page_size, self.utc_offset)
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._changes_checked, generation, page, total)

    def _changes_checked(self, generation: int, page: list[SessionSummary], total: int) -> None:
        if not self.pages.is_current(generation) or self._pane_closed() or self.pages.first_page is None:
            return  # the list was reloaded meanwhile, or the pane is being taken down
        if self.pages.changed(page, total):
            self._choices_loaded = False  # a new routine or pack may have come with the new sessions
            self._reload()
        elif self.pages.trends_out_of_date(self.today):
            self._load_trends(generation, self.pages.filter, self.today, self.utc_offset, self._prescribed_routines())

    # ------------------------------------------------------------------ filters

    def _filter_text(self) -> Content:
        current = self.pages.filter
        if not current.active:
            return literal(_("All sessions · press f to filter by routine, pack or dates"), "$text-muted")
        routine_title = dict(self._routines).get(current.routine_id or "", current.routine_id)
        routines = routine_title or _("all routines")
        if current.pack_id:
            shown = _("Showing {routines} from {pack}").format(routines=routines, pack=current.pack_id)
        else:
            shown = _("Showing {routines}").format(routines=routines)
        parts: list[Content | str] = [literal(shown)]
        if current.since and current.until:
            parts.append(" · " + _("{first} to {last}").format(first=_day(current.since), last=_day(current.until)))
        elif current.since:
            parts.append(" · " + _("from {day}").format(day=_day(current.since)))
        elif current.until:
            parts.append(" · " + _("until {day}").format(day=_day(current.until)))
        parts.append(literal(" · " + _("x to clear"), "$text-muted"))
        return join(*parts)

    @on(FiltersChanged)
    def _filters_changed(self, event: FiltersChanged) -> None:
        event.stop()
        updated = HistoryFilter(event.routine_id, event.pack_id, event.since, event.until)
        if updated != self.pages.filter:
            self.pages.filter = updated
            self.query_one("#filter-summary", Static).update(self._filter_text())
            self._reload()

    async def action_focus_filters(self) -> None:
        """Show the filter bar (built on first use, so the list opens faster) and focus it."""
        bar = await self._filters.get()
        if self._pane_closed() or not bar.fields_built:
            return  # the pane was closed while the bar was being built
        bar.display = True
        bar.query_one("#filter-routine", Select).focus()

    async def _build_filters(self) -> HistoryFilters:
        bar = HistoryFilters(self._routines, self._packs, id="history-filters")
        await self.query_one("#history", Vertical).mount(bar, after="#filter-summary")
        bar.set_choices(self._routines, self._packs)  # choices that arrived while it was being mounted
        if self.kept_for_life:
            self.call_after_refresh(keep_for_life)
        return bar

    def action_clear_filters(self) -> None:
        if (bar := self._filters.built) is not None:  # one being built starts clear
            bar.clear()
        if self.pages.filter.active:
            self.pages.filter = HistoryFilter()
            self.query_one("#filter-summary", Static).update(self._filter_text())
            self._reload()

    def action_focus_list(self) -> None:
        self._show_list()

    # ------------------------------------------------------------------ detail

    @on(DataTable.RowSelected, "#history-table")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self._load_detail(event.row_key.value)

    @work(thread=True, group="history-detail", exclusive=True)
    def _load_detail(self, session_id: str) -> None:
        try:
            session = self.store.get_session(session_id)
            if session is None:
                return
            steps = self.store.steps_of(session_id)
            screening = self.store.get_screening(session.screening_id) if session.screening_id else None
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self.call_later, self._show_detail, SessionDetail(session, steps, screening))

    async def _build_detail(self) -> VerticalScroll:
        """The detail view, built the first time a session is opened (the list shows faster without it)."""
        steps = DataTable[object](id="detail-steps", cursor_type="row", zebra_stripes=True)
        view = VerticalScroll(id="history-detail")
        await self.query_one("#history-switcher", ContentSwitcher).mount(view)
        # The children are mounted and awaited on their own: given to the constructor, they arrived after
        # the awaited mount when the pane was under another screen (a random-key walk: h, w, h, Enter).
        await view.mount_all([Static(id="detail-header"), steps, Static(id="detail-screening")])
        # Fits 80 columns: the note goes under its exercise, the set with the side.
        for label, width in DETAIL_COLUMNS:
            steps.add_column(_(label) if label != "#" else label, width=width)
        if self.kept_for_life:
            self.call_after_refresh(keep_for_life)
        return view

    async def _show_detail(self, detail: SessionDetail) -> None:
        if self._pane_closed():
            return  # the pane was closed while the session was being read
        await self._detail.get()  # built by the first opening; a second one waits for the same build
        if self._pane_closed():
            return  # closed while the detail view was being built
        session = detail.session
        summary = self._summaries.get(session.id)
        from solecheck.formats import format_date, format_time

        status = status_label(session.status)
        started = self._local(session.started_at, session.utc_offset_min)
        done = summary.steps_done if summary else len(detail.steps)
        pack = f"{session.pack_id} {session.pack_version}"
        if session.pack_digest:
            pack += " " + _("(content {digest})").format(digest=short_digest(session.pack_digest))
        lines: list[Content | str] = [
            literal(session.routine_title, "bold"),
            "\n" + _("{day}, {time}").format(day=format_date(started, width="full"), time=format_time(started)),
            f" · {format_duration(summary.duration_s if summary else None)} · {status}",
            "\n",
            literal(_("Pack {pack}").format(pack=pack)),
            " · " + ngettext("{done} of {planned} step done", "{done} of {planned} steps done",
                             session.planned_steps).format(done=done, planned=session.planned_steps),
        ]
        if session.stop_reason:
            lines += ["\n", literal(_("Stopped: {reason}").format(reason=session.stop_reason))]
        if session.soreness_settled is not None:
            lines.append(
                "\n" + (_("Soreness settled by the next day") if session.soreness_settled
                        else _("Soreness had not settled"))
            )
        if not detail.steps:
            lines.append("\n" + _("No steps were recorded: it ended before the first step finished."))
        self.query_one("#detail-header", Static).update(join(*lines))

        table = self.query_one("#detail-steps", DataTable)
        table.clear()
        for row in detail_rows(detail.steps):
            table.add_row(*row, height=None)
        table.display = bool(detail.steps)
        self.query_one("#detail-screening", Static).update(self._screening_text(detail))
        self.query_one("#history-switcher", ContentSwitcher).current = "history-detail"
        self.query_one("#history").add_class("-detail")  # the trends of all sessions make room for this one
        table.focus()

    def _screening_text(self, detail: SessionDetail) -> Content:
        screening = detail.screening
        if screening is None:
            return literal(_("This session did not follow a saved screening."))
        from solecheck.formats import format_datetime

        taken = format_datetime(self._local(screening.taken_at, screening.utc_offset_min))
        parts: list[Content | str] = [
            literal(_("Screening taken {moment}, outcome:").format(moment=taken), "bold"),
            " ",
            literal(severity_label(screening.outcome), "bold"),
        ]
        for message in screening.messages:
            parts += ["\n• ", literal(message)]
        services = self._services
        pack = services.pack if services is not None and services.pack_loaded else None
        if not screening.answers or pack is None:
            pass
        elif screening.pack_id == pack.id:
            # In the pack's words, never its ids (the screenings view, v, says them the same way).
            from solecheck.screening.answer_words import answer_words

            for question, answer in answer_words(pack.screening, screening.answers):
                parts += ["\n", literal(question), " ", literal(answer, "bold")]
        else:
            parts += ["\n", literal(_("Its answers are to the questions of the pack {pack}: v lists them.").format(
                pack=screening.pack_id))]
        return join(*parts)

    def _show_list(self) -> None:
        self.query_one("#history-switcher", ContentSwitcher).current = "history-list"
        self.query_one("#history").remove_class("-detail")
        self.query_one("#history-table", SessionTable).focus()

    def action_back(self) -> None:
        """Escape: from a session back to the list, from the filters back to the list, else close."""
        in_filters = (bar := self._filters.built) is not None and bar.has_focus_within
        if self.query_one("#history-switcher", ContentSwitcher).current == "history-detail" or in_filters:
            self._show_list()
        else:
            self._dismissed = True
            self.dismiss(None)


DETAIL_COLUMNS: tuple[tuple[str, int], ...] = (
    ("#", 2), (N_("Exercise"), 22), (N_("Side"), 12), (N_("Planned"), 7), (N_("Done"), 7), (N_("Pain"), 4),
    (N_("Status"), 7),
)
"""The steps table of a session, 75 columns with the cell padding: all of it visible at 80×24."""


def detail_rows(steps: list[StepRecord]) -> list[tuple[object, ...]]:
    """One row per recorded step, in the order they ended: its plan number; the exercise with, on lines
    below, ``done again (b)`` for a step redone after going back and the note; the side and the set
    (when the exercise has more than one); the dose planned and done; pain; status."""
    multi_set = {step.exercise_id for step in steps if step.set_index > 1}
    seen: set[int] = set()
    rows: list[tuple[object, ...]] = []
    for step in steps:
        exercise = plain(step.exercise_title)
        if step.position in seen:
            exercise.append("\n" + _("done again (b)"), "italic")
        seen.add(step.position)
        if step.note:
            exercise.append("\n" + _("Note:") + " ", "dim")
            exercise.append(plain(step.note, "italic"))
        side: list[str] = [_("left") if step.side == "left" else _("right") if step.side == "right" else ""]
        if step.exercise_id in multi_set:
            side.append(_("set {number}").format(number=step.set_index))
        rows.append((
            str(step.position + 1),
            exercise,
            ", ".join(part for part in side if part),
            _dose(step.planned_s, step.planned_reps),
            _dose(step.actual_s, step.actual_reps) if step.status == "done" else "",
            "" if step.pain is None else str(step.pain),
            _("done") if step.status == "done" else _("skipped") if step.status == "skipped" else step.status,
        ))
    return rows


def _dose(seconds: float | int | None, reps: int | None) -> str:
    if reps is not None:
        return ngettext("{reps} rep", "{reps} reps", reps).format(reps=reps)
    if seconds is not None:
        return _("{seconds} s").format(seconds=round(seconds))
    return ""


def _day(day: date) -> str:
    """``29 Nov 2026`` (``29 nov. 2026`` in French): a filter's day, written out in the person's language
    so a day-first reading can be checked."""
    from solecheck.formats import format_date

    return format_date(day)
