"""The real app in a real pseudo-terminal, for the fault tests: keys typed, signals sent, the
terminal closed. The history file is read directly to see what the app saved."""

from __future__ import annotations

import fcntl
import os
import pty
import signal
import struct
import sys
import termios
import threading
import time
from collections.abc import Callable
from pathlib import Path

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from tests.conftest import BUILTIN_PACK

PROCEED_ANSWERS: dict[str, bool | int | str] = {
    "acute-injury": False, "deformity": False, "surgery": False, "pain-today": False, "floor": "easily",
}


def record_proceed_screening(data_dir: Path, pack: Pack) -> None:
    """A valid screening with nothing to report, so a session starts without the wizard."""
    with HistoryStore.open(data_dir) as store:
        store.record_screening(
            ScreeningRecord(
                pack_id=pack.id,
                pack_version=pack.version,
                screening_digest=pack.screening_digest,
                answers=PROCEED_ANSWERS,
                outcome="proceed",
            )
        )


class AppInTerminal:
    """``solecheck`` running in a 100×32 pseudo-terminal it controls, like a person's terminal."""

    def __init__(self, data_dir: Path, *args: str, pack: Path = BUILTIN_PACK) -> None:
        argv = [sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "--pack", str(pack), *args]
        env = dict(os.environ, TERM="xterm-256color", COLORTERM="truecolor", TEXTUAL_CURSOR_BLINK="0")
        pid, fd = pty.fork()
        if pid == 0:  # the child: its controlling terminal is the pty
            os.execve(sys.executable, argv, env)
        self.pid = pid
        self.fd = fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 32, 100, 0, 0))
        self.output = bytearray()
        self.exit_status: int | None = None
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.output.extend(chunk)

    def press(self, *keys: str, gap: float = 0.15) -> None:
        """Type keys (``enter`` and ``escape`` by name, anything else as typed)."""
        names = {"enter": b"\r", "escape": b"\x1b", "space": b" "}
        for key in keys:
            os.write(self.fd, names.get(key, key.encode()))
            time.sleep(gap)

    def signal(self, number: int) -> None:
        os.kill(self.pid, number)

    def close_terminal(self) -> None:
        """Close the terminal's side of the pty, as closing a terminal window does (the app gets SIGHUP)."""
        os.close(self.fd)
        self.fd = -1

    def wait(self, timeout: float = 15.0) -> int:
        """The exit status (a negative number: killed by that signal)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exit_status = os.waitstatus_to_exitcode(status)
                return self.exit_status
            time.sleep(0.05)
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        raise AssertionError(f"the app did not exit within {timeout} s")

    def close(self) -> None:
        if self.exit_status is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        if self.fd >= 0:
            os.close(self.fd)
            self.fd = -1

    def text(self) -> str:
        return self.output.decode("utf-8", "replace")


def wait_for(condition: Callable[[], object], timeout: float = 15.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")
