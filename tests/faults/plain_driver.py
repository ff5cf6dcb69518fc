"""A scripted person at the other end of ``solecheck session --plain``, for the fault tests.

:class:`PlainProcess` starts the real CLI in a subprocess on a real history file and answers its
prompts as they appear (proceed through the screening, start each step at once, finish it at once,
rate pain 1, resume an unfinished session). It reads what the process reports, so a test knows which
steps the process said were finished before it killed or signalled it.
"""

from __future__ import annotations

import os
import re
import select
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tests.conftest import BUILTIN_PACK

STEP_HEADING = re.compile(r"^Step (\d+) of (\d+):")
PACK_ID = "thrive-now.foot-first"


def answer_for(line: str) -> str | None:
    """What the scripted person types after ``line``, or ``None`` when the line asks nothing."""
    if line.startswith("Save this screening?"):
        return "y"
    if line.startswith("Type r to resume it"):
        return "r"
    if line.endswith("(y/n)"):
        return "y" if "settled" in line or "soreness" in line.lower() else "n"
    if line.startswith("Type a number from 1 to"):
        return "1"
    if line.startswith("Type a whole number from 0 to 10") or line.startswith("Pain check"):
        return "1"
    if line.startswith(("Get ready:", "Go:", "Rest ")):
        return ""
    if line.startswith("Your session is not saved yet"):
        return ""
    return None


class PlainProcess:
    """One ``solecheck session --plain`` process with a scripted person answering it."""

    def __init__(
        self, data_dir: Path, routine: str = "foot-to-spine", *, pack: Path = BUILTIN_PACK,
        prefix: Sequence[str] = (), **popen: Any,
    ) -> None:
        self.data_dir = data_dir
        self.process = subprocess.Popen(
            [*prefix, sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "--pack", str(pack),
             "session", "--plain", "--routine", routine],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            **popen,  # with prefix: e.g. setpriv and env, to run as an unprivileged user
        )
        self.started = time.monotonic()
        self.lines: list[str] = []
        self.answers = 0
        self._pending = b""
        self._current: int | None = None
        self._in_summary = False
        self.finished_positions: set[int] = set()
        """Plan positions the process reported as finished (0-based)."""
        self.total: int | None = None
        self.session_began = False
        self.session_ended = False

    # --- reading ----------------------------------------------------------------------------------

    def read_available(self, timeout: float) -> list[str]:
        """The complete lines written within ``timeout`` seconds (fewer when the process ends)."""
        assert self.process.stdout is not None
        fd = self.process.stdout.fileno()
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return []
        chunk = os.read(fd, 65536)
        if not chunk:
            return []
        self._pending += chunk
        *complete, self._pending = self._pending.split(b"\n")
        new = [raw.decode("utf-8", "replace") for raw in complete]
        for line in new:
            self._note(line)
        self.lines.extend(new)
        return new

    def read_rest(self) -> None:
        """Everything the process wrote before it ended (call after it ended)."""
        assert self.process.stdout is not None
        rest = self.process.stdout.read() or b""
        data = self._pending + rest
        self._pending = b""
        for raw in data.split(b"\n"):
            if raw:
                line = raw.decode("utf-8", "replace")
                self._note(line)
                self.lines.append(line)

    def _note(self, line: str) -> None:
        match = STEP_HEADING.match(line)
        if line.startswith(("Starting ", "Resuming ")):
            self.session_began = True
        if match:
            position = int(match.group(1)) - 1
            self.total = int(match.group(2))
            # A step is announced once every step before it has ended and been recorded.
            self.finished_positions.update(range(position))
            self._current = position
        elif self._in_summary and line.endswith(": completed.") and self.total is not None:
            self.finished_positions.update(range(self.total))
        if line.startswith("Summary:"):
            self._in_summary = True
        if line.startswith("Summary:") or "saved as interrupted" in line:
            self.session_ended = True

    # --- answering --------------------------------------------------------------------------------

    def step(self, timeout: float = 5.0) -> bool:
        """Answer the next question; ``False`` once the process has ended."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.read_available(0.05):
                answer = answer_for(line)
                if answer is not None:
                    self.send(answer)
                    return True
            if self.process.poll() is not None:
                self.read_rest()
                return False
        raise AssertionError(f"the plain session asked nothing for {timeout} s; it said: {self.lines[-5:]}")

    def send(self, answer: str) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(answer.encode() + b"\n")
        except BrokenPipeError:
            return
        self.answers += 1

    def run_to_end(self, timeout: float = 20.0) -> int:
        """Answer until the process ends by itself; returns its exit code."""
        deadline = time.monotonic() + timeout
        while self.step(timeout=max(0.1, deadline - time.monotonic())):
            pass
        return self.process.wait(5)

    def signal(self, number: int) -> None:
        self.process.send_signal(number)

    def wait(self, timeout: float = 10.0) -> int:
        code = self.process.wait(timeout)
        self.read_rest()
        return code

    def stderr(self) -> str:
        assert self.process.stderr is not None
        return self.process.stderr.read().decode("utf-8", "replace")

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()


# --- checking the history file directly ---------------------------------------------------------


def history_path(data_dir: Path) -> Path:
    return data_dir / "history.sqlite3"


def integrity(data_dir: Path) -> str:
    """``PRAGMA integrity_check`` of the history file, read with plain sqlite3."""
    conn = sqlite3.connect(history_path(data_dir))
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def query(data_dir: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(history_path(data_dir))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def newest_session(data_dir: Path) -> tuple[str, str, str | None] | None:
    """``(id, status, stop_reason)`` of the newest session, or ``None``."""
    rows = query(data_dir, "SELECT id, status, stop_reason FROM sessions ORDER BY started_at DESC, id DESC LIMIT 1")
    return (str(rows[0][0]), str(rows[0][1]), rows[0][2] and str(rows[0][2])) if rows else None  # type: ignore[return-value]


def recorded_positions(data_dir: Path, session_id: str) -> set[int]:
    return {int(row[0]) for row in query(data_dir, "SELECT position FROM steps WHERE session_id = ?", session_id)}  # type: ignore[call-overload]
