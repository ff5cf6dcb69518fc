"""The core packages (packs, screening, session, history) never import Textual, Rich or a frontend
(``solecheck.tui``, the line mode ``solecheck.plain``, the CLI).

Checked two ways: by importing every core module in a fresh interpreter and looking at ``sys.modules``,
and by import-linter's static contract in ``pyproject.toml``. The same two ways check that imports in
the shell run one way: no module of ``solecheck.tui`` but the app loads the app, none loads the CLI.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORE = ("solecheck.packs", "solecheck.screening", "solecheck.session", "solecheck.history")
UI = ("textual", "rich")

_PROBE = """
import importlib, json, pkgutil, sys
imported = []
for name in {core!r}:
    try:
        package = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name == name:
            continue  # that core package does not exist yet
        raise
    imported.append(name)
    for module in pkgutil.walk_packages(package.__path__, prefix=name + "."):
        importlib.import_module(module.name)
        imported.append(module.name)
ui = sorted(
    m for m in sys.modules
    if m.split(".")[0] in {ui!r} or m.startswith(("solecheck.tui", "solecheck.plain", "solecheck.cli"))
)
print(json.dumps({{"imported": imported, "ui": ui}}))
"""


@pytest.mark.slow
def test_core_modules_do_not_load_textual_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(core=CORE, ui=UI)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert "solecheck.packs.loader" in report["imported"]
    assert len(report["imported"]) > len(CORE)
    assert report["ui"] == [], f"importing the core loaded UI modules: {report['ui']}"


_SHELL_PROBE = """
import importlib, json, pkgutil, sys
import solecheck.tui
for module in pkgutil.walk_packages(solecheck.tui.__path__, prefix="solecheck.tui."):
    if module.name != "solecheck.tui.app":
        importlib.import_module(module.name)
print(json.dumps(sorted(m for m in sys.modules if m == "solecheck.tui.app" or m.startswith("solecheck.cli"))))
"""


@pytest.mark.slow
def test_no_module_of_the_shell_loads_the_app_or_the_cli() -> None:
    """Every module of ``solecheck.tui`` but the app imports, in a fresh interpreter, without loading the
    app (screens reach it through ``tui.services``) or the CLI (which wires the frontends)."""
    result = subprocess.run(
        [sys.executable, "-c", _SHELL_PROBE], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


@pytest.mark.slow
def test_import_contracts_hold() -> None:
    lint_imports = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint_imports).exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run(
        [lint_imports, "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout
