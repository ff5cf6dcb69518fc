"""Hand-made ``.solepack`` archives for the refusal tests: whatever entries, modes and manifest a test needs."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from collections.abc import Iterable
from pathlib import Path

from solecheck.packs.archive import MANIFEST_NAME
from solecheck.packs.models import PACK_FILES
from tests.conftest import BUILTIN_PACK


def builtin_files() -> dict[str, bytes]:
    files = {name: (BUILTIN_PACK / name).read_bytes() for name in PACK_FILES if (BUILTIN_PACK / name).is_file()}
    translations = sorted((BUILTIN_PACK / "translations").glob("*.toml"))
    pictures = sorted((BUILTIN_PACK / "pictures").glob("*.png"))
    return (
        files
        | {f"translations/{path.name}": path.read_bytes() for path in translations}
        | {f"pictures/{path.name}": path.read_bytes() for path in pictures}
    )


def manifest_for(files: dict[str, bytes], pack_id: str = "thrive-now.foot-first", version: str = "1.1.0") -> bytes:
    listed = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)} for name, data in files.items()}
    return json.dumps({"solepack": 1, "id": pack_id, "version": version, "files": listed}).encode()


def craft(
    path: Path,
    files: dict[str, bytes],
    *,
    manifest: bytes | None = None,
    with_manifest: bool = True,
    extra: Iterable[tuple[str, bytes, int]] = (),
) -> Path:
    """Write a zip holding ``files`` (regular files), a manifest (by default: correct for ``files``)
    and ``extra`` entries given as ``(name, data, unix mode)``."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        for name, data, mode in extra:
            info = zipfile.ZipInfo(name)
            info.external_attr = mode << 16
            info.create_system = 3
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
        if with_manifest:
            archive.writestr(MANIFEST_NAME, manifest if manifest is not None else manifest_for(files))
    return path


def understate_size(path: Path, name: str, declared: int) -> None:
    """Rewrite the archive so entry ``name`` declares ``declared`` bytes while inflating to more."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    # (signature, offset of the uncompressed size, offset of the name length, offset of the name)
    headers = ((b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46))
    for signature, size_at, length_at, name_at in headers:
        start = 0
        while (start := data.find(signature, start)) != -1:
            length = int.from_bytes(data[start + length_at : start + length_at + 2], "little")
            if bytes(data[start + name_at : start + name_at + length]) == encoded:
                data[start + size_at : start + size_at + 4] = declared.to_bytes(4, "little")
            start += 4
    path.write_bytes(bytes(data))
