"""The authoring commands as a clinic runs them: subprocesses, exit codes, stdout and stderr."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BUILTIN_PACK


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60, cwd=cwd
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr


@pytest.fixture
def packs_dir(data_dir: Path) -> Path:
    return data_dir / "packs"


def new_version(tmp_path: Path) -> Path:
    root = tmp_path / "v1.2.0"
    shutil.copytree(BUILTIN_PACK, root)
    text = (root / "pack.toml").read_text(encoding="utf-8").replace('version = "1.1.0"', 'version = "1.2.0"')
    (root / "pack.toml").write_text(text, encoding="utf-8")
    text = (root / "session.toml").read_text(encoding="utf-8").replace("limit = 5", "limit = 6")
    (root / "session.toml").write_text(text, encoding="utf-8")
    return root


# --- pack new ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_new_writes_a_valid_starter(tmp_path: Path) -> None:
    result = run(
        "pack",
        "new",
        "clinic-pack",
        "--id",
        "acme.feet",
        "--name",
        'Acme "Feet"',
        "--clinic",
        "Acme \\ Co",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "Wrote a starter pack (acme.feet) to clinic-pack" in result.stdout
    validated = run("pack", "validate", str(tmp_path / "clinic-pack"))
    assert validated.returncode == 0
    assert "valid (acme.feet@0.1.0)" in validated.stdout and "warning" not in validated.stdout
    shown = run("pack", "show", str(tmp_path / "clinic-pack"))
    assert 'Acme "Feet" 0.1.0' in shown.stdout and "Clinic: Acme \\ Co" in shown.stdout


@pytest.mark.slow
def test_new_refuses_a_folder_with_files(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "pack.toml").write_text("# my own work\n", encoding="utf-8")
    result = run("pack", "new", str(tmp_path / "mine"))
    assert result.returncode == 1
    assert "is not empty" in result.stderr
    no_traceback(result)
    assert (tmp_path / "mine" / "pack.toml").read_text(encoding="utf-8") == "# my own work\n"


@pytest.mark.slow
def test_new_refuses_a_value_the_format_rejects(tmp_path: Path) -> None:
    result = run("pack", "new", str(tmp_path / "p"), "--name", "two\nlines")
    assert result.returncode == 1
    assert "--name 'two\\nlines' can't be used: it must be a single line" in result.stderr
    assert not (tmp_path / "p").exists()


@pytest.mark.slow
def test_new_without_a_folder_is_a_usage_error() -> None:
    assert run("pack", "new").returncode == 2


# --- pack lint --------------------------------------------------------------------------------


@pytest.mark.slow
def test_lint_builtin_warns_only_about_contact() -> None:
    result = run("pack", "lint", str(BUILTIN_PACK))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert "clinic.toml:9: locations[0]: warning: there is no way to contact the clinic" in lines[0]
    assert lines[1].endswith("thrive-now.foot-first@1.1.0: 1 warning")
    strict = run("pack", "lint", "--strict", str(BUILTIN_PACK))
    assert strict.returncode == 1


@pytest.mark.slow
def test_lint_json() -> None:
    result = run("pack", "lint", "--json", str(BUILTIN_PACK))
    assert result.returncode == 0
    (record,) = json.loads(result.stdout)
    assert record == {
        "file": "clinic.toml",
        "line": 9,
        "path": "locations[0]",
        "severity": "warning",
        "message": record["message"],
    }


@pytest.mark.slow
def test_lint_of_an_invalid_pack_reports_errors(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(BUILTIN_PACK, root)
    (root / "routines.toml").write_text("[[routines]]\nid = 1\n", encoding="utf-8")
    result = run("pack", "lint", str(root))
    assert result.returncode == 1
    assert "routines.toml:2: routines[0].id:" in result.stderr
    assert "fix these before linting" in result.stderr


# --- pack build / install / remove / list ------------------------------------------------------


@pytest.mark.slow
def test_build_install_list_remove(tmp_path: Path, packs_dir: Path) -> None:
    built = run("pack", "build", str(BUILTIN_PACK), cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    archive = tmp_path / "thrive-now.foot-first-1.1.0.solepack"
    assert archive.is_file()
    assert "Built thrive-now.foot-first-1.1.0.solepack (thrive-now.foot-first@1.1.0)" in built.stdout

    other = run("pack", "build", str(new_version(tmp_path)), "-o", str(tmp_path / "dist" / "next.solepack"))
    assert other.returncode == 0, other.stderr

    installed = run("pack", "install", str(archive))
    assert installed.returncode == 0, installed.stderr
    assert "Installed thrive-now.foot-first@1.1.0 (Foot First)" in installed.stdout
    again = run("pack", "install", str(archive))
    assert again.returncode == 0 and "Already installed, unchanged" in again.stdout
    assert run("pack", "install", str(tmp_path / "dist" / "next.solepack")).returncode == 0

    listed = json.loads(run("pack", "list", "--json").stdout)
    user = [(e["id"], e["version"]) for e in listed if e["source"] == "user"]
    assert user == [("thrive-now.foot-first", "1.2.0"), ("thrive-now.foot-first", "1.1.0")]

    removed = run("pack", "remove", "thrive-now.foot-first@1.2.0")
    assert removed.returncode == 0 and "Removed thrive-now.foot-first@1.2.0" in removed.stdout
    assert sorted(p.name for p in packs_dir.iterdir()) == ["thrive-now.foot-first@1.1.0"]
    assert run("pack", "remove", "thrive-now.foot-first").returncode == 0
    missing = run("pack", "remove", "thrive-now.foot-first")
    assert missing.returncode == 1 and "is not installed" in missing.stderr
    no_traceback(missing)


@pytest.mark.slow
def test_install_a_folder(tmp_path: Path, packs_dir: Path) -> None:
    result = run("pack", "install", str(new_version(tmp_path)))
    assert result.returncode == 0, result.stderr
    assert (packs_dir / "thrive-now.foot-first@1.2.0" / "pack.toml").is_file()


@pytest.mark.slow
def test_install_refusal_is_one_clear_message_and_writes_nothing(tmp_path: Path, data_dir: Path) -> None:
    run("pack", "build", str(BUILTIN_PACK), "-o", str(tmp_path / "p.solepack"))
    import zipfile

    with zipfile.ZipFile(tmp_path / "p.solepack") as source, zipfile.ZipFile(tmp_path / "bad.solepack", "w") as bad:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "session.toml":
                data = data.replace(b"limit = 5", b"limit = 8")
            bad.writestr(info, data)
    result = run("pack", "install", str(tmp_path / "bad.solepack"))
    assert result.returncode == 1
    assert "'session.toml' does not match its SHA-256" in result.stderr
    assert "nothing was installed" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    no_traceback(result)
    assert not data_dir.exists()


@pytest.mark.slow
def test_install_refuses_changed_content_under_the_built_in_version(tmp_path: Path, data_dir: Path) -> None:
    changed = new_version(tmp_path)
    text = (changed / "pack.toml").read_text(encoding="utf-8").replace('version = "1.2.0"', 'version = "1.1.0"')
    (changed / "pack.toml").write_text(text, encoding="utf-8")
    refused = run("pack", "install", str(changed))
    no_traceback(refused)
    assert refused.returncode == 1
    assert "thrive-now.foot-first@1.1.0 is built into solecheck with different content" in refused.stderr
    assert "raise the version in pack.toml (e.g. 1.1.1)" in refused.stderr
    assert "nothing was installed" in refused.stderr
    assert not data_dir.exists()


@pytest.mark.slow
def test_install_an_invalid_pack_lists_its_errors(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(BUILTIN_PACK, root)
    (root / "session.toml").write_text("[pain_check]\nlimit = 10\n", encoding="utf-8")
    result = run("pack", "install", str(root))
    assert result.returncode == 1
    assert "session.toml:1: pain_check: limit must be below 10" in result.stderr
    assert "is not a valid pack; nothing was installed" in result.stderr
    assert not data_dir.exists()


@pytest.mark.slow
def test_build_an_invalid_pack_fails_cleanly(tmp_path: Path) -> None:
    root = tmp_path / "broken"
    shutil.copytree(BUILTIN_PACK, root)
    (root / "pack.toml").unlink()
    result = run("pack", "build", str(root), cwd=tmp_path)
    assert result.returncode == 1
    assert "pack.toml: file is missing" in result.stderr
    assert not list(tmp_path.glob("*.solepack"))
    no_traceback(result)


def calf_first(tmp_path: Path) -> Path:
    """The built-in pack with its full routine starting at the calf instead of the sole of the foot."""
    root = tmp_path / "calf-first"
    shutil.copytree(BUILTIN_PACK, root)
    routines = (root / "routines.toml").read_text(encoding="utf-8")
    swapped = routines.replace(
        '  { exercise = "sole-ball-roll" },\n  { exercise = "calf-wall-stretch" },',
        '  { exercise = "calf-wall-stretch" },\n  { exercise = "sole-ball-roll" },',
    )
    assert swapped != routines
    (root / "routines.toml").write_text(swapped, encoding="utf-8")
    return root


def test_build_prints_the_lint_warnings_and_still_builds(tmp_path: Path) -> None:
    root = calf_first(tmp_path)
    (tmp_path / "dist").mkdir()
    result = run("pack", "build", str(root), "-o", str(tmp_path / "dist"))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert (
        f"{root}/routines.toml:6: routines[0].steps[0].exercise: warning: routine 'foot-to-spine' starts with "
        "'calf-wall-stretch' (calf); a foot-first routine starts at the sole of the foot" in result.stderr
    )
    assert "there is no way to contact the clinic" in result.stderr
    assert "'sole-ball-roll' (foot_sole) comes after 'calf-wall-stretch' (calf)" in result.stderr
    assert result.stderr.count(": warning: ") == 3
    assert "; 3 lint warnings above" in result.stdout
    assert (tmp_path / "dist" / "thrive-now.foot-first-1.1.0.solepack").is_file()


def test_build_strict_refuses_on_any_warning_and_writes_nothing(tmp_path: Path) -> None:
    root = calf_first(tmp_path)
    result = run("pack", "build", "--strict", str(root), "-o", str(tmp_path / "dist"))
    no_traceback(result)
    assert result.returncode == 1
    assert "starts with 'calf-wall-stretch'" in result.stderr
    assert f"{root}: " in result.stderr and "warnings and --strict; nothing was built" in result.stderr
    assert not (tmp_path / "dist").exists() and not list(tmp_path.rglob("*.solepack"))


def test_build_strict_builds_a_pack_without_warnings(tmp_path: Path) -> None:
    root = tmp_path / "clean"
    shutil.copytree(BUILTIN_PACK, root)
    with (root / "clinic.toml").open("a", encoding="utf-8") as handle:
        handle.write('booking_url = "https://clinic.example/book"\n')
    result = run("pack", "build", "--strict", str(root), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == (
        f"Built {tmp_path}/thrive-now.foot-first-1.1.0.solepack (thrive-now.foot-first@1.1.0)"
    )


def test_build_refuses_to_overwrite_an_archive_of_the_same_version_with_other_content(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    shutil.copytree(BUILTIN_PACK, root)
    out = tmp_path / "out"
    assert run("pack", "build", str(root), "-o", f"{out}/").returncode == 0
    archive = out / "thrive-now.foot-first-1.1.0.solepack"
    before = archive.read_bytes()
    again = run("pack", "build", str(root), "-o", f"{out}/")
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith(
        f"Unchanged: {archive} already holds thrive-now.foot-first@1.1.0 with the same content"
    )
    session = root / "session.toml"
    session.write_text(session.read_text(encoding="utf-8").replace("limit = 5", "limit = 6"), encoding="utf-8")
    refused = run("pack", "build", str(root), "-o", f"{out}/")
    no_traceback(refused)
    assert refused.returncode == 1 and refused.stdout == ""
    lines = [line for line in refused.stderr.splitlines() if line.startswith("solecheck: error:")]
    assert len(lines) == 1 and str(archive) in lines[0], refused.stderr
    assert "different content" in lines[0] and "raise the version in pack.toml (now 1.1.0)" in lines[0]
    assert archive.read_bytes() == before and sorted(p.name for p in out.iterdir()) == [archive.name]


# --- pack diff --------------------------------------------------------------------------------


@pytest.mark.slow
def test_diff_folders_ids_and_archives(tmp_path: Path) -> None:
    newer = new_version(tmp_path)
    text = run("pack", "diff", str(BUILTIN_PACK), str(newer))
    assert text.returncode == 0, text.stderr
    assert "Pain check\n  ~ limit: 5 → 6" in text.stdout

    assert run("pack", "install", str(newer)).returncode == 0
    by_id = run("pack", "diff", "thrive-now.foot-first@1.1.0", "thrive-now.foot-first@1.2.0", "--json")
    assert by_id.returncode == 0, by_id.stderr
    document = json.loads(by_id.stdout)
    assert document["changes"] == [
        {
            "section": "pain_check",
            "kind": "changed",
            "id": "limit",
            "title": "",
            "fields": [{"field": "limit", "old": "5", "new": "6", "note": ""}],
        }
    ]

    run("pack", "build", str(newer), "-o", str(tmp_path / "new.solepack"))
    from_archive = run("pack", "diff", str(BUILTIN_PACK), str(tmp_path / "new.solepack"))
    assert from_archive.returncode == 0 and "~ limit: 5 → 6" in from_archive.stdout


@pytest.mark.slow
def test_diff_of_unknown_pack_is_an_input_error() -> None:
    result = run("pack", "diff", str(BUILTIN_PACK), "nope@9.9.9")
    assert result.returncode == 1 and "no pack 'nope@9.9.9' was found" in result.stderr
    no_traceback(result)


# --- pack preview -----------------------------------------------------------------------------


@pytest.mark.slow
def test_preview_of_a_folder_without_a_pack(tmp_path: Path) -> None:
    result = run("pack", "preview", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "does not exist; 'solecheck pack new" in result.stderr
    no_traceback(result)


@pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pseudo-terminal")
def test_preview_starts_the_app_and_quits(tmp_path: Path) -> None:
    """Runs the real command in a pseudo-terminal and presses q."""
    import pty
    import select
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: the real command
        try:
            argv = [sys.executable, "-m", "solecheck", "pack", "preview", str(BUILTIN_PACK)]
            os.execve(sys.executable, argv, {**os.environ, "TERM": "xterm-256color"})
        finally:
            os._exit(127)
    seen = b""
    deadline = time.monotonic() + 20
    sent = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        if not sent and b"Foot First" in seen:
            os.write(fd, b"q")
            sent = True
    _, status = os.waitpid(pid, 0)
    assert sent, seen[-2000:]
    assert os.waitstatus_to_exitcode(status) == 0
