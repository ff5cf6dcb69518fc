"""Health data stays private: files created owner-only (0600) in owner-only folders (0700); existing
files and folders lose their group and other bits, never gain owner bits (a file the owner made
read-only stays read-only).

Files are created with ``os.open(..., 0o600)`` before SQLite opens them, so they are never readable by
others even for an instant, whatever the umask; SQLite's side files are tightened as they appear.
"""

from __future__ import annotations

import os
from contextlib import suppress
from pathlib import Path

from solecheck import paths

SIDE_FILES = ("-wal", "-shm", "-journal")


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and owner-only (0600) unless it exists; its folder becomes 0700."""
    paths.ensure_private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    os.close(fd)


def make_private(path: Path) -> None:
    """Remove group and other bits from a database file and its SQLite side files (-wal, -shm)."""
    if os.name != "posix":
        return
    for candidate in (path, *(path.with_name(path.name + suffix) for suffix in SIDE_FILES)):
        with suppress(FileNotFoundError, PermissionError):
            paths.tighten(candidate)
