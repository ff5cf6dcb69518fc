"""The command palette writes the handout and says where; a name already taken is never replaced."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import FakeClock


async def test_the_palette_writes_the_handout_and_says_where(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "here"
    out.mkdir()
    monkeypatch.chdir(out)
    (out / "thrive-now.foot-first-handout.pdf").write_bytes(b"an older handout")
    app = build_app(builtin_pack, data_dir, clock=clock, picture_mode="blocks")
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"handout")
        await pilot.pause(0.3)
        await pilot.press("enter")
        written = out / "thrive-now.foot-first-handout-2.pdf"
        deadline = time.monotonic() + 30
        said: list[str] = []
        while time.monotonic() < deadline:
            said = [str(n.message) for n in app._notifications]
            if any("Handout written" in message for message in said):
                break
            await pilot.pause(0.1)
        assert f"Handout written to {written}" in said
    assert (out / "thrive-now.foot-first-handout.pdf").read_bytes() == b"an older handout"
    assert len(PdfReader(written).pages) == 3
