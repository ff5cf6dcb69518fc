"""Where packs are, and a fingerprint of their files: found without reading them as packs.

Nothing here imports the pack models, so a start-up can tell whether anything changed since last time
before it pays for loading them (see :mod:`solecheck.packs.snapshot`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

from solecheck import __version__, paths
from solecheck.packs.files import TRANSLATIONS_DIR, find_pack_files, is_pack_folder
from solecheck.packs.format import FORMAT_VERSION

ENTRY_POINT_GROUP = "solecheck.packs"

_FINGERPRINT_FORMAT = 2  # 2: translation files count, and cache entries hold translations


def builtin_pack_dir() -> Path | None:
    """The packs shipped with solecheck: inside the installed package, or ``packs/`` in a checkout."""
    installed = Path(__file__).resolve().parents[1] / "_builtin_packs"
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parents[3] / "packs"
    return checkout if checkout.is_dir() else None


def looks_like_path(spec: str) -> bool:
    """Whether a pack named on the command line is a folder rather than an ``ID`` or ``ID@VERSION``."""
    return "/" in spec or "\\" in spec or spec.startswith(".") or Path(spec).exists()


def pack_folders(location: Path) -> Iterator[Path]:
    """``location`` itself if it is a pack, else each pack folder directly inside it."""
    if is_pack_folder(location):
        yield location
    elif location.is_dir():
        for child in sorted(location.iterdir()):
            if child.is_dir() and is_pack_folder(child):
                yield child


def plugin_locations() -> list[tuple[Path, str]]:
    """Pack locations published by installed Python distributions (entry-point group ``solecheck.packs``).

    Reading installed distributions' metadata is the slow part of finding packs (~20 ms), so a start
    that can trust its snapshot skips it (see :mod:`solecheck.packs.snapshot`)."""
    return list(_entry_point_locations())


def _entry_point_locations() -> Iterator[tuple[Path, str]]:
    import importlib.resources
    from importlib.metadata import entry_points

    for point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            target = point.load()
            location = target() if callable(target) else Path(str(importlib.resources.files(target)))
            yield Path(location), f"entry-point:{point.name}"
        except Exception as error:  # noqa: BLE001 - a broken plug-in must not break discovery
            yield Path(f"<entry point {point.name}: {error}>"), f"entry-point:{point.name}"


def pack_locations(
    data_dir: Path | None = None, extra: Iterable[Path] = (), plugins: Iterable[tuple[Path, str]] | None = None
) -> list[tuple[Path, str]]:
    """Every place packs are looked for, with its source name, in priority order. ``plugins`` are the
    entry-point locations if already known (found afresh when ``None``)."""
    found: list[tuple[Path, str]] = [(Path(p), "path") for p in extra]
    found += [(p, "env") for p in paths.env_pack_paths()]
    if data_dir is not None:
        found.append((paths.user_packs_dir(data_dir), "user"))
    found += plugin_locations() if plugins is None else list(plugins)
    builtin = builtin_pack_dir()
    if builtin:
        found.append((builtin, "builtin"))
    return found


def fingerprint(root: Path) -> str:
    """A hash of everything that decides a pack's validity: its TOML files, its pictures, the format, our
    version."""
    digest = hashlib.sha256(f"{_FINGERPRINT_FORMAT}:{FORMAT_VERSION}:{__version__}".encode())
    files: list[Path] = []
    try:
        for child in sorted(root.iterdir()):
            if child.name.casefold().endswith(".toml"):
                files.append(child)
            elif child.name.casefold() == TRANSLATIONS_DIR and child.is_dir():
                files += sorted(p for p in child.iterdir() if p.name.casefold().endswith(".toml"))
    except OSError:
        files = []
    pictures = [(name, path) for name, path in find_pack_files(root).pictures.items()] if files else []
    for name, path in [(path.relative_to(root).as_posix(), path) for path in files] + pictures:
        data = path.read_bytes()
        digest.update(f"\0{name}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()
