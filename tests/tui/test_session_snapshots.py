"""How the session screen looks: a running step, the pain check and the summary (fake clock, fixed data)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from textual.pilot import Pilot

from solecheck.history.records import SessionRecord, StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import FakeClock
from tests.tui.test_session import PROCEED_ANSWERS, advance, keys, record_screening, start
from tests.tui.test_session_pictures import picture_drawn

SIZE = (100, 32)


async def quiet(pilot: Pilot[None]) -> None:
    """No toasts in the picture: their timing is real time, not the fake clock."""
    pilot.app.clear_notifications()
    await pilot.pause()


def test_running_step_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 17.25)
        await picture_drawn(pilot)  # decoded in a worker: wait for it, or the snapshot could catch its alt text
        await quiet(pilot)

    app = build_app(builtin_pack, data_dir, clock=clock, picture_mode="blocks")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_pain_check_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 95)
        await quiet(pilot)

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=SIZE, run_before=run_before)


def earlier_session(data_dir: Path, pack: Pack) -> None:
    """One finished session of Sole reset a week before, to compare with."""
    started = datetime(2026, 1, 8, 7, 30, tzinfo=UTC)
    session = SessionRecord(pack.id, pack.version, "sole-only", "Sole reset", 2, started_at=started)
    with HistoryStore.open(data_dir) as store:
        store.start_session(session)
        store.record_step(
            StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done", "left",
                       planned_s=90, actual_s=90.0, pain=3, ended_at=started)
        )
        store.finish_session(session.id, "stopped_user", datetime(2026, 1, 8, 7, 32, 5, tzinfo=UTC), "short of time")


def test_summary_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    earlier_session(data_dir, builtin_pack)

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 95)
        await keys(pilot, "2")
        await advance(pilot, clock, 5)
        await advance(pilot, clock, 30)
        await keys(pilot, "space")
        await advance(pilot, clock, 60)
        await keys(pilot, "space")
        await advance(pilot, clock, 60)
        await keys(pilot, "4")
        await quiet(pilot)

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=SIZE, run_before=run_before)


def test_step_right_after_a_pain_rating_at_80x24_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    """The feedback on the rating sits on the screen's own line; the "Take care" box stays whole."""
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")

    async def run_before(pilot: Pilot[None]) -> None:
        await start(pilot)
        await advance(pilot, clock, 95)
        await keys(pilot, "2")
        await advance(pilot, clock, 1)
        await picture_drawn(pilot)
        await quiet(pilot)

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=(80, 24), run_before=run_before)
