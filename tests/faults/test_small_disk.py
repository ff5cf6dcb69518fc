"""A real small file system (a 256 KiB tmpfs mounted for the test; skipped where mounting is not
permitted), filled up: a healthy history on a full disk is called full, never damaged, and a session
written while the disk is full is saved, once, when space is freed. The injected SQLITE_FULL tests
(``test_disk_full.py``) cover the frontends' words on every machine."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from tests.conftest import FakeClock
from tests.history.damage import settle
from tests.history.records_factory import session, step

SIZE = "256k"


@pytest.fixture
def small_disk() -> Iterator[Path]:
    """A fresh tmpfs of 256 KiB, unmounted afterwards."""
    if os.name != "posix" or shutil.which("mount") is None:
        pytest.skip("no mount command here")
    point = Path(tempfile.mkdtemp(prefix="solecheck-small-disk-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={SIZE},mode=0700", "tmpfs", str(point)],
        capture_output=True, text=True, check=False,
    )
    if mounted.returncode != 0:
        point.rmdir()
        pytest.skip(f"mounting a small file system is not permitted here: {mounted.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=False)
        point.rmdir()


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill ``disk`` with one file until at most ``leave`` bytes are free; returns the file."""
    filler = disk / "filler"
    with filler.open("ab") as out:
        while True:
            stats = os.statvfs(disk)
            free = stats.f_bavail * stats.f_frsize
            if free <= leave:
                break
            try:
                out.write(b"\0" * min(4096, free - leave))
                out.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC
                break
    return filler


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_healthy_history_on_a_full_disk_is_called_full_not_damaged(small_disk: Path, tmp_path: Path) -> None:
    source = tmp_path / "made"
    with HistoryStore.open(source) as store:
        record = session()
        store.start_session(record)
        store.record_step(step(record.id, 0))
    settle(source / "history.sqlite3")
    data = small_disk / "data"
    data.mkdir(mode=0o700)
    shutil.copy(source / "history.sqlite3", data / "history.sqlite3")
    before = digest(data / "history.sqlite3")
    fill(small_disk, leave=8 * 1024)
    for command in (["history"], ["history", "check"], ["history", "export"]):
        result = subprocess.run(
            [sys.executable, "-m", "solecheck", "--data-dir", str(data), *command],
            capture_output=True, text=True, timeout=60, check=False,
        )
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        [line] = result.stderr.strip().splitlines()
        assert "is full; free some space" in line, line
        assert "damaged" not in line and "not a solecheck history" not in line and "unexpected" not in line
    assert digest(data / "history.sqlite3") == before


def test_a_session_written_while_the_disk_is_full_is_saved_once_when_space_is_freed(
    small_disk: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    data = small_disk / "data"
    with HistoryStore.open(data) as store:
        plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
        engine, recorder = start_session(store, plan, clock)
        assert not recorder.pending
        filler = fill(small_disk)
        engine.start()
        for pain in (2, 3):
            engine.finish_step()
            engine.finish_step()
            engine.record_pain(pain)
        assert recorder.finish_from(engine) is False
        assert "is full; free some space" in str(recorder.error) and "damaged" not in str(recorder.error)
        assert recorder.save() is False  # still full: still kept
        filler.unlink()
        assert recorder.save() and not recorder.pending
        assert recorder.save()  # nothing left: nothing written twice
        [summary] = store.session_summaries()
        assert (summary.status, summary.steps_done) == ("completed", 2)
        assert [s.pain for s in store.steps_of(summary.id)] == [2, 3]
    conn = sqlite3.connect(data / "history.sqlite3")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert not list(data.glob("*.journal.jsonl"))
