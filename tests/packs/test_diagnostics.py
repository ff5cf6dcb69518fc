"""Diagnostics are values, formatted in one place: ``file:line: path: message``."""

from __future__ import annotations

from solecheck.packs.diagnostics import Diagnostic, PackError, format_diagnostic


def test_full_form() -> None:
    found = Diagnostic("exercises.toml", 42, "exercises[3].dose.duration_s", "must be greater than 0")
    assert format_diagnostic(found) == "exercises.toml:42: exercises[3].dose.duration_s: must be greater than 0"
    assert str(found) == format_diagnostic(found)


def test_without_line_or_path() -> None:
    assert str(Diagnostic("routines.toml", None, "", "file is missing")) == "routines.toml: file is missing"
    assert str(Diagnostic("pack.toml", 3, "", "TOML syntax error: x")) == "pack.toml:3: TOML syntax error: x"


def test_warning_is_marked() -> None:
    found = Diagnostic("routines.toml", 7, "routines[0].steps[1].exercise", "out of order", "warning")
    assert str(found) == "routines.toml:7: routines[0].steps[1].exercise: warning: out of order"


def test_json_form() -> None:
    found = Diagnostic("pack.toml", 2, "format", "too new")
    assert found.to_json() == {
        "file": "pack.toml",
        "line": 2,
        "path": "format",
        "message": "too new",
        "severity": "error",
    }


def test_pack_error_summarises_its_errors() -> None:
    problems = [
        Diagnostic("a.toml", None, "", "minor", "warning"),
        Diagnostic("pack.toml", 2, "id", "bad"),
        Diagnostic("clinic.toml", 3, "name", "empty"),
    ]
    error = PackError("/packs/x", problems)
    assert str(error) == "/packs/x: pack.toml:2: id: bad (and 1 more)"
    assert error.errors == problems[1:]
    assert error.diagnostics == problems
    assert str(PackError("/p", [problems[0]])) == "/p: invalid pack"
