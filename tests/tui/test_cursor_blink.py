"""The test suite's cursor-blink switch (``tests/conftest.py``) reaches what Textual reads."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea


class Fields(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="line")
        yield TextArea(id="text")


async def test_input_and_text_area_cursors_stay_lit() -> None:
    async with Fields().run_test() as pilot:
        for widget in (pilot.app.query_one(Input), pilot.app.query_one(TextArea)):
            widget.focus()
            await pilot.pause()
            assert widget.cursor_blink is False
            await pilot.pause(0.6)  # longer than Textual's 0.5 s blink interval
            assert widget._cursor_visible
