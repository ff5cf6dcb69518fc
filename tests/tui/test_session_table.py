"""The session table keeps its rendered rows across restyles that change nothing, and only those."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import Screen

from solecheck.tui.widgets.session_table import SessionTable


class TableScreen(Screen[None]):
    def compose(self) -> ComposeResult:
        yield SessionTable(id="table")

    def on_mount(self) -> None:
        table = self.query_one(SessionTable)
        table.add_columns("When", "Routine", "Steps")
        for n in range(40):
            table.add_row(f"2036-01-{n % 28 + 1:02d}", f"Routine [b]{n}[/b]", f"{n} of 40")


class TableApp(App[None]):
    def on_mount(self) -> None:
        self.push_screen(TableScreen())


def cursor_background(table: SessionTable) -> object:
    strip = table.render_line(table.cursor_row + 1)  # line 0 is the header
    return next(segment.style.bgcolor for segment in strip if segment.style and segment.style.bgcolor)


def rendered_lines(table: SessionTable) -> dict[object, object]:
    return {key: table._line_cache.get(key) for key in list(table._line_cache.keys())}


async def test_restyled_unchanged_the_rendered_rows_are_kept_and_a_new_theme_renders_anew() -> None:
    app = TableApp()
    async with app.run_test(size=(80, 20)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(SessionTable)
        rendered = rendered_lines(table)
        assert rendered
        before = cursor_background(table)
        table.screen.update_node_styles(animate=False)  # what Textual does each time a screen is shown again
        await pilot.pause()
        kept = rendered_lines(table)
        assert all(kept.get(key) is strip for key, strip in rendered.items())  # the same lines, not redrawn

        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        assert not any(table._line_cache.get(key) is strip for key, strip in rendered.items())
        assert cursor_background(table) != before  # drawn anew, in the new theme's colours
