"""The built-in pack's diagrams are the ones scripts/draw_diagrams.py draws, small, and each has alt text."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from solecheck.packs.loader import load_pack
from tests.conftest import BUILTIN_PACK, REPO


def drawing_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draw_diagrams", REPO / "scripts" / "draw_diagrams.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_script_draws_the_committed_diagrams(tmp_path: Path) -> None:
    written = drawing_script().write_all(tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "pictures/sole-areas.png",
        "pictures/ball-roll.png",
    ]
    for path in written:
        committed = BUILTIN_PACK / path.relative_to(tmp_path)
        assert path.read_bytes() == committed.read_bytes(), f"{committed} is stale: run scripts/draw_diagrams.py"


def test_the_diagrams_are_small_and_named_with_alt_text() -> None:
    pack = load_pack(BUILTIN_PACK)
    named = {p.file: p.alt for e in pack.exercises for p in e.pictures} | {
        p.file: p.alt for t in pack.education for p in t.pictures
    }
    assert set(named) == {"pictures/sole-areas.png", "pictures/ball-roll.png"}
    assert "heel bone" in named["pictures/sole-areas.png"] and "red" in named["pictures/sole-areas.png"]
    for name in named:
        assert (BUILTIN_PACK / name).stat().st_size < 8 * 1024
    assert pack.exercise("sole-ball-roll").pictures[0].file == "pictures/ball-roll.png"
