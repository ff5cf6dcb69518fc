"""An injected write failure at the SQLite connection: while ``full`` is set, every statement that
would change the file fails as SQLite fails on a full disk."""

from __future__ import annotations

import sqlite3
from typing import Any

from solecheck.history.store import HistoryStore

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class FullDisk:
    """Stands in for a store's ``sqlite3.Connection``; reads work, writes fail while ``full``."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection
        self.full = False
        self.refused = 0
        self.reconnects = 0

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if self.full and sql.lstrip().upper().startswith(WRITES):
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self.connection.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.connection, name)


def fill_disk(store: HistoryStore) -> FullDisk:
    """Put a :class:`FullDisk` between ``store`` and its connection, and between it and every fresh
    connection it makes after a failed write (the disk stays full for those too); return it."""
    disk = FullDisk(store._conn)  # type: ignore[arg-type]
    store._conn = disk  # type: ignore[assignment]
    connect = store._connect

    def connect_through_disk() -> Any:
        disk.connection = connect()
        disk.reconnects += 1
        return disk

    store._connect = connect_through_disk  # type: ignore[method-assign]
    return disk
