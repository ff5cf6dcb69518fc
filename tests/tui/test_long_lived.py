"""What lives as long as the app is frozen out of the cycle collector's way, only when asked for."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.history import HistoryScreen


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()  # the rest of the test process collects as usual


async def test_the_home_screen_and_the_kept_history_pane_are_frozen(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir, gc_freeze=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        after_home = gc.get_freeze_count()
        assert after_home > 0
        await pilot.press("h")
        for _ in range(100):
            if isinstance(app.screen, HistoryScreen) and gc.get_freeze_count() > after_home:
                break
            await pilot.pause(0.02)
        assert isinstance(app.screen, HistoryScreen) and app.screen.kept_for_life
        assert gc.get_freeze_count() > after_home


async def test_nothing_is_frozen_unless_asked(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await pilot.pause(0.3)
        assert isinstance(app.screen, HistoryScreen) and not app.screen.kept_for_life
    assert gc.get_freeze_count() == 0
