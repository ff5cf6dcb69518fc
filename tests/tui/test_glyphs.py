"""The Linux console's glyph set: chosen for TERM=linux, forced by the ``glyphs`` setting, and with it no
screen draws a character the console fonts lack."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from textual.scrollbar import ScrollBar, ScrollBarRender

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.settings import Settings, load_settings
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.glyphs import choose_glyphs, mark
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog
from tests.conftest import FakeClock
from tests.history.records_factory import session, step

NOT_IN_CONSOLE_FONTS = set("⏎▀▁▄▅▊▌▎▏▔○")
"""What Debian's console fonts lack among the characters the app draws (measured with TERM=linux)."""


@pytest.mark.parametrize(
    ("setting", "term", "chosen"),
    [("auto", "linux", "console"), ("auto", "xterm-256color", "full"), ("auto", "", "full"),
     ("full", "linux", "full"), ("console", "xterm", "console")],
)  # fmt: skip
def test_the_glyph_set_is_chosen_from_term_unless_the_setting_forces_it(setting: str, term: str, chosen: str) -> None:
    assert choose_glyphs(setting, {"TERM": term}) == chosen


def test_the_setting_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('glyphs = "console"\n')
    assert load_settings(path) == (Settings(glyphs="console"), None)
    path.write_text('glyphs = "ascii"\n')
    settings, warning = load_settings(path)
    assert settings.glyphs == "auto" and warning is not None and "glyphs must be one of auto, full, console" in warning


def test_the_apps_marks_in_console_mode() -> None:
    assert mark("●●○ ⏎", "console") == "**o Enter" and mark("●○", "full") == "●○"


async def tour_characters(app: SolecheckApp) -> dict[str, set[str]]:
    """Every screen and dialog of the app, with the characters each drew that the console lacks."""
    found: dict[str, set[str]] = {}

    def grab(where: str) -> None:
        missing = NOT_IN_CONSOLE_FONTS & set(app.export_screenshot())
        if missing:
            found[where] = missing

    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        grab("home")
        for key in "clw":
            await pilot.press(key)
            await pilot.pause()
            grab(key)
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("p")
        await app.workers.wait_for_complete()
        await pilot.pause()
        grab("pack picker")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        grab("command palette")
        await pilot.press("escape")
        await pilot.press("h")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        grab("history")
        await pilot.press("f")
        await pilot.pause()
        grab("history filters")
        await pilot.press("escape", "enter")
        await pilot.pause(0.3)
        grab("history detail")
        while not isinstance(app.screen, HomeScreen):
            app.pop_screen()
            await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        if isinstance(app.screen, ChoiceDialog):
            await pilot.press("y")
            await pilot.pause()
        grab("session")
        for key in "as":  # the note and stop dialogs
            await pilot.press(key)
            await pilot.pause()
            grab(f"dialog {key}")
            await pilot.press("escape")
            await pilot.pause()
        app.notify("A notification", severity="warning")
        await pilot.pause()
        grab("notification")
    return found


def seeded(data_dir: Path, pack: Pack) -> None:
    with HistoryStore.open(data_dir) as store:
        for day in range(12):
            record = session(started_at=datetime.now(UTC) - timedelta(days=day, hours=1))
            store.start_session(record)
            store.record_step(step(record.id, 0, pain=day % 6, ended_at=record.started_at + timedelta(minutes=1)))
            store.finish_session(record.id, "completed", ended_at=record.started_at + timedelta(minutes=5))
        answers = {"acute-injury": False, "deformity": False, "surgery": False, "pain-today": False, "floor": "easily"}
        store.record_screening(
            ScreeningRecord(pack.id, pack.version, pack.screening_digest, answers, "proceed", (), ())  # type: ignore[arg-type]
        )


async def test_on_the_linux_console_no_screen_draws_what_its_fonts_lack(
    builtin_pack: Pack, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeded(data_dir, builtin_pack)
    monkeypatch.setenv("TERM", "linux")
    app = build_app(builtin_pack, data_dir, clock=FakeClock())
    assert app.glyphs == "console"
    assert await tour_characters(app) == {}
    assert ScrollBar.renderer is ScrollBarRender  # put back when the app ended


async def test_the_full_set_is_kept_elsewhere_and_can_be_forced(
    builtin_pack: Pack, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    app = build_app(builtin_pack, data_dir, clock=FakeClock(), settings=Settings(glyphs="full"))
    assert app.glyphs == "full"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert NOT_IN_CONSOLE_FONTS & set(app.export_screenshot())  # Textual's own look: tall borders
