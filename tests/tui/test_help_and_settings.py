"""The help panel (F1, ?) lists the current screen's keys in words; the settings panel (o, or the command
palette) changes the bell, the theme and the spacing, saved to the settings file at once."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Select, Static, Switch

from solecheck import paths
from solecheck.packs.pack import Pack
from solecheck.settings import Settings
from solecheck.tui.app import build_app
from solecheck.tui.screens.help import HelpScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.settings import SettingsScreen
from tests.conftest import FakeClock
from tests.tui.test_session import PROCEED_ANSWERS, advance, keys, record_screening, session_screen, start

SIZE = (80, 24)


def help_text(pilot: Pilot[None]) -> str:
    screen = pilot.app.screen
    assert isinstance(screen, HelpScreen), type(screen).__name__
    return "\n".join(str(line.render()) for line in screen.query(Static))


async def test_f1_and_question_mark_list_the_screens_keys_in_words(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "f1")
        home = help_text(pilot)
        assert "Keys on the start screen" in home
        assert "Start the highlighted routine" in home and "Settings" in home and "Leave solecheck" in home
        assert "Focus Next" not in home  # Textual's own keys are not the key map
        await keys(pilot, "escape")
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 2)
        await keys(pilot, "question_mark")
        session = help_text(pilot)
        assert "Keys on the session" in session
        for words in ("Pause the countdown", "Stop the session", "Leave solecheck (asks first", "Rate your pain"):
            assert words in session
        assert "Start the highlighted routine" not in session  # s means nothing here but a hint
        clock.advance(20)
        screen.tick()
        await keys(pilot, "question_mark")  # ? closes it again; the countdown stood meanwhile
        assert app.screen is screen and screen.engine.remaining() == 3


async def test_the_settings_panel_saves_bell_spacing_and_theme(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "o")
        panel = app.screen
        assert isinstance(panel, SettingsScreen)
        await keys(pilot, "space")  # the bell switch has the focus
        assert app.settings.bell is True
        await keys(pilot, "tab", "enter")
        assert app.settings.spacious is True
        panel.query_one("#setting-theme", Select).value = "nord"
        await pilot.pause()
        assert app.theme == "nord"
        saved = tomllib.loads(paths.settings_file().read_text())
        assert (saved["bell"], saved["spacious"], saved["theme"]) == (True, True, "nord")
        await keys(pilot, "escape")
        assert not isinstance(app.screen, SettingsScreen)


async def test_settings_from_the_command_palette_and_the_bell_then_rings(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings())
    rung: list[str] = []
    app.bell = lambda: rung.append("ding")  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+p")
        await pilot.press(*"Settings")
        await pilot.pause(0.3)
        await keys(pilot, "enter")
        assert isinstance(app.screen, SettingsScreen)
        assert not app.screen.query_one("#setting-bell", Switch).value
        await keys(pilot, "space", "escape")
        await start(pilot)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 90)
        assert session_screen(app).engine.state == "pain_check" and rung == ["ding"]


async def test_larger_spacing_puts_a_blank_line_between_an_exercises_steps(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings(spacious=True))
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        assert isinstance(app.screen, SessionScreen)
        steps = str(app.screen.query_one("#step-text", Static).render())
        assert "\n\n1. Sit or stand" in steps and "\n\n2. Press the sole" in steps


def test_help_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 10)
        await keys(pilot, "f1")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_settings_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    async def run_before(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await keys(pilot, "o")
        pilot.app.clear_notifications()
        await pilot.pause()

    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings(bell=True))
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


async def test_the_command_palette_starts_any_routine_by_its_title_shown_literally(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    import dataclasses

    from textual.command import CommandList, CommandPalette
    from textual.content import Content

    from solecheck.tui.screens.wizard import WizardScreen

    routines = list(builtin_pack.routines)
    routines[1] = routines[1].model_copy(update={"title": "Sole [b]reset[/b]"})  # pack text: data, never markup
    pack = dataclasses.replace(builtin_pack, routines=tuple(routines), _lookups={})
    app = build_app(pack, data_dir, clock=clock, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "ctrl+p")
        await pilot.press(*"start")
        await pilot.pause(0.3)
        assert isinstance(app.screen, CommandPalette)
        options = app.screen.query_one(CommandList).options
        prompts = [o.hit.prompt for o in options if hasattr(o, "hit")]
        hits = [p.plain for p in prompts if isinstance(p, Content)]
        assert sorted(hits) == sorted(f"Start {routine.title}" for routine in pack.routines), hits
        assert "Start Sole [b]reset[/b]" in hits
        await pilot.press(*" sole")  # the highlighted routine is the first; this picks the second
        await pilot.pause(0.3)
        await keys(pilot, "enter")
        # The same start as s: no screening yet, so the safety questions come first, for that routine.
        assert isinstance(app.screen, WizardScreen), type(app.screen).__name__
        assert app.screen.routine.id == routines[1].id
