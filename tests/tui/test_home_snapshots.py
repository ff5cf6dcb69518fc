"""How the home screen looks, as SVG snapshots at the two sizes the issue names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.pilot import Pilot

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.tui.test_session_pictures import picture_drawn


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_home_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock, size) -> None:  # type: ignore[no-untyped-def]
    async def settled(pilot: Pilot[None]) -> None:
        await picture_drawn(pilot, "#routine-picture")  # decoded in a worker: never half-way in the picture

    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: date(2026, 1, 15))
    assert snap_compare(app, terminal_size=size, run_before=settled)
