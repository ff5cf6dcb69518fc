"""A one-sided exercise in the app: the session screen names the one side it is done on, times it, asks
for pain after it, and records it with its side (Pilot on a fake clock)."""

from __future__ import annotations

from pathlib import Path

from solecheck.history.store import HistoryStore
from solecheck.tui.app import build_app
from tests.conftest import FakeClock
from tests.session.test_one_sided import one_sided_pack
from tests.tui.test_session import PROCEED_ANSWERS, advance, keys, record_screening, session_screen, text


async def test_one_sided_steps_on_the_session_screen(tmp_path: Path, data_dir: Path, clock: FakeClock) -> None:
    pack = one_sided_pack(tmp_path)
    record_screening(data_dir, pack, PROCEED_ANSWERS, "proceed")
    app = build_app(pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await keys(pilot, "enter")
        screen = session_screen(app)
        assert text(app, "#step-side") == "Left foot"
        assert text(app, "#step-next") == "Next: Calf stretch at a wall, right side, set 1 of 2"
        await advance(pilot, clock, 5 + 60)
        assert screen.engine.state == "pain_check"
        assert "Pain check after Sole roll on a ball, left side" in text(app, "#pain-question")
        await keys(pilot, "2")
        assert text(app, "#step-side") == "Right side · set 1 of 2"
        await advance(pilot, clock, 5 + 30)
        assert screen.engine.state == "resting"
        with HistoryStore.open(data_dir) as store:
            [session] = store.session_summaries()
            assert session.pack_digest == pack.content_digest
            steps = store.steps_of(session.id)
        assert [(s.exercise_id, s.side, s.actual_s, s.pain) for s in steps] == [
            ("sole-ball-roll", "left", 60, 2),
            ("calf-wall-stretch", "right", 30, None),
        ]
