"""Is the history file sound enough to write into? Checks that refuse a damaged file before a write.

* :func:`header_problem` reads the file's 100-byte header (no SQL): the SQLite magic string, a valid
  page size, and a file at least as long as the page count the header records (a file cut short
  fails here). Constant time.
* :func:`quick_problem` runs SQLite's ``PRAGMA quick_check`` (every page of every table and index, no
  cross-check of index contents) within a time budget; a history too large to finish within it is
  passed on the header check alone, so opening for writing stays cheap (the first write waits at
  most the budget). ``history check`` and ``history backup`` run the full check without a budget.

The store runs both before its first write and again after any corruption error (see
``HistoryStore``); rules from SQLite's file format (https://www.sqlite.org/fileformat2.html).
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
QUICK_BUDGET_S = 0.25
"""How long the check before the first write may take (seconds of monotonic time)."""


def header_problem(path: Path) -> str | None:
    """What is wrong with the file's header, or ``None`` (also for an empty, brand-new file)."""
    try:
        with path.open("rb") as file:
            header = file.read(100)
            size = file.seek(0, 2)
    except OSError:
        return None  # unreadable is not damaged; opening it says why
    if not header:
        return None
    if len(header) < 100 or not header.startswith(MAGIC):
        return "its first bytes are not a SQLite header"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header gives an impossible page size ({page_size})"
    change_counter = header[24:28]
    valid_for = header[92:96]
    pages = int.from_bytes(header[28:32], "big")
    if change_counter == valid_for and pages and size < pages * page_size:
        return f"it is {pages * page_size - size} bytes shorter than its header says (cut short)"
    return None


def quick_problem(conn: sqlite3.Connection, budget_s: float | None = QUICK_BUDGET_S) -> str | None:
    """The first problem ``PRAGMA quick_check`` finds, or ``None``; with a budget, ``None`` too when
    the check runs out of time (the history is too large to check cheaply)."""
    deadline = None if budget_s is None else time.monotonic() + budget_s
    if deadline is not None:
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
    try:
        lines = [row[0] for row in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.OperationalError as error:
        if "interrupted" in str(error):
            return None
        raise
    except sqlite3.DatabaseError as error:
        return f"it cannot be read ({error})"
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, 0)
    return None if lines == ["ok"] else "; ".join(lines)


def full_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """The header check and ``PRAGMA integrity_check`` without a time limit: the first problems, or ``None``."""
    problem = header_problem(path)
    if problem is not None:
        return problem
    try:
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as error:
        return f"it cannot be read ({error})"
    return None if lines == ["ok"] else "; ".join(lines)
