"""The footer shows the active screen's keys, and rebuilds only when they change."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static
from textual.widgets._footer import FooterKey

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.history import HistoryScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.widgets.key_footer import KeyFooter


def footer_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    return [(key.key, key.description) for key in screen.query_one(KeyFooter).query(FooterKey)]


class Toggling(App[None]):
    BINDINGS = [Binding("a", "a", "Alpha"), Binding("b", "b", "Beta")]

    def __init__(self) -> None:
        super().__init__()
        self.beta = True

    def compose(self) -> ComposeResult:
        yield Static("body")
        yield KeyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if action == "b" and not self.beta else True  # None: shown, disabled

    def action_a(self) -> None:
        self.beta = not self.beta
        self.refresh_bindings()


async def test_a_change_of_keys_is_shown_and_the_same_keys_are_not_rebuilt() -> None:
    app = Toggling()
    async with app.run_test(size=(60, 8)) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        first = list(footer.query(FooterKey))
        assert [(k.key, k.has_class("-disabled")) for k in first][:2] == [("a", False), ("b", False)]
        app.refresh_bindings()  # nothing changed
        await pilot.pause()
        assert list(footer.query(FooterKey)) == first
        await pilot.press("a")  # Beta is now disabled: shown so
        await pilot.pause()
        assert [(k.key, k.has_class("-disabled")) for k in footer.query(FooterKey)][:2] == [("a", False), ("b", True)]


async def test_home_keys_stay_under_a_dialog_and_are_not_rebuilt_after_a_visit(
    builtin_pack: Pack, data_dir: Path
) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        keys = footer_keys(home)
        assert ("s", "Start") in keys and ("l", "Learn") in keys and ("h", "History") in keys
        widgets = list(home.query(FooterKey))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClinicScreen)
        assert footer_keys(home) == keys  # under the panel, home's footer is as it was
        await pilot.press("escape", "h")
        await pilot.pause(0.2)
        assert isinstance(app.screen, HistoryScreen)
        assert footer_keys(app.screen) and footer_keys(app.screen) != keys
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home and footer_keys(home) == keys
        assert list(home.query(FooterKey)) == widgets  # the same widgets: nothing rebuilt


async def test_a_panel_footer_names_its_own_keys_and_the_ones_that_still_work_within_80_columns(
    builtin_pack: Pack, data_dir: Path
) -> None:
    """Under a panel the app's keys are cut off (the panel is modal): its footer named only "esc Close".
    Now it names the panel's keys, F1 for help (which works there) and the command palette's key."""
    from solecheck.tui.screens.help import HelpScreen
    from solecheck.tui.screens.learn import LearnScreen
    from solecheck.tui.screens.pack_picker import PackPickerScreen
    from solecheck.tui.screens.settings import SettingsScreen

    app = build_app(builtin_pack, data_dir)
    panels = {"c": ClinicScreen, "o": SettingsScreen, "l": LearnScreen, "p": PackPickerScreen}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for key, panel in panels.items():
            await pilot.press(key)
            await pilot.pause(0.3)
            assert isinstance(app.screen, panel)
            keys = footer_keys(app.screen)
            assert ("escape", "Close") in keys and ("f1", "Help") in keys, keys
            assert keys[-1][0] == app.COMMAND_PALETTE_BINDING, keys
            for shown in app.screen.query_one(KeyFooter).query(FooterKey):
                assert shown.region.right <= 80 and shown.region.width > len(shown.description), shown.description
            await pilot.press("question_mark")
            await pilot.pause(0.2)
            assert isinstance(app.screen, HelpScreen)  # F1 and ? work on the panel: its keys, in words
            lines = app.screen.lines
            assert any(what == "Close" for _, what in lines) and ("F1, ?", "This help") in lines
            assert [line for line in lines if line[0] == "F1, ?"] == [("F1, ?", "This help")]
            assert footer_keys(app.screen)[-1][0] == app.COMMAND_PALETTE_BINDING
            await pilot.press("f1")  # closes the help, back on the panel
            await pilot.pause(0.2)
            assert isinstance(app.screen, panel)
            await pilot.press("escape")
            await pilot.pause(0.2)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("c")
        await pilot.pause(0.2)
        assert ("e", "Your contact") in footer_keys(app.screen)
