"""The validated-pack cache: a hit equals a fresh load, and anything stale or broken is ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from solecheck.packs import discovery
from solecheck.packs.cache import PackCache
from solecheck.packs.discovery import discover, load_entry
from solecheck.packs.loader import check_pack
from solecheck.packs.locations import fingerprint
from tests.conftest import BUILTIN_PACK


def copy_pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    shutil.copytree(BUILTIN_PACK, root)
    return root


def test_hit_equals_fresh_load(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    pack, diagnostics = check_pack(root)
    assert pack is not None
    cache = PackCache(tmp_path / "cache")
    key = fingerprint(root)
    cache.put(root, key, pack, diagnostics)
    cached = cache.get(root, "path", key)
    assert cached is not None
    assert cached[0] == pack
    assert cached[0].screening_digest == pack.screening_digest
    assert cached[0].routine("sole-only").steps[0].dose == pack.routine("sole-only").steps[0].dose


def test_edit_makes_entry_stale(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    pack, diagnostics = check_pack(root)
    assert pack is not None
    cache = PackCache(tmp_path / "cache")
    before = fingerprint(root)
    cache.put(root, before, pack, diagnostics)
    (root / "pack.toml").write_text((root / "pack.toml").read_text().replace('"1.1.0"', '"1.1.1"'))
    assert fingerprint(root) != before
    assert cache.get(root, "path", fingerprint(root)) is None


def test_corrupt_entry_is_ignored_and_rebuilt(tmp_path: Path, data_dir: Path) -> None:
    root = copy_pack(tmp_path)
    [entry] = [e for e in discover(data_dir, [root]) if e.source == "path"]
    assert entry.valid
    files = list((data_dir / "cache" / "packs").glob("*.json"))
    assert files
    for file in files:
        file.write_text("{not json")
    [again] = [e for e in discover(data_dir, [root]) if e.source == "path"]
    assert again.valid and again.pack == entry.pack
    assert all(f.read_text().startswith("{") and "fingerprint" in f.read_text() for f in files)


def test_cached_entry_is_not_trusted_for_a_now_broken_pack(tmp_path: Path, data_dir: Path) -> None:
    root = copy_pack(tmp_path)
    assert next(e for e in discover(data_dir, [root]) if e.source == "path").valid
    (root / "exercises.toml").write_text("exercises = 3\n")
    [entry] = [e for e in discover(data_dir, [root]) if e.source == "path"]
    assert not entry.valid and entry.first_error and "exercises.toml" in entry.first_error


def test_unwritable_cache_is_harmless(tmp_path: Path) -> None:
    root = copy_pack(tmp_path)
    pack, diagnostics = check_pack(root)
    assert pack is not None
    blocker = tmp_path / "cache"
    blocker.write_text("a file, not a folder")
    cache = PackCache(blocker / "packs")
    cache.put(root, fingerprint(root), pack, diagnostics)
    assert cache.get(root, "path", fingerprint(root)) is None


def test_a_file_saved_during_validation_is_validated_at_the_next_load(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The editor saves a broken exercises.toml after validation read the files but before the cache
    stored the result: the entry must not claim the new file's fingerprint for the old, valid content."""
    root = copy_pack(tmp_path)
    cache = PackCache(tmp_path / "cache")
    real_check = discovery.check_pack

    def check_then_save(path: Path, source: str = "path"):  # type: ignore[no-untyped-def]
        result = real_check(path, source)
        (root / "exercises.toml").write_text("exercises = 3\n")
        return result

    monkeypatch.setattr(discovery, "check_pack", check_then_save)
    first = load_entry(root, "path", cache)
    assert first.valid  # validated the files as they were when it read them
    monkeypatch.setattr(discovery, "check_pack", real_check)
    second = load_entry(root, "path", cache)
    assert not second.valid
    assert second.first_error and "exercises.toml" in second.first_error
