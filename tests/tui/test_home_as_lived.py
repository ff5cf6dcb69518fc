"""The home screen as a patient lives it at 80×24: the routine shown as a modifying screening leaves it,
a hint when steps are below the fold, and a long disclaimer that never hides the routine list."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.tui.app import SolecheckApp, build_app
from tests.conftest import BUILTIN_PACK, FakeClock
from tests.tui.test_session import PROCEED_ANSWERS, keys
from tests.tui.test_session_pictures import picture_drawn

TAKEN = datetime(2026, 1, 15, 8, 0, tzinfo=UTC)
MODIFY_ANSWERS = {**PROCEED_ANSWERS, "floor": "no"}


def record_modifying_screening(data_dir: Path, pack: Pack) -> None:
    with HistoryStore.open(data_dir) as store:
        store.record_screening(
            ScreeningRecord(pack.id, pack.version, pack.screening_digest, MODIFY_ANSWERS, "modify",  # type: ignore[arg-type]
                            ("skip-floor-work",), ("The exercises done on the floor are left out.",), taken_at=TAKEN)
        )


def app_after_modifying_screening(pack: Pack, data_dir: Path, clock: FakeClock) -> SolecheckApp:
    record_modifying_screening(data_dir, pack)
    return build_app(pack, data_dir, clock=clock, now=lambda: datetime(2026, 1, 15, 9, 0, tzinfo=UTC))


def routine_text(app: SolecheckApp) -> str:
    return str(app.screen.query_one("#routine-text", Static).render())


async def test_home_shows_the_routine_as_a_modifying_screening_leaves_it(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = app_after_modifying_screening(builtin_pack, data_dir, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = routine_text(app)
        assert "As your screening changed it for now: 2 of 7 exercises left out" in text
        assert "Lower back · Left out after your screening" in text
        assert "Spine · Left out after your screening" in text
        await keys(pilot, "down")  # Sole reset has no floor work: unchanged
        assert "As your screening changed it" not in routine_text(app) and "Left out" not in routine_text(app)


async def test_a_screening_taken_in_the_app_changes_the_preview_at_once(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "Left out" not in routine_text(app)
        await keys(pilot, "w", "n", "n", "n", "n", "3", "enter")
        assert "2 of 7 exercises left out" in routine_text(app)


async def test_steps_below_the_fold_are_announced(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        more = app.screen.query_one("#routine-more", Static)
        assert more.display and "More below" in str(more.render())
        await keys(pilot, "tab", "end")  # to the steps, and to their end: nothing more below
        await pilot.pause()
        assert not more.display
    async with build_app(builtin_pack, data_dir, clock=clock).run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not pilot.app.screen.query_one("#routine-more", Static).display


def pack_with_a_long_disclaimer(tmp_path: Path) -> Pack:
    """The built-in pack with a disclaimer of five short paragraphs, about 700 characters."""
    folder = tmp_path / "long-disclaimer"
    shutil.copytree(BUILTIN_PACK, folder)
    paragraph = ("This routine is general guidance only. Stop if anything hurts sharply and call the clinic. "
                 "Ask first if you are unsure.")
    manifest = (folder / "pack.toml").read_text()
    start = manifest.index('disclaimer = """')
    end = manifest.index('"""', start + 16) + 3
    manifest = manifest[:start] + 'disclaimer = """\n' + "\n\n".join([paragraph] * 5) + '\n"""' + manifest[end:]
    (folder / "pack.toml").write_text(manifest)
    return load_pack(folder)


async def test_a_long_disclaimer_scrolls_in_its_box_and_leaves_the_routines_visible(
    data_dir: Path, clock: FakeClock, tmp_path: Path
) -> None:
    pack = pack_with_a_long_disclaimer(tmp_path)
    assert len(pack.manifest.disclaimer) > 600
    app = build_app(pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        routines = app.screen.query_one("#routine-list", OptionList)
        assert routines.region.height >= 8  # both routines, and room
        assert app.screen.query_one("#home-disclaimer-box").region.height <= 6
        assert app.screen.query_one("#disclaimer-more", Static).display


def test_home_after_a_modifying_screening_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    async def to_the_end(pilot: Pilot[None]) -> None:
        await pilot.pause()
        await keys(pilot, "tab", "end")
        await picture_drawn(pilot, "#routine-picture")

    app = app_after_modifying_screening(builtin_pack, data_dir, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=to_the_end)
