"""``.solepack`` archives: one pack version in a zip, with a manifest of every file's SHA-256.

An archive holds the pack's files at its top level, its pictures under ``pictures/``, and
``solepack.json``::

    {"solepack": 1, "id": "…", "version": "…", "files": {"pack.toml": {"sha256": "…", "size": 123}, …}}

:func:`build_archive` writes one from a valid pack folder, byte for byte the same for the same files
(fixed timestamps, sorted entries). :func:`read_archive` reads one defensively, before anything is
written anywhere: it refuses paths that escape the pack, links, folders, unknown or unlisted files,
more files or bytes than a pack can need (zip bombs: both the declared sizes and the bytes actually
inflated are counted), and any file whose hash differs from the manifest.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from solecheck.i18n import _
from solecheck.packs.content import content_digest, pack_files, sha256
from solecheck.packs.files import MAX_PICTURE_FILES, PICTURE_NAME
from solecheck.packs.loader import MAX_FILE_BYTES, load_pack
from solecheck.packs.models import PACK_FILES
from solecheck.packs.pack import Pack
from solecheck.packs.pictures import MAX_PICTURE_BYTES
from solecheck.packs.translation_models import MAX_TRANSLATIONS, is_translation_name

ARCHIVE_SUFFIX = ".solepack"
MANIFEST_NAME = "solepack.json"
ARCHIVE_FORMAT = 1
MAX_ENTRIES = 16 + MAX_TRANSLATIONS + MAX_PICTURE_FILES
"""A pack has at most seven files, its translations, its pictures and the manifest; more entries is refused
outright."""
MAX_TOTAL_BYTES = 16 * 1024 * 1024
"""The most bytes all files of an archive may inflate to."""
MAX_ARCHIVE_BYTES = 32 * 1024 * 1024
MAX_MANIFEST_BYTES = 64 * 1024
_CHUNK = 64 * 1024
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_DRIVE = re.compile(r"^[A-Za-z]:")


class ArchiveError(ValueError):
    """An archive can't be built or read; the message says what and where, for the user."""


@dataclass(frozen=True)
class ArchiveContents:
    """The checked content of an archive: what it says it is, and every file's bytes."""

    pack_id: str
    version: str
    files: dict[str, bytes]

    @property
    def digest(self) -> str:
        """The content digest of the files (see :mod:`solecheck.packs.content`); it equals the digest of
        the manifest's file list, since every file was checked against its listed hash."""
        return content_digest(self.files)


def archive_name(pack: Pack) -> str:
    """``thrive-now.foot-first-1.0.0.solepack``."""
    return f"{pack.id}-{pack.version}{ARCHIVE_SUFFIX}"


def _manifest(pack: Pack, files: dict[str, bytes]) -> bytes:
    document = {
        "solepack": ARCHIVE_FORMAT,
        "id": pack.id,
        "version": pack.version,
        "files": {name: {"sha256": sha256(data), "size": len(data)} for name, data in sorted(files.items())},
    }
    return (json.dumps(document, indent=2, sort_keys=True) + "\n").encode()


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = (stat.S_IFREG | 0o644) << 16
    info.create_system = 3
    return info


@dataclass(frozen=True)
class BuiltArchive:
    """What :func:`build` did: the archive's path, its pack, and whether an archive with the same
    content was already there (then nothing was written)."""

    path: Path
    pack: Pack
    unchanged: bool = False


def build_archive(root: Path, output: Path | None = None, *, expect_digest: str | None = None) -> tuple[Path, Pack]:
    """:func:`build`, returning the archive's path and the pack."""
    built = build(root, output, expect_digest=expect_digest)
    return built.path, built.pack


def build(root: Path, output: Path | None = None, *, expect_digest: str | None = None) -> BuiltArchive:
    """Write the pack at ``root`` as a ``.solepack``.

    ``output`` is a file path, or a folder to write ``ID-VERSION.solepack`` into (default: the current
    folder). One pack version has one content: an archive already at the target is never replaced.
    When it holds the same id, version and content digest, nothing is written and the result says
    ``unchanged``; otherwise :class:`ArchiveError` says to raise the version. Raises
    :class:`~solecheck.packs.diagnostics.PackError` for an invalid pack, and :class:`ArchiveError` when
    the files change while being read, or differ from ``expect_digest`` (the content digest of the files
    the caller checked). The archive is written to a temporary file first and linked into place only if
    the target is still free, so a failure never leaves half an archive."""
    pack = load_pack(root)
    files = pack_files(Path(root))
    digest = content_digest(files)
    if digest != pack.content_digest or (expect_digest is not None and digest != expect_digest):
        raise ArchiveError(
            _("{root} changed while it was being built; nothing was written, run the build again").format(root=root)
        )
    target = Path(archive_name(pack)) if output is None else output
    if target.is_dir():
        target = target / archive_name(pack)
    if _same_content_there(target, pack, digest):
        return BuiltArchive(target, pack, unchanged=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".solepack-", dir=target.parent.absolute())
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name in sorted(files):
                archive.writestr(_entry(name), files[name])
            archive.writestr(_entry(MANIFEST_NAME), _manifest(pack, files))
        Path(temporary).chmod(0o644)
        try:
            os.link(temporary, target)  # fails if an archive appeared at the target meanwhile
        except FileExistsError:
            if _same_content_there(target, pack, digest):
                return BuiltArchive(target, pack, unchanged=True)
            raise ArchiveError(
                _("{target} changed while the archive was written; run the build again").format(target=target)
            ) from None
        except OSError:  # a folder without hard links (FAT, some network shares): the target was free above
            Path(temporary).replace(target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return BuiltArchive(target, pack)


def _same_content_there(target: Path, pack: Pack, digest: str) -> bool:
    """``False`` when nothing is at ``target``; ``True`` when it is an archive of this pack version
    with this content; :class:`ArchiveError` for anything else there."""
    if not target.exists() and not target.is_symlink():
        return False
    refused = _("{target} already exists").format(target=target)
    advice = _("nothing was written; raise the version in pack.toml (now {version}) or choose another -o").format(
        version=pack.version
    )
    try:
        existing = read_archive(target)
    except ArchiveError:
        raise ArchiveError(
            _("{refused} and is not a readable {suffix} archive; {advice}").format(
                refused=refused, suffix=ARCHIVE_SUFFIX, advice=advice
            )
        ) from None
    if (existing.pack_id, existing.version) != (pack.id, pack.version):
        raise ArchiveError(
            _("{refused} and holds {pack_id} {version}; {advice}").format(
                refused=refused, pack_id=existing.pack_id, version=existing.version, advice=advice
            )
        )
    if existing.digest != digest:
        raise ArchiveError(
            _("{refused} with different content for {pack_id} {version} (one version, one content); {advice}").format(
                refused=refused, pack_id=pack.id, version=pack.version, advice=advice
            )
        )
    return True


def unsafe_name_reason(name: str) -> str | None:
    """Why an entry name can't be extracted safely, or ``None`` when it is a plain relative path."""
    if not name:
        return _("has an empty name")
    if "\\" in name:
        return _("uses a backslash, which some systems read as a folder separator")
    if name.startswith("/") or _DRIVE.match(name):
        return _("is an absolute path")
    if any(ord(char) < 32 for char in name):
        return _("has a control character in its name")
    parts = name.rstrip("/").split("/")
    if ".." in parts:
        return _("climbs out of the pack with '..'")
    if any(part in ("", ".") for part in parts):
        return _("has an empty or '.' part")
    return None


def _is_pack_entry(name: str) -> bool:
    """Whether an archive may hold ``name``: its manifest, a pack file, a translation file or a picture."""
    known = name == MANIFEST_NAME or name in PACK_FILES
    return known or is_translation_name(name) or PICTURE_NAME.fullmatch(name) is not None


def _is_link(info: zipfile.ZipInfo) -> bool:
    mode = info.external_attr >> 16
    return stat.S_ISLNK(mode)


def _read_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes:
    """The entry's bytes, refusing to inflate more than it declares or than ``budget`` allows."""
    limit = min(info.file_size, budget)
    chunks = []
    total = 0
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:
                raise ArchiveError(
                    _(
                        "'{name}' inflates to more bytes than it declares ({size:,}); the archive is damaged or crafted"
                    ).format(name=info.filename, size=info.file_size)
                )
            chunks.append(chunk)
    return b"".join(chunks)


def _parse_manifest(data: bytes) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArchiveError(
            _("{manifest} is not valid JSON: {error}").format(manifest=MANIFEST_NAME, error=error)
        ) from None
    if not isinstance(document, dict) or document.get("solepack") != ARCHIVE_FORMAT:
        raise ArchiveError(
            _("{manifest} is not a solepack manifest of format {format}").format(
                manifest=MANIFEST_NAME, format=ARCHIVE_FORMAT
            )
        )
    files = document.get("files")
    if not (isinstance(document.get("id"), str) and isinstance(document.get("version"), str)):
        raise ArchiveError(_("{manifest} does not name the pack's id and version").format(manifest=MANIFEST_NAME))
    if not isinstance(files, dict) or not all(
        isinstance(entry, dict) and isinstance(entry.get("sha256"), str) for entry in files.values()
    ):
        raise ArchiveError(_("{manifest} does not list the files with their sha256").format(manifest=MANIFEST_NAME))
    return document


def read_archive(path: Path) -> ArchiveContents:  # noqa: C901 (one check per archive rule, in order)
    """Read and check the archive at ``path`` entirely in memory. Raises :class:`ArchiveError`."""
    try:
        size = path.stat().st_size
    except OSError as error:
        raise ArchiveError(
            _("{path} can't be read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None
    if size > MAX_ARCHIVE_BYTES:
        raise ArchiveError(
            _("{path} is {size:,} bytes; a pack archive is at most {limit:,}").format(
                path=path, size=size, limit=MAX_ARCHIVE_BYTES
            )
        )
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(
            _("{path} is not a {suffix} archive (not a readable zip file: {error})").format(
                path=path, suffix=ARCHIVE_SUFFIX, error=error
            )
        ) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_ENTRIES:
            raise ArchiveError(
                _("the archive has {count} entries; a pack has at most {limit}").format(
                    count=len(infos), limit=MAX_ENTRIES
                )
            )
        seen: set[str] = set()
        for info in infos:
            reason = unsafe_name_reason(info.filename)
            if reason:
                raise ArchiveError(
                    _("'{name}' {reason}; refusing a path that could escape the pack").format(
                        name=info.filename, reason=reason
                    )
                )
            if _is_link(info):
                raise ArchiveError(_("'{name}' is a link; a pack holds only plain files").format(name=info.filename))
            if info.is_dir():
                raise ArchiveError(
                    _("'{name}' is a folder; a pack archive holds only its files").format(name=info.filename)
                )
            if info.filename in seen:
                raise ArchiveError(_("'{name}' appears twice in the archive").format(name=info.filename))
            seen.add(info.filename)
            if not _is_pack_entry(info.filename):
                raise ArchiveError(
                    _(
                        "'{name}' is not a pack file; known files: {known}, translations/<language>.toml and "
                        "pictures named pictures/NAME.png (or .jpg, .jpeg)"
                    ).format(name=info.filename, known=", ".join(PACK_FILES))
                )
            limit = MAX_MANIFEST_BYTES if info.filename == MANIFEST_NAME else MAX_FILE_BYTES
            if PICTURE_NAME.fullmatch(info.filename) is not None:
                limit = MAX_PICTURE_BYTES
            if info.file_size > limit:
                raise ArchiveError(
                    _("'{name}' declares {size:,} bytes; the limit is {limit:,}").format(
                        name=info.filename, size=info.file_size, limit=limit
                    )
                )
        declared = sum(info.file_size for info in infos)
        if declared > MAX_TOTAL_BYTES:
            raise ArchiveError(
                _("the archive's files declare {size:,} bytes; the limit is {limit:,}").format(
                    size=declared, limit=MAX_TOTAL_BYTES
                )
            )
        if MANIFEST_NAME not in seen:
            raise ArchiveError(
                _("the archive has no {manifest}; build archives with 'solecheck pack build'").format(
                    manifest=MANIFEST_NAME
                )
            )

        budget = MAX_TOTAL_BYTES
        data: dict[str, bytes] = {}
        for info in infos:
            try:
                content = _read_entry(archive, info, budget)
            except (
                zipfile.BadZipFile,
                zipfile.LargeZipFile,
                NotImplementedError,
                RuntimeError,
                OSError,
                EOFError,
            ) as error:
                raise ArchiveError(
                    _("'{name}' can't be read from the archive: {error}").format(name=info.filename, error=error)
                ) from None
            budget -= len(content)
            data[info.filename] = content

    manifest = _parse_manifest(data.pop(MANIFEST_NAME))
    listed: dict[str, dict[str, Any]] = manifest["files"]
    missing = sorted(set(listed) - set(data))
    if missing:
        raise ArchiveError(
            _("'{name}' is listed in {manifest} but missing from the archive").format(
                name=missing[0], manifest=MANIFEST_NAME
            )
        )
    unlisted = sorted(set(data) - set(listed))
    if unlisted:
        raise ArchiveError(
            _("'{name}' is in the archive but not listed in {manifest}").format(
                name=unlisted[0], manifest=MANIFEST_NAME
            )
        )
    for name, content in sorted(data.items()):
        if sha256(content) != listed[name]["sha256"]:
            raise ArchiveError(
                _("'{name}' does not match its SHA-256 in {manifest}: the archive was changed or damaged").format(
                    name=name, manifest=MANIFEST_NAME
                )
            )
    return ArchiveContents(manifest["id"], manifest["version"], data)
