"""Schema versions: a fresh file gets them all; an older file is copied, then upgraded step by step."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest

from solecheck.history import schema
from solecheck.history.store import HistoryError, HistoryStore, split_script
from tests.history.records_factory import session, step

V2 = "ALTER TABLE sessions ADD COLUMN mood TEXT;\nCREATE INDEX sessions_by_mood ON sessions (mood);\n"


def test_a_fresh_file_is_built_at_the_current_version_without_a_copy(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as store:
        assert store.schema_version() == schema.schema_version() == len(schema.MIGRATIONS)
    assert list(data_dir.glob("*.bak")) == []


def test_version_one_has_the_documented_tables(store: HistoryStore) -> None:
    with store.snapshot() as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        step_columns = {row[1] for row in conn.execute("PRAGMA table_info(steps)")}
    assert tables == {"screenings", "sessions", "steps"}
    assert {"exercise_title", "region", "side", "pain", "note", "actual_reps"} <= step_columns


def test_an_older_file_is_copied_then_upgraded(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with HistoryStore.open(data_dir) as store:
        record = session()
        store.start_session(record)
        store.record_step(step(record.id, 0))
    current = len(schema.MIGRATIONS)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, V2))
    with HistoryStore.open(data_dir) as upgraded:
        assert upgraded.schema_version() == current + 1
        assert upgraded.get_session(record.id) == record
        with upgraded.snapshot() as conn:
            assert "mood" in {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    (copy,) = data_dir.glob(f"history.sqlite3.v{current}-*.bak")
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    conn = sqlite3.connect(copy)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == current
    assert conn.execute("SELECT id FROM sessions").fetchall() == [(record.id,)]
    conn.close()


def test_a_failing_migration_changes_nothing(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with HistoryStore.open(data_dir) as store:
        store.start_session(session())
    current = len(schema.MIGRATIONS)
    broken = "ALTER TABLE sessions ADD COLUMN mood TEXT;\nALTER TABLE nowhere ADD COLUMN x TEXT;\n"
    known = schema.MIGRATIONS
    monkeypatch.setattr(schema, "MIGRATIONS", (*known, broken))
    with pytest.raises(HistoryError, match="no such table"):
        HistoryStore.open(data_dir)
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:current])
    with HistoryStore.open(data_dir) as store:
        assert store.schema_version() == current
        assert store.count_all()["sessions"] == 1
        with store.snapshot() as conn:
            assert "mood" not in {row[1] for row in conn.execute("PRAGMA table_info(sessions)")}
    assert len(list(data_dir.glob("*.bak"))) == 1


def test_two_stores_opening_a_new_file_at_once_both_succeed(data_dir: Path) -> None:
    errors: list[BaseException] = []

    def open_and_write() -> None:
        try:
            with HistoryStore.open(data_dir) as store:
                store.start_session(session())
        except BaseException as error:  # noqa: BLE001 - collected for the assertion
            errors.append(error)

    threads = [threading.Thread(target=open_and_write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with HistoryStore.open(data_dir) as store:
        assert store.count_all()["sessions"] == 4


def test_split_script_keeps_whole_statements() -> None:
    assert split_script("CREATE TABLE a (x);\nCREATE TABLE b (\n  y\n);\n") == [
        "CREATE TABLE a (x);",
        "CREATE TABLE b (\n  y\n);",
    ]
    with pytest.raises(ValueError, match="incomplete"):
        split_script("CREATE TABLE a (x")


def test_every_migration_is_complete_sql() -> None:
    for script in schema.MIGRATIONS:
        assert split_script(script)


def test_a_version_one_file_gains_the_pack_digest_and_keeps_its_sessions(data_dir: Path) -> None:
    # A history written before the content digest was kept: schema version 1, built by hand.
    data_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(data_dir / "history.sqlite3")
    conn.executescript(schema.MIGRATIONS[0])
    conn.execute(f"PRAGMA application_id = {schema.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute(
        "INSERT INTO sessions (id, pack_id, pack_version, routine_id, routine_title, planned_steps, status, "
        "started_at) VALUES ('old', 'clinic.feet', '1.2.0', 'morning', 'Morning feet', 4, 'completed', "
        "'2026-03-02T08:00:00.000000+00:00')"
    )
    conn.commit()
    conn.close()
    digest = "ab" * 32
    with HistoryStore.open(data_dir) as store:
        assert store.schema_version() == len(schema.MIGRATIONS)
        old = store.get_session("old")
        assert old is not None and old.pack_digest is None and old.routine_title == "Morning feet"
        new = session(pack_digest=digest)
        store.start_session(new)
        assert store.get_session(new.id) == new
        with pytest.raises(HistoryError):
            store.start_session(session(pack_digest="short"))
