"""A damaged history (a page of the steps table overwritten, or the end of the file cut off, in a
copy): nothing writes into it, backup refuses it, check advises the action that loses nothing, and
recover gets every readable record out, counting what it could not read."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from solecheck.history.recover import recover
from solecheck.history.store import DamagedHistory, HistoryStore
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from tests.conftest import FakeClock
from tests.history.damage import cells_on, cut_end, leaf_pages, overwrite_page, settle
from tests.history.records_factory import session, step

SESSIONS, STEPS_EACH = 20, 10
NOTE = "felt the stretch along the arch " * 3


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60,
        env={**os.environ, "TZ": "UTC"},
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def healthy(data_dir: Path) -> Path:
    """A history of 20 sessions of 10 steps each, settled into one file."""
    with HistoryStore.open(data_dir) as store:
        for _ in range(SESSIONS):
            record = session(planned_steps=STEPS_EACH)
            store.start_session(record)
            for position in range(STEPS_EACH):
                store.record_step(step(record.id, position, note=NOTE, pain=position % 4))
            store.finish_session(record.id, "completed")
    database = data_dir / "history.sqlite3"
    settle(database)
    return database


def bad_page(database: Path) -> int:
    """Overwrite a middle leaf page of the steps table; returns how many steps it held."""
    leaves = leaf_pages(database, "steps")
    assert len(leaves) >= 3
    victim = leaves[len(leaves) // 2]
    held = cells_on(database, victim)
    overwrite_page(database, victim)
    return held


def cut(database: Path) -> int:
    cut_end(database, 4000)
    return 0


DAMAGES: dict[str, Callable[[Path], int]] = {"bad page": bad_page, "cut short": cut}


@pytest.mark.parametrize("damage", DAMAGES)
def test_nothing_is_written_into_a_damaged_history(healthy: Path, damage: str) -> None:
    DAMAGES[damage](healthy)
    before = digest(healthy)
    with HistoryStore(healthy) as store:
        with pytest.raises(DamagedHistory, match=r"does not write into it.*history recover"):
            store.start_session(session())
        with pytest.raises(DamagedHistory):  # and again, without a second check
            store.record_step(step("x", 0))
    assert digest(healthy) == before


@pytest.mark.parametrize("damage", DAMAGES)
def test_a_session_recorded_into_a_damaged_history_is_kept_in_the_journal_and_recovered(
    healthy: Path, damage: str, builtin_pack, clock: FakeClock, tmp_path: Path  # type: ignore[no-untyped-def]
) -> None:
    DAMAGES[damage](healthy)
    before = digest(healthy)
    with HistoryStore(healthy) as store:
        engine, recorder = start_session(store, build_plan(builtin_pack, builtin_pack.routine("sole-only")), clock)
        engine.start()
        engine.finish_step()
        engine.finish_step()
        engine.record_pain(2)
        assert recorder.pending and isinstance(recorder.error, DamagedHistory)
        journal = recorder.kept_in_journal
        assert journal is not None and journal.exists()
        assert str(journal) in recorder.keeping_note() and "history recover" in recorder.keeping_note()
    assert digest(healthy) == before
    report = recover(healthy, tmp_path / "recovered")
    assert report.from_journals == 2  # the session and its step
    with HistoryStore(report.database) as store:
        assert store.get_session(recorder.session_id) is not None
        assert [s.pain for s in store.steps_of(recorder.session_id)] == [2]


def test_recover_copies_every_readable_record_and_counts_the_rest(healthy: Path, tmp_path: Path) -> None:
    lost = bad_page(healthy)
    before = digest(healthy)
    report = recover(healthy, tmp_path / "recovered")
    assert digest(healthy) == before  # the damaged file is left as it was
    assert report.unreadable == {"screenings": 0, "sessions": 0, "steps": lost} and lost > 0
    assert report.copied == {"screenings": 0, "sessions": SESSIONS, "steps": SESSIONS * STEPS_EACH - lost}
    with HistoryStore(report.database) as store:
        assert store.count_all()["steps"] == SESSIONS * STEPS_EACH - lost
        assert store.check() == []
    exported = json.loads(report.export.read_text(encoding="utf-8"))
    assert len(exported["steps"]) == SESSIONS * STEPS_EACH - lost and len(exported["sessions"]) == SESSIONS
    assert (report.export.stat().st_mode & 0o777) == 0o600


def test_recover_of_a_file_cut_short_keeps_what_is_before_the_cut(healthy: Path, tmp_path: Path) -> None:
    cut_end(healthy, 4000)
    report = recover(healthy, tmp_path / "recovered")
    total = SESSIONS + SESSIONS * STEPS_EACH
    assert sum(report.copied.values()) + report.lost == total
    assert report.copied["sessions"] + report.copied["steps"] > 0


def test_cli_refuses_to_import_into_or_back_up_a_damaged_history(healthy: Path, tmp_path: Path) -> None:
    data = healthy.parent
    export = tmp_path / "export.json"
    assert run("--data-dir", str(data), "history", "export", "-o", str(export)).returncode == 0
    bad_page(healthy)
    before = digest(healthy)
    result = run("--data-dir", str(data), "history", "import", str(export))
    assert result.returncode == 1 and "damaged" in result.stderr and "history recover" in result.stderr
    result = run("--data-dir", str(data), "history", "backup")
    assert result.returncode == 1 and "no backup was made" in result.stderr
    assert not list((data / "backups").glob("*")) if (data / "backups").exists() else True
    assert digest(healthy) == before


def test_check_advises_recover_which_loses_nothing(healthy: Path) -> None:
    bad_page(healthy)
    result = run("--data-dir", str(healthy.parent), "history", "check")
    assert result.returncode == 1
    last = result.stderr.strip().splitlines()[-1]
    assert "history recover" in last and "restore your latest backup" not in last


def test_cli_recover_names_what_it_copied_and_what_it_could_not_read(healthy: Path, tmp_path: Path) -> None:
    lost = bad_page(healthy)
    target = tmp_path / "out"
    result = run("--data-dir", str(healthy.parent), "history", "recover", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert f"recovered {SESSIONS} sessions, {SESSIONS * STEPS_EACH - lost} steps" in result.stdout
    assert f"could not be read: {lost} steps" in result.stdout
    assert (target / "history.sqlite3").exists() and (target / "history-export.json").exists()
    again = run("--data-dir", str(healthy.parent), "history", "recover", "-o", str(target))
    assert again.returncode == 1 and "already exists" in again.stderr


def test_two_backups_in_one_second_get_two_names(healthy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from solecheck.cli import main

    data = str(healthy.parent)
    assert main(["--data-dir", data, "history", "backup"]) == 0
    assert main(["--data-dir", data, "history", "backup"]) == 0
    backups = sorted((healthy.parent / "backups").iterdir())
    assert len(backups) == 2, capsys.readouterr()
    for backup in backups:
        conn = sqlite3.connect(backup)
        assert conn.execute("SELECT count(*) FROM steps").fetchone()[0] == SESSIONS * STEPS_EACH
        conn.close()
