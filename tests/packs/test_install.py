"""Installing and removing packs: all or nothing, and every refusal tried with a crafted archive."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

import pytest

from solecheck.packs.archive import MAX_ENTRIES, MAX_TOTAL_BYTES, build_archive
from solecheck.packs.discovery import discover, resolve
from solecheck.packs.install import InstallError, install, remove
from solecheck.packs.loader import MAX_FILE_BYTES
from tests.conftest import BUILTIN_PACK
from tests.packs.crafted_archives import builtin_files, craft, manifest_for, understate_size
from tests.packs.pack_copies import copy_builtin, edit


@pytest.fixture
def packs_dir(tmp_path: Path) -> Path:
    return tmp_path / "data" / "packs"


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` with its hash: to prove a refusal wrote nothing."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()
    } | {str(p.relative_to(folder)) + "/": "dir" for p in folder.rglob("*") if p.is_dir()}


def version_of(tmp_path: Path, version: str, *, limit: str = "5") -> Path:
    root = copy_builtin(tmp_path, f"v{version}-{limit}")
    edit(root, "pack.toml", 'version = "1.1.0"', f'version = "{version}"')
    edit(root, "session.toml", "limit = 5", f"limit = {limit}")
    return root


def refuse(source: Path, packs_dir: Path, match: str) -> InstallError:
    before = snapshot(packs_dir.parent)
    with pytest.raises(InstallError, match=match) as raised:
        install(source, packs_dir)
    assert snapshot(packs_dir.parent) == before, "a refused install must write nothing"
    return raised.value


# --- installing -------------------------------------------------------------------------------


def test_install_an_archive_beside_other_versions(tmp_path: Path, packs_dir: Path) -> None:
    old, _ = build_archive(BUILTIN_PACK, tmp_path / "old.solepack")
    new, _ = build_archive(version_of(tmp_path, "1.2.0"), tmp_path / "new.solepack")
    first = install(old, packs_dir)
    second = install(new, packs_dir)
    assert (first.status, second.status) == ("installed", "installed")
    assert sorted(p.name for p in packs_dir.iterdir()) == ["thrive-now.foot-first@1.1.0", "thrive-now.foot-first@1.2.0"]
    assert (first.path / "exercises.toml").read_bytes() == (BUILTIN_PACK / "exercises.toml").read_bytes()
    data_dir = packs_dir.parent
    user = [e for e in discover(data_dir) if e.source == "user"]
    assert [e.version for e in user] == ["1.2.0", "1.1.0"] and all(e.valid for e in user)
    assert resolve("thrive-now.foot-first", data_dir).version == "1.2.0"
    assert resolve("thrive-now.foot-first@1.1.0", data_dir).source in ("user", "builtin")


def test_install_a_folder_copies_only_pack_files(tmp_path: Path, packs_dir: Path) -> None:
    root = version_of(tmp_path, "2.0.0")
    (root / "notes.txt").write_text("private", encoding="utf-8")
    result = install(root, packs_dir)
    assert result.status == "installed"
    assert sorted(p.relative_to(result.path).as_posix() for p in result.path.rglob("*") if p.is_file()) == sorted(
        builtin_files()
    )


def test_installing_the_same_content_again_changes_nothing(tmp_path: Path, packs_dir: Path) -> None:
    archive, _ = build_archive(BUILTIN_PACK, tmp_path)
    install(archive, packs_dir)
    before = snapshot(packs_dir)
    assert install(archive, packs_dir).status == "unchanged"
    assert install(BUILTIN_PACK, packs_dir).status == "unchanged"
    assert snapshot(packs_dir) == before


def other_pack(tmp_path: Path, name: str, *, limit: str = "5") -> Path:
    """A copy of the built-in pack under another id, so no built-in copy shares its id@version."""
    root = copy_builtin(tmp_path, name)
    edit(root, "pack.toml", 'id = "thrive-now.foot-first"', 'id = "riverside.foot-first"')
    edit(root, "session.toml", "limit = 5", f"limit = {limit}")
    return root


def test_same_version_with_different_content_as_an_installed_copy_is_refused(
    tmp_path: Path, packs_dir: Path
) -> None:
    install(other_pack(tmp_path, "first"), packs_dir)
    changed, _ = build_archive(other_pack(tmp_path, "changed", limit="6"), tmp_path / "changed.solepack")
    error = refuse(changed, packs_dir, "riverside.foot-first@1.1.0 is already installed with different content")
    assert "raise the version in pack.toml (e.g. 1.1.1)" in str(error)
    assert resolve("riverside.foot-first@1.1.0", packs_dir.parent).session.pain_check.limit == 5


def test_same_version_with_different_content_as_the_built_in_pack_is_refused(
    tmp_path: Path, packs_dir: Path
) -> None:
    changed, _ = build_archive(version_of(tmp_path, "1.1.0", limit="6"), tmp_path / "changed.solepack")
    error = refuse(changed, packs_dir, "thrive-now.foot-first@1.1.0 is built into solecheck with different content")
    assert "raise the version" in str(error)
    assert resolve("thrive-now.foot-first@1.1.0", packs_dir.parent).source == "builtin"


def test_same_version_with_different_content_as_a_distribution_is_refused(tmp_path: Path, packs_dir: Path) -> None:
    published = tmp_path / "site-packages" / "riverside_pack"
    published.mkdir(parents=True)
    other_pack(published, "foot-first")
    changed = other_pack(tmp_path, "changed", limit="6")
    before = snapshot(packs_dir.parent)
    with pytest.raises(InstallError, match=r"published by a Python distribution \(riverside\)") as raised:
        install(changed, packs_dir, elsewhere=[(published, "entry-point:riverside")])
    assert "raise the version" in str(raised.value)
    assert snapshot(packs_dir.parent) == before
    # The identical content installs: one version, one content.
    assert install(published / "foot-first", packs_dir, elsewhere=[(published, "entry-point:riverside")]).status == (
        "installed"
    )


def test_a_copy_identical_to_the_built_in_pack_installs(packs_dir: Path) -> None:
    result = install(BUILTIN_PACK, packs_dir)
    assert result.status == "installed"
    assert install(BUILTIN_PACK, packs_dir).status == "unchanged"


def test_a_damaged_folder_under_the_same_name_is_not_taken_for_the_pack(tmp_path: Path, packs_dir: Path) -> None:
    source = other_pack(tmp_path, "source")
    damaged = packs_dir / "riverside.foot-first@1.1.0"
    damaged.mkdir(parents=True)
    (damaged / "routines.toml").write_text("# half a pack\n", encoding="utf-8")
    refuse(source, packs_dir, r"exists but does not hold riverside.foot-first@1.1.0; remove it")


# --- refusals ---------------------------------------------------------------------------------


def test_refuses_a_hash_mismatch(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    honest = manifest_for(files)
    files["routines.toml"] = files["routines.toml"].replace(b"Foot to spine", b"Spine to foot")
    refuse(
        craft(tmp_path / "x.solepack", files, manifest=honest), packs_dir, "'routines.toml' does not match its SHA-256"
    )


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../pack.toml", "climbs out of the pack"),
        ("../../home/evil.toml", "climbs out of the pack"),
        ("/etc/cron.d/pack.toml", "absolute path"),
        ("C:/Windows/pack.toml", "absolute path"),
        ("sub\\..\\..\\pack.toml", "backslash"),
    ],
)
def test_refuses_paths_that_escape(tmp_path: Path, packs_dir: Path, name: str, words: str) -> None:
    files = builtin_files()
    archive = craft(tmp_path / "x.solepack", files, extra=[(name, b"x = 1\n", stat.S_IFREG | 0o644)])
    refuse(archive, packs_dir, words)


def test_refuses_links(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    del files["session.toml"]
    archive = craft(tmp_path / "x.solepack", files, extra=[("session.toml", b"/etc/passwd", stat.S_IFLNK | 0o777)])
    refuse(archive, packs_dir, "'session.toml' is a link")


def test_refuses_folders(tmp_path: Path, packs_dir: Path) -> None:
    archive = craft(tmp_path / "x.solepack", builtin_files(), extra=[("extra/", b"", stat.S_IFDIR | 0o755)])
    refuse(archive, packs_dir, "is a folder")


def test_refuses_too_many_files(tmp_path: Path, packs_dir: Path) -> None:
    extra = [(f"f{n}.toml", b"", stat.S_IFREG | 0o644) for n in range(MAX_ENTRIES)]
    refuse(craft(tmp_path / "x.solepack", builtin_files(), extra=extra), packs_dir, f"a pack has at most {MAX_ENTRIES}")


def test_refuses_a_file_declaring_too_many_bytes(tmp_path: Path, packs_dir: Path) -> None:
    files = dict(builtin_files(), **{"education.toml": b" " * (MAX_FILE_BYTES + 1)})
    refuse(craft(tmp_path / "bomb.solepack", files), packs_dir, "'education.toml' declares 5,242,881 bytes")


def test_refuses_files_declaring_too_many_bytes_in_all(tmp_path: Path, packs_dir: Path) -> None:
    padding = b"#" * MAX_FILE_BYTES
    files = {name: padding for name in ("education.toml", "clinic.toml", "session.toml", "routines.toml")}
    assert sum(map(len, files.values())) > MAX_TOTAL_BYTES
    archive = craft(tmp_path / "bomb.solepack", files)
    assert archive.stat().st_size < 200_000
    refuse(archive, packs_dir, "the archive's files declare 20,97[0-9,]+ bytes; the limit is 16,777,216")


def test_refuses_an_entry_inflating_beyond_what_it_declares(tmp_path: Path, packs_dir: Path) -> None:
    files = dict(builtin_files(), **{"education.toml": b"# " + b"x" * 100_000 + b"\n"})
    archive = craft(tmp_path / "liar.solepack", files)
    understate_size(archive, "education.toml", 1_000)
    error = refuse(archive, packs_dir, "'education.toml'")
    assert "inflates to more bytes than it declares" in str(error) or "Bad CRC-32" in str(error)


def test_refuses_an_encrypted_entry(tmp_path: Path, packs_dir: Path) -> None:
    archive = craft(tmp_path / "x.solepack", builtin_files())
    data = bytearray(archive.read_bytes())
    for signature, flags_at in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = data.find(signature)  # the first entry: pack.toml
        data[start + flags_at] |= 0x01
    archive.write_bytes(bytes(data))
    refuse(archive, packs_dir, "can't be read from the archive")


@pytest.mark.filterwarnings("ignore:Duplicate name")
def test_refuses_a_duplicate_entry(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    archive = craft(tmp_path / "x.solepack", files, extra=[("pack.toml", files["pack.toml"], stat.S_IFREG | 0o644)])
    refuse(archive, packs_dir, "'pack.toml' appears twice")


def test_refuses_an_unknown_file(tmp_path: Path, packs_dir: Path) -> None:
    files = dict(builtin_files(), **{"setup.py": b"import os"})
    refuse(craft(tmp_path / "x.solepack", files), packs_dir, "'setup.py' is not a pack file")


def test_refuses_an_archive_without_manifest(tmp_path: Path, packs_dir: Path) -> None:
    refuse(craft(tmp_path / "x.solepack", builtin_files(), with_manifest=False), packs_dir, "has no solepack.json")


def test_refuses_an_unlisted_or_missing_file(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    partial = {k: v for k, v in files.items() if k != "education.toml"}
    refuse(
        craft(tmp_path / "a.solepack", files, manifest=manifest_for(partial)), packs_dir, "not listed in solepack.json"
    )
    refuse(
        craft(tmp_path / "b.solepack", partial, manifest=manifest_for(files)),
        packs_dir,
        "listed in solepack.json but missing",
    )


def test_refuses_a_manifest_that_disagrees_with_the_pack(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    archive = craft(tmp_path / "x.solepack", files, manifest=manifest_for(files, version="9.9.9"))
    refuse(
        archive,
        packs_dir,
        "manifest says thrive-now.foot-first@9.9.9 but its pack.toml says thrive-now.foot-first@1.1.0",
    )


def test_refuses_a_broken_manifest(tmp_path: Path, packs_dir: Path) -> None:
    refuse(craft(tmp_path / "x.solepack", builtin_files(), manifest=b"{not json"), packs_dir, "not valid JSON")


def test_refuses_an_invalid_pack_with_its_located_errors(tmp_path: Path, packs_dir: Path) -> None:
    files = builtin_files()
    files["exercises.toml"] = files["exercises.toml"].replace(
        b"dose = { duration_s = 60 }", b"dose = { duration_s = 0 }"
    )
    error = refuse(craft(tmp_path / "x.solepack", files), packs_dir, "is not a valid pack")
    assert any(d.file == "exercises.toml" and d.line and "greater than 0" in d.message for d in error.diagnostics)


def test_refuses_what_is_not_a_zip(tmp_path: Path, packs_dir: Path) -> None:
    bogus = tmp_path / "x.solepack"
    bogus.write_text("hello", encoding="utf-8")
    refuse(bogus, packs_dir, "not a .solepack archive")
    refuse(tmp_path / "missing.solepack", packs_dir, "does not exist")


def test_refusing_leaves_an_existing_install_alone(tmp_path: Path, packs_dir: Path) -> None:
    install(BUILTIN_PACK, packs_dir)
    files = builtin_files()
    honest = manifest_for(files)
    files["pack.toml"] += b"\n# changed\n"
    refuse(craft(tmp_path / "x.solepack", files, manifest=honest), packs_dir, "does not match its SHA-256")


# --- removing ---------------------------------------------------------------------------------


def test_remove_one_version_or_all(tmp_path: Path, packs_dir: Path) -> None:
    for version in ("1.1.0", "1.2.0", "2.0.0"):
        install(version_of(tmp_path, version), packs_dir)
    assert [p.name for p in remove(packs_dir, "thrive-now.foot-first@1.2.0")] == ["thrive-now.foot-first@1.2.0"]
    assert sorted(p.name for p in packs_dir.iterdir()) == ["thrive-now.foot-first@1.1.0", "thrive-now.foot-first@2.0.0"]
    removed = remove(packs_dir, "thrive-now.foot-first")
    assert [p.name for p in removed] == ["thrive-now.foot-first@2.0.0", "thrive-now.foot-first@1.1.0"]
    assert list(packs_dir.iterdir()) == []


@pytest.mark.parametrize("spec", ["thrive-now.foot-first", "thrive-now.foot-first@3.0.0", "other"])
def test_remove_what_is_not_installed(packs_dir: Path, spec: str) -> None:
    with pytest.raises(InstallError, match="is not installed"):
        remove(packs_dir, spec)


@pytest.mark.parametrize("spec", ["../data", "x@../../etc", "/abs", "A.B"])
def test_remove_refuses_what_is_not_an_id(tmp_path: Path, packs_dir: Path, spec: str) -> None:
    install(BUILTIN_PACK, packs_dir)
    with pytest.raises(InstallError, match="is not a pack id"):
        remove(packs_dir, spec)
    assert len(list(packs_dir.iterdir())) == 1
