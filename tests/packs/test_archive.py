"""``.solepack`` archives: built reproducibly from a valid pack, read back with every hash checked."""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from pathlib import Path

import pytest

from solecheck.packs.archive import (
    MANIFEST_NAME,
    ArchiveError,
    build,
    build_archive,
    read_archive,
    unsafe_name_reason,
)
from solecheck.packs.diagnostics import PackError
from tests.conftest import BUILTIN_PACK
from tests.packs.crafted_archives import builtin_files, craft, manifest_for
from tests.packs.pack_copies import copy_builtin, edit


def test_build_names_the_archive_after_id_and_version(tmp_path: Path) -> None:
    target, pack = build_archive(BUILTIN_PACK, tmp_path)
    assert target == tmp_path / "thrive-now.foot-first-1.1.0.solepack"
    assert pack.key == "thrive-now.foot-first@1.1.0"


def test_archive_holds_the_pack_files_and_a_manifest_of_their_hashes(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "notes.txt").write_text("drafts", encoding="utf-8")
    (root / ".schema").mkdir()
    (root / ".schema" / "x.json").write_text("{}", encoding="utf-8")
    target, _ = build_archive(root, tmp_path / "out.solepack")
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read(MANIFEST_NAME))
        assert names == {MANIFEST_NAME, *builtin_files()}
        for name, entry in manifest["files"].items():
            data = archive.read(name)
            assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            assert data == (root / name).read_bytes()
    assert (manifest["id"], manifest["version"], manifest["solepack"]) == ("thrive-now.foot-first", "1.1.0", 1)


def test_build_is_reproducible(tmp_path: Path) -> None:
    first, _ = build_archive(BUILTIN_PACK, tmp_path / "a.solepack")
    second, _ = build_archive(BUILTIN_PACK, tmp_path / "b.solepack")
    assert first.read_bytes() == second.read_bytes()


def test_build_refuses_an_invalid_pack_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PackError) as raised:
        build_archive(root, out)
    assert "exercises.toml" in str(raised.value)
    assert list(out.iterdir()) == []


def test_read_back_what_was_built(tmp_path: Path) -> None:
    target, _ = build_archive(BUILTIN_PACK, tmp_path)
    contents = read_archive(target)
    assert (contents.pack_id, contents.version) == ("thrive-now.foot-first", "1.1.0")
    assert contents.files == builtin_files()


def test_read_refuses_a_changed_file(tmp_path: Path) -> None:
    files = builtin_files()
    honest = manifest_for(files)
    tampered = dict(files, **{"session.toml": files["session.toml"].replace(b"limit = 5", b"limit = 9")})
    path = craft(tmp_path / "bad.solepack", tampered, manifest=honest)
    with pytest.raises(ArchiveError, match=r"'session.toml' does not match its SHA-256"):
        read_archive(path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pack.toml", None),
        ("../pack.toml", "climbs out"),
        ("a/../../pack.toml", "climbs out"),
        ("/etc/pack.toml", "absolute"),
        ("C:/pack.toml", "absolute"),
        ("c:pack.toml", "absolute"),
        ("folder\\pack.toml", "backslash"),
        ("./pack.toml", "'.' part"),
        ("a//pack.toml", "empty"),
        ("pack\x00.toml", "control character"),
    ],
)
def test_unsafe_names(name: str, reason: str | None) -> None:
    found = unsafe_name_reason(name)
    assert (found is None) if reason is None else (found is not None and reason in found)


def test_build_refuses_files_other_than_those_checked(tmp_path: Path) -> None:
    from solecheck.packs.archive import ArchiveError
    from solecheck.packs.loader import load_pack

    checked = load_pack(BUILTIN_PACK).content_digest
    with pytest.raises(ArchiveError, match="changed while it was being built; nothing was written"):
        build_archive(BUILTIN_PACK, tmp_path / "x.solepack", expect_digest="0" * 64)
    assert list(tmp_path.iterdir()) == []
    target, pack = build_archive(BUILTIN_PACK, tmp_path / "x.solepack", expect_digest=checked)
    assert pack.content_digest == checked == read_archive(target).digest


def test_build_never_replaces_an_archive_of_the_same_version_with_other_content(tmp_path: Path) -> None:
    first = build(BUILTIN_PACK, tmp_path)
    before = first.path.read_bytes()
    changed = copy_builtin(tmp_path, "changed")
    edit(changed, "session.toml", "limit = 5", "limit = 6")
    with pytest.raises(ArchiveError, match=r"different content .*raise the version in pack\.toml"):
        build(changed, tmp_path)
    assert first.path.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["changed", first.path.name]  # no temporary left


def test_build_of_the_same_content_leaves_the_archive_as_it_is(tmp_path: Path) -> None:
    first = build(BUILTIN_PACK, tmp_path)
    os.utime(first.path, (1, 1))
    again = build(BUILTIN_PACK, tmp_path)
    assert (again.path, again.unchanged, first.unchanged) == (first.path, True, False)
    assert first.path.stat().st_mtime == 1


def test_build_refuses_a_target_that_is_not_an_archive_of_this_version(tmp_path: Path) -> None:
    other = tmp_path / "other.solepack"
    other.write_text("notes", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"not a readable \.solepack archive; nothing was written"):
        build(BUILTIN_PACK, other)
    assert other.read_text(encoding="utf-8") == "notes"
    build_archive(BUILTIN_PACK, tmp_path / "a.solepack")
    newer = copy_builtin(tmp_path, "newer")
    edit(newer, "pack.toml", 'version = "1.1.0"', 'version = "1.2.0"')
    with pytest.raises(ArchiveError, match=re.escape("holds thrive-now.foot-first 1.1.0; nothing was written")):
        build(newer, tmp_path / "a.solepack")


def test_build_where_the_folder_has_no_hard_links_still_writes_the_archive(tmp_path: Path) -> None:
    from unittest import mock

    with mock.patch("solecheck.packs.archive.os.link", side_effect=PermissionError(1, "Operation not permitted")):
        built = build(BUILTIN_PACK, tmp_path)
    assert not built.unchanged and read_archive(built.path).pack_id == "thrive-now.foot-first"
    assert [path.name for path in tmp_path.iterdir()] == [built.path.name]
