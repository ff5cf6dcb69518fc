"""The pack folder the app was started with (``--pack PATH``) changed or deleted while the app runs:
on the home screen, in the clinic panel, in the pack picker and during a session. Nothing crashes, a
running session finishes on the plan it started with, the home screen keeps the loaded pack, and the
picker shows the folder as gone or invalid."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList

from solecheck.packs.loader import load_pack
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.pack_picker import PackPickerScreen
from solecheck.tui.screens.session import SessionScreen
from tests.conftest import FakeClock
from tests.faults.app_process import record_proceed_screening
from tests.faults.plain_driver import integrity, query
from tests.packs.pack_copies import copy_builtin

CHANGES = ["deleted", "broken", "edited"]


def change(root: Path, how: str) -> None:
    if how == "deleted":
        shutil.rmtree(root)
    elif how == "broken":
        (root / "exercises.toml").write_text("this is [not toml", encoding="utf-8")
    else:
        path = root / "routines.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('title = "Sole reset"', 'title = "Renamed"'),
                        encoding="utf-8")


def app_on_copy(tmp_path: Path, data_dir: Path, clock: FakeClock) -> tuple[SolecheckApp, Path]:
    root = copy_builtin(tmp_path, "copied-pack")
    pack = load_pack(root, source="path")
    return build_app(pack, data_dir, clock=clock, extra_pack_paths=(root,)), root


async def picker_labels(app: SolecheckApp) -> list[str]:
    await app.workers.wait_for_complete()
    screen = app.screen
    assert isinstance(screen, PackPickerScreen)
    options = screen.query_one("#pack-options", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


@pytest.mark.parametrize("how", CHANGES)
async def test_home_and_picker_survive_the_pack_folder_changing(
    tmp_path: Path, data_dir: Path, clock: FakeClock, how: str
) -> None:
    app, root = app_on_copy(tmp_path, data_dir, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        loaded = app.pack
        change(root, how)
        await pilot.press("down", "up", "tab", "right", "left", "c")
        await pilot.pause()
        await pilot.press("escape", "p")
        await pilot.pause()
        labels = await picker_labels(app)
        copied = [label for label in labels if "(a folder you named)" in label]
        if how == "edited":
            assert copied == [] or all("invalid" not in label for label in copied)
        else:
            assert copied and all("invalid" in label for label in copied), labels
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.pack is loaded and app.is_running


@pytest.mark.parametrize("how", CHANGES)
async def test_a_running_session_finishes_on_the_pack_it_started_with(
    tmp_path: Path, data_dir: Path, clock: FakeClock, how: str
) -> None:
    app, root = app_on_copy(tmp_path, data_dir, clock)
    record_proceed_screening(data_dir, app.pack)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("down", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        await pilot.press("enter", "enter", "2")
        change(root, how)
        await pilot.press("enter", "enter", "3")
        await pilot.pause()
        assert screen.engine.state == "done" and screen.engine.plan.routine_title == "Sole reset"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.is_running
    assert integrity(data_dir) == "ok"
    assert query(data_dir, "SELECT s.status, count(t.id) FROM sessions s JOIN steps t ON t.session_id = s.id "
                           "GROUP BY s.id") == [("completed", 2)]
