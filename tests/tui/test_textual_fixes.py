"""The Textual work-arounds in ``solecheck.tui.textual_fixes``, each on the case that ended the app."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, OptionList, Static

from solecheck.tui.textual_fixes import guard_dismiss_of_inactive_screens, guard_option_list_page_moves


class Under(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static("under")


class Dialog(ModalScreen["str | None"]):
    def compose(self) -> ComposeResult:
        yield Input(id="answer")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


class Harness(App[None]):
    def on_mount(self) -> None:
        self.push_screen(Under())


async def test_a_second_enter_closes_the_dialog_only() -> None:
    guard_dismiss_of_inactive_screens()
    app = Harness()
    results: list[str | None] = []
    async with app.run_test() as pilot:
        await pilot.pause()
        dialog = Dialog()
        app.push_screen(dialog, results.append)
        await pilot.pause()
        field = dialog.query_one("#answer", Input)
        # Two submissions queued before the first one closed the dialog (Enter typed twice, fast).
        dialog.post_message(Input.Submitted(field, "first"))
        dialog.post_message(Input.Submitted(field, "second"))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, Under)
        assert results == ["first"]


async def test_page_down_on_an_option_list_before_layout_does_nothing() -> None:
    guard_option_list_page_moves()

    class Lists(App[None]):
        def compose(self) -> ComposeResult:
            yield OptionList("a", "b", "c")

    async with Lists().run_test() as pilot:
        options = pilot.app.query_one(OptionList)
        options._index_to_line.clear()  # as if not laid out yet
        options.action_page_down()
        await pilot.pause()
        assert pilot.app.is_running
