"""Notice when a pack folder's files change, for the live preview (``solecheck pack preview``).

:class:`PackWatcher` is polled: each :meth:`~PackWatcher.poll` hashes the folder's ``*.toml`` files
(a pack is a few small files, so this costs well under a millisecond) and, when anything differs from
the last poll, reloads the pack and returns the outcome. Hashing rather than comparing modification
times catches two saves within one timestamp tick, and ignores a save that changed nothing. No thread,
no new dependency: the app calls ``poll`` from a timer, every half second by default.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.files import TRANSLATIONS_DIR
from solecheck.packs.loader import MAX_FILE_BYTES, check_pack
from solecheck.packs.pack import Pack


@dataclass(frozen=True)
class PackReload:
    """The pack as it reads after a change: ``pack`` when valid, else ``None`` and the errors."""

    pack: Pack | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity == "error"]


class PackWatcher:
    """Polls one pack folder; reports a fresh load each time its TOML files change."""

    def __init__(self, root: Path, source: str = "path") -> None:
        self.root = root
        self.source = source
        self._signature: tuple[tuple[str, str], ...] | None = None

    def signature(self) -> tuple[tuple[str, str], ...]:
        """Each ``*.toml`` file's name and content hash (``"missing"``/``"unreadable"`` when so), the
        translation files' (``translations/fr.toml``) included."""
        found = []
        try:
            paths = sorted(p for p in self.root.iterdir() if p.name.casefold().endswith(".toml"))
            translations = [p for p in self.root.iterdir() if p.name.casefold() == TRANSLATIONS_DIR and p.is_dir()]
            for folder in translations:
                paths += sorted(p for p in folder.iterdir() if p.name.casefold().endswith(".toml"))
        except OSError:
            return (("", "missing"),)
        for path in paths:
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    digest = f"large:{path.stat().st_mtime_ns}:{path.stat().st_size}"
                else:
                    digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                digest = "unreadable"
            found.append((path.relative_to(self.root).as_posix(), digest))
        return tuple(found)

    def mark_current(self) -> None:
        """Take the folder as it is now as seen, so the next poll reports only later changes."""
        self._signature = self.signature()

    def poll(self) -> PackReload | None:
        """The reloaded pack if the files changed since the last poll (or on the first poll); else ``None``."""
        signature = self.signature()
        if signature == self._signature:
            return None
        self._signature = signature
        pack, diagnostics = check_pack(self.root, self.source)
        return PackReload(pack, tuple(diagnostics))
