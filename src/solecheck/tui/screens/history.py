"""The history pane: past sessions newest first, one session in detail, filters and trends.

Everything comes from ``HistoryStore`` in worker threads, so the screen never waits on the database:
the table loads ``PAGE`` sessions at a time as the person scrolls, and the trends (sessions per week,
highest pain per session, streak, adherence) are aggregated in SQL. Day boundaries and the current
week come from ``today`` and ``utc_offset``, which tests inject.

The app keeps one pane for its whole life rather than building it on every ``h``: closing it only hides
it, and showing it again checks in the background whether sessions were recorded meanwhile (or the day
changed) and reloads only then. Reopened, it looks as it did when first opened: all sessions, the list
at the top.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import ContentSwitcher, DataTable, Select, Static

from solecheck.history.local_time import LocalDays, local_moment
from solecheck.history.records import (
    SESSION_STATUS_LABELS,
    ScreeningRecord,
    SessionRecord,
    SessionSummary,
    StepRecord,
    format_duration,
)
from solecheck.history.store import HistoryError, HistoryStore
from solecheck.history.trends import TREND_WEEKS, Trends, trends
from solecheck.packs.content import short_digest
from solecheck.screening.engine import severity_label
from solecheck.tui.built_once import BuiltOnFirstUse
from solecheck.tui.long_lived import keep_for_life
from solecheck.tui.messages import FiltersChanged, MoreRowsWanted
from solecheck.tui.text import join, literal, plain
from solecheck.tui.widgets.history_filters import HistoryFilters
from solecheck.tui.widgets.key_footer import KeyFooter
from solecheck.tui.widgets.session_table import SessionTable
from solecheck.tui.widgets.trend_chart import TrendChart

PAGE = 100
ROWS_AT_ONCE = 25
"""Rows added to the table per turn of the event loop: adding (and measuring) a whole page at once held
the UI up for 20-40 ms on a busy machine."""
ROUTINE_WIDTH = 16
EMPTY_HISTORY = (
    "No sessions yet.\n\nEvery session you do is kept here "
    "with its steps, your pain scores and how it ended, so you can see how you are doing and show your "
    "physiotherapist."
)
NO_MATCH = "No sessions match these filters. Clear them with x."


@dataclass(frozen=True)
class HistoryFilter:
    """What the person narrowed the list to; ``None`` means any."""

    routine_id: str | None = None
    pack_id: str | None = None
    since: date | None = None
    until: date | None = None  # inclusive

    @property
    def active(self) -> bool:
        return any(value is not None for value in (self.routine_id, self.pack_id, self.since, self.until))


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
    HELP_TITLE = "the history"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("f", "focus_filters", "Filters"),
        # A priority key: x clears the filters even while typing a date (DateInput leaves x alone).
        Binding("x", "clear_filters", "Clear", priority=True, tooltip="Clear the filters: every session again"),
        Binding("l", "focus_list", "List", show=False),
        Binding("v", "screenings", "Screenings", tooltip="Your screenings: when, the outcome, your answers"),
        # Works here as everywhere, but left out of the footer: all the pane's keys fit 80 columns so.
        Binding("p", "app.switch_pack", "Pack", show=False, tooltip="Use another content pack"),
    ]

    def __init__(
        self,
        store: HistoryStore,
        *,
        today: date | None = None,
        utc_offset: timedelta | None = None,
        page_size: int = PAGE,
        kept_for_life: bool = False,
    ) -> None:
        """``kept_for_life``: the app keeps this pane while it runs, so its parts are frozen out of the
        cycle collector's way once built (:mod:`solecheck.tui.long_lived`)."""
        super().__init__()
        self.store = store
        self.kept_for_life = kept_for_life
        self._today = today
        self._utc_offset = utc_offset
        self.page_size = page_size
        self.filter = HistoryFilter()
        self._generation = 0  # bumped when the filter changes: older results are dropped
        self._loaded = 0
        self._exhausted = False
        self._loading = False
        self._summaries: dict[str, SessionSummary] = {}
        self._choices_loaded = False
        self._routines: list[tuple[str, str]] = []
        self._packs: list[str] = []
        self._first_page: list[SessionSummary] | None = None  # what the list starts with, as last loaded
        self._total: int | None = None  # sessions matching the filter, as last counted
        self._trends_day: date | None = None
        self._dismissed = False  # closed with Escape: shown again, it starts over
        self._frozen = False  # the pane's first list is frozen (kept_for_life)
        # Built the first time they are needed (the list shows faster without them), once for every caller.
        self._filters = BuiltOnFirstUse(self._build_filters)
        self._detail = BuiltOnFirstUse(self._build_detail)

    def action_screenings(self) -> None:
        """Open the list of screenings (once the pack, whose words say the answers, is loaded)."""
        from solecheck.tui.app import SolecheckApp
        from solecheck.tui.screens.screenings import ScreeningsScreen

        app = self.app
        if not isinstance(app, SolecheckApp):
            return

        def open_screenings() -> None:
            if app.screen is self:
                app.push_screen(ScreeningsScreen(self.store, app.pack, utc_offset=self._utc_offset))

        app.after_pack_loads(open_screenings)

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
        return datetime.now().astimezone().utcoffset() or timedelta(0)

    def _local(self, moment: datetime, utc_offset_min: int | None = None) -> datetime:
        """``moment`` at its record's own UTC offset (today's for records without one)."""
        return local_moment(moment, utc_offset_min, self.utc_offset)

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Vertical(id="history"):
            yield Static(self._filter_text(), id="filter-summary")
            with Horizontal(id="history-trends"):
                yield TrendChart("Sessions per week", id="trend-weeks")
                yield TrendChart("Pain per session", id="trend-pain")
                with Vertical(id="trend-figures"):
                    yield Static("", id="trend-streak")
                    yield Static("", id="trend-adherence")
            with ContentSwitcher(initial="history-list", id="history-switcher"), Vertical(id="history-list"):
                yield SessionTable(id="history-table")
                yield Static("Loading your history…", id="history-empty")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#history-table", SessionTable)
        table.add_column("Date", key="date", width=16)
        table.add_column("Routine", key="routine", width=ROUTINE_WIDTH)  # fixed: no reflow as pages arrive
        table.add_column("Duration", key="duration", width=8)
        table.add_column("Steps", key="steps", width=5)
        table.add_column("Pain", key="pain", width=4)
        table.add_column("Status", key="status", width=16)
        table.focus()
        self._reload()

    # ------------------------------------------------------------------ loading

    def _reload(self) -> None:
        """Start over with the current filter: first page and trends, in the background."""
        self._generation += 1
        self._loaded = 0
        self._exhausted = False
        self._loading = False
        self._summaries.clear()
        self._first_page = None
        self._total = None
        self.query_one("#history-table", SessionTable).clear()
        self._load_page()

    def _query_range(self, current: HistoryFilter) -> LocalDays | None:
        """The filter's dates as local days, each session on its own (today's offset for old records)."""
        if current.since is None and current.until is None:
            return None
        return LocalDays(current.since, current.until, self.utc_offset)

    def _load_page(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        self._fetch_page(self._generation, self.filter, self._loaded)

    @work(thread=True, group="history-page")
    def _fetch_page(self, generation: int, current: HistoryFilter, offset: int) -> None:
        days = self._query_range(current)
        try:
            page = self.store.session_summaries(
                self.page_size,
                offset,
                routine_id=current.routine_id,
                pack_id=current.pack_id,
                days=days,
            )
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        # An async callback: Textual awaits it on the event loop (its stub types the result as Never).
        self.app.call_from_thread(self._add_page, generation, page)  # type: ignore[arg-type]

    def _pane_closed(self) -> bool:
        """Whether the pane is closed or being taken down (its widgets going): results from a worker
        that arrive then are dropped."""
        return not self.is_attached or not all(
            self.query(selector) for selector in ("#history-switcher", "#history-table", "#trend-weeks", "#trend-pain")
        )

    async def _add_page(self, generation: int, page: list[SessionSummary]) -> None:
        if generation != self._generation or self._pane_closed():
            return
        first = self._loaded == 0
        if first:
            self._first_page = page
        table = self.query_one("#history-table", SessionTable)
        for start in range(0, len(page), ROWS_AT_ONCE):
            if start:
                await asyncio.sleep(0)  # let the table measure these rows, and keys and redraws through
                if generation != self._generation or self._pane_closed():
                    return  # the filter changed or the pane closed meanwhile: _reload() started over
            for summary in page[start : start + ROWS_AT_ONCE]:
                self._summaries[summary.id] = summary
                table.add_row(*self._cells(summary), key=summary.id)
            self._loaded += len(page[start : start + ROWS_AT_ONCE])
        if first and self.kept_for_life and not self._frozen:
            self._frozen = True
            self.call_after_refresh(keep_for_life)
        if first:
            # The list comes first; trends and filter choices follow, so they never delay it.
            self._load_trends(generation, self.filter, self.today, self.utc_offset)
            if not self._choices_loaded:
                self._choices_loaded = True
                self._load_choices()
        self._loading = False
        self._exhausted = len(page) < self.page_size
        empty = self.query_one("#history-empty", Static)
        if self._loaded == 0:
            empty.update(literal(NO_MATCH if self.filter.active else EMPTY_HISTORY))
        empty.display = self._loaded == 0
        table.display = self._loaded > 0

    def _cells(self, summary: SessionSummary) -> tuple[object, ...]:
        status = SESSION_STATUS_LABELS.get(summary.status, summary.status)
        return (
            self._local(summary.started_at, summary.utc_offset_min).strftime("%Y-%m-%d %H:%M"),
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

    @work(thread=True, group="history-trends", exclusive=True)
    def _load_trends(self, generation: int, current: HistoryFilter, today: date, utc_offset: timedelta) -> None:
        days = self._query_range(current)
        try:
            found = trends(
                self.store, today, utc_offset, routine_id=current.routine_id, pack_id=current.pack_id, days=days
            )
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._show_trends, generation, found)

    def _show_trends(self, generation: int, trends: Trends) -> None:
        if generation != self._generation or self._pane_closed():
            return  # stale, or the pane was closed while the trends were being read
        self._total, self._trends_day = trends.total, trends.today
        if trends.total == 0 and self.filter.active:
            self._show_no_trends()
            return
        this_week = trends.weeks[-1][1] if trends.weeks else 0
        self.query_one("#trend-weeks", TrendChart).show(
            [float(count) for _, count in trends.weeks], f"{TREND_WEEKS} weeks · this week: {this_week}"
        )
        pain_values = [float(pain) for _, pain in trends.pain]
        latest = f"last {len(trends.pain)} · latest: {trends.pain[-1][1]}/10" if trends.pain else "No pain scores yet"
        self.query_one("#trend-pain", TrendChart).show(pain_values, latest)
        days = trends.streak
        self.query_one("#trend-streak", Static).update(
            f"Streak: {days} day{'s' * (days != 1)} in a row" if days else "Streak: none right now"
        )
        share = trends.adherence.share
        self.query_one("#trend-adherence", Static).update(
            f"Planned steps done: {share:.0%}\n({trends.adherence.done} of {trends.adherence.planned}, "
            f"{TREND_WEEKS} weeks)"
            if share is not None
            else "Planned steps done: -"
        )

    def _show_no_trends(self) -> None:
        """Filters that match nothing: empty charts and figures, not those of sessions the list doesn't show."""
        self.query_one("#trend-weeks", TrendChart).show([0.0] * TREND_WEEKS, "No sessions match")
        self.query_one("#trend-pain", TrendChart).show([], "No pain scores")
        self.query_one("#trend-streak", Static).update("Streak: -")
        self.query_one("#trend-adherence", Static).update("Planned steps done: -")

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
        self._loading = False
        self.notify(str(error), title="History unavailable", severity="error", timeout=15, markup=False)

    # ------------------------------------------------------------------ shown again

    def on_screen_resume(self) -> None:
        """Shown again (reopened, or a screen on top of it closed): start over if it had been closed, and
        bring in what changed in the store meanwhile."""
        if self._dismissed:
            self._dismissed = False
            self._start_over()
        if self._first_page is not None:  # else the list is (re)loading already
            self._check_for_changes(self._generation, self.filter)

    def _start_over(self) -> None:
        """As when first opened: all sessions, the list at the top, no filter bar."""
        if (bar := self._filters.built) is not None:
            bar.clear()
            bar.display = False
        self._show_list()
        if self.filter.active:
            # Rows paged in without a filter are kept: they are what the list shows again, and dropping
            # hundreds of rows at once sets off a long garbage-collection pass just as the pane comes back.
            self.filter = HistoryFilter()
            self.query_one("#filter-summary", Static).update(self._filter_text())
            self._reload()
        else:
            table = self.query_one("#history-table", SessionTable)
            table.move_cursor(row=0, column=0, animate=False, scroll=False)
            table.scroll_home(animate=False, immediate=True)

    @work(thread=True, group="history-check", exclusive=True)
    def _check_for_changes(self, generation: int, current: HistoryFilter) -> None:
        days = self._query_range(current)
        try:
            page = self.store.session_summaries(
                self.page_size, 0, routine_id=current.routine_id, pack_id=current.pack_id, days=days
            )
            total = self.store.count_sessions(routine_id=current.routine_id, pack_id=current.pack_id, days=days)
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._changes_checked, generation, page, total)

    def _changes_checked(self, generation: int, page: list[SessionSummary], total: int) -> None:
        if generation != self._generation or self._pane_closed() or self._first_page is None:
            return  # the list was reloaded meanwhile, or the pane is being taken down
        if page != self._first_page or (self._total is not None and total != self._total):
            self._choices_loaded = False  # a new routine or pack may have come with the new sessions
            self._reload()
        elif self._trends_day is not None and self._trends_day != self.today:
            self._load_trends(generation, self.filter, self.today, self.utc_offset)

    # ------------------------------------------------------------------ filters

    def _filter_text(self) -> Content:
        current = self.filter
        if not current.active:
            return literal("All sessions · press f to filter by routine, pack or dates", "$text-muted")
        parts: list[Content | str] = ["Showing "]
        routine_title = dict(self._routines).get(current.routine_id or "", current.routine_id)
        parts.append(literal(routine_title, "bold") if routine_title else "all routines")
        if current.pack_id:
            parts += [" from ", literal(current.pack_id, "bold")]
        if current.since and current.until:
            parts.append(f" · {_day(current.since)} to {_day(current.until)}")
        elif current.since:
            parts.append(f" · from {_day(current.since)}")
        elif current.until:
            parts.append(f" · until {_day(current.until)}")
        parts.append(literal(" · x to clear", "$text-muted"))
        return join(*parts)

    @on(FiltersChanged)
    def _filters_changed(self, event: FiltersChanged) -> None:
        event.stop()
        updated = HistoryFilter(event.routine_id, event.pack_id, event.since, event.until)
        if updated != self.filter:
            self.filter = updated
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
        if self.filter.active:
            self.filter = HistoryFilter()
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
            steps.add_column(label, width=width)
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
        status = SESSION_STATUS_LABELS.get(session.status, session.status)
        lines: list[Content | str] = [
            literal(session.routine_title, "bold"),
            f"\n{self._local(session.started_at, session.utc_offset_min):%A %d %B %Y, %H:%M}",
            f" · {format_duration(summary.duration_s if summary else None)} · {status}",
            "\nPack ",
            literal(f"{session.pack_id} {session.pack_version}"),
            f" (content {short_digest(session.pack_digest)})" if session.pack_digest else "",
            f" · {summary.steps_done if summary else len(detail.steps)} of {session.planned_steps} steps done",
        ]
        if session.stop_reason:
            lines += ["\nStopped: ", literal(session.stop_reason)]
        if session.soreness_settled is not None:
            lines.append(
                "\nSoreness settled by the next day" if session.soreness_settled else "\nSoreness had not settled"
            )
        if not detail.steps:
            lines.append("\nNo steps were recorded: it ended before the first step finished.")
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
            return literal("This session did not follow a saved screening.")
        parts: list[Content | str] = [
            literal("Screening", "bold"),
            f" taken {self._local(screening.taken_at, screening.utc_offset_min):%d %B %Y, %H:%M}: outcome ",
            literal(severity_label(screening.outcome), "bold"),
        ]
        for message in screening.messages:
            parts += ["\n• ", literal(message)]
        from solecheck.tui.app import SolecheckApp

        pack = self.app.pack if isinstance(self.app, SolecheckApp) and self.app.pack_loaded else None
        if not screening.answers or pack is None:
            pass
        elif screening.pack_id == pack.id:
            # In the pack's words, never its ids (the screenings view, v, says them the same way).
            from solecheck.screening.answer_words import answer_words

            for question, answer in answer_words(pack.screening, screening.answers):
                parts += ["\n", literal(question), " ", literal(answer, "bold")]
        else:
            parts += ["\n", literal(f"Its answers are to the questions of the pack {screening.pack_id}: v lists them.")]
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
    ("#", 2), ("Exercise", 22), ("Side", 12), ("Planned", 7), ("Done", 7), ("Pain", 4), ("Status", 7),
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
            exercise.append("\ndone again (b)", "italic")
        seen.add(step.position)
        if step.note:
            exercise.append("\nNote: ", "dim")
            exercise.append(plain(step.note, "italic"))
        side: list[str] = [step.side or ""]
        if step.exercise_id in multi_set:
            side.append(f"set {step.set_index}")
        rows.append((
            str(step.position + 1),
            exercise,
            ", ".join(part for part in side if part),
            _dose(step.planned_s, step.planned_reps),
            _dose(step.actual_s, step.actual_reps) if step.status == "done" else "",
            "" if step.pain is None else str(step.pain),
            step.status,
        ))
    return rows


def _dose(seconds: float | int | None, reps: int | None) -> str:
    if reps is not None:
        return f"{reps} reps"
    if seconds is not None:
        return f"{round(seconds)} s"
    return ""


def _day(day: date) -> str:
    """``29 Nov 2026``: a filter's day, written out so a day-first reading can be checked."""
    return f"{day.day} {day:%b %Y}"
