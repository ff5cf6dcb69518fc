"""Paste that works in every input: lines joined, control characters removed, an over-long paste cut
to the limit with a notice (Textual's Input keeps the first line, and refuses a paste past max_length)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.app import App, ComposeResult
from textual.widgets import Input

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.session_dialogs import NoteDialog, StopDialog
from solecheck.tui.widgets.history_filters import HistoryFilters
from solecheck.tui.widgets.line_input import LineInput, joined_lines
from tests.conftest import FakeClock
from tests.tui.notices import Notices


class OneInput(App[None]):
    def __init__(self, max_length: int = 0) -> None:
        super().__init__()
        self.max_length = max_length

    def compose(self) -> ComposeResult:
        yield LineInput(max_length=self.max_length)


async def paste(app: App[None], text: str) -> LineInput:
    field = app.query_one(LineInput)
    field.focus()
    field.post_message(events.Paste(text))
    await app.workers.wait_for_complete()
    return field


def test_joined_lines() -> None:
    assert joined_lines("left arch\r\n  tender \n\n\tafter run\n") == "left arch tender after run"
    assert joined_lines("sore\x1b[2J heel\u202e") == "sore[2J heel"
    assert joined_lines("\n \n") == ""


async def test_a_two_line_paste_keeps_both_lines() -> None:
    app = OneInput(500)
    notices = Notices()
    async with app.run_test(message_hook=notices) as pilot:
        field = await paste(app, "left arch tender\nafter the run")
        await pilot.pause()
        assert field.value == "left arch tender after the run"
        assert not notices


async def test_an_over_long_paste_is_cut_to_the_limit_with_a_notice() -> None:
    app = OneInput(500)
    notices = Notices()
    async with app.run_test(message_hook=notices) as pilot:
        field = app.query_one(LineInput)
        field.value = "abc"
        field.cursor_position = 3
        await paste(app, "x" * 501)
        await pilot.pause()
        assert field.value == "abc" + "x" * 497
        (notice,) = list(notices)
        assert notice.message == "The pasted text was cut to 497 characters: this field holds at most 500."


async def test_a_paste_replaces_the_selection() -> None:
    app = OneInput(10)
    notices = Notices()
    async with app.run_test(message_hook=notices) as pilot:
        field = app.query_one(LineInput)
        field.value = "2026-01-01"
        field.select_all()
        await paste(app, " 2026-03-05\n")
        await pilot.pause()
        assert field.value == "2026-03-05" and not notices


async def test_every_input_of_the_app_is_a_line_input(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        for dialog in (NoteDialog(), StopDialog()):
            app.push_screen(dialog)
            await pilot.pause()
            assert all(isinstance(i, LineInput) for i in app.screen.query(Input)) and app.screen.query(Input)
            app.pop_screen()
            await pilot.pause()
        filters = HistoryFilters([("sole-only", "Sole reset")], ["thrive-now.foot-first"])
        await app.screen.mount(filters)
        await pilot.pause()
        inputs = list(filters.query(Input))
        assert len(inputs) == 2 and all(isinstance(i, LineInput) for i in inputs)
