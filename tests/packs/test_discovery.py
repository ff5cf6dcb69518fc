"""Discovery: where packs come from, which version wins, and that invalid packs are listed, not fatal."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from solecheck import paths
from solecheck.packs.diagnostics import PackError
from solecheck.packs.discovery import (
    DEFAULT_PACK_ID,
    PackEntry,
    PackNotFound,
    discover,
    resolve,
    split_spec,
)
from solecheck.packs.locations import builtin_pack_dir
from tests.packs.pack_copies import copy_builtin, edit

PACK_ID = DEFAULT_PACK_ID


def versioned_copy(base: Path, version: str, name: str | None = None) -> Path:
    root = copy_builtin(base, name or f"{PACK_ID}@{version}")
    edit(root, "pack.toml", 'version = "1.1.0"', f'version = "{version}"')
    return root


def entries_of(entries: list[PackEntry], pack_id: str = PACK_ID) -> list[tuple[str, str, bool]]:
    return [(e.version, e.source, e.valid) for e in entries if e.id == pack_id]


def test_builtin_pack_is_found(data_dir: Path) -> None:
    assert builtin_pack_dir() is not None
    (entry,) = [e for e in discover(data_dir) if e.id == PACK_ID]
    assert (entry.source, entry.version, entry.valid) == ("builtin", "1.1.0", True)
    assert entry.name == "Foot First"
    assert entry.first_error is None


def test_default_pack_is_the_builtin_one(data_dir: Path) -> None:
    pack = resolve(None, data_dir)
    assert pack.key == f"{PACK_ID}@1.1.0"
    assert pack.source == "builtin"


def test_user_pack_folder(data_dir: Path) -> None:
    versioned_copy(paths.user_packs_dir(data_dir), "1.2.0")
    assert entries_of(discover(data_dir)) == [("1.2.0", "user", True), ("1.1.0", "builtin", True)]


def test_no_data_dir_means_no_user_packs(data_dir: Path) -> None:
    versioned_copy(paths.user_packs_dir(data_dir), "1.2.0")
    assert entries_of(discover(None)) == [("1.1.0", "builtin", True)]


def test_solecheck_packs_path_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    single = versioned_copy(tmp_path / "one", "2.0.0")  # a pack folder itself
    folder = tmp_path / "many"  # a folder of packs
    versioned_copy(folder, "3.0.0")
    other = copy_builtin(folder, "other")
    edit(other, "pack.toml", f'id = "{PACK_ID}"', 'id = "other.pack"')
    monkeypatch.setenv(paths.PACKS_ENV, os.pathsep.join([str(single), str(folder), ""]))
    entries = discover(data_dir)
    assert entries_of(entries) == [("3.0.0", "env", True), ("2.0.0", "env", True), ("1.1.0", "builtin", True)]
    assert entries_of(entries, "other.pack") == [("1.1.0", "env", True)]


def test_missing_path_in_solecheck_packs_is_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(paths.PACKS_ENV, str(tmp_path / "gone"))
    (entry,) = [e for e in discover(None) if not e.valid]
    assert entry.source == "env"
    assert entry.first_error is not None and "does not exist" in entry.first_error


def test_extra_paths_come_first(tmp_path: Path, data_dir: Path) -> None:
    copy = versioned_copy(tmp_path, "1.1.0")
    entries = [e for e in discover(data_dir, extra=[copy]) if e.id == PACK_ID]
    assert (entries[0].source, entries[0].path) == ("path", copy)
    assert resolve(PACK_ID, data_dir, extra=[copy]).root == copy


def test_same_folder_twice_is_listed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = versioned_copy(tmp_path, "1.5.0")
    monkeypatch.setenv(paths.PACKS_ENV, os.pathsep.join([str(copy), str(copy)]))
    assert entries_of(discover(None)) == [("1.5.0", "env", True), ("1.1.0", "builtin", True)]


def test_newest_valid_version_wins(data_dir: Path) -> None:
    user = paths.user_packs_dir(data_dir)
    for version in ("1.2.0", "1.10.0", "1.10.0-rc.1", "0.9.0"):
        versioned_copy(user, version)
    assert [v for v, _, _ in entries_of(discover(data_dir))] == ["1.10.0", "1.10.0-rc.1", "1.2.0", "1.1.0", "0.9.0"]
    assert resolve(PACK_ID, data_dir).version == "1.10.0"


def test_id_at_version_picks_an_older_one(data_dir: Path) -> None:
    versioned_copy(paths.user_packs_dir(data_dir), "2.0.0")
    assert resolve(f"{PACK_ID}@1.1.0", data_dir).source == "builtin"
    assert resolve(f"{PACK_ID}@2.0.0", data_dir).source == "user"


def test_unknown_version_is_not_found(data_dir: Path) -> None:
    with pytest.raises(PackNotFound, match=f"no pack '{PACK_ID}@9.9.9'"):
        resolve(f"{PACK_ID}@9.9.9", data_dir)


def test_invalid_newer_version_does_not_win_and_is_listed(data_dir: Path) -> None:
    broken = versioned_copy(paths.user_packs_dir(data_dir), "2.0.0")
    edit(broken, "exercises.toml", "duration_s = 60", "duration_s = 0")
    entries = discover(data_dir)
    assert entries_of(entries) == [("2.0.0", "user", False), ("1.1.0", "builtin", True)]
    invalid = next(e for e in entries if not e.valid)
    assert invalid.first_error == "exercises.toml:26: exercises[0].dose.duration_s: must be greater than 0"
    assert invalid.name == ""
    assert resolve(PACK_ID, data_dir).version == "1.1.0"
    with pytest.raises(PackError) as caught:
        resolve(f"{PACK_ID}@2.0.0", data_dir)
    assert caught.value.errors[0].path == "exercises[0].dose.duration_s"


def test_unreadable_manifest_is_listed_by_folder_name(data_dir: Path) -> None:
    broken = copy_builtin(paths.user_packs_dir(data_dir), "half-written")
    (broken / "pack.toml").write_text("id = [\n")
    entry = next(e for e in discover(data_dir) if not e.valid)
    assert (entry.id, entry.version, entry.source) == ("half-written", "?", "user")
    assert entry.first_error is not None and entry.first_error.startswith("pack.toml:")


def test_folders_without_pack_toml_are_not_packs(data_dir: Path) -> None:
    (paths.user_packs_dir(data_dir) / "notes").mkdir(parents=True)
    assert [e for e in discover(data_dir) if e.source == "user"] == []


def test_resolve_a_path(tmp_path: Path) -> None:
    copy = versioned_copy(tmp_path, "4.0.0")
    pack = resolve(str(copy))
    assert (pack.version, pack.source, pack.root) == ("4.0.0", "path", copy)


def test_resolve_an_unknown_id() -> None:
    with pytest.raises(PackNotFound, match="'solecheck pack list' shows the packs available"):
        resolve("no-such.pack")


def test_resolve_an_invalid_pack_path(tmp_path: Path) -> None:
    copy = copy_builtin(tmp_path)
    edit(copy, "clinic.toml", 'name = "Cobble Hill"', 'name = ""')
    with pytest.raises(PackError) as caught:
        resolve(str(copy))
    assert [str(d) for d in caught.value.errors] == ["clinic.toml:10: locations[0].name: must not be empty"]
    assert str(caught.value).startswith(str(copy))


def test_resolve_a_path_that_does_not_exist(tmp_path: Path) -> None:
    with pytest.raises(PackError, match="does not exist"):
        resolve(str(tmp_path / "nowhere"))


@pytest.mark.parametrize(
    ("spec", "parts"),
    [("a.b", ("a.b", None)), ("a.b@1.2.3", ("a.b", "1.2.3")), ("a.b@", ("a.b", None))],
)
def test_split_spec(spec: str, parts: tuple[str, str | None]) -> None:
    assert split_spec(spec) == parts
