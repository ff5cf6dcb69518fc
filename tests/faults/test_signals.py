"""SIGTERM and SIGHUP (the terminal closed) in the middle of a session, in the app and in the plain
mode: the session is saved as interrupted, nothing done is lost, and the next start offers it for
resume (and resuming it finishes it)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.recorder import SIGNAL_REASONS, find_resumable
from tests.faults.app_process import AppInTerminal, record_proceed_screening, wait_for
from tests.faults.plain_driver import PACK_ID, PlainProcess, integrity, newest_session, query, recorded_positions


def assert_saved_as_interrupted(data_dir: Path, signal_name: str, finished: set[int]) -> str:
    """The newest session is interrupted by ``signal_name`` with every finished step, and offered for resume."""
    assert integrity(data_dir) == "ok"
    newest = newest_session(data_dir)
    assert newest is not None
    session_id, status, reason = newest
    assert (status, reason) == ("interrupted", SIGNAL_REASONS[signal_name])
    assert finished and finished <= recorded_positions(data_dir, session_id)
    with HistoryStore.open(data_dir) as store:
        offer = find_resumable(store, PACK_ID)
    assert offer is not None and offer.session.id == session_id and offer.can_resume
    return session_id


def resume_and_finish_in_plain_mode(data_dir: Path, session_id: str) -> None:
    process = PlainProcess(data_dir)
    try:
        assert process.run_to_end() == 0
        assert any(line.startswith("An unfinished session") for line in process.lines)
        assert any(line.startswith("Resuming ") for line in process.lines)
    finally:
        process.close()
    assert integrity(data_dir) == "ok"
    [(status,)] = query(data_dir, "SELECT status FROM sessions WHERE id = ?", session_id)
    assert status == "completed"
    assert recorded_positions(data_dir, session_id) == set(range(process.total or 0))
    assert len(query(data_dir, "SELECT id FROM sessions")) == 1  # resumed, not started afresh


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_plain_mode_saves_a_signalled_session_as_interrupted_and_resumable(tmp_path: Path, number: int) -> None:
    data_dir = tmp_path / "data"
    process = PlainProcess(data_dir)
    try:
        while len(process.finished_positions) < 2:
            assert process.step()
        process.read_available(0.2)
        process.signal(number)
        assert process.wait() == 0
        assert process.stderr() == ""
    finally:
        process.close()
    name = signal.Signals(number).name
    assert any(line.startswith(f"Stopped by {name}: the session is saved as interrupted") for line in process.lines)
    session_id = assert_saved_as_interrupted(data_dir, name, process.finished_positions)
    resume_and_finish_in_plain_mode(data_dir, session_id)


def app_with_a_step_done(data_dir: Path, builtin_pack: Pack) -> AppInTerminal:
    """The app in a terminal, a session of the default routine started with ``s`` and its first
    step done (Enter starts it now, Enter ends it, 1 rates the pain)."""
    record_proceed_screening(data_dir, builtin_pack)
    app = AppInTerminal(data_dir)
    wait_for(lambda: b"Foot" in app.output, what="the home screen")
    app.press("s")
    wait_for(lambda: query(data_dir, "SELECT id FROM sessions WHERE status = 'running'"), what="the session to start")
    app.press("enter", "enter", "1", "enter")
    wait_for(lambda: query(data_dir, "SELECT id FROM steps"), what="the first step to be saved")
    return app


def test_sigterm_in_the_app_saves_the_session_as_interrupted_and_resumable(
    tmp_path: Path, builtin_pack: Pack
) -> None:
    data_dir = tmp_path / "data"
    app = app_with_a_step_done(data_dir, builtin_pack)
    try:
        app.signal(signal.SIGTERM)
        assert app.wait() == 0
    finally:
        app.close()
    assert "Traceback" not in app.text()
    session_id = assert_saved_as_interrupted(data_dir, "SIGTERM", {0})
    resume_and_finish_in_plain_mode(data_dir, session_id)


def test_closing_the_terminal_saves_the_session_as_interrupted_and_resumable(
    tmp_path: Path, builtin_pack: Pack
) -> None:
    data_dir = tmp_path / "data"
    app = app_with_a_step_done(data_dir, builtin_pack)
    try:
        app.close_terminal()  # the kernel sends SIGHUP; the app's output now goes nowhere
        app.wait()
    finally:
        app.close()
    session_id = assert_saved_as_interrupted(data_dir, "SIGHUP", {0})
    resume_and_finish_in_plain_mode(data_dir, session_id)


def test_sighup_in_the_app_then_the_app_offers_the_session_again(tmp_path: Path, builtin_pack: Pack) -> None:
    data_dir = tmp_path / "data"
    app = app_with_a_step_done(data_dir, builtin_pack)
    try:
        app.signal(signal.SIGHUP)
        assert app.wait() == 0
    finally:
        app.close()
    session_id = assert_saved_as_interrupted(data_dir, "SIGHUP", {0})
    # The next app start offers it: the home screen says so, and s opens the resume offer.
    again = AppInTerminal(data_dir)
    try:
        wait_for(lambda: b"unfinished session" in again.output, what="the resume notice on the home screen")
        again.press("s")
        wait_for(lambda: b"Resume it" in again.output, what="the resume offer")
        again.press("r")
        wait_for(lambda: query(data_dir, "SELECT status FROM sessions WHERE id = ?", session_id) == [("running",)],
                 what="the session to run again")
        again.signal(signal.SIGTERM)
        assert again.wait() == 0
    finally:
        again.close()
    assert_saved_as_interrupted(data_dir, "SIGTERM", {0})
