"""A fast start: the first frame is drawn from the remembered view of the pack, the pack itself loads
in the background, and anything that needs it waits for it rather than failing."""

from __future__ import annotations

import dataclasses
import gc
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from textual.widgets import Static

from solecheck.cli.context import CliContext
from solecheck.cli.launch import launch
from solecheck.errors import UserError
from solecheck.packs.pack import Pack
from solecheck.packs.snapshot import PendingPack
from solecheck.packs.view import PackView
from solecheck.tui.app import SolecheckApp, build_app
from tests.tui.notices import Notices


def text(app: SolecheckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def gated_load(result: object) -> tuple[threading.Event, object]:
    """A load that waits for the test to release it, then returns (or raises) ``result``."""
    release = threading.Event()

    def load() -> object:
        release.wait(10)
        if isinstance(result, Exception):
            raise result
        return result

    return release, load


async def wait_for(pilot, condition) -> None:  # type: ignore[no-untyped-def]
    for _ in range(200):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out waiting")


async def test_home_is_drawn_from_the_view_and_actions_wait_for_the_pack(builtin_pack: Pack, data_dir: Path) -> None:
    release, load = gated_load((builtin_pack, []))
    app = build_app(PendingPack(PackView.from_pack(builtin_pack), load), data_dir)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert "Foot First" in text(app, "#home-title")
        assert "Sole roll on a ball" in text(app, "#routine-text")
        assert text(app, "#home-screening") == ""  # needs the pack and the history: not yet
        await pilot.press("c")
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "HomeScreen"  # the clinic panel waits for the pack...
        release.set()
        await wait_for(pilot, lambda: type(app.screen).__name__ == "ClinicScreen")  # ...and then opens
        assert app.pack is builtin_pack
        await pilot.press("escape")
        await wait_for(pilot, lambda: "No screening yet" in text(app, "#home-screening"))


async def test_a_pack_that_changed_since_the_snapshot_is_redrawn(builtin_pack: Pack, data_dir: Path) -> None:
    stale = dataclasses.replace(PackView.from_pack(builtin_pack), name="Last week's name")
    release, load = gated_load((builtin_pack, ["a warning from choosing the pack"]))
    app = build_app(PendingPack(stale, load), data_dir)  # type: ignore[arg-type]
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await pilot.pause()
        assert "Last week's name" in text(app, "#home-title")
        release.set()
        await wait_for(pilot, lambda: "Foot First" in text(app, "#home-title"))
        assert any("a warning from choosing the pack" in str(n.message) for n in notices)


async def test_a_pack_that_fails_to_load_ends_the_app_with_the_reason(builtin_pack: Pack, data_dir: Path) -> None:
    release, load = gated_load(UserError("pack.toml: line 3: version is not SemVer"))
    app = build_app(PendingPack(PackView.from_pack(builtin_pack), load), data_dir)  # type: ignore[arg-type]
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("w")  # waits for the pack, which never comes
        release.set()
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.exit_messages == ["solecheck: error: pack.toml: line 3: version is not SemVer"]


def test_the_second_start_uses_the_snapshot(data_dir: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    started: list[SolecheckApp] = []
    monkeypatch.setattr(SolecheckApp, "run", lambda self, **kwargs: started.append(self))
    monkeypatch.setattr("solecheck.cli.terminal.require_full_screen", lambda: None)  # no terminal in a test
    context = CliContext(data_dir=data_dir, pack_spec=None)
    try:
        assert launch(context) == 0 and launch(context) == 0
    finally:
        gc.unfreeze()  # launch() freezes what it made, as for a real start; the test process collects as usual
    first, second = started
    assert first._pending is None and first.pack.id == "thrive-now.foot-first"
    assert second._pending is not None and second.view == first.view


FIRST_FRAME_IMPORTS = """
import sys
from textual.app import App
App.run = lambda self, **kwargs: None
import solecheck.cli.terminal
solecheck.cli.terminal.require_full_screen = lambda: None  # stdout is a pipe here
from solecheck.cli import main
main(["--data-dir", sys.argv[1]])
print(sorted(m for m in sys.modules if m.split(".")[0] == "pydantic" or m.startswith(
    ("solecheck.history", "solecheck.screening", "solecheck.session", "solecheck.packs.models"))))
"""


@pytest.mark.slow
def test_a_start_from_the_snapshot_imports_no_models(data_dir: Path) -> None:
    """The first frame's path stays free of pydantic and of the history, screening and session code."""
    run = [sys.executable, "-c", FIRST_FRAME_IMPORTS, str(data_dir)]
    subprocess.run(run, check=True, capture_output=True, text=True)  # writes the snapshot
    second = subprocess.run(run, check=True, capture_output=True, text=True)
    assert second.stdout.strip() == "[]", second.stdout
