"""The app shows the pack's texts in the active language (French here), falling back to the pack's main
language text by text, and the history keeps the texts as they were shown. Driven with the Pilot."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Static

from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import ScreeningOutcome
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.screens.home import HomeScreen
from tests.languages import speaking
from tests.packs.pack_copies import copy_builtin, edit
from tests.tui.test_wizard import FLOOR_NO, keys, open_wizard


@pytest.fixture
def french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with speaking("fr", tmp_path / "locale", monkeypatch) as tag:
        yield tag


def text(app: SolecheckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_home_shows_the_pack_in_french(builtin_pack: Pack, data_dir: Path, french: str) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.pack.language == "fr"
        assert "Les pieds d'abord" in text(app, "#home-title")
        assert "conseils généraux" in text(app, "#home-disclaimer")
        detail = text(app, "#routine-text")
        assert "Rouler la plante du pied sur une balle" in detail and "Dos : le chat et la vache" in detail
        await pilot.press("down")
        await pilot.pause()
        assert "Pause plante des pieds" in text(app, "#routine-text")


async def test_the_screening_is_asked_and_recorded_in_french(builtin_pack: Pack, data_dir: Path, french: str) -> None:
    app = build_app(builtin_pack, data_dir)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await open_wizard(pilot, results)
        assert "Quelques questions" in text(app, "#wizard-intro")
        assert "entorse" in text(app, "#question-help")
        await keys(pilot, *FLOOR_NO)
        assert "Non" in text(app, "#summary-answers")
        await keys(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        saved = app.store.latest_screening(builtin_pack.id)
        assert saved is not None
        # The history keeps the rule's message as it was shown; the screening holds in any language.
        assert saved.messages == ("Les exercices qui se font au sol sont retirés.",)
        assert saved.screening_digest == builtin_pack.screening_digest


async def test_a_text_the_translation_leaves_out_is_shown_in_the_main_language(
    tmp_path: Path, data_dir: Path, french: str
) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "translations/fr.toml", 'title = "Dos : le chat et la vache"\n', "")
    app = build_app(load_pack(root), data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        detail = text(app, "#routine-text")
        assert "Spine: cat and cow" in detail and "Rouler la plante du pied" in detail


async def test_without_the_language_the_pack_speaks_its_own(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert app.pack is builtin_pack and "Foot First" in text(app, "#home-title")
