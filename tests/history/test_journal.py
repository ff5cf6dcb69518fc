"""The unsaved-session journal and lock files beside the history: a session the history could not
take is replayed by the next start, exactly once; lock files of dead processes are removed, live
ones never."""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from solecheck.history import journal
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import SessionClaim, find_resumable, start_session
from tests.conftest import FakeClock
from tests.faults.full_disk import fill_disk


def _session_kept_in_a_journal(data_dir: Path, pack: Pack, clock: FakeClock) -> tuple[str, Path]:
    """A session whose steps and end could not be written (full disk) when its process ended."""
    with HistoryStore.open(data_dir) as store:
        disk = fill_disk(store)
        plan = build_plan(pack, pack.routine("sole-only"))
        engine, recorder = start_session(store, plan, clock)
        disk.full = True
        engine.start()
        for pain in (2, 3):
            engine.finish_step()
            engine.finish_step()
            engine.record_pain(pain)
        assert recorder.finish_from(engine) is False
        kept = recorder.kept_in_journal
        assert kept is not None
        assert recorder.claim is not None
        recorder.claim.release()  # the process ends here, the session unsaved
    return recorder.session_id, kept


def test_the_next_start_saves_a_journaled_session_exactly_once(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    session_id, kept = _session_kept_in_a_journal(data_dir, builtin_pack, clock)
    entries = journal.read_entries(kept)
    assert [entry["op"] for entry in entries] == ["session", "step", "step", "end"]
    assert (kept.stat().st_mode & 0o777) == 0o600
    with HistoryStore.open(data_dir) as store:
        session = store.get_session(session_id)
        assert session is not None and session.status == "completed"
        assert [s.pain for s in store.steps_of(session_id)] == [2, 3]
    assert not kept.exists()
    kept.write_text("".join(__import__("json").dumps(e) + "\n" for e in entries))  # as if a crash left it
    with HistoryStore.open(data_dir) as store:
        assert store.count_all()["steps"] == 2 and store.count_all()["sessions"] == 1
    assert not kept.exists()


def test_a_journal_cut_short_by_a_crash_gives_what_is_whole(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    session_id, kept = _session_kept_in_a_journal(data_dir, builtin_pack, clock)
    text = kept.read_text()
    kept.write_text(text[: text.rindex('{"op": "step"') + 20])  # the last step line cut in half
    with HistoryStore.open(data_dir) as store:
        assert [s.pain for s in store.steps_of(session_id)] == [2]
        session = store.get_session(session_id)
        assert session is not None and session.status == "running"  # resumable: the end was lost
        assert find_resumable(store, builtin_pack.id) is not None


def test_a_journal_of_a_session_a_live_process_records_is_left_alone(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    session_id, kept = _session_kept_in_a_journal(data_dir, builtin_pack, clock)
    database = data_dir / "history.sqlite3"
    lock = journal.lock_path(database, session_id)
    fd = os.open(lock, os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with HistoryStore.open(data_dir) as store:
            assert store.steps_of(session_id) == []
        assert kept.exists() and lock.exists()
    finally:
        os.close(fd)
    with HistoryStore.open(data_dir) as store:
        assert len(store.steps_of(session_id)) == 2
    assert not lock.exists()


def test_lock_files_of_killed_processes_are_removed_and_live_ones_kept(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as store:
        database = store.path
        live = SessionClaim.take(store, "live")
        assert live is not None
    script = textwrap.dedent(
        f"""
        import os, sys, time
        from pathlib import Path
        from solecheck.history.store import HistoryStore
        from solecheck.session.recorder import SessionClaim
        store = HistoryStore(Path({str(database)!r}))
        claim = SessionClaim.take(store, sys.argv[1])
        print("claimed" if claim else "not", flush=True)
        time.sleep(60)
        """
    )
    for number in range(6):
        child = subprocess.Popen(
            [sys.executable, "-c", script, f"killed{number}"], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline().strip() == "claimed"
        child.send_signal(signal.SIGKILL)
        child.wait()
    # Each child's start removed the lock file its killed predecessor left: only the last one is left.
    assert sorted(path.name for path in data_dir.glob("*.lock")) == [
        f"{database.name}.killed5.lock", f"{database.name}.live.lock"
    ]
    with HistoryStore.open(data_dir):
        pass
    assert [path.name for path in data_dir.glob("*.lock")] == [f"{database.name}.live.lock"]
    live.release()
