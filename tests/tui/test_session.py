"""The guided session in the app, driven with the Pilot on a fake clock: the short routine from the
screening to the summary, pain above the limit, stopping with a reason, resuming after a crash, the
soreness question, a refused start, and pack text shown literally."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from solecheck.history.records import ScreeningRecord, SessionRecord, StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.settings import Settings
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog, StopDialog
from solecheck.tui.screens.wizard import WizardScreen
from solecheck.tui.widgets.countdown import Countdown, clock_text
from tests.conftest import BUILTIN_PACK, FakeClock
from tests.tui.notices import Notices

PROCEED_ANSWERS = {"acute-injury": False, "deformity": False, "surgery": False, "pain-today": False, "floor": "easily"}
STOP_ANSWERS = {**PROCEED_ANSWERS, "acute-injury": True}


def record_screening(data_dir: Path, pack: Pack, answers: dict[str, bool | int | str], outcome: str) -> None:
    messages = () if outcome == "proceed" else ("A recent, painful foot injury needs to be looked at first.",)
    with HistoryStore.open(data_dir) as store:
        store.record_screening(
            ScreeningRecord(pack.id, pack.version, pack.screening_digest, answers, outcome,  # type: ignore[arg-type]
                            ("stop-acute-injury",) if outcome == "stop" else (), messages)
        )


def text(app: SolecheckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def advance(pilot: Pilot[None], clock: FakeClock, seconds: float) -> None:
    """Move the clock, let the session screen see it, and let the app settle."""
    clock.advance(seconds)
    screen = pilot.app.screen
    if isinstance(screen, SessionScreen):
        screen.tick()
    await pilot.pause()


async def start(pilot: Pilot[None], routine_down: int = 1) -> None:
    """Highlight a routine (the second, Sole reset, by default) and press s."""
    await pilot.pause()
    await keys(pilot, *(["down"] * routine_down), "s")


def session_screen(app: SolecheckApp) -> SessionScreen:
    screen = app.screen
    assert isinstance(screen, SessionScreen), type(screen).__name__
    return screen


async def test_short_routine_from_screening_to_summary(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        assert isinstance(app.screen, WizardScreen)
        await keys(pilot, "n", "n", "n", "n", "1", "enter")
        screen = session_screen(app)
        assert "Sole reset" in text(app, "#session-header") and "Step 1 of 2" in text(app, "#session-header")
        assert text(app, "#step-phase") == "Get ready" and text(app, "#step-side") == "Left foot"
        await advance(pilot, clock, 5)
        assert screen.engine.state == "running" and text(app, "#step-phase") == "Go: 90 seconds"
        assert screen.query_one("#countdown", Countdown).remaining == 90
        # The heel-bone caution is on screen while the sole exercise runs.
        assert "Stay off the heel bone" in text(app, "#step-cautions")
        assert screen.query_one("#step-cautions").display
        assert "1. Sit or stand with a golf ball" in text(app, "#step-text")
        assert text(app, "#step-next") == "Next: Sole roll on a ball, right side"
        await advance(pilot, clock, 89.5)
        assert screen.query_one("#countdown", Countdown).value == "0:01"
        await advance(pilot, clock, 0.5)
        assert screen.engine.state == "pain_check"
        assert "Pain check after Sole roll on a ball, left side" in text(app, "#pain-question")
        await keys(pilot, "2")
        assert text(app, "#step-side") == "Right foot" and "Step 2 of 2" in text(app, "#session-header")
        await advance(pilot, clock, 95)
        await keys(pilot, "1")
        summary = text(app, "#summary-text")
        assert "Sole reset: completed." in summary and "Steps done: 2 of 2." in summary
        assert "Time: 3 min of exercise, 3 min 10 s in all." in summary and "Highest pain: 2 out of 10." in summary
        with HistoryStore.open(data_dir) as store:
            [session] = store.session_summaries()
            assert (session.status, session.steps_done, session.max_pain) == ("completed", 2, 2)
            assert [(s.side, s.actual_s, s.pain) for s in store.steps_of(session.id)] == [
                ("left", 90, 2), ("right", 90, 1)
            ]
        await keys(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)


async def test_enter_on_a_routine_starts_it(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        screen = session_screen(app)
        assert screen.engine.plan.routine_id == "foot-to-spine" and len(screen.engine.plan) == 14


async def test_keys_pause_extend_skip_back_and_refuse(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await start(pilot, routine_down=0)
        screen = session_screen(app)
        engine = screen.engine
        await keys(pilot, "b")  # nothing before the first step: refused, and said so
        assert engine.state == "get_ready" and engine.index == 0
        assert any("This is the first step: there is none before it to go back to." in n.message for n in notices)
        assert not any("'back'" in n.message or "get ready" in n.message for n in notices)  # no internal names
        await keys(pilot, "enter")  # start now
        assert engine.state == "running"
        await advance(pilot, clock, 20)
        await keys(pilot, "space")
        assert engine.state == "paused" and text(app, "#step-phase").startswith("Paused")
        await advance(pilot, clock, 300)
        assert screen.query_one("#countdown", Countdown).value == clock_text(40)
        await keys(pilot, "plus", "space")
        assert engine.state == "running" and engine.remaining() == 55
        await keys(pilot, "n")
        assert engine.index == 1 and engine.results[-1].status == "skipped"
        await keys(pilot, "b")
        assert engine.index == 0 and engine.state == "get_ready"
        await keys(pilot, "p")  # the pack can't be switched mid-session
        assert app.screen is screen


async def test_pain_above_the_limit_pauses_and_offers_stop_with_the_clinic(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 95)
        await keys(pilot, "8")
        assert screen.engine.state == "pain_limit"
        assert builtin_pack.session.pain_check.limit_message.split(".")[0] in text(app, "#limit-message")
        assert "Thrive Now Physiotherapy" in text(app, "#limit-clinic")
        assert "Skip what is left for this area (Sole of the foot)" in text(app, "#limit-choices")
        assert "Paused: pain above the limit" in text(app, "#session-header")
        await advance(pilot, clock, 600)
        await keys(pilot, "enter", "space", "3")  # nothing but stop or skip the area is accepted
        assert screen.engine.state == "pain_limit"
        await keys(pilot, "escape")
        assert "Sole reset: stopped for pain." in text(app, "#summary-text")
        with HistoryStore.open(data_dir) as store:
            [session] = store.session_summaries()
            assert (session.status, session.max_pain, session.steps_done) == ("stopped_pain", 8, 1)


async def test_a_pain_rating_during_a_step_above_the_limit_pauses_at_once(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 35)
        await keys(pilot, "4")
        assert screen.engine.state == "running"
        assert builtin_pack.session.pain_check.caution_message in text(app, "#step-said")
        assert not any("Pain 4" in n.message for n in notices)  # no toast over the cautions
        await keys(pilot, "t")
        assert screen.engine.state == "pain_limit"
        await keys(pilot, "n")
        assert "Steps done: 1 of 2 (1 skipped)." in text(app, "#summary-text")


async def test_stop_with_a_reason(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        screen = session_screen(app)
        await advance(pilot, clock, 10)
        await keys(pilot, "escape")
        assert isinstance(app.screen, StopDialog) and screen.engine.state == "paused"
        await keys(pilot, "escape")
        assert app.screen is screen and screen.engine.state == "running"
        await keys(pilot, "escape")
        await pilot.press(*"doorbell")
        await keys(pilot, "enter")
        assert "Reason: doorbell" in text(app, "#summary-text")
        with HistoryStore.open(data_dir) as store:
            [session] = store.session_summaries()
            assert (session.status, session.stop_reason) == ("stopped_user", "doorbell")


def killed_session(data_dir: Path, pack: Pack, pain: int) -> str:
    """What a killed app leaves behind: a running session with its first step recorded."""
    plan = build_plan(pack, pack.routine("sole-only"))
    session = SessionRecord(pack.id, pack.version, "sole-only", "Sole reset", 2, plan_json=plan.to_json())
    with HistoryStore.open(data_dir) as store:
        store.start_session(session)
        store.record_step(
            StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done", "left",
                       planned_s=90, actual_s=90.0, pain=pain)
        )
    return session.id


async def test_resume_after_the_app_was_killed(builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:
    session_id = killed_session(data_dir, builtin_pack, pain=2)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot, routine_down=0)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.id == "resume-dialog"
        assert "1 of 2 steps done" in str(dialog.query_one(".dialog-body", Static).render())
        await keys(pilot, "r")
        screen = session_screen(app)
        assert "Step 2 of 2" in text(app, "#session-header") and text(app, "#step-side") == "Right foot"
        await advance(pilot, clock, 95)
        await keys(pilot, "3")
        summary = text(app, "#summary-text")
        assert "Steps done: 2 of 2." in summary and "Highest pain: 3 out of 10." in summary
        # Both steps' exercise, but the clock time of this run only, and said so.
        assert "Time: 3 min of exercise, 1 min 35 s since you resumed." in summary
        assert screen.recorder.session_id == session_id
    with HistoryStore.open(data_dir) as store:
        stored = store.get_session(session_id)
        assert stored is not None and stored.status == "completed"
        assert [(s.side, s.pain) for s in store.steps_of(session_id)] == [("left", 2), ("right", 3)]


async def test_ending_a_killed_session_then_the_soreness_question(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    session_id = killed_session(data_dir, builtin_pack, pain=5)
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    # The soreness question is about the next morning: asked on a later day.
    app = build_app(builtin_pack, data_dir, clock=clock, now=lambda: datetime.now(UTC) + timedelta(days=1))
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await keys(pilot, "e")
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.id == "soreness-dialog"
        body = str(dialog.query_one(".dialog-body", Static).render())
        assert builtin_pack.session.pain_check.soreness_question in body
        await keys(pilot, "n")
        advice = app.screen
        assert isinstance(advice, ChoiceDialog) and advice.id == "soreness-advice"
        await keys(pilot, "enter")
        # A day later, yesterday's answer about pain today has lapsed: only that question is asked again.
        wizard = app.screen
        assert isinstance(wizard, WizardScreen) and [q.id for q in wizard.shown_questions] == ["pain-today"]
        assert "Question 1 of up to 2" in text(app, "#wizard-progress")  # how strong, if there is pain
        await keys(pilot, "n", "enter")
        session_screen(app)
    with HistoryStore.open(data_dir) as store:
        ended = store.get_session(session_id)
        assert ended is not None and (ended.status, ended.soreness_settled) == ("interrupted", False)


async def test_a_stop_screening_refuses_the_session_with_the_clinic(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, STOP_ANSWERS, "stop")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        dialog = app.screen
        assert isinstance(dialog, ChoiceDialog) and dialog.id == "refusal-dialog"
        assert "recent, painful foot injury" in str(dialog.query_one(".dialog-body", Static).render())
        assert dialog.query("ClinicCard")
        await keys(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    with HistoryStore.open(data_dir) as store:
        assert store.session_summaries() == []


async def test_the_bell_rings_at_the_end_of_a_timed_step_when_asked(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    for bell, rings in ((False, 0), (True, 1)):
        app = build_app(builtin_pack, data_dir, clock=clock, settings=Settings(bell=bell))
        rung: list[str] = []

        def ring(rung: list[str] = rung) -> None:
            rung.append("ding")

        app.bell = ring  # type: ignore[method-assign]
        async with app.run_test(size=(100, 32)) as pilot:
            await start(pilot)
            await advance(pilot, clock, 5)
            await advance(pilot, clock, 90)
            assert session_screen(app).engine.state == "pain_check"
            assert len(rung) == rings
            await keys(pilot, "escape", "enter")


async def test_pack_text_is_shown_literally(data_dir: Path, clock: FakeClock, tmp_path: Path) -> None:
    folder = tmp_path / "markup"
    shutil.copytree(BUILTIN_PACK, folder)
    exercises = (folder / "exercises.toml").read_text()
    exercises = exercises.replace('title = "Sole roll on a ball"', 'title = "[b]Sole[/b] roll"')
    exercises = exercises.replace("Stay off the heel bone:", "[red]Stay off[/red] the heel bone:")
    (folder / "exercises.toml").write_text(exercises)
    pack = load_pack(folder)
    record_screening(data_dir, pack, PROCEED_ANSWERS, "proceed")
    app = build_app(pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        assert text(app, "#step-title") == "[b]Sole[/b] roll"
        assert "[red]Stay off[/red] the heel bone" in text(app, "#step-cautions")


def test_countdown_text_rounds_up_to_the_second() -> None:
    assert [clock_text(s) for s in (0, 0.2, 1, 59.99, 60, 90, 600)] == [
        "0:00", "0:01", "0:01", "1:00", "1:00", "1:30", "10:00"
    ]


async def test_home_says_when_a_session_was_left_unfinished(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    killed_session(data_dir, builtin_pack, pain=1)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        status = app.screen.query_one("#home-status", Static)
        assert status.display and "An unfinished session of Sole reset" in text(app, "#home-status")
        await start(pilot)
        await keys(pilot, "e")
        assert isinstance(app.screen, WizardScreen)
        await keys(pilot, "escape")
        assert isinstance(app.screen, HomeScreen) and not status.display


async def test_a_pain_stop_keeps_its_reason_in_the_persons_language(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    """The history keeps the words as shown: a French patient's pain stop is 'douleur au-dessus de la limite'
    in the history and in the report for the clinic, as in the line mode (found by a tester)."""
    from solecheck.i18n import use_language

    use_language("fr")
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 95)
        await keys(pilot, "8", "escape")
        with HistoryStore.open(data_dir) as store:
            [session] = store.session_summaries()
            assert session.status == "stopped_pain"
            record = store.get_session(session.id)
            assert record is not None and record.stop_reason == "douleur au-dessus de la limite"
