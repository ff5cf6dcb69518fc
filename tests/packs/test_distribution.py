"""Packs published as Python distributions (entry-point group ``solecheck.packs``) are discovered.

The example distribution in ``examples/solecheck-pack-example`` is really installed with pip (into a
folder put on ``PYTHONPATH`` of a fresh ``python -m solecheck``); a hand-made distribution shows the
other form of entry point, a function returning the pack's folder.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTIN_PACK, REPO

EXAMPLE = REPO / "examples" / "solecheck-pack-example"


def solecheck(*args: str, path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(path), os.environ.get("PYTHONPATH")])))
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, env=env
    )


def test_example_pack_is_valid_and_lints_clean() -> None:
    from solecheck.packs.lint import lint_folder

    pack, diagnostics = lint_folder(EXAMPLE / "src" / "solecheck_pack_example")
    assert pack is not None and pack.key == "example-clinic.foot-first@1.0.0"
    assert diagnostics == []


@pytest.mark.slow
def test_installed_example_distribution_is_discovered(tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(EXAMPLE, source)
    target = tmp_path / "site"
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--no-deps",
        "--target",
        str(target),
        str(source),
    ]
    if importlib.util.find_spec("hatchling") is not None:
        command.insert(-1, "--no-build-isolation")  # build offline with the backend already here
    installed = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert installed.returncode == 0, installed.stderr[-2000:]
    assert (target / "solecheck_pack_example" / "pack.toml").is_file()

    listed = solecheck("pack", "list", "--json", path=target)
    assert listed.returncode == 0, listed.stderr
    entry = next(e for e in json.loads(listed.stdout) if e["id"] == "example-clinic.foot-first")
    assert entry["source"] == "entry-point:example-clinic"
    assert entry["valid"] and entry["version"] == "1.0.0"
    assert Path(entry["path"]).resolve() == (target / "solecheck_pack_example").resolve()

    shown = solecheck("pack", "show", "example-clinic.foot-first", path=target)
    assert shown.returncode == 0 and "Example Clinic" in shown.stdout

    without = solecheck("pack", "list", "--json", path=tmp_path / "elsewhere")
    assert "example-clinic.foot-first" not in without.stdout


@pytest.mark.slow
def test_entry_point_naming_a_function_that_returns_the_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    pack = tmp_path / "pack-elsewhere"
    shutil.copytree(BUILTIN_PACK, pack)
    text = (
        (pack / "pack.toml")
        .read_text(encoding="utf-8")
        .replace('id = "thrive-now.foot-first"', 'id = "fn-clinic.feet"')
    )
    (pack / "pack.toml").write_text(text, encoding="utf-8")
    site.mkdir()
    (site / "fn_clinic_pack.py").write_text(f"def pack_dir():\n    return {str(pack)!r}\n", encoding="utf-8")
    info = site / "fn_clinic_pack-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fn-clinic-pack\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[solecheck.packs]\nfn-clinic = fn_clinic_pack:pack_dir\n", encoding="utf-8")
    listed = solecheck("pack", "list", "--json", path=site)
    assert listed.returncode == 0, listed.stderr
    entry = next(e for e in json.loads(listed.stdout) if e["id"] == "fn-clinic.feet")
    assert entry["source"] == "entry-point:fn-clinic" and entry["valid"]
