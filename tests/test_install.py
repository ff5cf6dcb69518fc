"""A plain ``pip install .`` from the checkout into a fresh venv carries the built-in pack and the compiled
message catalogs."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_fresh_install_lists_and_validates_builtin_pack(tmp_path: Path) -> None:
    source = tmp_path / "src"
    # Copy only what a clean clone has, so a stray build folder can't hide a packaging mistake.
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"], cwd=REPO, capture_output=True, text=True, check=True
    )
    for name in files.stdout.splitlines():
        target = source / name
        if (REPO / name).is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, target)
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    bin_dir = env_dir / ("Scripts" if sys.platform == "win32" else "bin")
    install = subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", str(source)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert install.returncode == 0, install.stderr[-2000:]
    listed = subprocess.run(
        [str(bin_dir / "solecheck"), "pack", "list", "--json"], capture_output=True, text=True, timeout=60, cwd=tmp_path
    )
    assert listed.returncode == 0, listed.stderr
    builtin = [e for e in json.loads(listed.stdout) if e["source"] == "builtin"]
    assert builtin and builtin[0]["valid"], listed.stdout
    assert "site-packages" in builtin[0]["path"], "the built-in pack must come from the installed package"
    validated = subprocess.run(
        [str(bin_dir / "solecheck"), "pack", "validate", builtin[0]["path"]], capture_output=True, text=True, timeout=60
    )
    assert validated.returncode == 0, validated.stderr
    assert "valid (thrive-now.foot-first@" in validated.stdout
    # The compiled catalogs ship in the package: the app speaks French and Spanish from a fresh install.
    spoken = subprocess.run(
        [str(bin_dir / "python"), "-c",
         "from solecheck.i18n import LOCALE_DIR, _, use_language\n"
         "for tag in ('fr', 'es'):\n    print(use_language(tag), _('Start'))\nprint(LOCALE_DIR)"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )
    assert spoken.returncode == 0, spoken.stderr
    assert spoken.stdout.splitlines()[:2] == ["fr Lancer", "es Empezar"]
    assert "site-packages" in spoken.stdout.splitlines()[2]
