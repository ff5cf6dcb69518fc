"""Files the CLI writes for the person (a report, reminders): owner-only, whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

from solecheck.cli.context import CliError
from solecheck.i18n import _


def write_private_bytes(target: Path, data: bytes) -> Path:
    """Write ``data`` to a new owner-only (0600) file beside ``target``, then move it into place, so no
    half-written file is ever left; ``CliError`` with one line naming the file when it can't be written."""
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
            out.write(data)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise CliError(_("cannot write {path}: {reason}").format(path=target, reason=error.strerror)) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return target
