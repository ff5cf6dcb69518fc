"""Every screen, panel and dialog a patient can reach, at 80×24 and at 120×40: the safety text on it
(the disclaimer, the screening's outcome and stop reasons, an exercise's cautions, the pain limit's
message, a dialog's reason) and every key its footer names are shown whole, not cut off by the edge of
the terminal or of a scrolling box, and not covered by anything (a notification, another key)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.errors import NoWidget
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets._footer import FooterKey

from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.help import HelpScreen
from solecheck.tui.screens.screenings import ScreeningsScreen
from solecheck.tui.screens.settings import SettingsScreen
from tests.conftest import FakeClock
from tests.faults.screen_tour import SCREENS, Seed, Setup, expect, history_list, keys, seed, session_running, settle

SAFETY_TEXT = (
    "#home-disclaimer",
    "#home-screening",
    "#step-cautions",
    "#limit-message",
    "#summary-outcome",
    "#summary-reasons",
    "#summary-stop",
    "ChoiceDialog .dialog-body",
    "StopDialog .dialog-body",
)
"""Where safety text is shown: the disclaimer, the screening's outcome and its reasons, a step's
cautions, the pain limit's message, and a dialog's body (the refusal's reasons, the soreness question)."""

MUST_SHOW = {
    "home": "#home-disclaimer",
    "wizard-stop": "#summary-stop",
    "session-pain-limit": "#limit-message",
    "soreness-dialog": "ChoiceDialog .dialog-body",
    "stop-dialog": "StopDialog .dialog-body",
}
"""Safety text some screens must show (so the check above never passes by finding nothing)."""


async def settings(pilot: Pilot[None]) -> None:
    await keys(pilot, "o")
    expect(pilot, SettingsScreen)


async def help_in_a_session(pilot: Pilot[None]) -> None:
    await session_running(pilot)
    await keys(pilot, "f1")
    expect(pilot, HelpScreen)


async def screenings(pilot: Pilot[None]) -> None:
    await history_list(pilot)
    await keys(pilot, "v")
    expect(pilot, ScreeningsScreen)


TOUR: dict[str, tuple[Setup, Seed]] = {
    **SCREENS,
    "settings": (settings, Seed()),
    "help-in-a-session": (help_in_a_session, Seed()),
    "screenings": (screenings, Seed(screening="stop")),
}


def not_shown_whole(screen: Screen[object], widget: Widget) -> str | None:
    """Why ``widget`` is not shown whole on ``screen`` (``None`` when it is): cut by the terminal's edge
    or its container's, or some cell of it covered by another widget."""
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return "not on the screen at all"
    region = geometry.region
    shown = region.intersection(geometry.clip).intersection(screen.region)
    if shown != region:
        return f"cut: {region} of which {shown} is shown"
    for y in range(region.y, region.bottom):
        for x in range(region.x, region.right):
            top, _ = screen.get_widget_at(x, y)
            if top is not widget and widget not in top.ancestors:
                return f"covered at ({x}, {y}) by {top!r}"
    return None


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("name", list(TOUR))
async def test_safety_text_and_footer_keys_are_shown_whole(
    name: str, size: tuple[int, int], request: pytest.FixtureRequest, data_dir: Path, builtin_pack: Pack,
    clock: FakeClock,
) -> None:
    setup, what = TOUR[name]
    seed(data_dir, builtin_pack, clock, what)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await setup(pilot)
        await pilot.pause(0.3)
        screen = app.screen
        checked = [widget for selector in SAFETY_TEXT for widget in screen.query(selector) if widget.display]
        if name in MUST_SHOW:
            assert any(widget in checked for widget in screen.query(MUST_SHOW[name])), MUST_SHOW[name]
        checked += list(screen.query(FooterKey))
        problems = {
            f"{widget!r} {getattr(widget, 'description', '')!s}": why
            for widget in checked
            if widget.region.area and (why := not_shown_whole(screen, widget)) is not None
        }
        assert not problems, problems
