"""Where solecheck keeps things on disk: the one place that knows the folders.

Nothing here touches the disk at import time. ``--data-dir`` / ``SOLECHECK_DATA_DIR`` override the
data folder (history database, installed packs, caches); ``SOLECHECK_CONFIG_DIR`` overrides the
config folder (settings). Folders holding health data are created readable by the owner alone.
"""

from __future__ import annotations

import errno
import os
from contextlib import suppress
from pathlib import Path

APP_NAME = "solecheck"
DATA_ENV = "SOLECHECK_DATA_DIR"
CONFIG_ENV = "SOLECHECK_CONFIG_DIR"
PACKS_ENV = "SOLECHECK_PACKS"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: the override, else ``$SOLECHECK_DATA_DIR``, else the platform's user data dir."""
    if override:
        return Path(override).expanduser()
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """The config folder: ``$SOLECHECK_CONFIG_DIR`` or the platform's user config dir."""
    env = os.environ.get(CONFIG_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def settings_file() -> Path:
    return config_dir() / "settings.toml"


def history_db(data: Path) -> Path:
    return data / "history.sqlite3"


def user_packs_dir(data: Path) -> Path:
    """Installed packs live here, one folder per ``ID@VERSION``."""
    return data / "packs"


def cache_dir(data: Path) -> Path:
    return data / "cache"


def env_pack_paths() -> list[Path]:
    """Extra pack locations from ``$SOLECHECK_PACKS`` (an ``os.pathsep``-separated list)."""
    raw = os.environ.get(PACKS_ENV, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


class FolderError(OSError):
    """A folder solecheck needs can't be used, for a reason named in one line (``str(error)``): a file
    where the folder should be, a dangling link, another user's folder, no permission, a full disk."""

    def __init__(self, message: str, path: Path) -> None:
        super().__init__(message)
        self.message = message
        self.strerror = message
        self.filename = str(path)

    def __str__(self) -> str:
        return self.message


def check_folder(path: Path) -> None:
    """Raise ``FolderError`` when ``path`` exists but can't serve as a folder of ours: a file (or a
    link to one) where the folder should be, a link to nothing, a folder another user owns (unless we
    are root), or one of its parents is a file. A missing folder passes."""
    for ancestor in reversed((path, *path.parents)):
        if ancestor.is_symlink() and not ancestor.exists():
            raise FolderError(
                f"{ancestor} is a link to {os.readlink(ancestor)}, which does not exist; create that folder "
                "or remove the link",
                ancestor,
            )
        if ancestor.exists() and not ancestor.is_dir():
            raise FolderError(
                f"{ancestor} is a file where a folder should be; move it aside or choose another --data-dir",
                ancestor,
            )
    if path.is_dir() and os.name == "posix":
        owner = path.stat().st_uid
        if owner != os.geteuid() and os.geteuid() != 0:
            raise FolderError(
                f"the folder {path} belongs to another user (uid {owner}); your history is kept only in a "
                "folder of your own: choose another --data-dir",
                path,
            )


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) owner-only (0700) and tighten an existing one: group and other
    bits removed, the owner's bits left as the owner set them (a folder made read-only stays so).
    Raises ``FolderError`` naming why the folder can't be used."""
    check_folder(path)
    try:
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    except FolderError:
        raise
    except OSError as error:
        check_folder(path)  # it changed under us: name it
        raise folder_error(error, path) from error
    tighten(path)
    return path


def tighten(path: Path) -> None:
    """Remove group and other permission bits from ``path`` (never add any). Privacy needs no more."""
    if os.name != "posix":
        return
    mode = path.stat().st_mode & 0o7777
    if mode & 0o077:
        os.chmod(path, mode & ~0o077)


def folder_error(error: OSError, path: Path) -> FolderError:
    """``error`` from creating or using the folder ``path``, said as its cause."""
    if isinstance(error, FolderError):
        return error
    reason = {
        errno.EACCES: f"you have no permission to create or write {path} (check the permissions of its folder)",
        errno.EPERM: f"you have no permission to create or write {path} (check the permissions of its folder)",
        errno.ENOSPC: f"the disk holding {path} is full; free some space",
        errno.EDQUOT: f"your disk quota for {path} is used up; free some space",
        errno.EROFS: f"{path} is on a read-only file system",
        errno.ENOTDIR: f"a part of {path} is a file where a folder should be; choose another --data-dir",
        errno.ELOOP: f"{path} is a link that loops back on itself; remove the link",
    }.get(error.errno or 0, f"cannot use the folder {path}: {error.strerror or error}")
    return FolderError(reason, path)


def write_atomically(path: Path, text: str, *, mode: int | None = None) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, so a reader never sees half a file
    (raises ``OSError`` as writing does). ``mode``: the file's permissions, set before it is visible."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if mode is not None:
        with suppress(FileNotFoundError):
            temporary.unlink()
        os.close(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode))
        os.chmod(temporary, mode)
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)
