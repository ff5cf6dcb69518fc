"""Two solecheck processes recording sessions on one data folder at the same time: no "database is
locked" failure, neither offers the other's live session for resume, and both sessions complete."""

from __future__ import annotations

from pathlib import Path

from solecheck.packs.pack import Pack
from tests.faults.app_process import record_proceed_screening
from tests.faults.plain_driver import PlainProcess, integrity, query


def test_two_plain_processes_record_sessions_at_once(tmp_path: Path, builtin_pack: Pack) -> None:
    data_dir = tmp_path / "data"
    record_proceed_screening(data_dir, builtin_pack)
    first, second = PlainProcess(data_dir), PlainProcess(data_dir)
    try:
        running = [first, second]
        while running:  # answer them in turn, so their writes interleave
            running = [process for process in running if process.step(timeout=20)]
        assert first.process.wait(5) == 0 and second.process.wait(5) == 0
        errors = first.stderr() + second.stderr()
        assert errors == "", errors
    finally:
        first.close()
        second.close()
    for process in (first, second):
        assert not any(line.startswith("An unfinished session") for line in process.lines)
        assert any(line.endswith(": completed.") for line in process.lines)
    assert integrity(data_dir) == "ok"
    sessions = query(data_dir, "SELECT id, status FROM sessions")
    assert [status for _, status in sessions] == ["completed", "completed"]
    for session_id, _ in sessions:
        [(steps,)] = query(data_dir, "SELECT count(DISTINCT position) FROM steps WHERE session_id = ?", session_id)
        assert steps == first.total
