"""The user's settings (theme, chosen pack, bell, spacing), kept as TOML in the config folder.

A broken settings file is never fatal: it is set aside as ``settings.toml.broken``, reported, and
replaced by defaults.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from solecheck import paths


@dataclass(frozen=True)
class Settings:
    """What solecheck remembers between runs.

    A plain dataclass, checked by hand: settings are read before the first frame, and three fields do
    not earn the ~70 ms that importing pydantic would add to every start."""

    theme: str = "textual-dark"
    pack: str | None = None
    """ID, ID@VERSION or a folder path."""
    bell: bool = False
    """Ring the terminal bell when a timed step ends."""
    spacious: bool = False
    """Larger spacing: a blank line between an exercise's numbered steps and tips."""

    @classmethod
    def from_toml(cls, data: dict[str, Any]) -> Settings:
        """Settings from a parsed file; unknown keys are ignored, a wrong value raises ``ValueError``."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        longest = {"theme": 100, "pack": 1000}
        for key, value in values.items():
            if key in ("bell", "spacious") and not isinstance(value, bool):
                raise ValueError(f"{key} must be true or false, not {value!r}")
            if key in longest and not (isinstance(value, str) and len(value) <= longest[key]):
                raise ValueError(f"{key} must be text of at most {longest[key]} characters")
        return cls(**values)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings at ``path`` (default: the config folder), and a warning if they could not be read."""
    path = path or paths.settings_file()
    if not path.exists():
        return Settings(), None
    try:
        return Settings.from_toml(tomllib.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as error:
        reason = str(error).splitlines()[0]
        broken = path.with_name(path.name + ".broken")
        try:
            os.replace(path, broken)
            kept = f" (kept as {broken.name})"
        except OSError:
            kept = ""
        return Settings(), f"Settings file {path} could not be read{kept}: {reason}. Using defaults."


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings atomically; returns a warning instead of raising when the disk refuses."""
    path = path or paths.settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tomli_w

        values = {key: value for key, value in asdict(settings).items() if value is not None}
        paths.write_atomically(path, tomli_w.dumps(values))
    except OSError as error:
        return f"Settings could not be saved to {path}: {error.strerror or error}"
    return None
