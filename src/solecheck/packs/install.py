"""Install and remove packs in the user's pack folder, one folder per ``ID@VERSION``.

A pack's id and version name one content: a pack whose ``ID@VERSION`` is already present, built in,
installed or published by a Python distribution, is installed only when its files are byte for byte
the same (compared by content digest, :mod:`solecheck.packs.content`); a changed pack needs a new
version number.

Installing is all or nothing. The archive (or folder) is read and checked in memory, then written to a
scratch folder outside the user's data and validated there; only a valid pack whose id and version
agree with its manifest is copied into a staging folder beside the installed packs and renamed into
place in one step. A refusal leaves the user's folders exactly as they were.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from solecheck.i18n import N_, _
from solecheck.packs.archive import ArchiveError, read_archive
from solecheck.packs.content import content_digest, pack_files
from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.discovery import split_spec
from solecheck.packs.files import find_pack_files
from solecheck.packs.loader import MAX_FILE_BYTES, check_pack
from solecheck.packs.locations import builtin_pack_dir, pack_folders, plugin_locations
from solecheck.packs.models import version_key
from solecheck.packs.pack import Pack
from solecheck.packs.pictures import MAX_PICTURE_BYTES

_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$")
_VERSION = re.compile(r"^[0-9A-Za-z.+-]+$")

InstallStatus = Literal["installed", "unchanged"]
_CLASH_WORDS = {
    "builtin": N_(
        "{pack} is built into solecheck with different content ({folder}); one version names one content, so "
        "raise the version in pack.toml (e.g. {next}) and build again"
    ),
    "user": N_(
        "{pack} is already installed with different content ({folder}); one version names one content, so "
        "raise the version in pack.toml (e.g. {next}) and build again"
    ),
}
_CLASH_DISTRIBUTION = N_(
    "{pack} is published by a Python distribution ({distribution}) with different content ({folder}); one version "
    "names one content, so raise the version in pack.toml (e.g. {next}) and build again"
)


class InstallError(ValueError):
    """A pack was not installed or removed. ``diagnostics`` holds the pack's problems when it was invalid."""

    def __init__(self, message: str, diagnostics: list[Diagnostic] | None = None) -> None:
        super().__init__(message)
        self.diagnostics = diagnostics or []


@dataclass(frozen=True)
class InstallResult:
    """What ``install`` did: the pack, where it now lives, and whether it was new."""

    pack: Pack
    path: Path
    status: InstallStatus
    diagnostics: list[Diagnostic] = field(default_factory=list)


def installed_folder(packs_dir: Path, pack_id: str, version: str) -> Path:
    return packs_dir / f"{pack_id}@{version}"


def _read_source(source: Path) -> tuple[dict[str, bytes], tuple[str, str] | None]:
    """The pack files of an archive or a folder, and the id and version an archive's manifest declares."""
    if source.is_dir():
        found = find_pack_files(source)
        for path in found.found.values():
            if path.is_file() and path.stat().st_size > MAX_FILE_BYTES:
                raise InstallError(_("{file} is larger than {limit:,} bytes").format(file=path, limit=MAX_FILE_BYTES))
        for path in found.pictures.values():
            if path.stat().st_size > MAX_PICTURE_BYTES:
                raise InstallError(
                    _("{file} is larger than {limit:,} bytes").format(file=path, limit=MAX_PICTURE_BYTES)
                )
        files = pack_files(source)
        if "pack.toml" not in files:
            message = _("{source} has no pack.toml; a pack is a folder holding pack.toml")
            raise InstallError(message.format(source=source))
        return files, None
    if source.is_file():
        try:
            contents = read_archive(source)
        except ArchiveError as error:
            raise InstallError(f"{source}: {error}") from None
        return contents.files, (contents.pack_id, contents.version)
    raise InstallError(_("{source} does not exist").format(source=source))


def _write_files(folder: Path, files: dict[str, bytes]) -> None:
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(exist_ok=True)  # translations/ or pictures/
        (folder / name).write_bytes(data)


def _declared_key(folder: Path) -> tuple[str, str] | None:
    """The id and version ``folder/pack.toml`` declares, read without validating the pack."""
    import tomllib

    try:
        raw = tomllib.loads((folder / "pack.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    pack_id, version = raw.get("id"), raw.get("version")
    return (pack_id, version) if isinstance(pack_id, str) and isinstance(version, str) else None


def other_locations() -> list[tuple[Path, str]]:
    """Where packs come from besides the user's pack folder: Python distributions, then built in."""
    found = plugin_locations()
    builtin = builtin_pack_dir()
    if builtin is not None:
        found.append((builtin, "builtin"))
    return found


def _different_copy(key: tuple[str, str], digest: str, locations: list[tuple[Path, str]]) -> tuple[Path, str] | None:
    """The first folder among ``locations`` declaring ``key`` whose files differ from ``digest``."""
    for location, source in locations:
        if not location.is_dir():
            continue
        for folder in pack_folders(location):
            if _declared_key(folder) == key and content_digest(pack_files(folder)) != digest:
                return folder, source
    return None


def install(
    source: Path, packs_dir: Path, *, elsewhere: list[tuple[Path, str]] | None = None
) -> InstallResult:
    """Install the archive or pack folder ``source`` into ``packs_dir``/``ID@VERSION``.

    An identical copy already installed is left as it is (``unchanged``). ``elsewhere`` lists the other
    places packs come from, as ``(folder, source)`` (default: :func:`other_locations`). Raises
    :class:`InstallError`, having written nothing, for an invalid pack, an archive whose manifest
    disagrees with its pack.toml, or different content under an ``ID@VERSION`` already present."""
    files, declared = _read_source(source)
    with tempfile.TemporaryDirectory(prefix="solecheck-install-") as scratch:
        trial = Path(scratch) / "pack"
        _write_files(trial, files)
        pack, diagnostics = check_pack(trial, source="user")
        if pack is None:
            raise InstallError(_("{source} is not a valid pack").format(source=source), diagnostics)
    if declared is not None and declared != (pack.id, pack.version):
        message = _("{source}: its manifest says {declared} but its pack.toml says {pack}")
        raise InstallError(message.format(source=source, declared=f"{declared[0]}@{declared[1]}", pack=pack.key))
    target = installed_folder(packs_dir, pack.id, pack.version)
    digest = content_digest(files)
    locations = [(packs_dir, "user"), *(other_locations() if elsewhere is None else elsewhere)]
    clash = _different_copy((pack.id, pack.version), digest, locations)
    if clash is not None:
        folder, where = clash
        message = _(_CLASH_WORDS.get(where, _CLASH_DISTRIBUTION))
        raise InstallError(
            message.format(
                pack=pack.key, folder=folder, next=_next_patch(pack.version), distribution=where.partition(":")[2]
            )
        )
    if target.exists():
        if content_digest(pack_files(target)) == digest:
            return InstallResult(pack, target, "unchanged", diagnostics)
        raise InstallError(
            _(
                "{folder} exists but does not hold {pack}; remove it with 'solecheck pack remove {pack}' and "
                "install again"
            ).format(folder=target, pack=pack.key)
        )
    packs_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".install-", dir=packs_dir))
    try:
        # The pack sits one level down, so discovery never lists a half-installed pack.
        _write_files(staging / "pack", files)
        (staging / "pack").replace(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    installed = check_pack(target, source="user")[0]
    return InstallResult(installed or pack, target, "installed", diagnostics)


def _next_patch(version: str) -> str:
    """``1.0.0`` → ``1.0.1`` (a pre-release or build suffix is dropped): a version to suggest."""
    match = re.match(r"^(\d+)\.(\d+)\.(\d+)", version)
    if not match:
        return _("a higher version")
    major, minor, patch = map(int, match.groups())
    return f"{major}.{minor}.{patch + 1}"


def installed_versions(packs_dir: Path, pack_id: str) -> list[Path]:
    """The installed folders of ``pack_id``, newest version first."""
    if not packs_dir.is_dir():
        return []
    found = [p for p in packs_dir.iterdir() if p.is_dir() and p.name.startswith(f"{pack_id}@")]
    return sorted(found, key=lambda p: version_key(p.name.partition("@")[2]), reverse=True)


def remove(packs_dir: Path, spec: str) -> list[Path]:
    """Remove ``ID@VERSION``, or every installed version of ``ID``; returns the folders removed.

    Only packs installed in the user's pack folder can be removed."""
    pack_id, version = split_spec(spec)
    if not _PACK_ID.match(pack_id) or (version is not None and not _VERSION.match(version)):
        raise InstallError(_("'{spec}' is not a pack id or ID@VERSION").format(spec=spec))
    if version is None:
        targets = installed_versions(packs_dir, pack_id)
    else:
        folder = installed_folder(packs_dir, pack_id, version)
        targets = [folder] if folder.is_dir() else []
    if not targets:
        raise InstallError(
            _(
                "'{spec}' is not installed in {folder}; 'solecheck pack list' shows where each pack comes from "
                "(built-in packs and packs from Python distributions can't be removed here)"
            ).format(spec=spec, folder=packs_dir)
        )
    for folder in targets:
        staging = Path(tempfile.mkdtemp(prefix=".remove-", dir=packs_dir))
        os.replace(folder, staging / "pack")
        shutil.rmtree(staging, ignore_errors=True)
    return targets
