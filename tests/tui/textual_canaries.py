"""Upstream Textual bugs that ``solecheck.tui.textual_fixes`` and a few widgets work around, each shown on
plain Textual (no solecheck module is imported here, so no work-around is installed).

Run as ``python -m tests.tui.textual_canaries NAME``: the process exits with ``BUG_SHOWN`` while the bug is
still in the installed Textual, 0 once upstream has fixed it, and anything else when the reproduction itself
broke. ``tests/tui/test_textual_fixes.py`` runs each one in a fresh process.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable

from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, OptionList

BUG_SHOWN = 3


class BugShown(Exception):
    """The upstream bug happened."""


async def option_list_page_move_before_layout() -> None:
    """Page Down on an option list not laid out yet (hidden) raises ``KeyError`` in ``_move_page``."""

    class Hidden(App[None]):
        def compose(self) -> ComposeResult:
            options = OptionList("one", "two", "three")
            options.display = False
            yield options

    app = Hidden()
    async with app.run_test() as pilot:
        options = app.query_one(OptionList)
        options.highlighted = 0
        try:
            options.action_page_down()
        except KeyError as error:
            raise BugShown(f"KeyError {error} from OptionList._move_page") from None
        await pilot.pause()


async def dismiss_of_an_inactive_screen() -> None:
    """``Screen.dismiss`` on a screen under another pops the one on top instead."""

    class Named(Screen[None]):
        def compose(self) -> ComposeResult:
            yield Label(self.name or "")

    app: App[None] = App()
    async with app.run_test() as pilot:
        under, top = Named(name="under"), Named(name="top")
        await app.push_screen(under)
        await app.push_screen(top)
        under.dismiss()
        await pilot.pause()
        if app.screen is not top:
            raise BugShown(f"dismissing {under.name!r} closed {top.name!r}; now showing {app.screen.name!r}")


async def command_palette_opened_while_the_last_one_closes() -> None:
    """ctrl+p, Escape, ctrl+p in one burst pushes a second palette with the same id: ``DuplicateIds``."""
    app: App[None] = App()
    try:
        async with app.run_test() as pilot:
            app.action_command_palette()
            await pilot.pause()
            app.screen.dismiss()  # Escape: the palette is popped, and removed a moment later
            app.action_command_palette()  # ctrl+p before the removal finished
            await pilot.pause()
    except Exception as error:  # noqa: BLE001 - whatever ends the app is the bug
        raise BugShown(f"{type(error).__name__}: {error}") from None


async def footer_rebuilt_for_unchanged_keys() -> None:
    """``Footer.bindings_changed`` recomposes the footer even when the keys it shows are the same."""

    class WithFooter(App[None]):
        BINDINGS = [("q", "quit", "Quit")]

        def compose(self) -> ComposeResult:
            yield Footer()

    app = WithFooter()
    async with app.run_test() as pilot:
        await pilot.pause()
        footer = app.query_one(Footer)
        before = list(footer.children)
        app.screen.refresh_bindings()  # what Textual does after every focus change, keys changed or not
        await pilot.pause()
        if list(footer.children) != before:
            raise BugShown("the footer rebuilt its key widgets although its keys did not change")


async def data_table_caches_emptied_on_restyle() -> None:
    """``DataTable.notify_style_update`` empties its render caches on every restyle, styles changed or not."""

    class Table(App[None]):
        def compose(self) -> ComposeResult:
            table: DataTable[str] = DataTable()
            table.add_columns("a", "b")
            table.add_rows([(str(i), str(i * i)) for i in range(20)])
            yield table

    app = Table()
    async with app.run_test() as pilot:
        await pilot.pause()
        table = app.query_one(DataTable)
        if not len(table._line_cache):
            raise RuntimeError("the table rendered nothing: the reproduction is broken")
        table.notify_style_update()
        if not len(table._line_cache):
            raise BugShown("a restyle with unchanged styles emptied the rendered-line cache")


CANARIES: dict[str, Callable[[], Awaitable[None]]] = {
    f.__name__: f
    for f in (
        option_list_page_move_before_layout,
        dismiss_of_an_inactive_screen,
        command_palette_opened_while_the_last_one_closes,
        footer_rebuilt_for_unchanged_keys,
        data_table_caches_emptied_on_restyle,
    )
}


def main(name: str) -> int:
    try:
        asyncio.run(CANARIES[name]())
    except BugShown as bug:
        print(f"upstream bug still present: {bug}")
        return BUG_SHOWN
    print("upstream Textual behaves: the work-around can go")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
