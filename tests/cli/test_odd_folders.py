"""Odd data folders: a file where the folder should be, a link to nothing, a file among its parents.
Each command says so in one line (exit 1), never "unexpected error", "No sessions yet" or a traceback.
(A folder of another user: ``tests/faults/test_unprivileged.py``.)"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from solecheck.history.store import HistoryError, HistoryStore

COMMANDS = (["history"], ["history", "export"], ["history", "backup"], ["history", "check"],
            ["history", "recover"], ["history", "import", "nothing.json"])


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60)


def odd(kind: str, tmp_path: Path) -> tuple[Path, str]:
    if kind == "file":
        (tmp_path / "data").write_text("not a folder")
        return tmp_path / "data", "is a file where a folder should be"
    if kind == "dangling link":
        os.symlink(tmp_path / "gone", tmp_path / "data")
        return tmp_path / "data", "which does not exist; create that folder or remove the link"
    (tmp_path / "parent").write_text("not a folder")
    return tmp_path / "parent" / "data", "is a file where a folder should be"


@pytest.mark.parametrize("kind", ["file", "dangling link", "file among the parents"])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_history_command_names_an_odd_data_folder(kind: str, command: list[str], tmp_path: Path) -> None:
    data, words = odd(kind, tmp_path)
    result = run("--data-dir", str(data), *command)
    assert result.returncode == 1, (result.stdout, result.stderr)
    [line] = result.stderr.strip().splitlines()
    assert words in line and "unexpected" not in line and "No sessions yet" not in result.stdout


@pytest.mark.parametrize("kind", ["file", "dangling link", "file among the parents"])
def test_the_store_names_an_odd_data_folder(kind: str, tmp_path: Path) -> None:
    data, words = odd(kind, tmp_path)
    with pytest.raises(HistoryError, match=words.split(";")[0]):
        HistoryStore.open(data)


def test_a_backup_folder_that_is_a_file_is_named(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with HistoryStore.open(data):
        pass
    (data / "backups").write_text("not a folder")
    result = run("--data-dir", str(data), "history", "backup")
    assert result.returncode == 1 and "is a file where a folder should be" in result.stderr
    assert "unexpected" not in result.stderr
