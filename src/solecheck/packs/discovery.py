"""Find packs: built into solecheck, installed in the user's pack folder, named in ``$SOLECHECK_PACKS``
or on the command line, or published as Python distributions (entry-point group ``solecheck.packs``).

An invalid pack never stops discovery: it is listed with its first error. When one id is found in
several versions the newest valid one wins, unless ``ID@VERSION`` asks for another.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from solecheck import paths
from solecheck.i18n import _
from solecheck.packs.cache import PackCache
from solecheck.packs.diagnostics import Diagnostic, PackError, format_diagnostic
from solecheck.packs.loader import check_pack
from solecheck.packs.locations import fingerprint, looks_like_path, pack_folders, pack_locations
from solecheck.packs.models import version_key
from solecheck.packs.pack import Pack

DEFAULT_PACK_ID = "thrive-now.foot-first"


class PackNotFound(LookupError):
    """No pack matches what was asked for."""


@dataclass(frozen=True)
class PackEntry:
    """A pack folder found during discovery: valid (``pack`` set) or not (``diagnostics`` say why)."""

    path: Path
    source: str
    pack: Pack | None
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    declared_id: str | None = None
    declared_version: str | None = None

    @property
    def valid(self) -> bool:
        return self.pack is not None

    @property
    def id(self) -> str:
        if self.pack:
            return self.pack.id
        return self.declared_id or self.path.name

    @property
    def version(self) -> str:
        if self.pack:
            return self.pack.version
        return self.declared_version or "?"

    @property
    def name(self) -> str:
        return self.pack.manifest.name if self.pack else ""

    @property
    def first_error(self) -> str | None:
        errors = [d for d in self.diagnostics if d.severity == "error"]
        return format_diagnostic(errors[0]) if errors else None


def _declared(path: Path) -> tuple[str | None, str | None]:
    import tomllib

    from solecheck.packs.files import decode, pack_file

    try:
        raw = tomllib.loads(decode(pack_file(path, "pack.toml").read_bytes()))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None, None
    pid, version = raw.get("id"), raw.get("version")
    return (pid if isinstance(pid, str) else None, version if isinstance(version, str) else None)


def load_entry(path: Path, source: str, cache: PackCache | None = None) -> PackEntry:
    """Check the pack at ``path``, reusing ``cache`` when its files have not changed since.

    The files are fingerprinted once, before anything reads them: a file saved during validation makes
    the stored key stale, never the stored content."""
    key = None
    if cache is not None:
        with suppress(OSError):
            key = fingerprint(path)
    cached = cache.get(path, source, key) if cache is not None and key is not None else None
    if cached is not None:
        return PackEntry(path, source, cached[0], tuple(cached[1]))
    pack, diagnostics = check_pack(path, source)
    if cache is not None and key is not None and pack is not None:
        cache.put(path, key, pack, diagnostics)
    declared = (None, None) if pack else _declared(path)
    return PackEntry(path, source, pack, tuple(diagnostics), *declared)


def discover(data_dir: Path | None = None, extra: Iterable[Path] = ()) -> list[PackEntry]:
    """Every pack found, valid or not, sorted by id then newest version first."""
    entries: list[PackEntry] = []
    seen: set[Path] = set()
    cache = PackCache(paths.cache_dir(data_dir) / "packs") if data_dir is not None else None
    for location, source in pack_locations(data_dir, extra):
        if not location.exists():
            if source in ("path", "env") or source.startswith("entry-point"):
                diagnostic = Diagnostic(str(location), None, "", "no pack here: the path does not exist")
                entries.append(PackEntry(location, source, None, (diagnostic,)))
            continue
        for folder in pack_folders(location):
            real = folder.resolve()
            if real in seen:
                continue
            seen.add(real)
            entries.append(load_entry(folder, source, cache))
    entries.sort(key=lambda e: version_key(e.version), reverse=True)
    entries.sort(key=lambda e: e.id)
    return entries


def split_spec(spec: str) -> tuple[str, str | None]:
    """``ID@VERSION`` → ``(ID, VERSION)``; a bare id → ``(ID, None)``."""
    pack_id, _at, version = spec.partition("@")
    return pack_id, version or None


def resolve(spec: str | None, data_dir: Path | None = None, extra: Iterable[Path] = ()) -> Pack:
    """The pack ``spec`` names: a folder path, ``ID`` (newest valid version) or ``ID@VERSION``;
    ``None`` means the default pack. Raises :class:`PackError` or :class:`PackNotFound`."""
    if spec and looks_like_path(spec):
        cache = PackCache(paths.cache_dir(data_dir) / "packs") if data_dir is not None else None
        entry = load_entry(Path(spec), "path", cache)
        if entry.pack is None:
            raise PackError(spec, list(entry.diagnostics))
        return entry.pack
    wanted_id, wanted_version = split_spec(spec or DEFAULT_PACK_ID)
    entries = [e for e in discover(data_dir, extra) if e.id == wanted_id]
    if wanted_version:
        entries = [e for e in entries if e.version == wanted_version]
    for entry in entries:
        if entry.pack is not None:
            return entry.pack
    if entries:
        raise PackError(entries[0].path.as_posix(), list(entries[0].diagnostics))
    raise PackNotFound(
        _("no pack '{spec}' was found; 'solecheck pack list' shows the packs available").format(
            spec=spec or DEFAULT_PACK_ID
        )
    )
