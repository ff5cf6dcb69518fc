"""The live preview, driven with the Pilot: a save shows at once; a broken save shows the errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Static

from solecheck.packs.loader import load_pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.pack_errors import PackErrorsScreen
from tests.conftest import BUILTIN_PACK

INTERVAL = 0.02


def copy_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "pack"
    shutil.copytree(BUILTIN_PACK, folder)
    return folder


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def settle(pilot, predicate, timeout: float = 5.0) -> None:  # type: ignore[no-untyped-def]
    """Pause until ``predicate()`` holds (the watcher polls every INTERVAL seconds), failing after ``timeout``."""
    waited = 0.0
    while not predicate():
        assert waited < timeout, "the preview did not reload"
        await pilot.pause(INTERVAL)
        waited += INTERVAL
    await pilot.pause()  # let what changed finish mounting and drawing


def text_of(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


async def test_a_valid_save_shows_at_once(tmp_path: Path, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    folder = copy_pack(tmp_path)
    app = build_app(load_pack(folder), data_dir, clock=clock, preview_dir=folder, preview_interval=INTERVAL)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Foot First" in text_of(app, "#home-title")
        replace_in(folder / "pack.toml", 'name = "Foot First"', 'name = "Feet Forward"')
        await settle(pilot, lambda: app.pack.manifest.name == "Feet Forward")
        assert isinstance(app.screen, HomeScreen)
        assert app.pack.manifest.name == "Feet Forward"
        assert "Feet Forward" in text_of(app, "#home-title")


async def test_a_broken_save_shows_located_errors_then_recovers(tmp_path: Path, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    folder = copy_pack(tmp_path)
    app = build_app(load_pack(folder), data_dir, clock=clock, preview_dir=folder, preview_interval=INTERVAL)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        replace_in(folder / "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
        await settle(pilot, lambda: isinstance(app.screen, PackErrorsScreen))
        assert isinstance(app.screen, PackErrorsScreen)
        listed = text_of(app, "#pack-errors-list")
        assert "exercises.toml:" in listed
        assert "exercises[0].dose.duration_s: must be greater than 0" in listed
        assert app.is_running
        # A second broken save updates the list in place.
        replace_in(folder / "pack.toml", 'version = "1.1.0"', 'version = "one"')
        await settle(pilot, lambda: "'one'" in text_of(app, "#pack-errors-list"))
        assert isinstance(app.screen, PackErrorsScreen)
        assert "'one' is not a SemVer version" in text_of(app, "#pack-errors-list")
        assert len([s for s in app.screen_stack if isinstance(s, PackErrorsScreen)]) == 1
        # Fixing both brings the content back, with the new values.
        replace_in(folder / "exercises.toml", "dose = { duration_s = 0 }", "dose = { duration_s = 75 }")
        replace_in(folder / "pack.toml", 'version = "one"', 'version = "1.1.1"')
        await settle(pilot, lambda: isinstance(app.screen, HomeScreen) and app.pack.version == "1.1.1")
        assert isinstance(app.screen, HomeScreen)
        assert app.pack.version == "1.1.1"
        assert app.pack.exercise("sole-ball-roll").dose.duration_s == 75


async def test_a_pack_broken_from_the_start_shows_errors(tmp_path: Path, data_dir: Path, clock, builtin_pack) -> None:  # type: ignore[no-untyped-def]
    folder = copy_pack(tmp_path)
    (folder / "routines.toml").write_text("[[routines]\n", encoding="utf-8")
    app = build_app(builtin_pack, data_dir, clock=clock, preview_dir=folder, preview_interval=INTERVAL)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PackErrorsScreen)
        assert "routines.toml:1: TOML syntax error" in text_of(app, "#pack-errors-list")


async def test_pack_text_in_errors_is_not_markup(tmp_path: Path, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    folder = copy_pack(tmp_path)
    app = build_app(load_pack(folder), data_dir, clock=clock, preview_dir=folder, preview_interval=INTERVAL)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        replace_in(folder / "pack.toml", 'version = "1.1.0"', 'version = "[bold]x[/]"')
        await settle(pilot, lambda: isinstance(app.screen, PackErrorsScreen))
        assert "'[bold]x[/]' is not a SemVer version" in text_of(app, "#pack-errors-list")


def test_error_screen_snapshot(tmp_path: Path, data_dir: Path, clock, builtin_pack, snap_compare, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    folder = copy_pack(tmp_path)
    replace_in(folder / "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    replace_in(folder / "session.toml", "limit = 5", "limit = 10")
    (folder / "extra.toml").write_text("", encoding="utf-8")
    app = build_app(builtin_pack, data_dir, clock=clock, preview_dir=Path("pack"), preview_interval=60)
    assert snap_compare(app, terminal_size=(100, 32))
