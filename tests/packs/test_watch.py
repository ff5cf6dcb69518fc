"""``PackWatcher``: one reload per real change, errors as values, no timing involved."""

from __future__ import annotations

from pathlib import Path

from solecheck.packs.watch import PackWatcher
from tests.packs.pack_copies import copy_builtin, edit


def test_first_poll_loads_then_nothing_until_a_change(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    watcher = PackWatcher(root)
    first = watcher.poll()
    assert first is not None and first.pack is not None and first.pack.key == "thrive-now.foot-first@1.1.0"
    assert watcher.poll() is None
    edit(root, "pack.toml", 'name = "Foot First"', 'name = "Feet"')
    changed = watcher.poll()
    assert changed is not None and changed.pack is not None and changed.pack.manifest.name == "Feet"
    assert watcher.poll() is None


def test_same_size_same_instant_edit_is_seen(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    watcher = PackWatcher(root)
    watcher.mark_current()
    path = root / "session.toml"
    stat = path.stat()
    edit(root, "session.toml", "limit = 5", "limit = 6")
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    reload = watcher.poll()
    assert reload is not None and reload.pack is not None and reload.pack.session.pain_check.limit == 6


def test_a_save_that_changes_nothing_is_ignored(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    watcher = PackWatcher(root)
    watcher.mark_current()
    (root / "pack.toml").write_bytes((root / "pack.toml").read_bytes())
    assert watcher.poll() is None


def test_broken_file_gives_located_errors(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    watcher = PackWatcher(root)
    watcher.mark_current()
    edit(root, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    reload = watcher.poll()
    assert reload is not None and reload.pack is None
    (error,) = reload.errors
    assert (error.file, error.path) == ("exercises.toml", "exercises[0].dose.duration_s") and error.line


def test_new_and_deleted_files_count_as_changes(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    watcher = PackWatcher(root)
    watcher.mark_current()
    (root / "education.toml").unlink()
    reload = watcher.poll()
    assert reload is not None and reload.pack is not None and reload.pack.education == ()
    (root / "extra.toml").write_text("", encoding="utf-8")
    reload = watcher.poll()
    assert reload is not None and any("not a pack file" in d.message for d in reload.diagnostics)


def test_missing_folder(tmp_path: Path) -> None:
    watcher = PackWatcher(tmp_path / "gone")
    reload = watcher.poll()
    assert reload is not None and reload.pack is None and reload.errors
