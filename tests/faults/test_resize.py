"""Every screen shrunk to 40×12 and grown back to 100×32 without an exception: the app keeps running
and the same screen is still shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from tests.conftest import FakeClock
from tests.faults.screen_tour import SCREENS, make_app, settle


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_survives_shrinking_to_40x12_and_back(
    name: str, data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    setup, _ = SCREENS[name]
    app = make_app(data_dir, builtin_pack, clock, name)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await setup(pilot)
        screen = app.screen
        for size in ((40, 12), (100, 32), (40, 12), (20, 6), (100, 32)):
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert app.size == size and app.is_running
        assert app.screen is screen
    assert app.return_code in (None, 0)
