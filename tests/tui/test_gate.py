"""The safety gate's table of cases (``tests/gate_cases.py``) through the app, with the Pilot: a person
presses ``s`` on the home screen and answers each dialog and the wizard with keys, on a real history
file, with the wall clock and zone injected. The app only asks: the steps it shows are the core gate's."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

import pytest
from textual.pilot import Pilot

from solecheck.packs.pack import Pack
from solecheck.session import start
from solecheck.session.start import Step
from solecheck.tui.app import build_app
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog
from solecheck.tui.screens.wizard import WizardScreen
from tests.conftest import FakeClock
from tests.gate_cases import CASES, KEYS, NOW, GateCase, counts, step_name

DIALOG_KEYS = {
    "resume-dialog": {"resume": "r", "end": "e", "leave": "escape"},
    "soreness-dialog": {"yes": "y", "no": "n"},
    "refusal-dialog": {"again": "w", "close": "enter"},
}


async def answer_until_the_gate_ends(pilot: Pilot[None], answers: list[str], seen: list[str]) -> None:
    """Answer whatever the app shows until the gate has ended and the app shows its result."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause()
        screen = app.screen
        ended = seen and seen[-1] in ("Begin", "Resumed", "NoSession")
        if ended and isinstance(screen, (HomeScreen, SessionScreen)):
            return
        if isinstance(screen, ChoiceDialog):
            offers_again = any(choice.value == "again" for choice in screen.choices)
            if screen.id == "soreness-advice" or (screen.id == "refusal-dialog" and not offers_again):
                await pilot.press("enter")  # nothing to choose: acknowledged
            else:
                await pilot.press(DIALOG_KEYS[screen.id or ""][answers.pop(0)])
        elif isinstance(screen, WizardScreen):
            given = answers.pop(0)
            if given == "leave":
                await pilot.press("escape")
            else:
                for key in [*KEYS[given], "enter"]:
                    await pilot.press(key)
                    await pilot.pause()
    raise AssertionError(f"the gate did not end; steps seen: {seen}, screen: {app.screen!r}")


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
async def test_gate_case_in_the_app(
    case: GateCase, builtin_pack: Pack, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from solecheck.history.store import HistoryStore

    pack = case.pack(builtin_pack)
    with HistoryStore.open(data_dir) as store:
        case.seed(store, pack)
        before = counts(store)
    seen: list[str] = []
    advance = start.StartGate._advance

    def spy(gate: start.StartGate, value: start.Answer, *, first: bool = False) -> Step:
        step = advance(gate, value, first=first)
        seen.append(step_name(step))
        return step

    monkeypatch.setattr(start.StartGate, "_advance", spy)
    app = build_app(pack, data_dir, clock=clock, now=lambda: NOW, zone=UTC)
    answers = list(case.answers)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await answer_until_the_gate_ends(pilot, answers, seen)
        assert tuple(seen) == case.steps
        assert answers == []
        assert isinstance(app.screen, SessionScreen) == (case.steps[-1] in ("Begin", "Resumed"))
        after = counts(app.store)
    assert (after[0] - before[0], after[1] - before[1]) == (case.screenings_added, case.new_sessions)
