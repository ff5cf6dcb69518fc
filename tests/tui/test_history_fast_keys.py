"""The history pane under keys pressed faster than its parts are built (Pilot).

The detail view and the filter bar are built the first time they are needed; a second Enter or ``f``
arriving while the first one is still mounting them must wait for the same build, not find a half-built
part (issue 15, item 0: ``NoMatches`` on ``#detail-header`` and ``#filter-routine``). The overlapping
openings are made deterministic by running two of them at once on the app's loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, DataTable, Select, Static

from solecheck.history.store import HistoryStore
from solecheck.tui.screens.history import HistoryScreen, SessionDetail
from solecheck.tui.widgets.history_filters import HistoryFilters
from tests.tui.test_history_screen import HistoryHarness, row_keys, seed, settle

CHARACTERS = {"enter": "\r", "escape": "\x1b"}


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(data_dir)
    yield opened
    opened.close()


def burst(pilot: Pilot[None], *keys: str) -> None:
    """Post ``keys`` back to back, as a terminal delivers a fast typist's keys: no turn of the loop between."""
    for key in keys:
        pilot.app.post_message(events.Key(key, CHARACTERS.get(key, key)))


def detail_of(store: HistoryStore, session_id: str) -> SessionDetail:
    session = store.get_session(session_id)
    assert session is not None
    screening = store.get_screening(session.screening_id) if session.screening_id else None
    return SessionDetail(session, store.steps_of(session_id), screening)


def history(pilot: Pilot[None]) -> HistoryScreen:
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def assert_detail_shows(screen: HistoryScreen, when: str) -> None:
    assert screen.query_one("#history-switcher", ContentSwitcher).current == "history-detail"
    assert len(screen.query("#history-detail")) == 1
    assert when in str(screen.query_one("#detail-header", Static).render())
    steps = screen.query_one("#detail-steps", DataTable)
    assert len(steps.columns) == 7 and steps.row_count == 3


async def test_a_second_opening_while_the_detail_view_is_built_waits_for_it(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = history(pilot)
        # The second opening starts while the first is still mounting the view: both must finish.
        await asyncio.gather(
            screen._show_detail(detail_of(store, "s016")), screen._show_detail(detail_of(store, "s017"))
        )
        assert_detail_shows(screen, "Thursday, 19 March 2026, 18:00")  # the later one wins
        assert app.is_running


async def test_two_quick_enters_on_the_list_open_the_session_once(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        burst(pilot, "enter", "enter")
        await settle(pilot)
        assert_detail_shows(history(pilot), "Thursday, 19 March 2026, 18:00")
        await pilot.press("escape")
        burst(pilot, "down", "enter", "enter")
        await settle(pilot)
        assert_detail_shows(history(pilot), "Wednesday, 18 March 2026")
        assert app.is_running


async def test_the_filter_bar_opened_twice_at_once_is_built_once_and_focused(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = history(pilot)
        await asyncio.gather(screen.action_focus_filters(), screen.action_focus_filters())
        assert len(screen.query(HistoryFilters)) == 1
        assert app.focused is screen.query_one("#filter-routine", Select)


async def test_clearing_while_the_filter_bar_is_built_leaves_it_clear_and_working(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = history(pilot)
        opening = asyncio.ensure_future(screen.action_focus_filters())
        await asyncio.sleep(0)  # the bar is in the pane, its fields are not yet
        screen.action_clear_filters()
        await opening
        routine = screen.query_one("#filter-routine", Select)
        assert routine.is_blank()
        routine.value = "morning"
        await settle(pilot)
        assert row_keys(app) == [f"s{day:03d}" for day in range(16, -1, -2)]


async def test_f_pressed_twice_quickly_shows_one_filter_bar(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        burst(pilot, "f", "f")
        await settle(pilot)
        burst(pilot, "escape", "f", "x", "f")
        await settle(pilot)
        screen = history(pilot)
        assert len(screen.query(HistoryFilters)) == 1
        assert app.focused is screen.query_one("#filter-routine", Select)
        assert app.is_running


async def test_closing_the_pane_while_the_filter_bar_is_built_is_no_crash(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        screen = history(pilot)
        opening = asyncio.ensure_future(screen.action_focus_filters())
        await asyncio.sleep(0)
        screen.action_back()  # Escape on the list closes the pane while the bar is still being built
        await opening
        await settle(pilot)
        assert not isinstance(app.screen, HistoryScreen)
        assert app.is_running
