"""``solecheck session --plain`` as a person or a script runs it: a subprocess fed on standard input."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTIN_PACK

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess


PROCEED = "n\nn\nn\nn\n1\ny\n"
"""Screening answers with nothing to report, then 'save'."""


def run(data_dir: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "--pack", str(BUILTIN_PACK),
         "session", "--plain", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
    )


def rows(data_dir: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(data_dir / "history.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def test_short_routine_runs_from_a_script_and_is_recorded(tmp_path: Path) -> None:
    data = tmp_path / "data"
    # For each foot: Enter starts now, Enter ends the step early, then the pain rating.
    result = run(data, "--routine", "sole-only", stdin=PROCEED + "\n\n2\n\n\n4\n")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    out = result.stdout.splitlines()
    assert "Question 5 of 5: Can you get down onto the floor and back up comfortably?" in out
    assert "Step 1 of 2: Sole roll on a ball, left side: 90 seconds." in out
    assert "Step 2 of 2: Sole roll on a ball, right side: 90 seconds." in out
    assert "Sole reset: completed." in out and "Highest pain: 4 out of 10." in out
    assert "\x1b" not in result.stdout  # no cursor tricks, no colours
    sessions = rows(data, "SELECT routine_id, status, planned_steps FROM sessions")
    assert sessions == [("sole-only", "completed", 2)]
    steps = rows(data, "SELECT position, side, status, pain, actual_s < 5 FROM steps ORDER BY position")
    assert steps == [(0, "left", "done", 2, 1), (1, "right", "done", 4, 1)]


def test_end_of_input_mid_session_stops_it_cleanly(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, "--routine", "sole-only", stdin=PROCEED + "\n\n1\n")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "saved as interrupted" in result.stdout
    assert rows(data, "SELECT status FROM sessions") == [("interrupted",)]
    assert rows(data, "SELECT count(*) FROM steps") == [(1,)]


def test_stop_outcome_ends_with_the_clinic_and_no_session(tmp_path: Path) -> None:
    data = tmp_path / "data"
    result = run(data, stdin="y\nn\nn\nn\n1\ny\n")
    assert result.returncode == 0, result.stderr
    assert "Outcome: Not today: contact the clinic." in result.stdout
    assert "Your clinic: Thrive Now Physiotherapy" in result.stdout
    assert rows(data, "SELECT outcome FROM screenings") == [("stop",)]
    assert rows(data, "SELECT count(*) FROM sessions") == [(0,)]


def test_unknown_routine_is_invalid_input(tmp_path: Path) -> None:
    result = run(tmp_path / "data", "--routine", "nope", stdin="")
    assert result.returncode == 1
    assert "has no routine 'nope'" in result.stderr and "sole-only" in result.stderr
    assert "Traceback" not in result.stderr
