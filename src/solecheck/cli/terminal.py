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
from collections.abc import Callable, Iterator
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
    sys.stdout, sys.stderr = TerminalStream(out), TerminalStream(err)  # type: ignore[assignment]
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
