"""Hostile and unusual text through the command line: no escape sequence from a pack, an import or a
person reaches standard output, and nothing crashes in an ASCII or Latin-1 locale."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from tests.conftest import BUILTIN_PACK
from tests.history.records_factory import T0, session, step
from tests.packs.pack_copies import copy_builtin, edit

ESC = b"\x1b"
OSC_TITLE = "\x1b]0;pwned\x07"
"""Sets the terminal's title: the kind of sequence a pack or an import must never get to a terminal."""


def run(*args: str, stdin: str = "", env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=60,
        env={**os.environ, "TZ": "UTC", **(env or {})},
    )


def no_escapes(result: subprocess.CompletedProcess[bytes]) -> None:
    for name, stream in (("stdout", result.stdout), ("stderr", result.stderr)):
        assert ESC not in stream and b"\x07" not in stream and b"\xc2\x9b" not in stream, (name, stream)
        assert "\u202e".encode() not in stream, name
    assert b"Traceback" not in result.stderr


# --- pack text ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("booking_url", f"https://book.example/{OSC_TITLE}"),
        ("email", f"desk{OSC_TITLE}@clinic.example"),
        ("address", "1 Main St\u202e"),
        ("hours", "Mon\x9b2J–Fri"),
    ],
)
def test_a_pack_with_escapes_in_its_contact_details_is_refused_by_validate_build_and_install(
    tmp_path: Path, key: str, value: str
) -> None:
    pack = copy_builtin(tmp_path)
    edit(pack, "clinic.toml", 'name = "Cobble Hill"', f'name = "Cobble Hill"\n{key} = {json.dumps(value)}')
    for command in (("validate", str(pack)), ("build", str(pack), "-o", str(tmp_path)), ("install", str(pack))):
        result = run("pack", *command)
        assert result.returncode == 1, command
        assert f"locations[0].{key}: contains a control character".encode() in result.stderr, command
        no_escapes(result)
    assert not list(tmp_path.glob("*.solepack"))


def test_a_markup_like_pack_name_is_shown_as_written(tmp_path: Path) -> None:
    pack = copy_builtin(tmp_path)
    edit(pack, "pack.toml", 'name = "Foot First"', 'name = "Pied [/b] colonne [@click=app.quit]x[/]"')
    edit(pack, "pack.toml", 'version = "1.1.0"', 'version = "1.1.1"')  # one version, one content
    assert run("pack", "install", str(pack)).returncode == 0
    shown = run("pack", "show", "thrive-now.foot-first@1.1.1")
    assert shown.returncode == 0, shown.stderr
    listed = run("pack", "list")
    for result in (shown, listed):
        assert b"Pied [/b] colonne [@click=app.quit]x[/]" in result.stdout
        no_escapes(result)


# --- imported and stored text ------------------------------------------------------------------------


def hostile_export(tmp_path: Path) -> Path:
    record = session(routine_title=f"Sole {OSC_TITLE}reset\x1b[2J", stop_reason="tired\u202eok")
    document = {
        "format": "solecheck-history",
        "format_version": 1,
        "exported_at": "2026-03-02T09:00:00+00:00",
        "solecheck_version": "1.0.0",
        "screenings": [],
        "sessions": [
            {
                "id": record.id,
                "pack_id": record.pack_id,
                "pack_version": record.pack_version,
                "routine_id": record.routine_id,
                "routine_title": record.routine_title,
                "planned_steps": 1,
                "status": "completed",
                "started_at": "2026-03-02T08:00:00+00:00",
                "ended_at": "2026-03-02T08:10:00+00:00",
                "stop_reason": record.stop_reason,
            }
        ],
        "steps": [
            {
                "id": "step-1",
                "session_id": record.id,
                "position": 0,
                "exercise_id": "sole-roll",
                "exercise_title": "Sole roll",
                "region": "foot_sole",
                "status": "done",
                "note": "sore\x1b[31m heel\x9b",
                "ended_at": "2026-03-02T08:05:00+00:00",
            }
        ],
    }
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_import_removes_control_characters_and_names_the_records(tmp_path: Path, data_dir: Path) -> None:
    result = run("history", "import", str(hostile_export(tmp_path)))
    assert result.returncode == 0, result.stderr
    said = result.stdout.decode()
    assert "added 0 screenings, 1 session, 1 step" in said
    assert "control characters removed from the text of 2 records: sessions[0] (id " in said
    assert "steps[0] (id 'step-1')" in said
    no_escapes(result)
    with sqlite3.connect(data_dir / "history.sqlite3") as conn:
        assert conn.execute("SELECT routine_title, stop_reason FROM sessions").fetchall() == [
            ("Sole ]0;pwnedreset[2J", "tiredok")
        ]
        assert conn.execute("SELECT note FROM steps").fetchall() == [("sore[31m heel",)]
    listings = (("history",), ("history", "--json"), ("history", "export"), ("history", "export", "--format", "csv"))
    for command in listings:
        listed = run(*command)
        assert listed.returncode == 0, command
        no_escapes(listed)


def test_an_id_with_a_control_character_refuses_the_import(tmp_path: Path) -> None:
    path = hostile_export(tmp_path)
    document = json.loads(path.read_text())
    document["steps"][0]["id"] = "step\x1b1"
    path.write_text(json.dumps(document))
    result = run("history", "import", str(path))
    assert result.returncode == 1
    assert b"steps[0]" in result.stderr and b"contains a control character (U+001B)" in result.stderr
    no_escapes(result)


def test_text_stored_before_the_rule_is_listed_without_its_escapes(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as store:
        record = session(routine_title=f"Old {OSC_TITLE}title\x1b[2J", started_at=T0)
        store.start_session(record)
        store.record_step(step(record.id, 0, note=f"note {OSC_TITLE}"))
        store.finish_session(record.id, "completed", ended_at=T0 + timedelta(minutes=5))
    for command in (("history",), ("history", "--json"), ("history", "export")):
        result = run(*command)
        assert result.returncode == 0
        assert b"Old " in result.stdout, command  # JSON writes the escape as \u001b; a list drops it
        no_escapes(result)


def test_a_note_typed_in_the_line_mode_is_stored_and_shown_without_escapes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    answers = "n\nn\nn\nn\n1\ny\n" + f"\n\nnote sore {OSC_TITLE}heel\x1b[2J\n2\n\n\n4\n"
    result = run("--data-dir", str(data), "--pack", str(BUILTIN_PACK), "session", "--plain", "--routine",
                 "sole-only", stdin=answers)  # fmt: skip
    assert result.returncode == 0, result.stderr
    no_escapes(result)
    with sqlite3.connect(data / "history.sqlite3") as conn:
        notes = [n for (n,) in conn.execute("SELECT note FROM steps ORDER BY position") if n]
    assert notes == ["sore ]0;pwnedheel[2J"]


# --- locales without UTF-8 ---------------------------------------------------------------------------

ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
LATIN_1 = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "latin-1"}


@pytest.mark.parametrize("locale", [ASCII, LATIN_1], ids=["ascii", "latin-1"])
def test_a_non_utf8_locale_gets_stand_ins_and_one_notice_not_a_crash(tmp_path: Path, locale: dict[str, str]) -> None:
    newer = copy_builtin(tmp_path, "newer")
    edit(newer, "pack.toml", 'version = "1.1.0"', 'version = "1.2.0"')
    edit(newer, "session.toml", "limit = 5", "limit = 6")
    edit(newer, "exercises.toml", 'title = "Sole roll on a ball"', 'title = "Pied d’abord — 東京"')
    diff = run("pack", "diff", str(BUILTIN_PACK), str(newer), env=locale)
    assert diff.returncode == 0, diff.stderr
    assert b"limit: 5 -> 6" in diff.stdout and b"Pied d'abord - ??" in diff.stdout
    assert diff.stderr.count(b"not UTF-8") == 1 and b"Traceback" not in diff.stderr

    session = run("--data-dir", str(tmp_path / "data"), "--pack", str(BUILTIN_PACK), "session", "--plain",
                  "--routine", "sole-only", stdin="n\nn\nn\nn\n1\ny\n\n\n2\n\n\n4\n", env=locale)  # fmt: skip
    assert session.returncode == 0, session.stderr
    assert session.stderr.count(b"not UTF-8") == 1 and b"Traceback" not in session.stderr
    assert b"Sole reset: completed." in session.stdout
    if locale is LATIN_1:
        session.stdout.decode("latin-1")
    else:
        assert max(session.stdout) < 128


def test_a_utf8_locale_gets_no_notice() -> None:
    result = run("pack", "show", "thrive-now.foot-first", env={"LC_ALL": "C.UTF-8", "PYTHONUTF8": "0"})
    assert result.returncode == 0 and b"UTF-8" not in result.stderr
