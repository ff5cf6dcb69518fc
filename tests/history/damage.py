"""Damaged copies of a history file, made by writing bytes at known page offsets.

SQLite's file format (https://www.sqlite.org/fileformat2.html): pages of ``page_size`` bytes, page 1
first (with the 100-byte file header); a table is a b-tree from its ``rootpage``; an interior table
page (flag 0x05) lists child page numbers in its cells and a right-most pointer, a leaf (0x0D) holds
rows, its cell count at header offset 3.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

INTERIOR, LEAF = 0x05, 0x0D


def settle(database: Path) -> None:
    """Checkpoint the WAL into the file and drop it, so the file alone holds everything."""
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.close()
    conn = sqlite3.connect(database)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()


def page_size(database: Path) -> int:
    with database.open("rb") as file:
        header = file.read(100)
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _page(database: Path, number: int) -> bytes:
    size = page_size(database)
    with database.open("rb") as file:
        file.seek((number - 1) * size)
        return file.read(size)


def leaf_pages(database: Path, table: str) -> list[int]:
    """The leaf pages of ``table``'s b-tree, left to right."""
    conn = sqlite3.connect(database)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
    conn.close()

    def walk(number: int) -> list[int]:
        page = _page(database, number)
        start = 100 if number == 1 else 0
        flag = page[start]
        if flag == LEAF:
            return [number]
        assert flag == INTERIOR, f"page {number} is not a table b-tree page"
        cells = int.from_bytes(page[start + 3 : start + 5], "big")
        right = int.from_bytes(page[start + 8 : start + 12], "big")
        children = []
        for i in range(cells):
            offset = int.from_bytes(page[start + 12 + 2 * i : start + 14 + 2 * i], "big")
            children.append(int.from_bytes(page[offset : offset + 4], "big"))
        return [leaf for child in [*children, right] for leaf in walk(child)]

    return walk(root)


def cells_on(database: Path, number: int) -> int:
    """How many rows a leaf page holds."""
    page = _page(database, number)
    start = 100 if number == 1 else 0
    return int.from_bytes(page[start + 3 : start + 5], "big")


def overwrite_page(database: Path, number: int, byte: int = 0xA5) -> None:
    """Overwrite page ``number`` whole with one repeated byte."""
    size = page_size(database)
    with database.open("r+b") as file:
        file.seek((number - 1) * size)
        file.write(bytes([byte]) * size)


def cut_end(database: Path, count: int) -> None:
    """Cut ``count`` bytes off the end of the file."""
    size = database.stat().st_size
    with database.open("r+b") as file:
        file.truncate(size - count)
