"""Every screen and dialog of the app, each reached from a fresh app by the keys a person would press
(or pushed directly where no key leads there, like the pack-errors screen of ``--preview``).

``SCREENS`` maps a name to an async setup taking the Pilot; :func:`open_screen` builds the app on a
seeded data folder (a valid screening, a few past sessions) and runs the setup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.history import HistoryScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.learn import LearnScreen
from solecheck.tui.screens.pack_errors import PackErrorsScreen
from solecheck.tui.screens.pack_picker import PackPickerScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog, NoteDialog, StopDialog
from solecheck.tui.screens.wizard import WizardScreen
from tests.conftest import FakeClock
from tests.faults.app_process import PROCEED_ANSWERS

Setup = Callable[[Pilot[None]], Awaitable[None]]


@dataclass(frozen=True)
class Seed:
    """What the data folder holds before the app starts."""

    screening: str | None = "proceed"  # None, "proceed" or "stop"
    past_sessions: int = 3
    running_session: bool = False
    sore_last_session: bool = False


def _yesterday() -> datetime:
    return datetime.now(UTC) - timedelta(days=1)


def seed(data_dir: Path, pack: Pack, clock: FakeClock, what: Seed) -> None:
    with HistoryStore.open(data_dir) as store:
        if what.screening is not None:
            answers = dict(PROCEED_ANSWERS, **({"acute-injury": True} if what.screening == "stop" else {}))
            store.record_screening(ScreeningRecord(
                pack.id, pack.version, pack.screening_digest, answers, what.screening,  # type: ignore[arg-type]
                ("stop-acute-injury",) if what.screening == "stop" else (),
                ("A recent, painful foot injury needs to be looked at first.",) if what.screening == "stop" else (),
            ))
        plan = build_plan(pack, pack.routine("sole-only"))
        for index in range(what.past_sessions):
            # Yesterday's: the soreness question is asked on a later day than the session.
            engine, recorder = start_session(store, plan, clock, now=_yesterday)
            engine.start()
            for _ in plan.steps:
                engine.finish_step()
                engine.finish_step()
                engine.record_pain(4 if what.sore_last_session and index == what.past_sessions - 1 else 1)
            recorder.finish_from(engine)
        if what.running_session:
            engine, recorder = start_session(store, plan, clock)
            engine.start()
            engine.finish_step()
            engine.finish_step()
            engine.record_pain(1)
            if recorder.claim is not None:
                recorder.claim.release()  # as if its process had died


async def settle(pilot: Pilot[None]) -> None:
    """Let the database workers finish (not the session start, which waits on its dialogs)."""
    busy = [w for w in pilot.app.workers if not w.is_finished and w.group != "session-start"]
    if busy:
        with suppress(TimeoutError):
            await asyncio.wait_for(pilot.app.workers.wait_for_complete(busy), 2.0)
    await pilot.pause()


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    await pilot.press(*pressed)
    await settle(pilot)


def expect(pilot: Pilot[None], kind: type[Screen[object]], dialog_id: str | None = None) -> None:
    screen = pilot.app.screen
    assert isinstance(screen, kind), f"expected {kind.__name__}, got {type(screen).__name__}"
    if dialog_id is not None:
        assert screen.id == dialog_id, screen.id


async def home(pilot: Pilot[None]) -> None:
    expect(pilot, HomeScreen)


async def pack_picker(pilot: Pilot[None]) -> None:
    await keys(pilot, "p")
    await settle(pilot)
    expect(pilot, PackPickerScreen)


async def clinic(pilot: Pilot[None]) -> None:
    await keys(pilot, "c")
    expect(pilot, ClinicScreen)


async def learn(pilot: Pilot[None]) -> None:
    await keys(pilot, "l")
    expect(pilot, LearnScreen)


async def wizard_question(pilot: Pilot[None]) -> None:
    await keys(pilot, "w")
    expect(pilot, WizardScreen)


async def wizard_proceed(pilot: Pilot[None]) -> None:
    await keys(pilot, "w", "n", "n", "n", "n", "1")
    expect(pilot, WizardScreen)


async def wizard_modify(pilot: Pilot[None]) -> None:
    await keys(pilot, "w", "n", "n", "n", "n", "3")
    expect(pilot, WizardScreen)


async def wizard_stop(pilot: Pilot[None]) -> None:
    await keys(pilot, "w", "y", "n", "n", "n", "1")
    expect(pilot, WizardScreen)


async def session_get_ready(pilot: Pilot[None]) -> None:
    await keys(pilot, "down", "s")
    expect(pilot, SessionScreen)


async def session_running(pilot: Pilot[None]) -> None:
    await session_get_ready(pilot)
    await keys(pilot, "enter")


async def session_pain_check(pilot: Pilot[None]) -> None:
    await session_running(pilot)
    await keys(pilot, "enter")


async def session_pain_limit(pilot: Pilot[None]) -> None:
    await session_pain_check(pilot)
    await keys(pilot, "9")


async def session_summary(pilot: Pilot[None]) -> None:
    await session_pain_check(pilot)
    await keys(pilot, "1", "enter", "enter", "1")
    expect(pilot, SessionScreen)


async def stop_dialog(pilot: Pilot[None]) -> None:
    await session_running(pilot)
    await keys(pilot, "escape")
    expect(pilot, StopDialog)


async def note_dialog(pilot: Pilot[None]) -> None:
    await session_running(pilot)
    await keys(pilot, "a")
    expect(pilot, NoteDialog)


async def resume_dialog(pilot: Pilot[None]) -> None:
    await keys(pilot, "down", "s")
    expect(pilot, ChoiceDialog, "resume-dialog")


async def soreness_dialog(pilot: Pilot[None]) -> None:
    await keys(pilot, "down", "s")
    expect(pilot, ChoiceDialog, "soreness-dialog")


async def refusal_dialog(pilot: Pilot[None]) -> None:
    await keys(pilot, "down", "s")
    expect(pilot, ChoiceDialog, "refusal-dialog")


async def history_list(pilot: Pilot[None]) -> None:
    await keys(pilot, "h")
    expect(pilot, HistoryScreen)


async def history_detail(pilot: Pilot[None]) -> None:
    await history_list(pilot)
    await keys(pilot, "enter")
    await settle(pilot)
    expect(pilot, HistoryScreen)


async def pack_errors(pilot: Pilot[None]) -> None:
    app = pilot.app
    assert isinstance(app, SolecheckApp)
    diagnostics = tuple(
        Diagnostic("exercises.toml", 3 + n, f"exercises[{n}].title", f"[bold]not[/] valid: {'x' * 30 * n}")
        for n in range(12)
    )
    await app.push_screen(PackErrorsScreen(app.pack.root or Path("."), diagnostics))
    await settle(pilot)
    expect(pilot, PackErrorsScreen)


SCREENS: dict[str, tuple[Setup, Seed]] = {
    "home": (home, Seed()),
    "home-empty": (home, Seed(screening=None, past_sessions=0)),
    "pack-picker": (pack_picker, Seed()),
    "clinic": (clinic, Seed()),
    "learn": (learn, Seed()),
    "wizard-question": (wizard_question, Seed()),
    "wizard-proceed": (wizard_proceed, Seed()),
    "wizard-modify": (wizard_modify, Seed()),
    "wizard-stop": (wizard_stop, Seed()),
    "session-get-ready": (session_get_ready, Seed()),
    "session-running": (session_running, Seed()),
    "session-pain-check": (session_pain_check, Seed()),
    "session-pain-limit": (session_pain_limit, Seed()),
    "session-summary": (session_summary, Seed()),
    "stop-dialog": (stop_dialog, Seed()),
    "note-dialog": (note_dialog, Seed()),
    "resume-dialog": (resume_dialog, Seed(running_session=True)),
    "soreness-dialog": (soreness_dialog, Seed(sore_last_session=True)),
    "refusal-dialog": (refusal_dialog, Seed(screening="stop")),
    "history-list": (history_list, Seed()),
    "history-detail": (history_detail, Seed()),
    "pack-errors": (pack_errors, Seed()),
}


def make_app(data_dir: Path, pack: Pack, clock: FakeClock, name: str) -> SolecheckApp:
    seed(data_dir, pack, clock, SCREENS[name][1])
    return build_app(pack, data_dir, clock=clock)
