"""Real processes: a writer killed with SIGKILL mid-session loses no finished step, and two writers at
once never fail with "database is locked"."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from solecheck.history.maintenance import check
from solecheck.history.store import HistoryStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL")

WRITER = """
import sys
from pathlib import Path
from solecheck.history.records import SessionRecord, StepRecord
from solecheck.history.store import HistoryStore

store = HistoryStore.open(Path(sys.argv[1]))
print("ready", flush=True)
sys.stdin.readline()  # start together with the other writers
sessions = int(sys.argv[2])
steps = int(sys.argv[3])
for s in range(sessions):
    session = SessionRecord(pack_id="p", pack_version="1", routine_id=sys.argv[4], routine_title="R",
                            planned_steps=steps)
    store.start_session(session)
    for position in range(steps):
        step = StepRecord(session_id=session.id, position=position, exercise_id="e", exercise_title="E",
                          region="plantar", status="done", note="x" * 200)
        store.record_step(step)
        print(step.id, flush=True)
    store.finish_session(session.id, "completed")
store.close()
"""


def _writer(data_dir: Path, sessions: int, steps: int, routine: str) -> subprocess.Popen[str]:
    """A writer process, opened and waiting: send it a line (``_go``) to start writing."""
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data_dir), str(sessions), str(steps), routine],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _go(*writers: subprocess.Popen[str]) -> None:
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()


@pytest.mark.slow
def test_sigkill_mid_session_keeps_every_finished_step(data_dir: Path) -> None:
    HistoryStore.open(data_dir).close()
    writer = _writer(data_dir, sessions=1, steps=10**6, routine="r")  # never finishes on its own
    _go(writer)
    assert writer.stdout is not None
    committed = [writer.stdout.readline().strip() for _ in range(60)]
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=10)
    assert writer.returncode == -signal.SIGKILL
    assert all(committed)

    raw = sqlite3.connect(data_dir / "history.sqlite3")
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    raw.close()
    with HistoryStore.open(data_dir) as store:
        unfinished = store.unfinished_session()
        assert unfinished is not None
        kept = {step.id for step in store.steps_of(unfinished.id)}
        assert set(committed) <= kept
        assert [f for f in check(store) if f.severity == "problem"] == []


@pytest.mark.slow
def test_two_processes_write_at_once_without_locking_errors(data_dir: Path) -> None:
    HistoryStore.open(data_dir).close()
    writers = [_writer(data_dir, sessions=40, steps=5, routine=name) for name in ("a", "b")]
    _go(*writers)
    outputs = [writer.communicate(timeout=120) for writer in writers]
    for writer, (_, stderr) in zip(writers, outputs, strict=True):
        assert "locked" not in stderr
        assert writer.returncode == 0, stderr
    with HistoryStore.open(data_dir) as store:
        assert store.count_all() == {"screenings": 0, "sessions": 80, "steps": 400}
        assert store.count_sessions(routine_id="a") == store.count_sessions(routine_id="b") == 40
        assert check(store) == []
