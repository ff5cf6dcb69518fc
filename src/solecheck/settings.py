"""The user's settings (theme, chosen pack, bell, spacing, glyphs, their own care contact), kept as TOML
in the config folder, readable by the owner only.

A broken settings file is never fatal: it is set aside as ``settings.toml.broken``, reported, and
replaced by defaults.
"""

from __future__ import annotations

import dataclasses
import os
import re
import tomllib
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from solecheck import paths
from solecheck.contact import CareContact
from solecheck.i18n import _

GLYPH_SETTINGS = ("auto", "full", "console")
"""The values of the ``glyphs`` setting."""
LANGUAGE_TAG = re.compile(r"^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$")
"""The shape of the ``language`` setting and of ``--lang``: a BCP 47 or POSIX tag (``fr``, ``fr-CA``, ``es_MX``)."""
PICTURE_SETTINGS = ("auto", "off")
"""The values of the ``pictures`` setting."""


@dataclass(frozen=True)
class Settings:
    """What solecheck remembers between runs.

    A plain dataclass, checked by hand: settings are read before the first frame, and three fields do
    not earn the ~70 ms that importing pydantic would add to every start."""

    theme: str = "textual-dark"
    pack: str | None = None
    """ID (the newest valid version is used), ID@VERSION (only when ``pack_pinned``) or a folder path."""
    pack_pinned: bool = False
    """The person pinned ``pack`` to its version on purpose (the picker's pin): no newer version is taken up."""
    pack_version: str | None = None
    """The version of the remembered pack used last, to say when a newer one was taken up."""
    bell: bool = False
    """Ring the terminal bell when a timed step ends."""
    contact: CareContact | None = None
    """The person's own physiotherapist or doctor (:mod:`solecheck.contact`)."""
    glyphs: str = "auto"
    """``auto``, ``full`` or ``console``: the characters the app draws with (see :mod:`solecheck.tui.glyphs`);
    ``auto`` picks ``console`` on the Linux console (``TERM=linux``)."""
    spacious: bool = False
    """Larger spacing: a blank line between an exercise's numbered steps and tips."""
    language: str | None = None
    """The language of the app's words (``fr``, ``es-MX``); ``None``: the person's locale (``LANG``…), as
    :func:`solecheck.i18n.choose_language` decides. ``--lang`` overrides it for one run."""
    pictures: str = "auto"
    """``auto`` or ``off``: draw a pack's pictures where the terminal can (see :mod:`solecheck.tui.pictures`),
    or show only their alt text."""

    @classmethod
    def from_toml(cls, data: dict[str, Any]) -> Settings:
        """Settings from a parsed file; unknown keys are ignored, a wrong value raises ``ValueError``."""
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        longest = {"theme": 100, "pack": 1000, "pack_version": 100, "language": 35}
        if "contact" in values:
            values["contact"] = CareContact.from_toml(values["contact"])
        for key, value in values.items():
            if key in ("bell", "pack_pinned", "spacious") and not isinstance(value, bool):
                raise ValueError(f"{key} must be true or false, not {value!r}")
            if key == "glyphs" and value not in GLYPH_SETTINGS:
                raise ValueError(f"glyphs must be one of {', '.join(GLYPH_SETTINGS)}, not {value!r}")
            if key == "pictures" and value not in PICTURE_SETTINGS:
                raise ValueError(f"pictures must be one of {', '.join(PICTURE_SETTINGS)}, not {value!r}")
            if key in longest and not (isinstance(value, str) and len(value) <= longest[key]):
                raise ValueError(f"{key} must be text of at most {longest[key]} characters")
            if key == "language" and not LANGUAGE_TAG.match(value):
                raise ValueError(f"language must be a language tag such as fr or es-MX, not {value!r}")
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
        except OSError:
            return Settings(), _("Settings file {path} could not be read: {reason}. Using defaults.").format(
                path=path, reason=reason)
        return Settings(), _(
            "Settings file {path} could not be read (kept as {kept}): {reason}. Using defaults."
        ).format(path=path, kept=broken.name, reason=reason)


def save_settings(settings: Settings, path: Path | None = None) -> str | None:
    """Write the settings atomically; returns a warning instead of raising when the disk refuses."""
    path = path or paths.settings_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        import tomli_w

        values = {key: value for key, value in asdict(settings).items() if value is not None}
        if isinstance(values.get("contact"), dict):
            values["contact"] = {key: value for key, value in values["contact"].items() if value is not None}
        # Owner-only: the settings may hold the person's care contact, which is theirs alone.
        paths.write_atomically(path, tomli_w.dumps(values), mode=0o600)
    except OSError as error:
        return _("Settings could not be saved to {path}: {error}").format(path=path, error=error.strerror or error)
    return None
