"""The home screen, a session step and the screening outcome in French and Spanish at 80×24: the app's
words translated around the built-in pack's English texts (its translations come with the pack), nothing
cut off."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from solecheck.i18n import use_language
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import FakeClock
from tests.tui.test_session import PROCEED_ANSWERS, advance, record_screening, start
from tests.tui.test_session_snapshots import quiet

SIZE = (80, 24)
LANGUAGES = ("fr", "es")


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_in_the_language_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock, language: str) -> None:  # type: ignore[no-untyped-def]
    use_language(language)
    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=SIZE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_session_step_in_the_language_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock, language: str
) -> None:
    use_language(language)
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 17.25)
        await quiet(pilot)

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("language", LANGUAGES)
def test_screening_outcome_in_the_language_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, builtin_pack: Pack, data_dir: Path, clock, language: str
) -> None:
    use_language(language)
    app = build_app(builtin_pack, data_dir, clock=clock)
    assert snap_compare(app, terminal_size=SIZE, press=["w", "n", "n", "n", "y", "4", "3"])


@pytest.mark.parametrize("language", ["en", *LANGUAGES])
async def test_every_footer_key_of_the_history_pane_fits_80_columns(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock, language: str
) -> None:
    """No key of the history pane's footer runs under the palette's key at 80 columns, in any language (a
    tester saw "w Questio▏^p paletter" in French)."""
    from textual.widgets._footer import FooterKey

    from solecheck.tui.screens.history import HistoryScreen

    use_language(language)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        keys = list(app.screen.query(FooterKey))
        palette = [key for key in keys if key.action == "command_palette"]
        others = [key for key in keys if key not in palette]
        assert palette and others
        assert max(key.region.right for key in others) <= palette[0].region.x
