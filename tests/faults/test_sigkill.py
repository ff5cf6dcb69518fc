"""SIGKILL at 50 seeded-random moments of real ``solecheck session --plain`` runs.

Each process is the real CLI writing to a real history file. It is killed either after a random
number of answers plus a random few milliseconds (so kills land inside engine events and SQLite
commits), or at a random time after it started (inside start-up, opening or migrating the file).
After every kill: the file passes ``PRAGMA integrity_check``, every step the process had reported
as finished is in the history, and the next start offers the session for resume, which the next
process accepts.
"""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

from solecheck.history.store import HistoryStore
from solecheck.session.resume import find_resumable
from tests.faults.plain_driver import PACK_ID, PlainProcess, integrity, newest_session, recorded_positions

KILLS = 50
SEED = 20261125


def kill_one(data_dir: Path, rng: random.Random) -> PlainProcess:
    """Start a process, answer it, and SIGKILL it at a random moment (or let it end by itself)."""
    process = PlainProcess(data_dir)
    if rng.random() < 0.2:
        time.sleep(rng.uniform(0.0, 0.6))
    else:
        answers = rng.randint(0, 30)
        while process.answers < answers and process.step():
            pass
        time.sleep(rng.uniform(0.0, 0.004))
    process.process.send_signal(signal.SIGKILL)
    process.process.wait(5)
    process.read_rest()
    return process


def test_sigkill_at_50_random_moments_loses_no_finished_step(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    data_dir = tmp_path / "data"
    kills = resumes_offered = steps_checked = 0
    try_next_resume = False
    while kills < KILLS:
        process = kill_one(data_dir, rng)
        try:
            if try_next_resume:
                assert any(line.startswith("An unfinished session") for line in process.lines[:40]) or not any(
                    line.startswith("Question 1") or line.startswith("Starting ") for line in process.lines
                ), "the start after a kill did not offer the unfinished session"
            killed = process.process.returncode == -signal.SIGKILL
            kills += killed
            if not history_exists(data_dir):
                try_next_resume = False
                continue
            assert integrity(data_dir) == "ok"
            newest = newest_session(data_dir)
            if process.finished_positions:
                assert newest is not None
                missing = process.finished_positions - recorded_positions(data_dir, newest[0])
                assert not missing, f"kill {kills}: steps reported finished but not recorded: {sorted(missing)}"
                steps_checked += len(process.finished_positions)
            try_next_resume = False
            if killed and process.session_began and not process.session_ended:
                assert newest is not None
                # Killed after its end was saved but before the summary was printed: nothing to resume.
                if newest[1] != "completed":
                    assert newest[1] == "running", newest
                    with HistoryStore.open(data_dir) as store:
                        offer = find_resumable(store, PACK_ID)
                    assert offer is not None, f"kill {kills}: the killed session is not offered for resume"
                    resumes_offered += 1
                    try_next_resume = True
        finally:
            process.close()
    assert resumes_offered >= 10 and steps_checked >= 20  # the kills really landed inside sessions
    # The last interrupted session can still be finished, and everything adds up.
    final = PlainProcess(data_dir)
    try:
        assert final.run_to_end() == 0
    finally:
        final.close()
    assert integrity(data_dir) == "ok"
    newest = newest_session(data_dir)
    assert newest is not None and newest[1] == "completed"
    assert recorded_positions(data_dir, newest[0]) == set(range(final.total or 0))


def history_exists(data_dir: Path) -> bool:
    return (data_dir / "history.sqlite3").exists()
