"""Which pack a start uses: the remembered pack by id (its newest valid version, said when newer than
last time), a version pinned on purpose, and ``--pack ID@VERSION``. Real pack folders on disk."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from solecheck.cli.context import CliContext
from solecheck.settings import Settings, load_settings
from solecheck.tui.launch import choose_pack
from tests.conftest import BUILTIN_PACK

PACK_ID = "thrive-now.foot-first"


@pytest.fixture
def newer_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Version 1.1.0 of the built-in pack, on the pack path."""
    newer = tmp_path / "packs" / "foot-first-1.1"
    shutil.copytree(BUILTIN_PACK, newer)
    manifest = (newer / "pack.toml").read_text().replace('version = "1.0.0"', 'version = "1.1.0"')
    (newer / "pack.toml").write_text(manifest)
    monkeypatch.setenv("SOLECHECK_PACKS", str(tmp_path / "packs"))
    return newer


def test_a_remembered_pack_takes_up_its_newest_version_and_says_so(newer_installed: Path, data_dir: Path) -> None:
    # Remembered by an older solecheck as id@version from a plain pick: not a pin.
    settings = Settings(pack=f"{PACK_ID}@1.0.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert pack.version == "1.1.0"
    assert warnings == [
        "A newer version of Foot First is installed: now using 1.1.0 (you used 1.0.0 before). If its safety "
        "questions changed, you'll answer them again before your next session."
    ]
    assert load_settings()[0].pack_version == "1.1.0"
    # Said once: the next start is quiet.
    _, again = choose_pack(CliContext(data_dir, None), load_settings()[0].replace(pack=PACK_ID))
    assert again == []


def test_a_pinned_version_stays(newer_installed: Path, data_dir: Path) -> None:
    settings = Settings(pack=f"{PACK_ID}@1.0.0", pack_pinned=True, pack_version="1.0.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert pack.version == "1.0.0" and warnings == []


def test_pack_on_the_command_line_pins_that_version(newer_installed: Path, data_dir: Path) -> None:
    pack, _ = choose_pack(CliContext(data_dir, f"{PACK_ID}@1.0.0"), Settings(pack=PACK_ID))
    assert pack.version == "1.0.0"
    newest, _ = choose_pack(CliContext(data_dir, PACK_ID), Settings())
    assert newest.version == "1.1.0"
