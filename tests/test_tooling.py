"""The checks the project claims, run as tests so the README's test command (and CI) keeps them passing:
``ruff`` on the whole tree and ``mypy --strict`` on the package (configured in ``pyproject.toml``); and CI
runs exactly that command. The import contracts run in ``tests/test_architecture.py``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


def tool(name: str) -> list[str]:
    """The tool installed next to this Python (the test extras), run as a module."""
    return [sys.executable, "-m", name]


@pytest.mark.slow
def test_ruff_is_clean_on_the_whole_tree() -> None:
    result = subprocess.run(
        [*tool("ruff"), "check", "--no-cache", "."], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_strict_passes_on_the_package() -> None:
    assert Path(REPO / "src" / "solecheck").is_dir()
    result = subprocess.run(
        [*tool("mypy"), "--strict", "--no-incremental"], cwd=REPO, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success" in result.stdout


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    command = next(line for line in readme.splitlines() if line.startswith("python3 -m venv") and "[test]" in line)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert command in ci
    assert "ruff" in readme and "mypy --strict" in readme and 'pytest -m "not slow"' in readme
