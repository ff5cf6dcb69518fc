"""How the pack's education texts ("Why the foot first") look over the home screen."""

from __future__ import annotations

from pathlib import Path

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app


def test_learn_panel_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock)
    assert snap_compare(app, terminal_size=(80, 24), press=["l"])
