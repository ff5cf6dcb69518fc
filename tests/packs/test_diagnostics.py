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


def test_format_located_puts_the_pack_folder_before_a_pack_file() -> None:
    from pathlib import Path

    from solecheck.packs.diagnostics import Diagnostic, format_located

    inside = Diagnostic("exercises.toml", 42, "exercises[3].dose.duration_s", "must be greater than 0")
    assert format_located(Path("/p/pack"), inside) == (
        "/p/pack/exercises.toml:42: exercises[3].dose.duration_s: must be greater than 0"
    )
    about_folder = Diagnostic("/etc/passwd", None, "", "is not a folder")
    assert format_located("/etc/passwd", about_folder) == "/etc/passwd: is not a folder"


def test_format_pack_error_lists_errors_and_cuts_long_lists() -> None:
    from solecheck.packs.diagnostics import Diagnostic, PackError, format_pack_error

    errors = [Diagnostic("routines.toml", n, f"routines[{n}].id", "duplicate id") for n in range(25)]
    text = format_pack_error(PackError("/p/pack", [*errors, Diagnostic("a.toml", 1, "", "x", "warning")]), limit=20)
    assert text.startswith("the pack at /p/pack is not valid:")
    assert "routines.toml:19: routines[19].id: duplicate id" in text
    assert "routines[20]" not in text and "… and 5 more: run 'solecheck pack validate /p/pack'" in text
    assert "a.toml" not in text
