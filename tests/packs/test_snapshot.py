"""Start snapshots: the view a start showed, reused only while nothing it depends on has changed."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from solecheck.packs.pack import Pack
from solecheck.packs.snapshot import StartSnapshot, load_in_background
from solecheck.packs.view import PackView
from tests.packs.pack_copies import copy_builtin, edit


@pytest.fixture
def view(builtin_pack: Pack) -> PackView:
    return PackView.from_pack(builtin_pack)


def test_a_saved_view_is_read_back_while_nothing_changed(data_dir: Path, view: PackView) -> None:
    snapshot = StartSnapshot(data_dir, None, None)
    assert snapshot.load() is None
    snapshot.save(view, snapshot.stamp())
    assert snapshot.load() == view
    assert StartSnapshot(data_dir, None, None).load() == view


def test_the_data_folder_it_creates_is_owner_only(tmp_path: Path, view: PackView) -> None:
    data = tmp_path / "fresh" / "data"
    (snapshot := StartSnapshot(data, None, None)).save(view, snapshot.stamp())
    assert data.stat().st_mode & 0o777 == 0o700


def test_other_inputs_have_their_own_snapshot(data_dir: Path, view: PackView) -> None:
    (snapshot := StartSnapshot(data_dir, None, None)).save(view, snapshot.stamp())
    assert StartSnapshot(data_dir, None, "thrive-now.foot-first@1.1.0").load() is None
    assert StartSnapshot(data_dir, "thrive-now.foot-first", None).load() is None


def test_a_changed_pack_file_invalidates_it(tmp_path: Path, data_dir: Path, view: PackView) -> None:
    installed = copy_builtin(data_dir / "packs", "thrive-now.foot-first@1.1.0")
    snapshot = StartSnapshot(data_dir, None, None)
    snapshot.save(view, snapshot.stamp())
    assert snapshot.load() == view
    edit(installed, "pack.toml", 'name = "Foot First"', 'name = "Foot First, edited"')
    assert snapshot.load() is None


def test_a_pack_file_saved_while_the_pack_is_read_leaves_it_stale(data_dir: Path, view: PackView) -> None:
    """The start takes the stamp before choosing the pack; a file saved after that must not be covered by
    the key the old view is stored under."""
    installed = copy_builtin(data_dir / "packs", "thrive-now.foot-first@1.1.0")
    snapshot = StartSnapshot(data_dir, None, None)
    stamp = snapshot.stamp()
    edit(installed, "pack.toml", 'name = "Foot First"', 'name = "Foot First, edited"')  # saved mid-read
    snapshot.save(view, stamp)
    assert snapshot.load() is None


def test_a_new_pack_folder_invalidates_it(tmp_path: Path, data_dir: Path, view: PackView) -> None:
    snapshot = StartSnapshot(data_dir, None, None)
    snapshot.save(view, snapshot.stamp())
    copy_builtin(data_dir / "packs", "another")
    assert snapshot.load() is None


def test_installing_a_distribution_invalidates_it(
    tmp_path: Path, data_dir: Path, view: PackView, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "lib" / "site-packages"
    site.mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    snapshot = StartSnapshot(data_dir, None, None)
    snapshot.save(view, snapshot.stamp())
    assert snapshot.load() == view
    (site / "clinic_pack-1.0.dist-info").mkdir()
    os.utime(site, ns=(0, os.stat(site).st_mtime_ns + 1_000_000))
    assert snapshot.load() is None


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"key": 1, "plugins": [], "view": {}}'])
def test_a_corrupt_snapshot_is_ignored(data_dir: Path, view: PackView, content: str) -> None:
    snapshot = StartSnapshot(data_dir, None, None)
    snapshot.save(view, snapshot.stamp())
    snapshot.path.write_text(content)
    assert snapshot.load() is None
    snapshot.save(view, snapshot.stamp())
    assert snapshot.load() == view


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path, view: PackView) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    snapshot = StartSnapshot(blocker, None, None)
    snapshot.save(view, snapshot.stamp())
    assert snapshot.load() is None


def test_background_load_hands_over_its_result_or_its_error() -> None:
    release = threading.Event()

    def slow() -> int:
        release.wait(5)
        return 42

    future = load_in_background(slow)
    assert not future.done()
    release.set()
    assert future.result(timeout=5) == 42

    def broken() -> int:
        raise ValueError("no pack")

    with pytest.raises(ValueError, match="no pack"):
        load_in_background(broken).result(timeout=5)
