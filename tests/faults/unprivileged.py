"""Running solecheck as a real unprivileged user, for the permission cases root never sees.

CI runs as root, and root ignores file permissions, so a read-only folder is writable to it. These
helpers start a child process that has dropped to ``nobody`` (uid/gid 65534, no supplementary groups:
``setpriv``, else ``os.setuid`` after ``fork`` through ``preexec_fn``) and give it a folder it owns. Run by a user who
is not root, the child simply runs as that user. Only a root run on a system without uid 65534 lacks
an unprivileged user, and ``needs_unprivileged_user`` skips there, saying so.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

NOBODY = 65534
REPO = Path(__file__).resolve().parents[2]


def _has_nobody() -> bool:
    try:
        pwd.getpwuid(NOBODY)
    except KeyError:
        return False
    return True


AS_ROOT = os.geteuid() == 0
needs_unprivileged_user = pytest.mark.skipif(
    os.name != "posix" or (AS_ROOT and not _has_nobody()),
    reason="no unprivileged user to run as (running as root, and there is no uid 65534)",
)


SETPRIV = shutil.which("setpriv")


def as_user(argv: list[str]) -> list[str]:
    """``argv`` run as the unprivileged user (through ``setpriv`` when we are root and have it)."""
    if AS_ROOT and SETPRIV:
        return [SETPRIV, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv]
    return argv


def drop_privileges() -> None:
    """In the child after ``fork``: become ``nobody`` when we are root (a no-op otherwise)."""
    if os.geteuid() == 0 and not SETPRIV:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)


def user_uid() -> int:
    """The uid the child runs as."""
    return NOBODY if AS_ROOT else os.geteuid()


@pytest.fixture
def owned_folder() -> Iterator[Path]:
    """A fresh folder the unprivileged user owns (outside pytest's root-only temp tree)."""
    folder = Path(tempfile.mkdtemp(prefix="solecheck-owner-"))
    if AS_ROOT:
        os.chown(folder, NOBODY, NOBODY)
    yield folder
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o700)
    shutil.rmtree(folder, ignore_errors=True)


def child_env(folder: Path) -> dict[str, str]:
    """The environment of the child: its own home and config folder inside ``folder``."""
    env = dict(os.environ)
    env.update(HOME=str(folder), SOLECHECK_CONFIG_DIR=str(folder / "config"), PYTHONPATH=str(REPO))
    env.pop("SOLECHECK_DATA_DIR", None)
    return env


def run_as_user(args: list[str], folder: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m solecheck ARGS`` as the unprivileged user."""
    return subprocess.run(
        as_user([sys.executable, "-m", "solecheck", *args]), preexec_fn=drop_privileges, env=child_env(folder),
        cwd=folder, capture_output=True, text=True, timeout=120, check=False, **kwargs,
    )


def python_as_user(module: str, *args: str, folder: Path) -> subprocess.CompletedProcess[str]:
    """Run ``python -m MODULE ARGS`` (a script under tests/) as the unprivileged user."""
    return subprocess.run(
        as_user([sys.executable, "-m", module, *args]), preexec_fn=drop_privileges, env=child_env(folder),
        cwd=REPO, capture_output=True, text=True, timeout=180, check=False,
    )
