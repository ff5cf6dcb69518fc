"""Files the CLI writes for the person (an export, a report, reminders): owner-only, whole or not at all."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO

from solecheck.cli.context import CliError
from solecheck.i18n import _


def write_private(target: Path, write: Callable[[BinaryIO], object]) -> Path:
    """Let ``write`` fill a new owner-only (0600) file beside ``target``, then move it into place, so no
    half-written file is ever left; ``CliError`` with one line naming the file when it can't be written.
    Returns the path written (``~`` expanded)."""
    target = target.expanduser()
    if target.is_dir():
        raise CliError(_("{path} is a folder; give a file name").format(path=target))
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise CliError(_("cannot write {path}: {reason}").format(path=target, reason=error.strerror)) from error
    try:
        with open(fd, "wb") as out:
            write(out)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CliError(_("cannot write {path}: {reason}").format(path=target, reason=error.strerror)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target


def write_private_bytes(target: Path, data: bytes) -> Path:
    """``data`` written to ``target`` as :func:`write_private` does."""
    return write_private(target, lambda out: out.write(data))


def write_private_text(target: Path, write: Callable[[TextIO], object], *, bom: bool = False) -> Path:
    """Text from ``write`` in UTF-8 (with a byte-order mark when ``bom``, for spreadsheet programs), written to
    ``target`` as :func:`write_private` does; newlines are written as given."""

    def fill(out: BinaryIO) -> None:
        text = io.TextIOWrapper(out, encoding="utf-8-sig" if bom else "utf-8", newline="")
        write(text)
        text.flush()
        text.detach()

    return write_private(target, fill)
