"""``solecheck reminders`` as a subprocess: a private .ics file, and one clear line for bad input."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from icalendar import Calendar

from tests.faults.unprivileged import needs_unprivileged_user, owned_folder, run_as_user

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess

__all__ = ["owned_folder"]


def run(*args: str, tz: str = "America/Toronto") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": tz}
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_writes_a_private_calendar_of_the_builtin_pack_schedules(tmp_path: Path) -> None:
    target = tmp_path / "mine.ics"
    result = run("reminders", "-o", str(target), "--time", "07:15")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote reminders for 2 routines to {target}; import it into your calendar app"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    calendar = Calendar.from_ical(target.read_bytes())
    rules = {str(e.get("uid")): e.get("rrule")["BYDAY"] for e in calendar.events}
    assert rules == {
        "thrive-now.foot-first.foot-to-spine@reminders.solecheck": ["MO", "TU", "WE", "TH", "FR"],
        "thrive-now.foot-first.sole-only@reminders.solecheck": ["TU", "TH", "SA"],
    }
    for event in calendar.events:
        start = event.get("dtstart").dt
        assert (start.hour, start.minute, str(start.tzinfo)) == (7, 15, "America/Toronto")


def test_one_routine_to_standard_output() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", "reminders", "--routine", "sole-only", "-o", "-"],
        capture_output=True, timeout=60, env={**os.environ, "TZ": "Europe/Paris"},
    )
    assert result.returncode == 0, result.stderr
    (event,) = Calendar.from_ical(result.stdout).events
    assert str(event.get("summary")) == "Sole reset: time for your routine"
    assert str(event.get("dtstart").dt.tzinfo) == "Europe/Paris"


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    return lines[-1]


def test_an_unknown_routine_is_one_clear_line() -> None:
    result = run("reminders", "--routine", "nope", "-o", "-")
    assert result.returncode == 1 and result.stdout == ""
    line = one_line(result)
    assert line.startswith("solecheck: error: the pack thrive-now.foot-first@")
    assert line.endswith(" has no routine 'nope' (its routines: foot-to-spine, sole-only)")


@pytest.mark.parametrize("bad", ["25:00", "7", "07:5", "noon"])
def test_a_bad_time_is_a_usage_error(bad: str) -> None:
    result = run("reminders", "--time", bad, "-o", "-")
    assert result.returncode == 2
    assert one_line(result).endswith(f"argument --time: expected a time as HH:MM, 24-hour, e.g. 07:30 or 18:00; "
                                     f"got {bad!r}")


def test_a_folder_as_output_is_refused(tmp_path: Path) -> None:
    result = run("reminders", "-o", str(tmp_path))
    assert result.returncode == 1
    assert one_line(result) == f"solecheck: error: {tmp_path} is a folder; give a file name"


@needs_unprivileged_user
def test_an_unwritable_output_is_one_clear_line(owned_folder: Path) -> None:
    locked = owned_folder / "locked"
    locked.mkdir()
    if os.geteuid() == 0:
        os.chown(locked, 65534, 65534)
    locked.chmod(0o500)
    result = run_as_user(["reminders", "-o", str(locked / "r.ics")], owned_folder)
    assert result.returncode == 1, result.stderr
    assert one_line(result) == f"solecheck: error: cannot write {locked / 'r.ics'}: Permission denied"
    assert list(locked.iterdir()) == []
