"""Where solecheck keeps things on disk: the one place that knows the folders.

Nothing here touches the disk at import time. ``--data-dir`` / ``SOLECHECK_DATA_DIR`` override the
data folder (history database, installed packs, caches); ``SOLECHECK_CONFIG_DIR`` overrides the
config folder (settings). Folders holding health data are created readable by the owner alone.
"""

from __future__ import annotations

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


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) and make it owner-only (0700); health data lives here."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(path, 0o700)
    return path


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
