"""Which process records a running session: an advisory lock file per session, next to the history.

A running session is claimed by its process with an ``flock`` on ``<history file>.<session id>.lock``
(:func:`solecheck.history.journal.lock_path`): another solecheck on the same data folder does not
offer a session that a live process is still recording (:func:`in_use_elsewhere`), and the kernel
drops the claim the moment that process dies, however it dies. A store without a file (a test's
stand-in) has no lock files: the claim is then ``None`` and recording goes on.
"""

from __future__ import annotations

import fcntl
import os
from contextlib import suppress
from pathlib import Path

from solecheck.history import journal


def _lock_path(store: object, session_id: str) -> Path | None:
    path = getattr(store, "path", None)
    return journal.lock_path(Path(path), session_id) if path is not None else None


_CLAIMED: set[str] = set()
"""The sessions this process has claimed."""


class SessionClaim:
    """This process's claim on a running session (an ``flock`` on its lock file)."""

    def __init__(self, path: Path, fd: int, session_id: str) -> None:
        self.path = path
        self.fd = fd
        self.session_id = session_id

    @classmethod
    def take(cls, store: object, session_id: str) -> SessionClaim | None:
        """Claim ``session_id``; ``None`` when it can't be (no lock files here): recording goes on."""
        path = _lock_path(store, session_id)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            same_file = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same_file = False
        if not same_file:  # taken, or removed as stale between our open and our lock
            os.close(fd)
            return None
        _CLAIMED.add(session_id)
        return cls(path, fd, session_id)

    def release(self) -> None:
        if self.fd < 0:
            return
        with suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = -1
        _CLAIMED.discard(self.session_id)


def in_use_elsewhere(store: object, session_id: str) -> bool:
    """Whether another live process is recording ``session_id`` now."""
    path = _lock_path(store, session_id)
    if path is None or session_id in _CLAIMED:
        return False
    return journal.held_elsewhere(path)
