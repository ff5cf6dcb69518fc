"""Standard output and error as the command line writes them: safe for a terminal in any locale.

Every line the CLI writes may carry outside text (a pack's name, an imported note, a path). While a
command runs, :func:`terminal_output` puts a :class:`TerminalStream` in place of ``sys.stdout`` and
``sys.stderr``, which removes what :func:`solecheck.outside_text.is_unsafe` names, and sets the streams'
encoding errors to ASCII stand-ins, so a non-UTF-8 locale never ends a command with
``UnicodeEncodeError``. One notice on stderr says when the locale is not UTF-8.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TextIO

from solecheck.outside_text import STAND_IN_ERRORS, clean, is_utf8

BELL = "\a"

_noticed = False


class TerminalStream:
    """A text stream writing through to ``unfiltered`` with unsafe characters removed."""

    def __init__(self, unfiltered: TextIO) -> None:
        self.unfiltered = unfiltered

    def write(self, text: str) -> int:
        self.unfiltered.write(clean(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.unfiltered, name)


def _stand_in_errors(stream: object) -> None:
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):  # a closed or detached stream: nothing to protect
            reconfigure(errors=STAND_IN_ERRORS)


def encoding_notice(encoding: str | None) -> str:
    return (
        f"solecheck: note: this terminal's encoding is {encoding or 'unknown'}, not UTF-8, so some symbols are "
        "shown as ASCII stand-ins; a UTF-8 locale (e.g. LANG=C.UTF-8) shows them all"
    )


@contextmanager
def terminal_output() -> Iterator[None]:
    """While the block runs, ``sys.stdout`` and ``sys.stderr`` are :class:`TerminalStream`\\ s with
    ASCII stand-ins for what their encoding lacks (the full-screen app's stream too)."""
    global _noticed
    out, err = sys.stdout, sys.stderr
    for stream in {id(s): s for s in (out, err, sys.__stdout__, sys.__stderr__) if s is not None}.values():
        _stand_in_errors(stream)
    encoding = getattr(out, "encoding", None) or getattr(err, "encoding", None)
    if not _noticed and encoding is not None and not is_utf8(encoding):
        _noticed = True
        print(encoding_notice(encoding), file=err)
    sys.stdout, sys.stderr = TerminalStream(out), TerminalStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err


def line_writer(stream: TextIO) -> Callable[[str], None]:
    """A line mode's writer: each line cleaned and flushed at once; the bell (``"\\a"`` alone) rings."""
    target: TextIO = getattr(stream, "unfiltered", stream)

    def write(line: str) -> None:
        if line == BELL:
            target.write(BELL)
        else:
            target.write(clean(line) + "\n")
        target.flush()

    return write


def line_reader(read: Callable[[float | None], str | None]) -> Callable[[float | None], str | None]:
    """A line mode's reader whose answers and notes carry no unsafe characters."""

    def read_line(timeout: float | None) -> str | None:
        line = read(timeout)
        return None if line is None else clean(line)

    return read_line


def full_screen_refusal(
    environ: Mapping[str, str], streams: tuple[TextIO | None, ...] | None = None
) -> str | None:
    """Why the full-screen app can't be drawn here, or ``None`` when it can.

    It needs a terminal that understands cursor movement (``TERM`` set and not ``dumb``) on standard
    input, output and error (the app draws on error, reads keys from input). Checked before anything is
    drawn: a pipe or a dumb terminal would get escape codes it can't use and an app waiting for keys."""
    term = environ.get("TERM", "")
    if not term or term == "dumb":
        shown = f"TERM={term}" if term else "TERM is not set"
        return f"this terminal can't show the full-screen app ({shown})"
    names = ("input", "output", "error")
    for name, stream in zip(names, streams or (sys.stdin, sys.stdout, sys.stderr), strict=True):
        try:
            is_terminal = stream is not None and stream.isatty()
        except (ValueError, OSError):
            is_terminal = False
        if not is_terminal:
            return f"the full-screen app needs a terminal, and standard {name} is not one"
    return None


def require_full_screen() -> None:
    """Raise ``CliError`` (exit code 2) pointing to the line mode when the app can't be drawn here."""
    import os

    from solecheck.cli.context import CliError

    reason = full_screen_refusal(os.environ)
    if reason is not None:
        raise CliError(f"{reason}; `solecheck session --plain` runs the session as plain lines", exit_code=2)
