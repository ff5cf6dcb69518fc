"""A table of sessions that asks for more rows as the person nears the end of those loaded."""

from __future__ import annotations

from rich.style import Style
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import DataTable

from solecheck.tui.messages import MoreRowsWanted

NEAR_END = 10
RENDERED_ROWS_KEPT = 120
"""Rendered rows and lines the table keeps (a few screens' worth; Textual's DataTable keeps 1,000)."""


class SessionTable(DataTable[object]):
    """A row-cursor DataTable that posts ``MoreRowsWanted`` when the cursor moves, or the view scrolls,
    to within ``NEAR_END`` rows of the last row loaded. Home and End go to the first and last row.
    It keeps only ``RENDERED_ROWS_KEPT`` rendered rows (the table can hold thousands of sessions), and
    keeps them when it is restyled without its styles changing."""

    BINDINGS = [
        Binding("home", "scroll_top", "First", show=False),
        Binding("end", "scroll_bottom", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        # DataTable keys its rendered lines and rows by the cursor position, so every cursor move renders
        # each visible line anew, and its caches (1,000 lines and rows, 10,000 cells) kept ~40 moves' worth
        # alive: tens of thousands of objects for the cycle collector to walk, in full passes that held the
        # UI up for 100-280 ms while the list was scrolled. A few screens' worth is all they can reuse.
        # These caches are Textual's own (8.2): a later Textual without them just keeps its defaults.
        sizes = {"_line_cache": 1, "_row_render_cache": 1, "_row_renderable_cache": 1, "_cell_render_cache": 6}
        for name, per_row in sizes.items():
            cache = getattr(self, name, None)
            if cache is not None and hasattr(cache, "maxsize"):
                cache.maxsize = RENDERED_ROWS_KEPT * per_row
        self._styles_to_check = False
        self._rendered_with: tuple[Style, ...] | None = None

    def notify_style_update(self) -> None:
        """Textual restyles every widget of a screen each time it is shown again, and DataTable empties
        all its render caches whenever it is restyled, so every return to the history pane rendered each
        visible cell anew (20-30 ms of the block when switching back). The styles it renders with are
        compared at the next render instead (``render_lines``), and the caches emptied only if they
        changed (a new theme, say)."""
        Widget.notify_style_update(self)  # the widget's own style caches; DataTable's are checked later
        self._styles_to_check = True
        self.refresh()

    def _styles_rendered_with(self) -> tuple[Style, ...]:
        return (self.rich_style, *(self.get_component_rich_style(name) for name in sorted(self.COMPONENT_CLASSES)))

    def render_lines(self, crop: Region) -> list[Strip]:
        if self._styles_to_check:
            self._styles_to_check = False
            styles = self._styles_rendered_with()
            if styles != self._rendered_with:
                self._rendered_with = styles
                DataTable.notify_style_update(self)  # empties the caches, as Textual would have
        return super().render_lines(crop)

    def watch_cursor_coordinate(self, old: Coordinate, new: Coordinate) -> None:
        super().watch_cursor_coordinate(old, new)
        if new != old and self.row_count and new.row >= self.row_count - NEAR_END:
            self.post_message(MoreRowsWanted())

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new > old and self.row_count and self.max_scroll_y > 0 and new >= self.max_scroll_y - NEAR_END:
            self.post_message(MoreRowsWanted())
