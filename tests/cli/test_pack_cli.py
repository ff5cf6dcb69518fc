"""The pack CLI as a person runs it: a subprocess, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTIN_PACK

pytestmark = pytest.mark.slow  # every test here runs the CLI in a subprocess


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def broken_copy(tmp_path: Path) -> Path:
    pack = tmp_path / "broken"
    shutil.copytree(BUILTIN_PACK, pack)
    text = (pack / "exercises.toml").read_text()
    (pack / "exercises.toml").write_text(text.replace("dose = { duration_s = 60 }", "dose = { duration_s = 0 }"))
    return pack


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip().startswith("solecheck ")


def test_validate_builtin_pack_is_clean() -> None:
    result = run("pack", "validate", str(BUILTIN_PACK))
    assert result.returncode == 0, result.stderr
    assert "valid (thrive-now.foot-first@" in result.stdout
    assert "warning" not in result.stdout


def test_validate_reports_located_error(tmp_path: Path) -> None:
    result = run("pack", "validate", str(broken_copy(tmp_path)))
    assert result.returncode == 1
    line = next(li for li in result.stderr.splitlines() if "duration_s" in li)
    assert "exercises.toml:" in line
    assert "exercises[0].dose.duration_s: must be greater than 0" in line
    assert "Traceback" not in result.stderr


def test_validate_json(tmp_path: Path) -> None:
    result = run("pack", "validate", "--json", str(broken_copy(tmp_path)))
    assert result.returncode == 1
    records = json.loads(result.stdout)
    assert records
    assert {"file", "line", "path", "message", "severity"} <= set(records[0])
    first = records[0]
    assert first["file"] == "exercises.toml" and isinstance(first["line"], int)


def test_validate_missing_path_is_input_error(tmp_path: Path) -> None:
    result = run("pack", "validate", str(tmp_path / "nope"))
    assert result.returncode == 1
    assert "does not exist" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run("pack").returncode == 2
    assert run("pack", "frobnicate").returncode == 2
    assert run("--no-such-flag").returncode == 2


def test_list_shows_builtin_and_invalid_packs(tmp_path: Path) -> None:
    extra = tmp_path / "packs"
    extra.mkdir()
    broken_copy(extra)
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", "pack", "list", "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, "SOLECHECK_PACKS": str(extra)},
    )
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)
    builtin = [e for e in entries if e["source"] == "builtin"]
    assert builtin and builtin[0]["valid"] and builtin[0]["id"] == "thrive-now.foot-first"
    broken = [e for e in entries if e["source"] == "env"]
    assert broken and not broken[0]["valid"] and "duration_s" in broken[0]["error"]


def test_list_table() -> None:
    result = run("pack", "list")
    assert result.returncode == 0
    assert "thrive-now.foot-first" in result.stdout and "builtin" in result.stdout


def test_show_summarises_pack() -> None:
    result = run("pack", "show", "thrive-now.foot-first")
    assert result.returncode == 0, result.stderr
    assert "Thrive Now Physiotherapy" in result.stdout
    assert "foot-to-spine" in result.stdout and "sole-only" in result.stdout


def test_show_unknown_pack() -> None:
    result = run("pack", "show", "no-such.pack")
    assert result.returncode == 1
    assert "no pack 'no-such.pack'" in result.stderr


def test_schema_is_json_schema() -> None:
    result = run("pack", "schema")
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert "$schema" in document


def test_app_refuses_broken_pack_without_traceback(tmp_path: Path) -> None:
    result = run("--pack", str(broken_copy(tmp_path)))
    assert result.returncode == 1
    assert "must be greater than 0" in result.stderr
    assert "Traceback" not in result.stderr
