"""The disk full (an injected SQLite write failure) or the data folder read-only in the middle of a
session: a clear message, the session carries on in memory, and it is saved once writing works again;
the file is never corrupted and no traceback is shown."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.plain.session import PlainSession
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from solecheck.tui.app import build_app
from solecheck.tui.screens.session import SessionScreen
from tests.conftest import BUILTIN_PACK, FakeClock
from tests.faults.app_process import record_proceed_screening
from tests.faults.full_disk import fill_disk
from tests.faults.plain_driver import integrity
from tests.tui.notices import Notices

Item = str | float | Callable[[], None]


class Script:
    """Lines typed by a script; a number is seconds of silence on the fake clock, a callable is run
    when reached (to fill or free the disk at an exact point)."""

    def __init__(self, items: list[Item], clock: FakeClock) -> None:
        self.items = list(items)
        self.clock = clock

    def __call__(self, timeout: float | None) -> str | None:
        while self.items:
            item = self.items.pop(0)
            if callable(item):
                item()
                continue
            if isinstance(item, str):
                return item
            if timeout is not None and item > timeout:
                self.clock.advance(timeout)
                self.items.insert(0, item - timeout)
                return None
            self.clock.advance(item)
            if timeout is not None:
                return None
        raise EOFError


def test_recorder_keeps_every_write_in_memory_and_saves_it_in_order_later(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        disk = fill_disk(store)
        disk.full = True  # even the session's start can't be written
        plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
        engine, recorder = start_session(store, plan, clock)
        assert recorder.pending and "is full; free some space" in str(recorder.error)
        engine.start()
        for pain in (2, 3):
            engine.finish_step()
            engine.finish_step()
            engine.record_pain(pain)
        assert engine.state == "done"
        assert recorder.finish_from(engine) is False  # nothing raised; everything is queued
        assert store.count_all()["sessions"] == 0 and len(recorder.unsaved) == 2
        disk.full = False
        assert recorder.save() and not recorder.pending and recorder.error is None
        assert disk.reconnects >= 1  # each retry came on a fresh connection
        session = store.get_session(recorder.session_id)
        assert session is not None and session.status == "completed"
        assert [s.pain for s in store.steps_of(recorder.session_id)] == [2, 3]
    assert integrity(data_dir) == "ok"


def test_plain_mode_says_so_carries_on_and_saves_when_writing_works_again(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        disk = fill_disk(store)

        def fill() -> None:
            disk.full = True

        def free() -> None:
            disk.full = False

        lines: list[str] = []
        script: list[Item] = ["n", "n", "n", "n", "1", "y", "", "", fill, "2", "", "", "3", "", free, ""]
        runner = PlainSession(builtin_pack, store, builtin_pack.routine("sole-only"), clock=clock,
                              read_line=Script(script, clock), write=lines.append)
        assert runner.run() == 0
        said = "\n".join(lines)
        assert said.count("Could not write to the history: ") == 1
        assert "is full; free some space" in said and "kept in memory" in said
        assert "Your session is not saved yet" in said  # asked at the end, while the disk was full
        assert "The history can be written again: everything so far is saved." in said
        assert "Sole reset: completed." in said and "Traceback" not in said
        [summary] = store.session_summaries()
        assert (summary.status, summary.steps_done) == ("completed", 2)
        assert [s.pain for s in store.steps_of(summary.id)] == [2, 3]
    assert integrity(data_dir) == "ok"


def test_plain_mode_gives_up_plainly_when_the_disk_stays_full(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        disk = fill_disk(store)

        def fill() -> None:
            disk.full = True

        lines: list[str] = []
        script: list[Item] = ["n", "n", "n", "n", "1", "y", "", "", "2", fill, "", "", "3", "q"]
        runner = PlainSession(builtin_pack, store, builtin_pack.routine("sole-only"), clock=clock,
                              read_line=Script(script, clock), write=lines.append)
        assert runner.run() == 1
        assert any(line.startswith("Not saved: ") for line in lines)
        [summary] = store.session_summaries()
        assert summary.status == "running" and summary.steps_done == 1  # what was saved stays; resumable
    assert integrity(data_dir) == "ok"


async def test_app_notifies_keeps_the_session_and_saves_it_later(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    record_proceed_screening(data_dir, builtin_pack)
    app = build_app(builtin_pack, data_dir, clock=clock)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await pilot.pause()
        await pilot.press("down", "s")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        disk = fill_disk(app.store)
        disk.full = True
        await pilot.press("enter", "enter", "2", "enter", "enter", "3")
        await pilot.pause()
        assert screen.engine.state == "done" and screen.recorder.pending
        titles = [n.title for n in notices]
        assert titles.count("Step not saved yet") == 1  # said once, not on every tick
        await pilot.press("enter")  # back to the home screen; the app keeps trying
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, SessionScreen)
        disk.full = False
        app.retry_saving()
        await pilot.pause()
        assert "Saved" in [n.title for n in notices]
        [summary] = app.store.session_summaries()
        assert (summary.status, summary.steps_done) == ("completed", 2)
    assert integrity(data_dir) == "ok"


async def test_app_saves_at_exit_what_the_retries_could_not(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    record_proceed_screening(data_dir, builtin_pack)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("down", "s")
        await pilot.pause()
        disk = fill_disk(app.store)
        disk.full = True
        await pilot.press("enter", "enter", "2")
        await pilot.pause()
        disk.full = False  # freed, but no retry has run yet when the app quits
    assert app.exit_messages == []
    with HistoryStore.open(data_dir) as store:
        [summary] = store.session_summaries()
        assert summary.steps_done == 1
    assert integrity(data_dir) == "ok"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders: the injected failure covers it")
def test_a_read_only_data_folder_gives_one_clear_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir(mode=0o700)
    subprocess.run([sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "history", "list"],
                   capture_output=True, check=False)
    before = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file()}
    data_dir.chmod(0o500)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "--pack", str(BUILTIN_PACK),
             "session", "--plain", "--routine", "sole-only"],
            input="n\nn\nn\nn\n1\ny\n\n\n1\n\n\n1\n", capture_output=True, text=True, timeout=60,
        )
    finally:
        data_dir.chmod(0o700)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode in (0, 1)
    assert str(data_dir) in result.stderr + result.stdout
    after = {p.name: p.read_bytes() for p in data_dir.iterdir() if p.is_file() and p.name in before}
    assert after == before


def test_plain_mode_input_ending_while_unsaved_says_exactly_what_is_kept_and_where(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        disk = fill_disk(store)

        def fill() -> None:
            disk.full = True

        lines: list[str] = []
        script: list[Item] = ["n", "n", "n", "n", "1", "y", "", "", "2", fill, "", 30.0]  # then input ends
        runner = PlainSession(builtin_pack, store, builtin_pack.routine("sole-only"), clock=clock,
                              read_line=Script(script, clock), write=lines.append)
        assert runner.run() == 1
        assert "Input ended: the session ends as interrupted, but it is not saved yet." in lines
        assert not any("saved as interrupted" in line for line in lines)
        [journal] = list(data_dir.glob("history.sqlite3.*.journal.jsonl"))
        [not_saved] = [line for line in lines if line.startswith("Not saved: ")]
        assert "The history has the session and its first step." in not_saved
        assert f"The rest is kept in {journal}. It is added to the history the next time" in not_saved
        [summary] = store.session_summaries()
        assert summary.status == "running" and summary.steps_done == 1
    # The next start (another process: this one still holds the session's lock) adds the rest.
    check = subprocess.run([sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "history", "check"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr
    with HistoryStore.open(data_dir) as store:
        [summary] = store.session_summaries()
        assert (summary.status, summary.steps_done) == ("interrupted", 1)
        assert len(store.steps_of(summary.id)) == 2
    assert not journal.exists() and integrity(data_dir) == "ok"
