"""A table of sessions that asks for more rows as the person nears the end of those loaded."""

from __future__ import annotations

from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from solecheck.tui.messages import MoreRowsWanted

NEAR_END = 10


class SessionTable(DataTable[object]):
    """A row-cursor DataTable that posts ``MoreRowsWanted`` when the cursor moves, or the view scrolls,
    to within ``NEAR_END`` rows of the last row loaded. Home and End go to the first and last row."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if new != old and self.row_count and new.row >= self.row_count - NEAR_END:
            self.post_message(MoreRowsWanted())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and self.row_count and self.max_scroll_y > 0 and new >= self.max_scroll_y - NEAR_END:
            self.post_message(MoreRowsWanted())
