"""Pack files as clinics save them: a byte-order mark, CRLF line ends, names in another case; validate,
lint, build, install and the app agree on exactly which files make the pack."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from solecheck.packs.archive import pack_files
from solecheck.packs.discovery import discover
from solecheck.packs.files import PACK_FILE_NAMES, find_pack_files
from solecheck.packs.lint import lint_folder
from solecheck.packs.loader import check_pack
from solecheck.packs.locations import fingerprint
from solecheck.packs.models import PACK_FILES
from tests.packs.pack_copies import copy_builtin, errors, warnings


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def as_windows_saves_it(root: Path) -> None:
    """Every file with a UTF-8 byte-order mark and CRLF line ends, as Notepad and PowerShell save it."""
    for name in PACK_FILE_NAMES:
        path = root / name
        if path.exists():
            text = path.read_text(encoding="utf-8").replace("\n", "\r\n")
            path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))


def miscased(root: Path) -> None:
    (root / "pack.toml").rename(root / "Pack.TOML")
    (root / "education.toml").rename(root / "Education.TOML")


def test_the_proper_names_are_the_models_files() -> None:
    assert tuple(PACK_FILES) == PACK_FILE_NAMES


def test_a_bom_and_crlf_pack_reads_exactly_like_the_original(tmp_path: Path, builtin_pack) -> None:  # type: ignore[no-untyped-def]
    root = copy_builtin(tmp_path)
    as_windows_saves_it(root)
    pack, diagnostics = check_pack(root)
    assert pack is not None, diagnostics
    assert diagnostics == []
    assert pack.manifest == builtin_pack.manifest and pack.education == builtin_pack.education
    assert pack.clinic.contact_note == builtin_pack.clinic.contact_note  # no "\r" left in multi-line text
    notes = lint_folder(root)[1]
    assert {d.file for d in notes if "byte-order mark" in d.message} == set(PACK_FILES)


def test_file_names_in_another_case_are_read_with_a_warning_naming_them(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    miscased(root)
    pack, diagnostics = check_pack(root)
    assert pack is not None, diagnostics
    assert len(pack.education) == 3
    assert {(d.file, d.message) for d in warnings(diagnostics)} == {
        ("Pack.TOML", "read as pack.toml; rename it to pack.toml (pack file names are lower case)"),
        ("Education.TOML", "read as education.toml; rename it to education.toml (pack file names are lower case)"),
    }
    found = find_pack_files(root)
    assert set(found.found) == set(PACK_FILES) & {p.name.casefold() for p in root.iterdir()} | {
        "translations/es.toml", "translations/fr.toml"
    }
    assert set(pack_files(root)) == set(found.found) | set(found.pictures)
    assert [e.path for e in discover(extra=[root]) if e.source == "path"] == [root]


def test_two_files_differing_only_in_case_are_an_error(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "Education.toml").write_bytes((root / "education.toml").read_bytes())
    pack, diagnostics = check_pack(root)
    assert pack is None
    assert [(d.file, d.message) for d in errors(diagnostics)] == [
        ("education.toml", "Education.toml and education.toml are both education.toml; keep one of them")
    ]


def test_a_renamed_file_changes_the_fingerprint(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    before = fingerprint(root)
    (root / "education.toml").rename(root / "Education.TOML")
    assert fingerprint(root) != before


@pytest.mark.parametrize("variant", ["bom-crlf", "case"])
def test_validate_build_install_and_show_agree(tmp_path: Path, variant: str) -> None:
    root = copy_builtin(tmp_path)
    # One version, one content: files saved anew with other bytes are another version of the pack.
    manifest = root / "pack.toml"
    manifest.write_bytes(manifest.read_bytes().replace(b'version = "1.1.0"', b'version = "1.1.1"'))
    as_windows_saves_it(root) if variant == "bom-crlf" else miscased(root)
    validated = run("pack", "validate", str(root))
    assert validated.returncode == 0, validated.stderr
    assert "valid (thrive-now.foot-first@1.1.1)" in validated.stdout and "Traceback" not in validated.stderr
    if variant == "case":
        assert "Education.TOML: warning: read as education.toml" in validated.stdout
    built = run("pack", "build", str(root), "-o", str(tmp_path))
    assert built.returncode == 0, built.stderr
    archive = tmp_path / "thrive-now.foot-first-1.1.1.solepack"
    with zipfile.ZipFile(archive) as opened:
        assert set(opened.namelist()) - {"solepack.json"} == set(PACK_FILES) & {
            p.name.casefold() for p in root.iterdir()
        } | {"translations/es.toml", "translations/fr.toml", "pictures/ball-roll.png", "pictures/sole-areas.png"}
    for source in (archive, root):
        data = tmp_path / f"data-{source.suffix or 'folder'}"
        installed = run("pack", "install", str(source), "--data-dir", str(data))
        assert installed.returncode == 0, installed.stderr
        shown = run("pack", "show", "thrive-now.foot-first@1.1.1", "--data-dir", str(data))
        assert shown.returncode == 0, shown.stderr
        assert "Education texts: 3" in shown.stdout
