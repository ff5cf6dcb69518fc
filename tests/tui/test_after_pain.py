"""The after-pain rule in the app, as the tester lived it: pain above the limit, then the rest of that area
skipped and the routine finished, or the app closed at the pain pause. The next start asks the safety
questions first, the home screen says why, and the summary says what comes next."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path

from textual.widgets import Static

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog
from solecheck.tui.screens.wizard import WizardScreen
from tests.conftest import FakeClock
from tests.gate_cases import HOUR, NOW, screening
from tests.tui.notices import Notices
from tests.tui.test_session import advance, keys, session_screen, start, text

HOLD_LINE = "recorded pain 8 out of 10, above the limit of 5. Answer the safety questions again"
"""The home screen's line and the app's notice before the screening (after the session's date)."""


def screened(data_dir: Path, pack: Pack) -> None:
    with HistoryStore.open(data_dir) as store:
        store.record_screening(screening(pack, "proceed", NOW - HOUR))


async def test_pain_above_the_limit_then_the_area_skipped_and_finished_asks_the_questions_next(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    screened(data_dir, builtin_pack)
    app = build_app(builtin_pack, data_dir, clock=clock, now=lambda: NOW, zone=UTC)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await start(pilot, routine_down=0)  # Foot to spine: more areas after the sole
        screen = session_screen(app)
        await advance(pilot, clock, 95)
        await keys(pilot, "8")
        assert screen.engine.state == "pain_limit"
        await keys(pilot, "n")  # skip the rest of the sole work and carry on
        assert screen.engine.state != "pain_limit" and not screen.engine.finished
        for _ in range(40):  # skip every step left: the session completes
            if screen.engine.finished:
                break
            await keys(pilot, "n")
        assert screen.engine.end_status == "completed"
        summary = text(app, "#summary-text")
        assert "Highest pain: 8 out of 10." in summary
        assert "caution band" not in summary
        assert ("Your pain went above the limit (8 out of 10; the limit is 5): before your next session you'll "
                "answer the safety questions again, including today's pain.") in summary
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await pilot.pause()
        line = str(app.screen.query_one("#home-screening", Static).render())
        assert HOLD_LINE in line and "Press w to screen now." in line
        await keys(pilot, "s")
        assert isinstance(app.screen, WizardScreen)
        assert any(HOLD_LINE in message for message in notices.messages)
    with HistoryStore.open(data_dir) as store:
        [session] = store.session_summaries()
        assert (session.status, session.max_pain) == ("completed", 8)


async def test_closing_the_app_at_the_pain_pause_then_starting_again_asks_the_questions_not_to_resume(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    screened(data_dir, builtin_pack)
    app = build_app(builtin_pack, data_dir, clock=clock, now=lambda: NOW, zone=UTC)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot, routine_down=0)
        await advance(pilot, clock, 95)
        await keys(pilot, "8")
        assert session_screen(app).engine.state == "pain_limit"
        await keys(pilot, "q", "y")  # leave: saved as interrupted, as SIGTERM or SIGHUP would
    with HistoryStore.open(data_dir) as store:
        [left] = store.session_summaries()
        assert (left.status, left.max_pain) == ("interrupted", 8)

    again = build_app(builtin_pack, data_dir, clock=clock, now=lambda: NOW, zone=UTC)
    notices = Notices()
    async with again.run_test(size=(100, 32), message_hook=notices) as pilot:
        await pilot.pause()
        await pilot.pause()
        line = str(again.screen.query_one("#home-screening", Static).render())
        assert HOLD_LINE in line
        await start(pilot, routine_down=0)
        assert not isinstance(again.screen, ChoiceDialog), "no resume offer: the after-pain rule comes first"
        assert isinstance(again.screen, WizardScreen)
        assert any("recorded pain 8 out of 10, above the limit of 5, so it is not continued" in message
                   for message in notices.messages)
    with HistoryStore.open(data_dir) as store:
        [ended] = store.session_summaries()
        assert ended.status == "interrupted" and store.count_all()["sessions"] == 1
