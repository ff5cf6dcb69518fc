"""Your screenings (``v`` in the history pane): when each was taken, its outcome and your answers.

Newest first, read from ``HistoryStore`` a page at a time in a worker thread (a history may hold
thousands: the table is never given them all at once). Each date is the screening's own local time
(:mod:`solecheck.history.local_time`); the outcome is said in words; the highlighted screening's answers
are shown below the list as the pack asked them (:mod:`solecheck.screening.answer_words`), never by id.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Static

from solecheck.history.local_time import local_moment
from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryError, HistoryStore
from solecheck.screening.answer_words import answer_words
from solecheck.screening.engine import severity_label
from solecheck.tui.messages import MoreRowsWanted
from solecheck.tui.text import join, literal, plain
from solecheck.tui.widgets.key_footer import KeyFooter
from solecheck.tui.widgets.session_table import SessionTable

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack

PAGE = 50
"""Screenings read and added to the table at a time."""


class ScreeningsScreen(Screen[None]):
    """The screenings in ``store``, newest first; the answers of the highlighted one below, in the words
    of ``pack`` (a screening of another pack is named by that pack, its answers not said by id)."""

    CSS_PATH = "screenings.tcss"
    HELP_TITLE = "your screenings"
    BINDINGS = [Binding("escape,v", "app.pop_screen", "Back", tooltip="Back to your sessions")]

    def __init__(
        self, store: HistoryStore, pack: Pack, *, utc_offset: timedelta | None = None, page_size: int = PAGE
    ) -> None:
        super().__init__()
        self.store = store
        self.pack = pack
        self.page_size = page_size
        self._utc_offset = utc_offset
        self._records: list[ScreeningRecord] = []
        self._loading = False
        self._exhausted = False

    @property
    def utc_offset(self) -> timedelta:
        """Today's offset, for records kept before each record kept its own."""
        if self._utc_offset is not None:
            return self._utc_offset
        return datetime.now().astimezone().utcoffset() or timedelta(0)

    def compose(self) -> ComposeResult:
        with Vertical(id="screenings"):
            yield Static(literal("Your screenings, newest first", "bold"), id="screenings-title")
            yield SessionTable(id="screenings-table")
            yield Static("Loading your screenings…", id="screenings-empty")
            with VerticalScroll(id="screening-answers") as answers:
                answers.border_title = "Your answers"
                yield Static("", id="screening-answers-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one("#screenings-table", SessionTable)
        table.add_column("Date", key="date", width=16)
        table.add_column("Outcome", key="outcome", width=30)
        table.add_column("Pack", key="pack", width=24)
        table.focus()
        self._load_page()

    def _load_page(self) -> None:
        if self._loading or self._exhausted:
            return
        self._loading = True
        self._fetch_page(len(self._records))

    @work(thread=True, group="screenings-page")
    def _fetch_page(self, offset: int) -> None:
        try:
            page = self.store.screenings(self.page_size, offset)
        except HistoryError as error:
            self.app.call_from_thread(self._failed, error)
            return
        self.app.call_from_thread(self._add_page, page)

    def _failed(self, error: HistoryError) -> None:
        self._loading = False
        self.query_one("#screenings-empty", Static).update(literal(f"Your screenings can't be read: {error}"))

    def _add_page(self, page: list[ScreeningRecord]) -> None:
        if not self.is_attached:
            return
        self._loading = False
        self._exhausted = len(page) < self.page_size
        table = self.query_one("#screenings-table", SessionTable)
        for record in page:
            self._records.append(record)
            taken = local_moment(record.taken_at, record.utc_offset_min, self.utc_offset)
            table.add_row(
                taken.strftime("%Y-%m-%d %H:%M"),
                plain(severity_label(record.outcome)),
                plain(record.pack_id),
                key=record.id,
            )
        empty = not self._records
        table.display = not empty
        self.query_one("#screening-answers").display = not empty
        self.query_one("#screenings-empty", Static).update(
            "No screenings yet. Press w to answer the safety questions." if empty else ""
        )
        self.query_one("#screenings-empty").display = empty
        if self._records and table.cursor_row == 0:
            self._show_answers(0)

    @on(MoreRowsWanted)
    def _more_rows(self, event: MoreRowsWanted) -> None:
        event.stop()
        self._load_page()

    @on(DataTable.RowHighlighted, "#screenings-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_answers(event.cursor_row)

    def _show_answers(self, row: int) -> None:
        if not 0 <= row < len(self._records):
            return
        self.query_one("#screening-answers-text", Static).update(self.answers_text(self._records[row]))

    def answers_text(self, record: ScreeningRecord) -> Content:
        """The answers of ``record``, one ``question: answer`` line each, in the pack's words."""
        if record.pack_id != self.pack.id:
            return literal(
                f"Answers to the questions of the pack {record.pack_id}: open that pack (p) to read them."
            )
        lines = [join(literal(question, "bold"), " ", literal(answer)) for question, answer in
                 answer_words(self.pack.screening, record.answers)]
        messages = [literal(message, "italic") for message in record.messages]
        return Content("\n").join([*lines, *messages]) if lines or messages else literal("No answers were kept.")
