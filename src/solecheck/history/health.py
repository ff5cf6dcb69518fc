"""Is the history file sound enough to write into? Checks that refuse a damaged file before a write.

* :func:`size_problem` compares the file's size (``os.stat``, the file is never opened: closing any
  descriptor of a database file drops every POSIX lock SQLite holds on it in this process) with its
  page size: a file cut short mid-page fails here. Constant time.
* :func:`quick_problem` runs SQLite's ``PRAGMA quick_check`` (every page of every table and index, no
  cross-check of index contents) within a time budget; a history too large to finish within it is
  passed on the size check alone, so opening for writing stays cheap (the first write waits at
  most the budget). ``history check`` and ``history backup`` run the full check without a budget.
  Pages missing from a file cut short at a page boundary read as zeros, which the checks report.

The store runs both before its first write and again after any corruption error (see
``HistoryStore``); rules from SQLite's file format (https://www.sqlite.org/fileformat2.html).
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

QUICK_BUDGET_S = 0.25
"""How long the check before the first write may take (seconds of monotonic time)."""


def size_problem(conn: sqlite3.Connection, path: Path) -> str | None:
    """What is wrong with the file's size for its page size, or ``None``."""
    try:
        size = os.stat(path).st_size
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
    except (OSError, sqlite3.Error):
        return None  # unreadable is not damaged; using it says why
    if page_size and size % page_size:
        return f"its size ({size} bytes) is not a whole number of {page_size}-byte pages: it was cut short"
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
    """The size check and ``PRAGMA integrity_check`` without a time limit: the first problems, or ``None``."""
    problem = size_problem(conn, path)
    if problem is not None:
        return problem
    try:
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
    except sqlite3.DatabaseError as error:
        return f"it cannot be read ({error})"
    return None if lines == ["ok"] else "; ".join(lines)
