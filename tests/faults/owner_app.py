"""Run as the unprivileged owner of a data folder (see ``unprivileged.py``): the app, driven by the
Pilot, records a session while the owner has made the folder 500 and the history 400, then the owner
restores 700/600 and the app saves the session, once. Prints ``saved-once`` and exits 0 when all
holds; an assertion fails the child with its reason on stderr.

Usage: ``python -m tests.faults.owner_app DATA_DIR``.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from solecheck.history.store import HistoryStore
from solecheck.packs.loader import load_pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.session import SessionScreen
from tests.conftest import BUILTIN_PACK, FakeClock
from tests.faults.app_process import record_proceed_screening


async def main(data_dir: Path) -> None:
    pack = load_pack(BUILTIN_PACK)
    record_proceed_screening(data_dir, pack)
    database = data_dir / "history.sqlite3"
    database.chmod(0o400)
    data_dir.chmod(0o500)
    app = build_app(pack, data_dir, clock=FakeClock())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("down", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen), screen
        await pilot.press("enter", "enter", "2", "enter", "enter", "3")
        await pilot.pause()
        assert screen.engine.state == "done" and screen.recorder.pending
        assert "read-only" in str(screen.recorder.error), screen.recorder.error
        await pilot.press("enter")
        await pilot.pause()
        assert (data_dir.stat().st_mode & 0o777, database.stat().st_mode & 0o777) == (0o500, 0o400)
        data_dir.chmod(0o700)
        database.chmod(0o600)
        app.retry_saving()
        await pilot.pause()
        assert "Saved" in [n.title for n in app._notifications]
        app.retry_saving()  # a second retry adds nothing
    with HistoryStore.open(data_dir) as store:
        [summary] = store.session_summaries()
        assert (summary.status, summary.steps_done) == ("completed", 2), summary
        assert [s.pain for s in store.steps_of(summary.id)] == [2, 3]
    assert not list(data_dir.glob("*.journal.jsonl"))
    print("saved-once")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
