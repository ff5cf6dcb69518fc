"""``solecheck history`` as a person runs it: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from tests.conftest import FakeClock
from tests.history.records_factory import T0, screening, session, step

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": "UTC"}
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, env=env
    )


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def seeded(data_dir: Path) -> Path:
    with HistoryStore.open(data_dir) as store:
        taken = screening()
        store.record_screening(taken)
        for day, status in enumerate(("completed", "stopped_pain", "running")):
            record = session(
                started_at=T0 + timedelta(days=day), screening_id=taken.id, routine_title=f"Routine {day} [b]x[/b]"
            )
            store.start_session(record)
            store.record_step(step(record.id, 0, pain=day * 3))
            store.record_step(step(record.id, 1, status="skipped"))
            if status != "running":
                store.finish_session(record.id, status, ended_at=record.started_at + timedelta(minutes=75 * day + 12))
    return data_dir


def test_empty_history_says_what_to_do_and_creates_nothing(data_dir: Path) -> None:
    result = run("history")
    assert result.returncode == 0, result.stderr
    assert "No sessions yet" in result.stdout
    assert not (data_dir / "history.sqlite3").exists()
    assert json.loads(run("history", "--json").stdout) == []


def test_list_is_newest_first_with_summary_columns(seeded: Path) -> None:
    result = run("history")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["Date", "Routine", "Duration", "Steps", "Pain", "Status"]
    assert lines[1].startswith("2026-03-04 08:00  Routine 2 [b]x[/b]")
    assert lines[1].rstrip().endswith("in progress")
    assert "1 h 27 min" in lines[2] and "stopped for pain" in lines[2] and " 3 " in lines[2]
    assert "12 min" in lines[3] and "1/4" in lines[3] and "completed" in lines[3]


def test_list_limit_and_json(seeded: Path) -> None:
    result = run("history", "--json", "--limit", "2")
    assert result.returncode == 0, result.stderr
    sessions = json.loads(result.stdout)
    assert [s["status"] for s in sessions] == ["running", "stopped_pain"]
    assert sessions[1]["max_pain"] == 3 and sessions[1]["steps_done"] == 1 and sessions[1]["steps_planned"] == 4
    assert sessions[1]["duration_s"] == 87 * 60


@pytest.mark.parametrize("limit", ["0", "-3", "many"])
def test_a_bad_limit_is_a_usage_error(limit: str) -> None:
    result = run("history", "--limit", limit)
    assert result.returncode == 2
    assert "--limit" in result.stderr


def test_data_dir_works_after_the_subcommand(seeded: Path, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    assert "No sessions yet" in run("history", "--data-dir", str(other)).stdout
    result = run("history", "export", "--data-dir", str(seeded))
    assert len(json.loads(result.stdout)["sessions"]) == 3


def test_export_json_to_stdout_and_to_a_private_file(seeded: Path, tmp_path: Path) -> None:
    result = run("history", "export", "--format", "json")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "solecheck-history"
    assert [len(document[k]) for k in ("screenings", "sessions", "steps")] == [1, 3, 6]
    target = tmp_path / "out.json"
    result = run("history", "export", "-o", str(target))
    assert result.returncode == 0, result.stderr
    assert "exported 3 sessions, 6 steps" in result.stderr
    assert json.loads(target.read_text())["sessions"] == document["sessions"]
    assert _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no partial file left


def test_export_csv_for_spreadsheets(seeded: Path, tmp_path: Path) -> None:
    stdout = run("history", "export", "--format", "csv").stdout
    assert stdout.startswith("session_id,")
    target = tmp_path / "out.csv"
    assert run("history", "export", "--format", "csv", "-o", str(target)).returncode == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM tells spreadsheets the file is UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 6
    assert rows[0]["routine_title"] == "Routine 0 [b]x[/b]"


def test_export_to_a_folder_is_refused(seeded: Path, tmp_path: Path) -> None:
    result = run("history", "export", "-o", str(tmp_path))
    assert result.returncode == 1
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_export_format_is_a_usage_error() -> None:
    assert run("history", "export", "--format", "xml").returncode == 2


def test_import_then_import_again(seeded: Path, tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    assert run("history", "export", "-o", str(export)).returncode == 0
    other = tmp_path / "other"
    first = run("history", "import", str(export), "--data-dir", str(other))
    assert first.returncode == 0, first.stderr
    assert "added 1 screening, 3 sessions, 6 steps" in first.stdout
    second = run("history", "import", str(export), "--data-dir", str(other))
    assert second.returncode == 0
    assert "added 0 screenings, 0 sessions, 0 steps; 10 records already in the history" in second.stdout
    theirs = json.loads(run("history", "export", "--data-dir", str(other)).stdout)
    mine = json.loads(run("history", "export").stdout)
    assert {k: v for k, v in theirs.items() if k != "exported_at"} == {
        k: v for k, v in mine.items() if k != "exported_at"
    }


def test_a_malformed_import_is_refused_and_changes_nothing(seeded: Path, tmp_path: Path) -> None:
    document = json.loads(run("history", "export").stdout)
    document["steps"][2]["pain"] = "seven"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    other = tmp_path / "other"
    result = run("history", "import", str(bad), "--data-dir", str(other))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"steps[2] (id '{document['steps'][2]['id']}'): field 'pain'" in result.stderr
    assert "nothing was imported" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run("history", "--json", "--data-dir", str(other)).stdout) == []


def test_import_of_a_missing_file(tmp_path: Path) -> None:
    result = run("history", "import", str(tmp_path / "missing.json"))
    assert result.returncode == 1
    assert "cannot read" in result.stderr


def test_import_needs_a_file() -> None:
    assert run("history", "import").returncode == 2


def test_backup_default_and_named(seeded: Path, tmp_path: Path) -> None:
    result = run("history", "backup")
    assert result.returncode == 0, result.stderr
    (copy,) = (seeded / "backups").glob("history-*.sqlite3")
    assert str(copy) in result.stdout
    assert _mode(copy) == 0o600 and _mode(seeded / "backups") == 0o700
    with HistoryStore(copy) as store:
        assert store.count_all() == {"screenings": 1, "sessions": 3, "steps": 6}
    named = tmp_path / "mine.sqlite3"
    assert run("history", "backup", "-o", str(named)).returncode == 0
    again = run("history", "backup", "-o", str(named))
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_backup_with_no_history(data_dir: Path) -> None:
    result = run("history", "backup")
    assert result.returncode == 1
    assert "no history to back up" in result.stderr


def test_check_ok_and_notes(seeded: Path) -> None:
    result = run("history", "check")
    assert result.returncode == 0, result.stderr
    assert "ok (integrity and foreign keys checked; 3 sessions, 6 steps" in result.stdout
    assert "still marked running" in result.stdout


def test_check_calls_a_clock_set_back_mid_session_a_note_and_advises_no_restore(seeded: Path) -> None:
    # A session recorded by an older solecheck while the clock was set back 3 h: it "ends before it starts".
    conn = sqlite3.connect(seeded / "history.sqlite3")
    conn.execute(
        "UPDATE sessions SET ended_at = '2026-01-01T07:00:00.000000+00:00', started_at = "
        "'2026-01-01T09:50:00.000000+00:00' WHERE id = (SELECT id FROM sessions WHERE ended_at IS NOT NULL LIMIT 1)"
    )
    conn.commit()
    conn.close()
    result = run("history", "check")
    assert result.returncode == 0, result.stderr
    assert "note: the computer's clock moved during session" in result.stdout
    assert "its steps are fine, only its times are off" in result.stdout
    assert "restore" not in result.stdout + result.stderr


def test_check_with_no_history(data_dir: Path) -> None:
    result = run("history", "check")
    assert result.returncode == 0
    assert "nothing to check" in result.stdout


def test_check_reports_problems_with_exit_code_1(seeded: Path) -> None:
    conn = sqlite3.connect(seeded / "history.sqlite3")
    conn.execute(
        "INSERT INTO steps (id, session_id, position, exercise_id, exercise_title, region, status, set_index,"
        " ended_at) VALUES ('orphan', 'ghost', 0, 'e', 'E', 'r', 'done', 1, '2026-01-01T00:00:00.000000+00:00')"
    )
    conn.commit()
    conn.close()
    result = run("history", "check")
    assert result.returncode == 1
    assert "problem: steps row" in result.stderr and "missing sessions record" in result.stderr
    assert "1 problem found" in result.stderr


@pytest.mark.parametrize("command", [("history",), ("history", "check"), ("history", "export")])
def test_a_foreign_file_is_one_clear_error(data_dir: Path, command: tuple[str, ...]) -> None:
    data_dir.mkdir(parents=True)
    (data_dir / "history.sqlite3").write_text("this is my shopping list\n")
    result = run(*command)
    assert result.returncode == 1
    assert "is not a solecheck history database" in result.stderr
    assert "Traceback" not in result.stderr
    assert (data_dir / "history.sqlite3").read_text() == "this is my shopping list\n"


def test_summary_is_the_panes_trends_with_each_session_on_its_own_local_day(
    data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from solecheck.history.trends import trends
    from tests.history.test_local_days import record_daily

    toronto = ZoneInfo("America/Toronto")
    today = datetime.now(toronto).date()
    with HistoryStore.open(data_dir) as store:
        count = record_daily(store, builtin_pack, clock, toronto, today - timedelta(days=40), today, time(0, 30))
        expected = trends(store, today, datetime.now(toronto).utcoffset() or timedelta(0)).to_json()
    env = {**os.environ, "TZ": "America/Toronto"}
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", "history", "summary", "--json"], capture_output=True, text=True,
        timeout=60, env=env,
    )
    assert result.returncode == 0, result.stderr
    if datetime.now(toronto).date() != today:
        pytest.skip("midnight passed in Toronto while the test ran")
    assert json.loads(result.stdout) == expected
    assert expected["streak_days"] == count == 41 and expected["today"] == today.isoformat()
    listed = subprocess.run(
        [sys.executable, "-m", "solecheck", "history", "--limit", "41"], capture_output=True, text=True,
        timeout=60, env=env,
    )
    times = {line.split()[1] for line in listed.stdout.splitlines()[1:]}
    assert times == {"00:30"}
    text = subprocess.run(
        [sys.executable, "-m", "solecheck", "history", "summary"], capture_output=True, text=True, timeout=60, env=env
    )
    assert "Streak: 41 days in a row" in text.stdout
