"""Which pack a start uses: the remembered pack by id (its newest valid version, said when newer than
last time), a version pinned on purpose, and ``--pack ID@VERSION``. Real pack folders on disk."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from solecheck.cli.context import CliContext
from solecheck.history.store import HistoryStore, last_screening_digest
from solecheck.packs.discovery import resolve
from solecheck.packs.snapshot import PendingPack
from solecheck.packs.view import PackView
from solecheck.settings import Settings, load_settings, save_settings
from solecheck.tui.app import build_app
from solecheck.tui.launch import choose_pack
from tests.conftest import BUILTIN_PACK
from tests.gate_cases import screening
from tests.tui.notices import Notices

PACK_ID = "thrive-now.foot-first"


@pytest.fixture
def newer_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Version 1.2.0 of the built-in pack, on the pack path."""
    newer = tmp_path / "packs" / "foot-first-1.1"
    shutil.copytree(BUILTIN_PACK, newer)
    manifest = (newer / "pack.toml").read_text().replace('version = "1.1.0"', 'version = "1.2.0"')
    (newer / "pack.toml").write_text(manifest)
    monkeypatch.setenv("SOLECHECK_PACKS", str(tmp_path / "packs"))
    return newer


def test_a_remembered_pack_takes_up_its_newest_version_and_says_so(newer_installed: Path, data_dir: Path) -> None:
    # Remembered by an older solecheck as id@version from a plain pick: not a pin.
    settings = Settings(pack=f"{PACK_ID}@1.1.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert pack.version == "1.2.0"
    assert warnings == [
        "A newer version of Foot First is installed: now using 1.2.0 (you used 1.1.0 before). You'll answer its "
        "safety questions before your first session."
    ]
    assert load_settings()[0].pack_version == "1.2.0"
    # Said once: the next start is quiet.
    _, again = choose_pack(CliContext(data_dir, None), load_settings()[0].replace(pack=PACK_ID))
    assert again == []


def test_a_pinned_version_stays(newer_installed: Path, data_dir: Path) -> None:
    settings = Settings(pack=f"{PACK_ID}@1.1.0", pack_pinned=True, pack_version="1.1.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert pack.version == "1.1.0" and warnings == []


def test_pack_on_the_command_line_pins_that_version(newer_installed: Path, data_dir: Path) -> None:
    pack, _ = choose_pack(CliContext(data_dir, f"{PACK_ID}@1.1.0"), Settings(pack=PACK_ID))
    assert pack.version == "1.1.0"
    newest, _ = choose_pack(CliContext(data_dir, PACK_ID), Settings())
    assert newest.version == "1.2.0"


TAKEN_UP = "A newer version of Foot First is installed: now using 1.2.0 (you used 1.1.0 before)."


def screened_on_1_0(data_dir: Path) -> None:
    """A screening answered with version 1.1.0 (the built-in pack), in the real history file."""
    old = resolve(f"{PACK_ID}@1.1.0", data_dir)
    with HistoryStore.open(data_dir) as store:
        store.record_screening(screening(old, "proceed", datetime.now(UTC)))


def line_mode(data_dir: Path) -> tuple[str, str]:
    """What the line mode says as it starts, on stderr and on stdout, with no answers to give (it stops at
    the first question); each with its lines joined."""
    result = subprocess.run(
        [sys.executable, "-m", "solecheck", "--data-dir", str(data_dir), "session", "--plain"],
        capture_output=True, text=True, timeout=60, input="",
    )
    return " ".join(result.stderr.split()), " ".join(result.stdout.split())


def test_a_newer_version_with_the_same_questions_keeps_the_screening_and_says_so(
    newer_installed: Path, data_dir: Path
) -> None:
    screened_on_1_0(data_dir)
    settings = Settings(pack=PACK_ID, pack_version="1.1.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert last_screening_digest(data_dir, PACK_ID) == pack.screening_digest
    assert warnings == [f"{TAKEN_UP} Its safety questions are unchanged, so your screening still counts."]
    save_settings(settings)  # as before the start above: the line mode says it too, and asks nothing again
    said, shown = line_mode(data_dir)
    assert f"{TAKEN_UP} Its safety questions are unchanged, so your screening still counts." in said
    assert "Question 1 of" not in shown


def test_a_newer_version_with_changed_questions_voids_the_screening_and_says_so(
    newer_installed: Path, data_dir: Path
) -> None:
    questions = newer_installed / "screening.toml"
    questions.write_text(questions.read_text().replace("Have you had surgery on your foot?", "Any foot surgery?"))
    screened_on_1_0(data_dir)
    settings = Settings(pack=PACK_ID, pack_version="1.1.0")
    pack, warnings = choose_pack(CliContext(data_dir, None), settings)
    assert last_screening_digest(data_dir, PACK_ID) != pack.screening_digest
    voided = (
        f"{TAKEN_UP} Its safety questions changed, so your screening no longer counts: they'll be asked again "
        "before your next session."
    )
    assert warnings == [voided]
    save_settings(settings)
    said, shown = line_mode(data_dir)
    assert voided in said
    assert "Question 1 of 5" in shown  # and the line mode asks them again


@pytest.mark.parametrize("questions_changed", [False, True])
async def test_the_home_screen_says_whether_the_newer_version_voided_the_screening(
    newer_installed: Path, data_dir: Path, questions_changed: bool
) -> None:
    if questions_changed:
        questions = newer_installed / "screening.toml"
        questions.write_text(questions.read_text().replace("Have you had surgery on your foot?", "Any foot surgery?"))
    screened_on_1_0(data_dir)
    settings = Settings(pack=PACK_ID, pack_version="1.1.0")
    context = CliContext(data_dir, None)
    old_view = PackView.from_pack(resolve(f"{PACK_ID}@1.1.0", data_dir))
    app = build_app(PendingPack(old_view, lambda: choose_pack(context, settings)), data_dir, settings=settings)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        for _ in range(200):
            if any(TAKEN_UP in str(n.message) for n in notices):
                break
            await pilot.pause(0.02)
        said = [str(n.message) for n in notices if TAKEN_UP in str(n.message)]
        if questions_changed:
            assert said == [f"{TAKEN_UP} Its safety questions changed, so your screening no longer counts: "
                            "they'll be asked again before your next session."]
        else:
            assert said == [f"{TAKEN_UP} Its safety questions are unchanged, so your screening still counts."]
        assert app.pack.version == "1.2.0"
        # The home screen's screening line agrees: asked again, or still holding.
        for _ in range(200):
            line = str(app.screen.query_one("#home-screening").render())
            if line:
                break
            await pilot.pause(0.02)
        expected = "Screening needed before your next session" if questions_changed else "OK to go ahead"
        assert expected in line, line
