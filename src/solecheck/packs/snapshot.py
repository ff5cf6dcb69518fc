"""The pack the last start showed, remembered so the next start can draw its first frame at once.

Loading a pack means importing the pack models (pydantic) and rebuilding the pack from the validated-pack
cache: about 100 ms the first frame need not wait for. A start snapshot keeps the
:class:`~solecheck.packs.view.PackView` of the pack a start chose, keyed by everything that choice
depended on: the pack named on the command line, the remembered pack, and every candidate pack folder
with a fingerprint of its files. When the key still matches, the app draws the home screen from the view
and loads the pack itself in the background (:func:`load_in_background`); when anything changed, or the
snapshot is missing or corrupt, the start takes the ordinary path and writes a new snapshot.

Like the pack cache this is an optimisation only: it never decides which pack is used.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from solecheck import paths
from solecheck.packs.locations import fingerprint, pack_folders, pack_locations, plugin_locations
from solecheck.packs.view import PackView

T = TypeVar("T")


def start_key(
    data_dir: Path,
    spec: str | None,
    remembered: str | None,
    extra: Iterable[Path],
    plugins: Iterable[tuple[Path, str]],
    language: str = "",
) -> str:
    """A hash of everything choosing the start's pack depends on (see the module docstring), and the
    language its texts are shown in (a view holds the pack's texts in that language).

    ``plugins`` are the entry-point pack locations the snapshot recorded: finding them afresh means
    reading every installed distribution's metadata, so instead the key holds the modification times of
    the ``site-packages`` folders on ``sys.path``, which change whenever a distribution is installed,
    upgraded or removed."""
    digest = hashlib.sha256(json.dumps([spec, remembered, language]).encode())
    for entry in sys.path:
        if entry.endswith(("site-packages", "dist-packages")):
            with suppress(OSError):
                digest.update(f"\0{entry}\0{os.stat(entry).st_mtime_ns}".encode())
    for location, source in pack_locations(data_dir, extra, plugins):
        digest.update(f"\0{source}\0{location.resolve()}\0".encode())
        if not location.exists():
            digest.update(b"missing")
            continue
        for folder in pack_folders(location):
            digest.update(f"\0{folder.resolve()}\0{fingerprint(folder)}".encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class SnapshotStamp:
    """The start key taken before the pack was read, with the entry-point pack locations it covered."""

    key: str
    plugins: tuple[tuple[Path, str], ...]


@dataclass(frozen=True)
class StartSnapshot:
    """The view a start with these inputs showed last time, stored in the data folder's cache."""

    data_dir: Path
    spec: str | None
    remembered: str | None
    extra: tuple[Path, ...] = ()
    language: str = ""
    """The language the view shows the pack's texts in (:func:`solecheck.i18n.current_language`)."""

    @property
    def path(self) -> Path:
        name = hashlib.sha256(json.dumps([self.spec, self.remembered]).encode()).hexdigest()[:24]
        return paths.cache_dir(self.data_dir) / "start" / f"{name}.json"

    def load(self) -> PackView | None:
        """The view stored for these inputs if nothing it depends on changed since; ``None`` otherwise."""
        try:
            entry = json.loads(self.path.read_text(encoding="utf-8"))
            plugins = [(Path(path), str(source)) for path, source in entry["plugins"]]
            if entry["key"] != self._key(plugins):
                return None
            return PackView.from_json(entry["view"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def stamp(self) -> SnapshotStamp:
        """The key of everything the start depends on, as it is now. Take it *before* choosing the pack
        and hand it to :meth:`save`: a pack file saved while the pack is read then makes the snapshot
        stale, instead of storing the old view under the new files' key."""
        plugins = tuple(plugin_locations())
        return SnapshotStamp(self._key(plugins), plugins)

    def save(self, view: PackView, stamp: SnapshotStamp) -> None:
        """Remember ``view`` for the next start under ``stamp`` (from :meth:`stamp`, taken before the
        pack was read). Failing to write (read-only or full disk) is fine."""
        plugins = stamp.plugins
        entry = {"key": stamp.key, "plugins": [[str(p), s] for p, s in plugins], "view": view.to_json()}
        try:
            paths.ensure_private_dir(self.data_dir)  # the history will live here: owner-only from the start
            self.path.parent.mkdir(parents=True, exist_ok=True)
            paths.write_atomically(self.path, json.dumps(entry))
        except OSError:
            pass

    def _key(self, plugins: Iterable[tuple[Path, str]]) -> str:
        return start_key(self.data_dir, self.spec, self.remembered, self.extra, plugins, self.language)


@dataclass(frozen=True)
class PendingPack(Generic[T]):
    """A pack known by its view while ``load`` (which returns the pack, with any warnings) has yet to run."""

    view: PackView
    load: Callable[[], T]


def load_in_background(load: Callable[[], T]) -> Future[T]:
    """Run ``load`` on a daemon thread: the caller goes on at once, and a process that ends first (the
    person quit within a fraction of a second) does not wait for it."""
    future: Future[T] = Future()

    def run() -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(load())
        except BaseException as error:  # noqa: BLE001 - handed to whoever waits on the future
            future.set_exception(error)

    threading.Thread(target=run, name="solecheck-pack-load", daemon=True).start()
    return future
