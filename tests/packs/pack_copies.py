"""Small broken packs for tests, made from a copy of the built-in pack by one text edit at a time."""

from __future__ import annotations

import shutil
from pathlib import Path

from solecheck.packs.diagnostics import Diagnostic
from tests.conftest import BUILTIN_PACK


def copy_builtin(tmp_path: Path, name: str = "pack") -> Path:
    """A fresh copy of the built-in pack under ``tmp_path``."""
    root = tmp_path / name
    shutil.copytree(BUILTIN_PACK, root)
    return root


def drop_translations(root: Path) -> None:
    """Remove the copy's translations, for a test that changes the pack's ids or lists and is not about them."""
    shutil.rmtree(root / "translations", ignore_errors=True)


def edit(root: Path, file: str, old: str, new: str, count: int = 1) -> None:
    """Replace ``old`` with ``new`` in one pack file; ``old`` must occur at least ``count`` times."""
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= count, f"{old!r} not found {count} time(s) in {file}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def append(root: Path, file: str, text: str) -> None:
    path = root / file
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def line_text(root: Path, diagnostic: Diagnostic) -> str:
    """The text of the line a diagnostic points at."""
    assert diagnostic.line is not None, f"no line in {diagnostic}"
    return (root / diagnostic.file).read_text(encoding="utf-8").splitlines()[diagnostic.line - 1]


def line_number(root: Path, file: str, needle: str, occurrence: int = 1) -> int:
    """The 1-based line of the ``occurrence``-th line holding ``needle`` in a pack file."""
    found = [n for n, line in enumerate((root / file).read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(found) >= occurrence, f"{needle!r} is not in {file} {occurrence} time(s)"
    return found[occurrence - 1]


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def warnings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "warning"]


def at(diagnostics: list[Diagnostic], path: str) -> list[Diagnostic]:
    """The diagnostics whose key path is ``path``."""
    return [d for d in diagnostics if d.path == path]
