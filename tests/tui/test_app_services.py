"""Screens reach the app one way: they post messages up (the home screen's and the palette's start is a
``StartRequested`` the app handles), hand choices back through ``dismiss()`` (the pack picker's
``PickedPack``), and ask for services through ``AppServices``. Real app, Pilot, real pack and data folder."""

from __future__ import annotations

from pathlib import Path

from textual.message import Message
from textual.widgets import OptionList

from solecheck.packs.pack import Pack
from solecheck.settings import Settings
from solecheck.tui.app import build_app
from solecheck.tui.messages import StartRequested
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.pack_picker import PackPickerScreen, PickedPack
from solecheck.tui.screens.wizard import WizardScreen
from solecheck.tui.services import services_of
from tests.conftest import FakeClock

SIZE = (100, 32)


class Starts:
    """``run_test(message_hook=...)``: the ``StartRequested`` messages posted, in order (each once, though
    the hook sees a message again at every node it bubbles to)."""

    def __init__(self) -> None:
        self.messages: list[StartRequested] = []

    def __call__(self, message: Message) -> None:
        if isinstance(message, StartRequested) and not any(message is seen for seen in self.messages):
            self.messages.append(message)

    @property
    def routines(self) -> list[str]:
        return [message.routine_id for message in self.messages]


async def wait_for(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out waiting")


async def test_enter_on_the_home_screen_asks_the_app_to_start_the_highlighted_routine(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    starts = Starts()
    async with app.run_test(size=SIZE, message_hook=starts) as pilot:
        await pilot.pause()
        await pilot.press("down")
        home = app.screen
        assert isinstance(home, HomeScreen)
        chosen = home.selected_routine
        assert chosen != builtin_pack.default_routine.id
        await pilot.press("enter")
        # The app started it: no screening yet, so the safety questions come first, for that routine.
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert starts.routines == [chosen]
        assert isinstance(app.screen, WizardScreen) and app.screen.routine.id == chosen


async def test_the_palettes_start_is_the_same_message(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    last = builtin_pack.routines[-1]
    app = build_app(builtin_pack, data_dir, clock=clock)
    starts = Starts()
    async with app.run_test(size=SIZE, message_hook=starts) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.press(*f"start {last.title}")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert starts.routines == [last.id]


async def choose_in_picker(pilot, key: str) -> PickedPack | None:  # type: ignore[no-untyped-def]
    """Open a picker over the app, highlight the built-in pack, press ``key``; what it was dismissed with."""
    app = pilot.app
    results: list[PickedPack | None] = []
    picker = PackPickerScreen(app.data_dir, (), services_of(app).pack)
    await app.push_screen(picker, results.append)
    await app.workers.wait_for_complete()
    await pilot.pause()
    options = picker.query_one("#pack-options", OptionList)
    valid = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
    options.highlighted = valid[0]
    await pilot.press(key)
    await wait_for(pilot, lambda: bool(results))
    assert not isinstance(app.screen, PackPickerScreen)
    return results[0]


async def test_the_picker_returns_its_choice_and_changes_nothing_itself(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        picked = await choose_in_picker(pilot, "enter")
        assert picked is not None and picked.pack.key == builtin_pack.key
        assert picked.remember == builtin_pack.id and not picked.pinned
        pinned = await choose_in_picker(pilot, "P")
        assert pinned is not None and pinned.pinned and pinned.remember == f"{builtin_pack.id}@{builtin_pack.version}"
        # The caller decides: these pickers were opened by the test, so the app kept its settings.
        assert app.settings.pack is None


async def test_the_app_uses_the_pack_its_picker_returns(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, PackPickerScreen))
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = app.screen.query_one("#pack-options", OptionList)
        valid = [i for i in range(options.option_count) if not options.get_option_at_index(i).disabled]
        options.highlighted = valid[0]
        await pilot.press("P")
        await wait_for(pilot, lambda: not isinstance(app.screen, PackPickerScreen))
        assert app.settings.pack == f"{builtin_pack.id}@{builtin_pack.version}" and app.settings.pack_pinned
