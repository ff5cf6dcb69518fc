"""The session shows the current step's picture beside the countdown: decoded off the event loop, in
Unicode half blocks here (forced: no terminal is probed), its alt text where it can't be drawn."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from solecheck.packs.pack import Pack
from solecheck.settings import Settings
from solecheck.tui.app import build_app
from solecheck.tui.pictures import choose_picture_mode
from solecheck.tui.widgets.countdown import Countdown
from solecheck.tui.widgets.picture import PictureView
from tests.conftest import FakeClock
from tests.languages import speaking
from tests.tui.test_session import PROCEED_ANSWERS, advance, record_screening, session_screen, start


async def picture_drawn(pilot: Pilot[None], selector: str = "#step-picture", timeout: float = 10.0) -> PictureView:
    """The picture view ``selector`` on the current screen once its worker has decoded the picture and it is drawn."""
    deadline = time.monotonic() + timeout
    while True:
        view = pilot.app.screen.query_one(selector, PictureView)
        drawn = [child for child in view.children if "picture" in child.classes and child.display]
        if drawn:
            await pilot.pause()
            return view
        assert time.monotonic() < deadline, "the picture was never drawn"
        await pilot.pause(0.05)


def test_the_session_snapshot_shows_the_picture_in_unicode_blocks_at_80x24(  # type: ignore[no-untyped-def]
    snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 5)
        await picture_drawn(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    app = build_app(builtin_pack, data_dir, clock=clock, picture_mode="blocks")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_the_picture_never_pushes_the_dose_and_timer_off_80x24(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock, picture_mode="blocks")
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 5)
        view = await picture_drawn(pilot)
        screen = session_screen(app)
        for selector in ("#step-title", "#step-phase", "#countdown", "#step-cautions"):
            region = screen.query_one(selector).region
            assert region.height > 0 and region.bottom <= 23, (selector, region)
        assert screen.query_one("#countdown", Countdown).region.right <= view.region.x
        picture = next(child for child in view.children if "picture" in child.classes)
        assert picture.region.height == 8 and 0 < picture.region.width <= view.region.width
        assert view.tooltip == builtin_pack.exercise("sole-ball-roll").pictures[0].alt


async def test_with_pictures_off_the_alt_text_stands_in(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings(pictures="off"))
    assert app.picture_mode == "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 5)
        view = session_screen(app).query_one("#step-picture", PictureView)
        alt = builtin_pack.exercise("sole-ball-roll").pictures[0].alt
        assert str(view.query_one("#picture-alt", Static).render()) == f"Picture: {alt}"
        assert not [child for child in view.children if "picture" in child.classes]
        assert not app.workers._workers  # nothing decoded at all


async def test_in_french_the_packs_french_alt_text_stands_in(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    with speaking("fr", tmp_path / "locale", monkeypatch, {"Picture: {alt}": "Image : {alt}"}):
        app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings(pictures="off"))
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            await advance(pilot, clock, 5)
            view = session_screen(app).query_one("#step-picture", PictureView)
            shown = str(view.query_one("#picture-alt", Static).render())
    assert shown.startswith("Image : Un pied vu de côté, posé sur une balle sous l'avant du pied")
    assert "A foot from the side" not in shown


def test_the_picture_mode_comes_from_the_setting_and_the_terminal() -> None:
    assert choose_picture_mode("auto", {"TERM": "xterm-kitty"}, "full") == "kitty"
    assert choose_picture_mode("auto", {"TERM": "xterm-256color", "KITTY_WINDOW_ID": "1"}, "full") == "kitty"
    assert choose_picture_mode("auto", {"TERM": "xterm-kitty", "TMUX": "/tmp/x"}, "full") == "blocks"
    assert choose_picture_mode("auto", {"TERM": "foot"}, "full") == "sixel"
    assert choose_picture_mode("auto", {"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, "full") == "sixel"
    assert choose_picture_mode("auto", {"TERM": "xterm-256color"}, "full") == "blocks"
    assert choose_picture_mode("auto", {"TERM": "linux"}, "console") == "none"
    assert choose_picture_mode("off", {"TERM": "xterm-kitty"}, "full") == "none"
