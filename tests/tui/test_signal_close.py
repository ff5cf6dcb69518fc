"""A signal (SIGTERM, or SIGHUP when the terminal closes) that arrives while the session screen is
still being mounted: the app saves the session as interrupted and exits cleanly, without a traceback
or exit code 1. The real signal in a real terminal is tested in ``tests/faults/test_signals.py``;
here the signal's handler is called at the exact moment, which a real signal only hits by chance."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Static

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from solecheck.session.resume import SIGNAL_REASONS, find_resumable
from solecheck.tui.app import build_app
from solecheck.tui.screens.session import SessionScreen
from tests.conftest import FakeClock


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
async def test_a_signal_while_the_session_screen_mounts_saves_it_and_exits_cleanly(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock, signal_name: str
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        store = app.open_store()
        assert store is not None
        plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
        engine, recorder = start_session(store, plan, app.clock)
        screen = SessionScreen(builtin_pack, engine, recorder, store)
        app.push_screen(screen)  # as the session's start does; its mount is not awaited yet
        assert not screen.is_mounted
        app.close_for_signal(signal_name)
        await pilot.pause()
    # run_test re-raises what ended the app; a clean exit leaves no return code but 0.
    assert app.return_code in (None, 0)
    assert not app.exit_messages
    with HistoryStore.open(data_dir) as history:
        saved = history.get_session(recorder.session_id)
        assert saved is not None
        assert (saved.status, saved.stop_reason) == ("interrupted", SIGNAL_REASONS[signal_name])
        offer = find_resumable(history, builtin_pack.id)
    assert offer is not None and offer.session.id == recorder.session_id and offer.can_resume


class QueriesOnMount(Screen[None]):
    def compose(self) -> ComposeResult:
        yield Static(id="child")

    def on_mount(self) -> None:
        self.query_one("#child", Static)


async def test_canary_textual_exit_while_a_screen_mounts_still_fails() -> None:
    """Why ``SolecheckApp.close_for_signal`` waits for mounts: in Textual 8.2 an exit while a screen is
    mounting removes its widgets before its ``on_mount`` runs. This fails the day Textual fixes that;
    the wait (``_exit_once_mounted``) can then go."""
    app: App[None] = App()
    with pytest.raises(NoMatches):
        async with app.run_test() as pilot:
            app.push_screen(QueriesOnMount())
            app.exit()
            await pilot.pause()
