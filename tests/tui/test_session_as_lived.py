"""The session as a patient lives it, at 80×24 on a fake clock: ``+`` shows the added time at once, the
countdown stands while a dialog or panel is open, a set ended with Enter is followed by its rest, keys
that don't surprise (Esc stops, q asks, n skips the area at the pain limit), feedback that never covers
the "Take care" box, a visible time's up, and a single click that only picks a routine."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.recorder import SIGNAL_REASONS
from solecheck.tui.app import build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog, NoteDialog
from solecheck.tui.widgets.countdown import Countdown
from tests.conftest import FakeClock
from tests.tui.notices import Notices
from tests.tui.test_session import PROCEED_ANSWERS, advance, keys, record_screening, session_screen, start, text

SIZE = (80, 24)


async def test_plus_shows_fifteen_seconds_more_at_once(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 80)
        countdown = screen.query_one("#countdown", Countdown)
        assert countdown.value == "0:10"
        await keys(pilot, "plus")
        assert countdown.value == "0:25"  # at once, not only after a pause
        assert text(app, "#step-phase") == "Go: 105 seconds"
        assert "15 seconds more" in text(app, "#step-said")
        # Paused, + adds to the time held.
        await keys(pilot, "space", "plus")
        assert countdown.value == "0:40"


async def test_the_countdown_stands_while_the_note_dialog_is_open(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 20)
        assert screen.engine.remaining() == 70
        await keys(pilot, "a")
        assert isinstance(app.screen, NoteDialog)
        clock.advance(7)  # seven seconds typing the note
        screen.tick()
        await pilot.press(*"tender arch")
        await keys(pilot, "enter")
        assert app.screen is screen and screen.engine.state == "running"
        assert screen.engine.remaining() == 70
        assert "Note added" in text(app, "#step-said")


async def test_the_countdown_stands_while_the_clinic_panel_is_open(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 2)
        await keys(pilot, "c")
        assert isinstance(app.screen, ClinicScreen)
        clock.advance(30)
        screen.tick()
        await keys(pilot, "escape")
        assert app.screen is screen and screen.engine.state == "get_ready"
        assert screen.engine.remaining() == 3  # the get-ready countdown stood still


async def test_a_set_ended_with_enter_is_followed_by_its_rest(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")  # the full routine: its calf stretch has two sets and a rest
        screen = session_screen(app)
        await keys(pilot, "n", "n", "n")
        assert text(app, "#step-title") == "Calf stretch at a wall" and text(app, "#step-side") == (
            "Right side · set 1 of 2"
        )
        await keys(pilot, "enter")  # start now
        await advance(pilot, clock, 12)
        await keys(pilot, "enter", "enter")  # the set ends; the second Enter of a double press is not taken
        assert screen.engine.state == "resting"
        assert text(app, "#step-phase") == "Rest, then this set"
        assert text(app, "#step-side") == "Left side · set 2 of 2"
        # Next is what follows the set rested for, with its set.
        assert text(app, "#step-next") == "Next: Calf stretch at a wall, right side, set 2 of 2"
        assert "press Enter again to end the rest" in text(app, "#step-said")
        await advance(pilot, clock, 1.5)
        await keys(pilot, "enter")
        assert screen.engine.state == "get_ready" and text(app, "#step-side") == "Left side · set 2 of 2"


async def test_a_rest_runs_out_on_its_own_after_an_enter(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter", "n", "n", "n", "enter")
        screen = session_screen(app)
        await advance(pilot, clock, 10)
        await keys(pilot, "enter")
        assert screen.engine.state == "resting"
        assert screen.query_one("#countdown", Countdown).value == "0:10"
        await advance(pilot, clock, 10)
        assert screen.engine.state == "get_ready"


async def test_q_asks_before_leaving_a_session_and_saves_it_for_resume(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 10)
        assert "q quit" in text(app, "#session-keys") and "Esc stop" in text(app, "#session-keys")
        await keys(pilot, "q")
        assert isinstance(app.screen, ChoiceDialog) and app.screen.id == "leave-dialog"
        assert screen.engine.state == "paused"
        await keys(pilot, "n")
        assert app.screen is screen and screen.engine.state == "running"
        await keys(pilot, "q", "y")
    assert app.return_code == 0
    with HistoryStore.open(data_dir) as store:
        [session] = store.session_summaries()
        assert (session.status, session.stop_reason) == ("interrupted", SIGNAL_REASONS["SIGTERM"])
        # The step under way was not recorded as skipped: the resume starts it again.
        assert store.steps_of(session.id) == []
    again = build_app(builtin_pack, data_dir, clock=clock)
    async with again.run_test(size=SIZE) as pilot:
        await start(pilot)
        await keys(pilot, "r")
        assert text(again, "#step-side") == "Left foot" and "Step 1 of 2" in text(again, "#session-header")


async def test_s_in_a_session_only_says_how_to_stop(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    notices = Notices()
    async with app.run_test(message_hook=notices, size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await keys(pilot, "s")
        assert app.screen is screen and not screen.engine.finished
        assert any("press Esc" in n.message for n in notices)


async def test_pain_feedback_is_on_the_screen_not_over_the_cautions(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    notices = Notices()
    async with app.run_test(message_hook=notices, size=SIZE) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 90)
        assert "Time's up: rate your pain" in text(app, "#pain-said")
        await keys(pilot, "2")
        assert not notices
        assert f"Pain 2: {builtin_pack.session.pain_check.ok_message}" in text(app, "#step-said")
        said = screen.query_one("#step-said").region
        cautions = screen.query_one("#step-cautions").region
        assert cautions.height and not said.overlaps(cautions)
        assert cautions.bottom <= screen.query_one("#session-keys").region.y  # the whole box is on screen
        await advance(pilot, clock, 8)
        assert not screen.query_one("#step-said").display  # gone after a while on the clock


async def test_times_up_is_shown_and_names_what_comes_next(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await keys(pilot, "enter", "n", "n")
        screen = session_screen(app)
        await advance(pilot, clock, 5)
        countdown = screen.query_one("#countdown", Countdown)
        await advance(pilot, clock, 26)
        assert countdown.has_class("-ending")  # the last seconds in another colour
        await advance(pilot, clock, 4)
        assert text(app, "#step-said") == "Time's up: next: Calf stretch at a wall, right side, set 1 of 2."
        assert countdown.has_class("-times-up")


async def test_a_single_click_on_a_routine_only_picks_it(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        routines = app.screen.query_one("#routine-list", OptionList)
        await pilot.click("#routine-list", offset=(3, 2))
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and routines.highlighted == 1
        await pilot.click("#routine-list", offset=(3, 2), times=2)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        assert session_screen(app).engine.plan.routine_id == "sole-only"


async def test_session_routine_from_the_cli_is_the_one_highlighted(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``solecheck session --routine sole-only`` without --plain opens the app on that routine."""
    from solecheck.cli import main

    asked: list[str | None] = []
    monkeypatch.setattr("solecheck.tui.launch.launch", lambda context, routine_id=None: asked.append(routine_id) or 0)
    assert main(["session", "--routine", "sole-only"]) == 0
    assert asked == ["sole-only"]
    app = build_app(builtin_pack, data_dir, clock=clock, initial_routine="sole-only")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.screen.query_one("#routine-list", OptionList).highlighted == 1
        assert "Sole reset" in text(app, "#routine-text")


async def test_a_toast_at_the_start_of_a_session_leaves_the_cautions_uncovered(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    """The "Screening saved" notice of a screening just taken sits at the top, not over "Take care"."""
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot)
        await keys(pilot, "n", "n", "n", "n", "1", "enter")
        screen = session_screen(app)
        await pilot.pause(0.2)
        toasts = list(screen.query("Toast"))
        assert toasts and any("Screening saved" in str(toast.render()) for toast in toasts)
        cautions = screen.query_one("#step-cautions").region
        assert cautions.height and not any(toast.region.overlaps(cautions) for toast in toasts)


async def test_no_toast_covers_the_pain_limit_advice(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    """Pain above the limit right after a screening: its "Screening saved" toast (top right) would sit over
    the limit's advice, which fills the screen's width; the advice clears it."""
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start(pilot)
        await keys(pilot, "n", "n", "n", "n", "1", "enter")
        screen = session_screen(app)
        await keys(pilot, "enter", "8")
        assert screen.engine.state == "pain_limit"
        await pilot.pause(0.2)
        message = screen.query_one("#limit-message").region
        assert message.height and not any(toast.region.overlaps(message) for toast in screen.query("Toast"))
