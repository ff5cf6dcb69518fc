"""The lint's model of the home screen (:mod:`solecheck.packs.screen_fit`) against the real screen:
for each title and disclaimer, the rows it predicts for the routine list are the rows the routine list
gets in the app at 80×24."""

from __future__ import annotations

import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from solecheck.packs.loader import load_pack
from solecheck.packs.screen_fit import (
    DISCLAIMER_COLUMNS,
    DISCLAIMER_ROWS_SHOWN,
    MIN_ROUTINE_ROWS,
    routine_rows,
    title_text,
    wrapped_rows,
)
from solecheck.tui.app import build_app
from tests.conftest import BUILTIN_PACK, FakeClock

FIVE_PARAGRAPHS = "\n\n".join(
    [
        "Ce programme est un guide général et peut ne pas convenir à tout le monde. Il ne remplace pas "
        "une évaluation par un physiothérapeute. Lisez-le en entier avant votre première séance, puis "
        "gardez-le en tête.",
        "Si vous avez du diabète, une mauvaise circulation ou une perte de sensation dans les pieds, "
        "parlez-en à la clinique avant de commencer.",
        "Arrêtez si une douleur vive apparaît, si un engourdissement s'installe ou si la douleur dépasse "
        "5 sur 10 pendant un exercice.",
        "Une légère gêne qui disparaît le lendemain matin est acceptable; une douleur qui persiste veut "
        "dire que la séance était de trop.",
        "En cas de doute, appelez la clinique: nous préférons répondre à une question que soigner une "
        "blessure évitable.",
    ]
)


def pack_with(tmp_path: Path, disclaimer: str, name: str | None = None) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(BUILTIN_PACK, root)
    text = (root / "pack.toml").read_text(encoding="utf-8")
    text = re.sub(r'disclaimer = """.*?"""', lambda _: f"disclaimer = {json.dumps(disclaimer)}", text, flags=re.S)
    if name is not None:
        text = text.replace('name = "Foot First"', f"name = {json.dumps(name)}")
    (root / "pack.toml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("disclaimer", "name"),
    [
        ("One line.", None),
        ("x" * 75, None),
        ("x" * 76, None),
        ("word " * 40, None),
        ("A " + "y" * 160 + " end", None),
        ("\n".join(f"Line {n}." for n in range(11)), None),
        ("\n".join(f"Line {n}." for n in range(12)), None),
        (FIVE_PARAGRAPHS, None),
        ("足のうらから始めます。" * 8, None),
        ("Short.", "A very long pack name that fills most of the line by itself, on purpose"),
    ],
)
async def test_the_predicted_routine_rows_are_the_real_ones(tmp_path: Path, disclaimer: str, name: str | None) -> None:
    pack = load_pack(pack_with(tmp_path, disclaimer, name))
    app = build_app(pack, tmp_path / "data", clock=FakeClock(), today=lambda: date(2026, 1, 15))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.pause(0.1)
        routines = app.screen.query_one("#routines")
        title = title_text(pack.manifest.name, pack.version, pack.clinic.name)
        assert routines.region.height == routine_rows(title, pack.manifest.disclaimer)


def test_the_issues_five_paragraph_disclaimer_scrolls_and_leaves_the_routines_their_room() -> None:
    assert 690 < len(FIVE_PARAGRAPHS) < 720
    title = title_text("Pied d'abord", "1.0.0", "Clinique Riveraine")
    assert wrapped_rows(FIVE_PARAGRAPHS, DISCLAIMER_COLUMNS) > DISCLAIMER_ROWS_SHOWN  # lint flags it
    assert routine_rows(title, FIVE_PARAGRAPHS) >= MIN_ROUTINE_ROWS
    assert routine_rows(title, "Ce programme est un guide général.") >= MIN_ROUTINE_ROWS
