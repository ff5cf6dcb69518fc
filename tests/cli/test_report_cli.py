"""``solecheck history report`` as a subprocess: a private PDF, and one clear line for bad input and for a
history that can't be read."""

from __future__ import annotations

import io
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from solecheck.history.store import HistoryStore
from tests.faults.unprivileged import needs_unprivileged_user, owned_folder, run_as_user
from tests.history.damage import leaf_pages, overwrite_page, settle
from tests.history.records_factory import session, step

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess

__all__ = ["owned_folder"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": "America/Toronto"}
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, env=env, cwd=cwd
    )


def seed(data_dir: Path, sessions: int = 6) -> None:
    start = datetime.now(UTC) - timedelta(days=sessions)
    with HistoryStore.open(data_dir) as store:
        for number in range(sessions):
            record = session(pack_id="thrive-now.foot-first", routine_id="foot-to-spine",
                             routine_title="Foot to spine", started_at=start + timedelta(days=number),
                             utc_offset_min=-300, zone="America/Toronto")
            store.start_session(record)
            store.record_step(step(record.id, 0, pain=number % 4, note="Heel fine" if number == 2 else None,
                                   ended_at=record.started_at + timedelta(minutes=1)))
            status = "stopped_user" if number == 3 else "completed"
            store.finish_session(record.id, status, ended_at=record.started_at + timedelta(minutes=10),
                                 stop_reason="Doorbell" if number == 3 else None)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, result.stdout
    return lines[-1]


def test_writes_a_private_report_in_this_folder_by_default(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir)
    result = run("history", "report", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (written,) = tmp_path.glob("solecheck-report-*.pdf")
    assert result.stdout.strip() == f"wrote your progress report to {written.name}"
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(written.read_bytes())).pages).split())
    assert "Progress report" in text and "6 sessions in this period." in text
    assert "Foot to spine: prescribed 5 times a week." in text
    assert "stopped by you: Doorbell" in text and "Foot to spine, Exercise 0: Heel fine" in text


def test_since_and_output(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir)
    target = tmp_path / "mine.pdf"
    since = (datetime.now(UTC) - timedelta(days=2)).date().isoformat()
    result = run("history", "report", "--since", since, "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert target.read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("bad", ["29/11/2026", "2026-13-01", "yesterday"])
def test_a_bad_date_is_a_usage_error(bad: str) -> None:
    result = run("history", "report", "--since", bad)
    assert result.returncode == 2
    assert one_line(result).endswith(
        f"argument --since: expected a date as YYYY-MM-DD, e.g. 2026-09-01; got {bad!r}"
    )


def test_a_date_after_today_is_refused(data_dir: Path) -> None:
    seed(data_dir)
    result = run("history", "report", "--since", "2999-01-01")
    assert result.returncode == 1
    assert one_line(result).startswith("solecheck: error: --since 2999-01-01 is after today (")


def test_a_folder_as_output_is_refused(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir)
    result = run("history", "report", "-o", str(tmp_path))
    assert result.returncode == 1
    assert one_line(result) == f"solecheck: error: {tmp_path} is a folder; give a file name"


def test_no_history_yet_writes_nothing(data_dir: Path, tmp_path: Path) -> None:
    result = run("history", "report", cwd=tmp_path)
    assert result.returncode == 0
    assert "No sessions yet" in result.stdout and list(tmp_path.iterdir()) == []
    assert not (data_dir / "history.sqlite3").exists()


def test_a_damaged_history_is_one_clear_line(data_dir: Path, tmp_path: Path) -> None:
    seed(data_dir, sessions=40)
    database = data_dir / "history.sqlite3"
    settle(database)
    overwrite_page(database, leaf_pages(database, "sessions")[0])
    result = run("history", "report", "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("solecheck: error: ") and str(database) in line
    assert not (tmp_path / "r.pdf").exists()


def test_a_foreign_file_is_one_clear_line(data_dir: Path, tmp_path: Path) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "history.sqlite3").write_text("this is my shopping list\n")
    result = run("history", "report", "-o", str(tmp_path / "r.pdf"))
    assert result.returncode == 1
    assert "is not a solecheck history database" in one_line(result)


@needs_unprivileged_user
def test_a_read_only_history_still_gives_its_report_and_an_unwritable_output_one_line(owned_folder: Path) -> None:
    data = owned_folder / "data"
    seed(data)
    if os.geteuid() == 0:
        for path in [data, *data.rglob("*")]:
            os.chown(path, 65534, 65534)
    for path in data.iterdir():
        path.chmod(0o400)
    data.chmod(0o500)
    report = owned_folder / "report.pdf"
    result = run_as_user(["--data-dir", str(data), "history", "report", "-o", str(report)], owned_folder)
    assert result.returncode == 0, result.stderr
    assert report.read_bytes().startswith(b"%PDF")
    locked = owned_folder / "locked"
    locked.mkdir()
    if os.geteuid() == 0:
        os.chown(locked, 65534, 65534)
    locked.chmod(0o500)
    refused = run_as_user(["--data-dir", str(data), "history", "report", "-o", str(locked / "r.pdf")], owned_folder)
    assert refused.returncode == 1
    assert one_line(refused) == f"solecheck: error: cannot write {locked / 'r.pdf'}: Permission denied"


def test_summary_says_prescribed_sessions_done(data_dir: Path) -> None:
    seed(data_dir)
    result = run("history", "summary")
    assert result.returncode == 0, result.stderr
    assert "Prescribed sessions done: " in result.stdout
    assert "  Foot to spine (prescribed 5 times a week): this week " in result.stdout
    import json

    document = json.loads(run("history", "summary", "--json").stdout)
    (entry,) = [e for e in document["prescribed"] if e["routine_id"] == "foot-to-spine"]
    assert entry["per_week"] == 5 and entry["done"] <= entry["prescribed"]


@needs_unprivileged_user
def test_an_unreadable_history_is_one_clear_line(owned_folder: Path) -> None:
    data = owned_folder / "data"
    seed(data)
    if os.geteuid() == 0:
        for path in [data, *data.rglob("*")]:
            os.chown(path, 65534, 65534)
    (data / "history.sqlite3").chmod(0o000)
    result = run_as_user(["--data-dir", str(data), "history", "report", "-o", str(owned_folder / "r.pdf")],
                         owned_folder)
    assert result.returncode == 1, result.stdout
    line = one_line(result)
    assert line.startswith("solecheck: error: ") and "history.sqlite3" in line
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (owned_folder / "r.pdf").exists()
