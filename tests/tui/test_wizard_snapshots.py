"""How the screening wizard looks: a question page and each outcome page, as SVG snapshots."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app

PAGES = {
    "first-question": ["w"],
    "scale-question": ["w", "n", "n", "n", "y"],
    "choice-question": ["w", "n", "n", "n", "n"],
    "outcome-proceed": ["w", "n", "n", "n", "n", "1"],
    "outcome-modify": ["w", "n", "n", "n", "y", "4", "3"],
    "outcome-stop": ["w", "y", "n", "n", "n", "1"],
}


@pytest.mark.parametrize("page", list(PAGES))
def test_wizard_page_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock, page: str) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock)
    assert snap_compare(app, terminal_size=(100, 32), press=PAGES[page])
