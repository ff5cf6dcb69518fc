"""The user's settings (theme, chosen pack, bell), kept as TOML in the config folder.

A broken settings file is never fatal: it is set aside as ``settings.toml.broken``, reported, and
replaced by defaults.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import tomli_w
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from solecheck import paths


class Settings(BaseModel):
    """What solecheck remembers between runs."""

    model_config = ConfigDict(extra="ignore")

    theme: str = Field(default="textual-dark", max_length=100)
    pack: str | None = Field(default=None, max_length=1000, description="ID, ID@VERSION or a folder path")
    bell: bool = Field(default=False, description="Ring the terminal bell when a timed step ends.")


def load_settings(path: Path | None = None) -> tuple[Settings, str | None]:
    """The settings at ``path`` (default: the config folder), and a warning if they could not be read."""
    path = path or paths.settings_file()
    if not path.exists():
        return Settings(), None
    try:
        return Settings.model_validate(tomllib.loads(path.read_text(encoding="utf-8"))), None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValidationError) as error:
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
        temporary = path.with_name(path.name + ".tmp")
        temporary.write_text(tomli_w.dumps(settings.model_dump(exclude_none=True)), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as error:
        return f"Settings could not be saved to {path}: {error.strerror or error}"
    return None
