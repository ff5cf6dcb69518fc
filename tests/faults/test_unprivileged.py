"""Permission cases as a real unprivileged user (``unprivileged.py``), on a folder that user owns:
the history made read-only before a start, then writable again; permissions only tightened; a folder
of another user. Nothing here injects the error."""

from __future__ import annotations

import os
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from tests.faults.plain_driver import PlainProcess, answer_for
from tests.faults.unprivileged import (
    AS_ROOT,
    as_user,
    child_env,
    drop_privileges,
    needs_unprivileged_user,
    owned_folder,
    python_as_user,
    run_as_user,
)

pytestmark = needs_unprivileged_user
__all__ = ["owned_folder"]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _make_history(folder: Path) -> Path:
    data = folder / "data"
    result = run_as_user(["--data-dir", str(data), "history", "check"], folder)
    assert result.returncode == 0, result.stderr
    result = python_as_user("tests.faults.owner_history", str(data), folder=folder)
    assert result.returncode == 0, result.stderr
    return data


def test_app_keeps_a_session_while_the_folder_is_read_only_and_saves_it_once_when_restored(
    owned_folder: Path,
) -> None:
    data = owned_folder / "data"
    result = python_as_user("tests.faults.owner_app", str(data), folder=owned_folder)
    assert result.returncode == 0 and "saved-once" in result.stdout, result.stderr[-3000:]


def test_plain_mode_keeps_a_session_while_the_folder_is_read_only_and_saves_it_once_when_restored(
    owned_folder: Path,
) -> None:
    data = _make_history(owned_folder)
    database = data / "history.sqlite3"
    database.chmod(0o400)
    data.chmod(0o500)
    plain = PlainProcess(
        data, "sole-only", prefix=as_user([]), preexec_fn=drop_privileges, env=child_env(owned_folder)
    )
    restored = False
    deadline = time.monotonic() + 60
    while plain.process.poll() is None and time.monotonic() < deadline:
        for line in plain.read_available(0.05):
            if line.startswith("Your session is not saved yet") and not restored:
                assert "read-only" in line
                data.chmod(0o700)  # the owner gives write permission back
                database.chmod(0o600)
                restored = True
            answer = answer_for(line)
            if answer is not None:
                plain.send(answer)
    plain.read_rest()
    said = "\n".join(plain.lines)
    assert plain.process.returncode == 0, said + plain.process.stderr.read().decode()  # type: ignore[union-attr]
    assert restored and "everything so far is saved" in said and "Traceback" not in said
    conn = sqlite3.connect(database)
    new = conn.execute("SELECT count(*), max(status) FROM sessions WHERE pack_id != 'p'").fetchone()
    assert new == (1, "completed")
    assert conn.execute("SELECT count(*) FROM steps").fetchone()[0] == 3  # each new step once (and the one before)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def _give_up_at_the_retry(data: Path, folder: Path) -> str:
    """Run a plain session as the owner and end its input when it asks to retry a failed save."""
    plain = PlainProcess(data, "sole-only", prefix=as_user([]), preexec_fn=drop_privileges, env=child_env(folder))
    try:
        deadline = time.monotonic() + 60
        while plain.process.poll() is None and time.monotonic() < deadline:
            for line in plain.read_available(0.05):
                if line.startswith("Your session is not saved yet"):
                    assert plain.process.stdin is not None
                    plain.process.stdin.close()  # input ends while it waits to retry
                    break
                answer = answer_for(line)
                if answer is not None:
                    plain.send(answer)
            else:
                continue
            break
        assert plain.wait(30) == 1
        return "\n".join(plain.lines)
    finally:
        plain.close()


def test_plain_mode_giving_up_on_a_read_only_folder_says_nothing_was_saved(owned_folder: Path) -> None:
    data = _make_history(owned_folder)
    database = data / "history.sqlite3"
    database.chmod(0o400)
    data.chmod(0o500)
    said = _give_up_at_the_retry(data, owned_folder)
    not_saved = [line for line in said.splitlines() if line.startswith("Not saved:")]
    assert len(not_saved) == 1, said
    assert "read-only" in not_saved[0] and "Nothing of this session is in the history." in not_saved[0]
    assert "could not be kept anywhere" in not_saved[0] and "kept in the history" not in said
    assert "Traceback" not in said
    data.chmod(0o700)
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM sessions WHERE pack_id != 'p'").fetchone()[0] == 0
    conn.close()


def test_plain_mode_giving_up_on_a_read_only_history_keeps_the_session_in_a_journal(owned_folder: Path) -> None:
    data = _make_history(owned_folder)
    database = data / "history.sqlite3"
    database.chmod(0o400)  # the file is read-only; the folder beside it can still be written
    said = _give_up_at_the_retry(data, owned_folder)
    journals = sorted(data.glob("history.sqlite3.*.journal.jsonl"))
    assert len(journals) == 1, said
    not_saved = [line for line in said.splitlines() if line.startswith("Not saved:")]
    assert len(not_saved) == 1, said
    assert "Nothing of this session is in the history." in not_saved[0]
    assert f"The rest is kept in {journals[0]}." in not_saved[0]
    assert _mode(journals[0]) == 0o600
    # The owner makes the history writable again (SQLite made its -shm file read-only too).
    for made in (path for path in data.iterdir() if path.is_file()):
        made.chmod(0o600)
    result = run_as_user(["--data-dir", str(data), "history", "check"], owned_folder)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(database)
    assert conn.execute("SELECT count(*) FROM sessions WHERE pack_id != 'p'").fetchone()[0] == 1
    conn.close()
    assert not list(data.glob("history.sqlite3.*.journal.jsonl"))


def test_a_start_never_adds_owner_bits_back_and_removes_group_and_other_bits(owned_folder: Path) -> None:
    data = _make_history(owned_folder)
    database = data / "history.sqlite3"
    database.chmod(0o400)
    data.chmod(0o500)
    result = run_as_user(["--data-dir", str(data), "history"], owned_folder)
    assert result.returncode == 0, result.stderr
    assert (_mode(data), _mode(database)) == (0o500, 0o400)  # read-only stays read-only
    data.chmod(0o755)
    database.chmod(0o644)
    result = run_as_user(["--data-dir", str(data), "history"], owned_folder)
    assert result.returncode == 0, result.stderr
    assert (_mode(data), _mode(database)) == (0o700, 0o600)  # group and other bits gone


def test_a_read_only_folder_is_named_as_such_by_every_writing_command(owned_folder: Path) -> None:
    data = _make_history(owned_folder)
    export = owned_folder / "export.json"
    assert run_as_user(["--data-dir", str(data), "history", "export", "-o", str(export)], owned_folder).returncode == 0
    (data / "history.sqlite3").chmod(0o400)
    data.chmod(0o500)
    result = run_as_user(["--data-dir", str(data), "history", "import", str(export)], owned_folder)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 1 and len(lines) == 1, result.stderr
    assert "read-only" in lines[0] and "damaged" not in lines[0] and "unexpected" not in lines[0]
    result = run_as_user(["--data-dir", str(data), "history", "backup"], owned_folder)
    assert result.returncode == 1 and "backups" in result.stderr and "permission" in result.stderr, result.stderr
    assert "unexpected" not in result.stderr


@pytest.mark.skipif(not AS_ROOT, reason="needs a folder owned by another user: made as root")
def test_a_folder_of_another_user_is_named_as_such(owned_folder: Path, tmp_path: Path) -> None:
    theirs = owned_folder / "theirs"
    theirs.mkdir()
    os.chown(theirs, 0, 0)
    theirs.chmod(0o755)
    for command in (["history"], ["history", "backup"], ["history", "check"], ["history", "export"]):
        result = run_as_user(["--data-dir", str(theirs), *command], owned_folder)
        assert result.returncode == 1, (command, result.stderr)
        assert "belongs to another user" in result.stderr and "Operation not permitted" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
