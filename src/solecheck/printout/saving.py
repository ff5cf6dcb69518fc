"""Where a printout is written, and writing it without ever replacing a file unasked.

A printout goes to the folder the person runs solecheck from unless they name another: it is meant to
be printed, mailed or handed over, so it belongs where they will look for it, not in the private data
folder. A default name already taken gets a number (``…-2.pdf``) rather than replacing it; a file named
on purpose is replaced only when the caller says so. The bytes go to a temporary file in the target's
folder first, so a failure never leaves half a PDF.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from solecheck.i18n import _

MAX_NUMBERED = 999


class PrintoutError(ValueError):
    """A printout could not be written; the message says what and where, for the person."""


def free_path(path: Path) -> Path:
    """``path`` if nothing is there, else the first of ``NAME-2.pdf``, ``NAME-3.pdf``… that is free."""
    if not path.exists() and not path.is_symlink():
        return path
    for number in range(2, MAX_NUMBERED + 1):
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        if not candidate.exists() and not candidate.is_symlink():
            return candidate
    raise PrintoutError(f"{path} and {MAX_NUMBERED - 1} numbered copies already exist; choose another name with -o")


def write_printout(data: bytes, target: Path, *, replace: bool = False) -> bool:
    """Write ``data`` to ``target``; returns whether a file there was replaced.

    Raises :class:`PrintoutError` when ``target`` exists and ``replace`` is false, is a folder, or can't be
    written (its folder missing or read-only, the disk full)."""
    if target.is_dir():
        raise PrintoutError(_("{file} is a folder; name a file ending in .pdf").format(file=target))
    existed = target.exists() or target.is_symlink()
    if existed and not replace:
        raise PrintoutError(_("{file} already exists; nothing was written").format(file=target))
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".solecheck-", suffix=".pdf", dir=folder)
    except OSError as error:
        raise PrintoutError(
            _("can't write in {folder}: {error}").format(folder=folder.absolute(), error=error.strerror or error)
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temporary, 0o644)
        if replace:
            os.replace(temporary, target)
        else:
            try:
                os.link(temporary, target)  # fails if a file appeared there meanwhile
            except FileExistsError:
                raise PrintoutError(_("{file} already exists; nothing was written").format(file=target)) from None
            except OSError:  # no hard links here (FAT, some network shares): the target was free above
                os.replace(temporary, target)
    except OSError as error:
        message = _("can't write {file}: {error}").format(file=target, error=error.strerror or error)
        raise PrintoutError(message) from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return existed
