"""The history file on disk: private permissions, and foreign, damaged or newer files left untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from solecheck import paths
from solecheck.history import schema
from solecheck.history.maintenance import check
from solecheck.history.store import (
    DatabaseFromNewerVersion,
    HistoryError,
    HistoryStore,
    NotASolecheckDatabase,
)
from tests.history.records_factory import session, step

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_folder_and_files_are_owner_only(tmp_path: Path) -> None:
    data = tmp_path / "deep" / "data"
    with HistoryStore.open(data) as store:
        store.start_session(session())
        db = paths.history_db(data)
        assert store.path == db
        assert _mode(data) == 0o700
        assert _mode(db) == 0o600
        for suffix in ("-wal", "-shm"):
            side = Path(f"{db}{suffix}")
            assert side.exists()
            assert _mode(side) == 0o600


def test_file_is_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    previous = os.umask(0)
    try:
        with HistoryStore.open(tmp_path / "data") as store:
            store.start_session(session())
            db = store.path
    finally:
        os.umask(previous)
    assert _mode(db) == 0o600
    assert _mode(tmp_path / "data") == 0o700


def test_an_existing_loose_file_and_folder_are_tightened(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with HistoryStore.open(data):
        pass
    os.chmod(data, 0o755)
    os.chmod(paths.history_db(data), 0o644)
    with HistoryStore.open(data):
        pass
    assert _mode(data) == 0o700
    assert _mode(paths.history_db(data)) == 0o600


def test_the_file_carries_solecheck_identity(store: HistoryStore) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == schema.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.schema_version()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_store_connection_settings(store: HistoryStore) -> None:
    with store.snapshot() as conn:
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_text_file_is_refused_and_left_alone(data_dir: Path) -> None:
    db = paths.history_db(data_dir)
    paths.ensure_private_dir(data_dir)
    db.write_text("name,pain\nme,3\n" * 200)
    before = _digest(db)
    with pytest.raises(NotASolecheckDatabase) as caught:
        HistoryStore.open(data_dir)
    message = str(caught.value)
    assert str(db) in message and "not a solecheck history database" in message
    assert "has not changed it" in message
    assert _digest(db) == before
    assert not Path(f"{db}-wal").exists()


def test_another_programs_sqlite_file_is_refused_and_left_alone(data_dir: Path) -> None:
    db = paths.history_db(data_dir)
    paths.ensure_private_dir(data_dir)
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = _digest(db)
    with pytest.raises(NotASolecheckDatabase, match="another program"):
        HistoryStore.open(data_dir)
    assert _digest(db) == before
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_a_sqlite_file_with_another_application_id_is_refused(data_dir: Path) -> None:
    db = paths.history_db(data_dir)
    paths.ensure_private_dir(data_dir)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA application_id = 12345")
    conn.commit()
    conn.close()
    with pytest.raises(NotASolecheckDatabase):
        HistoryStore.open(data_dir)


def test_an_empty_existing_file_becomes_a_store(data_dir: Path) -> None:
    db = paths.history_db(data_dir)
    paths.ensure_private_dir(data_dir)
    db.touch()
    with HistoryStore.open(data_dir) as store:
        assert store.schema_version() == schema.schema_version()


def test_a_newer_schema_is_refused_and_left_alone(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as store:
        store.start_session(session())
        db = store.path
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema.schema_version() + 1}")
    conn.commit()
    conn.close()
    before = _digest(db)
    with pytest.raises(DatabaseFromNewerVersion) as caught:
        HistoryStore.open(data_dir)
    assert "newer solecheck" in str(caught.value) and str(db) in str(caught.value)
    assert _digest(db) == before
    assert list(data_dir.glob("*.bak")) == []


def _seeded_file(data_dir: Path, sessions: int = 200) -> Path:
    with HistoryStore.open(data_dir) as store:
        for _ in range(sessions):
            record = session(plan_json="x" * 500)
            store.start_session(record)
            store.record_step(step(record.id, 0, note="n" * 300))
        return store.path


def test_a_damaged_header_is_refused_and_left_alone(data_dir: Path) -> None:
    db = _seeded_file(data_dir)
    raw = bytearray(db.read_bytes())
    raw[16:18] = b"\x00\x07"  # an impossible page size
    db.write_bytes(bytes(raw))
    before = _digest(db)
    with pytest.raises(NotASolecheckDatabase, match="damaged"):
        HistoryStore.open(data_dir)
    assert _digest(db) == before


def test_damaged_pages_give_a_clear_error_not_a_crash(data_dir: Path) -> None:
    db = _seeded_file(data_dir)
    raw = bytearray(db.read_bytes())
    page = 4096
    for start in range(page, len(raw), page):  # scribble over every page but the first
        raw[start : start + 64] = b"\xff" * 64
    db.write_bytes(bytes(raw))
    with HistoryStore.open(data_dir) as store:  # the header is intact, so it opens...
        with pytest.raises(NotASolecheckDatabase) as caught:  # ...but reading says where and what
            store.session_summaries()
        assert str(db) in str(caught.value) and "damaged" in str(caught.value)
        findings = check(store)
    assert findings and all(f.severity == "problem" for f in findings)
    assert "integrity check" in findings[0].message


def test_a_folder_in_place_of_the_file_gives_a_clear_error(data_dir: Path) -> None:
    paths.history_db(data_dir).mkdir(parents=True)
    with pytest.raises(HistoryError) as caught:
        HistoryStore.open(data_dir)
    assert str(paths.history_db(data_dir)) in str(caught.value)


def test_a_file_in_place_of_the_data_folder_gives_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    with pytest.raises(HistoryError, match="is a file where a folder should be"):
        HistoryStore.open(blocker)
