"""The home screen, driven with the Pilot: what a person sees first, and switching pack."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from textual.widgets import OptionList, Static

from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.settings import load_settings
from solecheck.tui.app import build_app
from tests.conftest import BUILTIN_PACK


def plain(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    widget = app.screen.query_one(selector, Static)
    return str(widget.render())


def markup_pack(tmp_path: Path) -> Pack:
    """The built-in pack with titles that look like Textual markup."""
    pack = tmp_path / "markup"
    shutil.copytree(BUILTIN_PACK, pack)
    exercises = (pack / "exercises.toml").read_text()
    exercises = exercises.replace('title = "Sole roll on a ball"', 'title = "[TODO] roll [/b]"')
    (pack / "exercises.toml").write_text(exercises)
    routines = (pack / "routines.toml").read_text().replace('title = "Foot to spine"', 'title = "[bold red]Loud[/]"')
    (pack / "routines.toml").write_text(routines)
    clinic = (
        (pack / "clinic.toml")
        .read_text()
        .replace('name = "Thrive Now Physiotherapy"', 'name = "[link=x]Clinic[/link] [@click=app.quit]q[/]"', 1)
    )
    (pack / "clinic.toml").write_text(clinic)
    return load_pack(pack)


async def test_home_shows_the_pack(builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: date(2026, 1, 15))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        title = plain(app, "#home-title")
        assert "Foot First" in title and "1.1.0" in title and "Thrive Now Physiotherapy" in title
        assert "general guidance" in plain(app, "#home-disclaimer")
        routines = app.screen.query_one("#routine-list", OptionList)
        assert routines.option_count == 2
        detail = plain(app, "#routine-text")
        assert "Sole roll on a ball" in detail and "Spine: cat and cow" in detail
        await pilot.press("down")
        assert "Sole reset" in plain(app, "#routine-text")
        assert "90 s each side" in plain(app, "#routine-text")
        assert app.screen.selected_routine == "sole-only"


async def test_learn_and_clinic_are_one_key_away(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        assert type(app.screen).__name__ == "LearnScreen"
        texts = " ".join(str(w.render()) for w in app.screen.query(".education-text").results(Static))
        assert "four layers" in texts and builtin_pack.manifest.summary in texts
        await pilot.press("l")  # the key that opened it closes it
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"
        await pilot.press("c")
        await pilot.pause()
        card = plain(app, "#clinic-panel-card")
        assert "Cobble Hill" in card
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


async def test_pack_text_is_never_markup(tmp_path: Path, data_dir: Path) -> None:
    app = build_app(markup_pack(tmp_path), data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "[TODO] roll [/b]" in plain(app, "#routine-text")
        assert "[bold red]Loud[/]" in plain(app, "#routine-text")
        assert "[link=x]Clinic[/link] [@click=app.quit]q[/]" in plain(app, "#home-title")
        assert app.is_running


async def test_switch_pack_remembers_choice(tmp_path: Path, builtin_pack: Pack, data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "packs" / "other"
    shutil.copytree(BUILTIN_PACK, other)
    manifest = (other / "pack.toml").read_text().replace('version = "1.1.0"', 'version = "2.0.0"')
    (other / "pack.toml").write_text(manifest.replace('name = "Foot First"', 'name = "Foot First Two"'))
    monkeypatch.setenv("SOLECHECK_PACKS", str(tmp_path / "packs"))
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for _ in range(50):
            options = app.screen.query_one("#pack-options", OptionList)
            if options.option_count:
                break
            await pilot.pause(0.05)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        index = next(i for i, label in enumerate(labels) if "Foot First Two" in label)
        options.highlighted = index
        await pilot.press("enter")
        await pilot.pause()
        assert app.pack.version == "2.0.0"
        assert "Foot First Two" in plain(app, "#home-title")
    settings, _ = load_settings()
    # Remembered by id (the newest valid version next time), not pinned to the version picked.
    assert (settings.pack, settings.pack_pinned, settings.pack_version) == ("thrive-now.foot-first", False, "2.0.0")
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        for _ in range(50):
            options = app.screen.query_one("#pack-options", OptionList)
            if options.option_count:
                break
            await pilot.pause(0.05)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        options.highlighted = next(i for i, label in enumerate(labels) if "Foot First Two" in label)
        await pilot.press("P")  # pin this version on purpose
        await pilot.pause()
        assert app.pack.version == "2.0.0"
    settings, _ = load_settings()
    assert (settings.pack, settings.pack_pinned) == ("thrive-now.foot-first@2.0.0", True)


async def test_theme_is_remembered(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert load_settings()[0].theme == "nord"
