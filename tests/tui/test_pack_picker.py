"""The pack picker: a search for packs that ends after the picker was closed is dropped, not a crash."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from solecheck.packs import discovery
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens import pack_picker
from solecheck.tui.screens.pack_picker import PackPickerScreen


async def test_packs_found_after_the_picker_closed_are_dropped(
    builtin_pack: Pack, data_dir: Path, clock, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    release = threading.Event()
    finished = threading.Event()

    def slow_discover(*args, **kwargs):  # type: ignore[no-untyped-def]
        release.wait(10)
        try:
            return discovery.discover(*args, **kwargs)
        finally:
            finished.set()

    monkeypatch.setattr(pack_picker, "discover", slow_discover)
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: date(2026, 1, 15))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PackPickerScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, PackPickerScreen)
        release.set()
        assert finished.wait(10)
        for _ in range(5):
            await pilot.pause(0.05)
        assert app.is_running
        assert app.return_code is None


async def test_a_search_result_for_a_closed_picker_is_dropped(
    builtin_pack: Pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: date(2026, 1, 15))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p", "escape")  # no pause between: the picker may close before it is mounted
        await pilot.pause()
        picker = PackPickerScreen(data_dir, (), builtin_pack)
        await app.push_screen(picker)
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        picker._show(discovery.discover(data_dir, ()))  # what the search's worker hands over when it ends
        await pilot.pause()
        assert app.is_running and app.return_code is None
