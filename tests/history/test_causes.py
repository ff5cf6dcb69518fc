"""Causes named from SQLite's error codes: another program's lock, an I/O error with space to spare,
damage only for SQLite's corruption codes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from solecheck.history import store as store_module
from solecheck.history.causes import sqlite_cause
from solecheck.history.store import HistoryStore, HistoryUnavailable
from tests.history.records_factory import session


def _error(name: str, text: str) -> sqlite3.Error:
    error = sqlite3.OperationalError(text)
    error.sqlite_errorname = name  # type: ignore[attr-defined]
    return error


def test_another_programs_lock_is_named_and_the_write_is_retried_fresh(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 200)
    with HistoryStore.open(data_dir) as store:
        other = sqlite3.connect(store.path, isolation_level=None)  # another program: a sqlite3 shell, say
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(HistoryUnavailable, match="another program holds a lock") as raised:
            store.start_session(session())
        assert raised.value.cause.kind == "locked" and "damaged" not in str(raised.value)
        other.execute("ROLLBACK")
        other.close()
        store.start_session(session())  # on a fresh connection, once the lock is gone
        assert store.count_all()["sessions"] == 1


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("SQLITE_FULL", "full"),
        ("SQLITE_READONLY_DIRECTORY", "readonly"),
        ("SQLITE_BUSY", "locked"),
        ("SQLITE_IOERR_SHMSIZE", "io"),  # with space to spare: an I/O error, not damage
        ("SQLITE_CANTOPEN", "cantopen"),
        ("SQLITE_CORRUPT", "damaged"),
        ("SQLITE_NOTADB", "damaged"),
    ],
)
def test_each_sqlite_code_has_its_cause(name: str, kind: str, tmp_path: Path) -> None:
    cause = sqlite_cause(_error(name, "some error"), tmp_path / "history.sqlite3")
    assert cause.kind == kind
    assert ("damaged" in cause.words) == (kind == "damaged")
