"""A pack version's content digest: one SHA-256 naming exactly the files a version is made of.

The digest is the SHA-256 of the lines ``NAME SHA256`` (one per pack file present, sorted by name,
each ending in a newline), so it is the same whether it is computed from a pack folder, from the
bytes read out of a ``.solepack`` archive or from the file list of the archive's ``solepack.json``.
Two folders with byte-identical pack files have the same digest; any changed byte (a comment too)
gives another. The history records it with each session, so a session names exactly what ran, and
``solecheck pack install`` uses it to refuse a second content under a version already present.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from pathlib import Path

from solecheck.packs.files import find_pack_files

DIGEST_CHARS = 64
"""A content digest is 64 lowercase hex digits."""


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def digest_of_hashes(hashes: Mapping[str, str]) -> str:
    """The content digest from each pack file's name and SHA-256 (hex), e.g. an archive manifest's list."""
    listing = "".join(f"{name} {hashes[name]}\n" for name in sorted(hashes))
    return sha256(listing.encode())


def content_digest(files: Mapping[str, bytes]) -> str:
    """The content digest of pack files given as ``{name: bytes}``."""
    return digest_of_hashes({name: sha256(data) for name, data in files.items()})


def pack_files(root: Path) -> dict[str, bytes]:
    """The bytes of every pack file present in the folder ``root``, under its proper name (matched
    without regard to case, as :func:`~solecheck.packs.files.find_pack_files` does for the loader;
    other files are not part of a pack), and of every picture, as ``pictures/NAME.png``."""
    found = find_pack_files(root)
    files = {name: path.read_bytes() for name, path in found.found.items() if path.is_file()}
    files.update((name, path.read_bytes()) for name, path in found.pictures.items())
    return files


def short_digest(digest: str) -> str:
    """The first 12 hex digits, enough to tell contents apart on screen: ``3f9a0c2b71de``."""
    return digest[:12]
