"""The full-screen app checks the terminal before drawing: with TERM=dumb or unset, or without a
terminal on standard input, output or error, it refuses in one line that points to the line mode."""

from __future__ import annotations

import io
import os
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from solecheck.cli.terminal import full_screen_refusal
from tests.conftest import BUILTIN_PACK

PLAIN_HINT = b"`solecheck session --plain` runs the session as plain lines"


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_refusal_reasons() -> None:
    ttys = (FakeTty(), FakeTty(), FakeTty())
    assert full_screen_refusal({"TERM": "xterm-256color"}, ttys) is None
    assert full_screen_refusal({"TERM": "linux"}, ttys) is None
    assert full_screen_refusal({"TERM": "dumb"}, ttys) == "this terminal can't show the full-screen app (TERM=dumb)"
    assert full_screen_refusal({}, ttys) == "this terminal can't show the full-screen app (TERM is not set)"
    piped = (FakeTty(), io.StringIO(), FakeTty())
    assert full_screen_refusal({"TERM": "xterm"}, piped) == (
        "the full-screen app needs a terminal, and standard output is not one"
    )
    assert full_screen_refusal({"TERM": "xterm"}, (None, FakeTty(), FakeTty())) is not None


@pytest.mark.parametrize(
    "args", [(), ("session",), ("pack", "preview", str(BUILTIN_PACK))], ids=["app", "session", "preview"]
)
def test_without_a_terminal_the_app_refuses_at_once(args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    assert result.returncode == 2
    assert result.stdout == b""
    assert result.stderr.count(b"\n") == 1 and PLAIN_HINT in result.stderr
    assert b"\x1b" not in result.stderr


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize("term", ["dumb", None])
def test_a_dumb_or_unknown_terminal_gets_one_line_and_no_escape_codes(term: str | None) -> None:
    import pty

    env = {k: v for k, v in os.environ.items() if k != "TERM"}
    if term is not None:
        env["TERM"] = term
    pid, fd = pty.fork()
    if pid == 0:  # the child: its controlling terminal is the pty
        try:
            os.execve(sys.executable, [sys.executable, "-m", "solecheck"], env)
        finally:
            os._exit(127)
    seen = b""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 2, seen
    assert b"\x1b" not in seen
    assert PLAIN_HINT in seen and seen.count(b"\n") == 1


def test_the_line_mode_needs_no_terminal(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", "--data-dir", str(tmp_path), "--pack", str(BUILTIN_PACK),
         "session", "--plain"],
        input=b"", capture_output=True, timeout=30, env={**os.environ, "TERM": "dumb"},
    )  # fmt: skip
    assert b"Answer (y/n)" in result.stdout and b"Input ended before the session started" in result.stdout
    assert b"\x1b" not in result.stdout and b"Traceback" not in result.stderr
