"""How the home screen looks, as SVG snapshots at the two sizes the issue names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_home_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock, size) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: date(2026, 1, 15))
    assert snap_compare(app, terminal_size=size)
