"""Which files in a folder make a pack: the one answer validate, lint, build, install and the app share.

A pack file is matched by name without regard to case, since clinics save packs on systems where
``Education.TOML`` and ``education.toml`` are the same file: such a file is read (and archived, and
installed) under its proper name, with a warning naming it. Two files differing only in case are an
error. Any other ``*.toml`` file is not part of the pack (a warning says so). The ``*.toml`` files of
the ``translations`` folder are the pack's translations, named ``translations/<tag>.toml`` (their tag
is checked by the loader).

Pictures are files in the pack's ``pictures/`` folder named in lower case (``pictures/sole-roll.png``):
every such file is part of the pack (its digest, archives, installs), whether or not an exercise names
it. A picture that is a link leading outside the pack folder is not part of it. Nothing here imports the
pack models, so the start-up's fingerprint can use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

PACK_FILE_NAMES: tuple[str, ...] = (
    "pack.toml",
    "clinic.toml",
    "education.toml",
    "exercises.toml",
    "screening.toml",
    "session.toml",
    "routines.toml",
)
"""Every pack file's proper name, in reading order."""
TRANSLATIONS_DIR = "translations"
"""The folder of translation files: ``translations/fr.toml`` (see :mod:`solecheck.packs.translation_models`)."""

BOM = "\ufeff"

PICTURE_FOLDER = "pictures"
"""The folder of a pack holding its pictures."""
PICTURE_SUFFIXES: tuple[str, ...] = (".png", ".jpg", ".jpeg")
PICTURE_NAME = re.compile(rf"{PICTURE_FOLDER}/[a-z0-9][a-z0-9_-]*\.(?:png|jpg|jpeg)")
"""A picture's path inside a pack, as a pack file names it and an archive stores it."""
MAX_PICTURE_FILES = 64
"""The most pictures a pack may hold."""


@dataclass(frozen=True)
class PackFiles:
    """The pack files found in one folder."""

    found: dict[str, Path] = field(default_factory=dict)
    """Proper name → the file holding it (whatever the case of its name)."""
    clashes: dict[str, tuple[Path, ...]] = field(default_factory=dict)
    """Proper name → two or more files differing only in case (none of them is read)."""
    others: tuple[Path, ...] = ()
    """``*.toml`` files (any case) that are not pack files."""
    pictures: dict[str, Path] = field(default_factory=dict)
    """``pictures/NAME.png`` → the file, for every picture file inside the pack folder."""
    stray_pictures: tuple[Path, ...] = ()
    """Files in ``pictures/`` that are not pictures of a pack: another name or type, a folder, or a link
    leading outside the pack folder."""

    def miscased(self) -> list[tuple[str, Path]]:
        """The files read under a name other than their own: ``("education.toml", …/Education.TOML)``."""
        return [(name, path) for name, path in self.found.items() if _proper(name, path) != name]


def _proper(name: str, path: Path) -> str:
    """The name ``path`` is read under as it is spelled: ``translations/fr.toml`` for a translation."""
    return f"{path.parent.name}/{path.name}" if "/" in name else path.name


def find_pack_files(root: Path) -> PackFiles:
    """The pack files in the folder ``root`` (an empty result if it can't be listed)."""
    by_name: dict[str, list[Path]] = {}
    others: list[Path] = []
    try:
        children = sorted(root.iterdir())
    except OSError:
        return PackFiles()
    for child in children:
        folded = child.name.casefold()
        if not folded.endswith(".toml"):
            continue
        if folded in PACK_FILE_NAMES:
            by_name.setdefault(folded, []).append(child)  # a folder by that name too: the loader says so
        elif child.is_file():
            others.append(child)
    found = {name: paths[0] for name in PACK_FILE_NAMES if len(paths := by_name.get(name, [])) == 1}
    for child in children:
        if child.name.casefold() == TRANSLATIONS_DIR and child.is_dir():
            by_name.update(_translation_files(child))
    found.update({name: paths[0] for name, paths in by_name.items() if "/" in name and len(paths) == 1})
    clashes = {name: tuple(paths) for name, paths in by_name.items() if len(paths) > 1}
    pictures, strays = _find_pictures(root)
    return PackFiles(found, clashes, tuple(others), pictures, strays)


def _find_pictures(root: Path) -> tuple[dict[str, Path], tuple[Path, ...]]:
    folder = root / PICTURE_FOLDER
    if not folder.is_dir() or folder.is_symlink():
        return {}, ()
    try:
        children = sorted(folder.iterdir())
        inside = root.resolve()
    except OSError:
        return {}, ()
    pictures: dict[str, Path] = {}
    strays: list[Path] = []
    for child in children:
        name = f"{PICTURE_FOLDER}/{child.name}"
        if PICTURE_NAME.fullmatch(name) and child.is_file() and _stays_inside(child, inside):
            pictures[name] = child
        else:
            strays.append(child)
    return pictures, tuple(strays)


def _stays_inside(path: Path, root: Path) -> bool:
    try:
        return path.resolve().is_relative_to(root)
    except OSError:
        return False


def _translation_files(folder: Path) -> dict[str, list[Path]]:
    """``translations/<tag>.toml`` → the ``*.toml`` files of ``folder`` with that tag, its case aside (two
    files ``fr-CA.toml`` and ``fr-ca.toml`` clash under the name of the first)."""
    found: dict[str, list[Path]] = {}
    names: dict[str, str] = {}
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return found
    for child in children:
        if child.name.casefold().endswith(".toml") and child.is_file():
            tag = child.name[: -len(".toml")]
            name = names.setdefault(tag.casefold(), f"{TRANSLATIONS_DIR}/{tag}.toml")
            found.setdefault(name, []).append(child)
    return found


def translation_file_names(files: PackFiles) -> list[str]:
    """The names of the translation files found, sorted: ``["translations/es.toml", "translations/fr.toml"]``."""
    return sorted(name for name in files.found if name.startswith(f"{TRANSLATIONS_DIR}/"))


def pack_file(root: Path, name: str) -> Path:
    """The file in ``root`` holding the pack file ``name``, whatever its case (``root / name`` if none)."""
    if (root / name).is_file():
        return root / name
    return find_pack_files(root).found.get(name, root / name)


def is_pack_folder(path: Path) -> bool:
    """Whether ``path`` is a folder holding ``pack.toml`` (in any case)."""
    if (path / "pack.toml").is_file():
        return True
    manifest = find_pack_files(path).found.get("pack.toml")
    return manifest is not None and manifest.is_file()


def decode(data: bytes) -> str:
    """A pack file's bytes as text: UTF-8, a leading byte-order mark dropped (``UnicodeDecodeError``)."""
    text = data.decode("utf-8")
    return text[1:] if text.startswith(BOM) else text
