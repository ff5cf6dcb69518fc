"""The pack rule of a start (``packs.choice.choose_pack``), without a frontend: the command line's pack,
the remembered one by id or pinned, the default when the remembered one is broken, and one-line errors.
Real pack folders on disk; nothing here imports Textual."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from solecheck.errors import UserError
from solecheck.packs.choice import choose_pack, version_used_before
from solecheck.packs.pack import Pack
from solecheck.settings import Settings
from tests.conftest import BUILTIN_PACK

PACK_ID = "thrive-now.foot-first"


@pytest.fixture
def newer_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Version 1.2.0 of the built-in pack, on the pack path."""
    newer = tmp_path / "packs" / "foot-first-1.1"
    shutil.copytree(BUILTIN_PACK, newer)
    manifest = (newer / "pack.toml").read_text().replace('version = "1.1.0"', 'version = "1.2.0"')
    (newer / "pack.toml").write_text(manifest)
    monkeypatch.setenv("SOLECHECK_PACKS", str(tmp_path / "packs"))
    return newer


def test_nothing_asked_or_remembered_gives_the_default(data_dir: Path) -> None:
    choice = choose_pack(None, data_dir, Settings())
    assert choice.pack.id == PACK_ID and choice.warnings == () and choice.used_before is None


def test_a_remembered_pack_takes_up_its_newest_version(newer_installed: Path, data_dir: Path) -> None:
    choice = choose_pack(None, data_dir, Settings(pack=PACK_ID, pack_version="1.1.0"))
    assert choice.pack.version == "1.2.0"
    assert choice.used_before == "1.1.0" and choice.warnings == ()


def test_an_older_plain_pick_remembered_as_id_at_version_is_not_a_pin(newer_installed: Path, data_dir: Path) -> None:
    choice = choose_pack(None, data_dir, Settings(pack=f"{PACK_ID}@1.1.0"))
    assert choice.pack.version == "1.2.0" and choice.used_before == "1.1.0"


def test_a_pinned_version_stays_and_is_not_news(newer_installed: Path, data_dir: Path) -> None:
    settings = Settings(pack=f"{PACK_ID}@1.1.0", pack_pinned=True, pack_version="1.1.0")
    choice = choose_pack(None, data_dir, settings)
    assert choice.pack.version == "1.1.0" and choice.used_before is None


def test_the_command_line_wins_over_the_remembered_pack(newer_installed: Path, data_dir: Path) -> None:
    settings = Settings(pack=PACK_ID, pack_version="1.2.0")
    assert choose_pack(f"{PACK_ID}@1.1.0", data_dir, settings).pack.version == "1.1.0"
    assert choose_pack(PACK_ID, data_dir, Settings()).pack.version == "1.2.0"
    assert choose_pack(str(newer_installed), data_dir, Settings()).pack.version == "1.2.0"


def test_a_broken_remembered_pack_gives_way_to_the_default_with_a_warning(
    newer_installed: Path, data_dir: Path
) -> None:
    (newer_installed / "pack.toml").write_text('id = "thrive-now.foot-first"\nversion = "not semver"\n')
    choice = choose_pack(None, data_dir, Settings(pack=str(newer_installed)))
    assert choice.pack.version == "1.1.0" and choice.used_before is None
    (warning,) = choice.warnings
    assert warning.startswith(f"The pack you used last ({newer_installed}) can't be loaded, so the default is shown: ")


def test_a_pack_named_on_the_command_line_must_load(data_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(UserError) as unknown:
        choose_pack("nobody.no-such-pack", data_dir, Settings())
    assert unknown.value.exit_code == 1 and "nobody.no-such-pack" in str(unknown.value)
    broken = tmp_path / "broken"
    shutil.copytree(BUILTIN_PACK, broken)
    (broken / "pack.toml").write_text("this is not toml = = =\n")
    with pytest.raises(UserError) as invalid:
        choose_pack(str(broken), data_dir, Settings())
    assert f"the pack at {broken} is not valid" in str(invalid.value)
    assert "pack.toml:1: TOML syntax error" in str(invalid.value)


def test_version_used_before_is_only_another_version(builtin_pack: Pack) -> None:
    assert builtin_pack.version == "1.1.0"
    assert version_used_before(Settings(pack=PACK_ID, pack_version="0.9.0"), builtin_pack) == "0.9.0"
    assert version_used_before(Settings(pack=PACK_ID, pack_version="1.1.0"), builtin_pack) is None
    assert version_used_before(Settings(pack=PACK_ID), builtin_pack) is None
    assert version_used_before(Settings(pack=f"{PACK_ID}@0.9.0"), builtin_pack) == "0.9.0"
    assert version_used_before(Settings(pack=f"{PACK_ID}@0.9.0", pack_pinned=True), builtin_pack) is None
