"""Screenings in the history pane (``v``): the date in the record's own local time, the outcome in
words, the answers by the pack's questions and option labels; read a page at a time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.history import HistoryScreen
from solecheck.tui.screens.screenings import PAGE, ScreeningsScreen
from solecheck.tui.widgets.session_table import SessionTable
from tests.conftest import FakeClock
from tests.tui.test_session import PROCEED_ANSWERS, keys

TAKEN = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
"""00:30 on 29 March in Lisbon's summer time (UTC+1), 23:30 on the 28th in UTC."""
STOP = {**PROCEED_ANSWERS, "acute-injury": True, "floor": "with-effort"}


def record(store: HistoryStore, pack: Pack, answers: dict[str, bool | int | str], outcome: str,
           taken_at: datetime, *, pack_id: str | None = None) -> None:
    store.record_screening(ScreeningRecord(
        pack_id or pack.id, pack.version, pack.screening_digest, answers, outcome,  # type: ignore[arg-type]
        messages=("A recent, painful foot injury needs to be looked at first.",) if outcome == "stop" else (),
        taken_at=taken_at, utc_offset_min=60, zone="Europe/Lisbon",
    ))


async def open_screenings(pilot: Pilot[None]) -> ScreeningsScreen:
    await pilot.pause()
    await keys(pilot, "h")
    await pilot.pause(0.2)
    assert isinstance(pilot.app.screen, HistoryScreen)
    await keys(pilot, "v")
    await pilot.pause(0.2)
    screen = pilot.app.screen
    assert isinstance(screen, ScreeningsScreen)
    return screen


def cells(screen: ScreeningsScreen, row: int) -> list[str]:
    table = screen.query_one(SessionTable)
    return [str(cell) for cell in table.get_row_at(row)]


async def test_screenings_are_listed_in_their_own_local_time_with_the_answers_in_words(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        record(store, builtin_pack, PROCEED_ANSWERS, "proceed", TAKEN - timedelta(days=2))
        record(store, builtin_pack, STOP, "stop", TAKEN)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screenings(pilot)
        assert cells(screen, 0) == ["2026-03-29 00:30", "Not today: contact the clinic", builtin_pack.id]
        assert cells(screen, 1) == ["2026-03-27 00:30", "OK to go ahead", builtin_pack.id]
        answers = str(screen.query_one("#screening-answers-text", Static).render())
        assert "Do you have a painful foot injury or foot condition that came on recently? Yes" in answers
        assert "Can you get down onto the floor and back up comfortably? Yes, but it takes effort" in answers
        assert "A recent, painful foot injury needs to be looked at first." in answers
        assert "acute-injury" not in answers and "with-effort" not in answers
        await keys(pilot, "down")
        answers = str(screen.query_one("#screening-answers-text", Static).render())
        assert "came on recently? No" in answers and "comfortably? Yes, easily" in answers
        await keys(pilot, "escape")
        assert isinstance(app.screen, HistoryScreen)


async def test_no_screenings_says_how_to_take_one_and_another_packs_answers_are_not_said_by_id(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screenings(pilot)
        assert "No screenings yet. Press w" in str(screen.query_one("#screenings-empty", Static).render())
    with HistoryStore.open(data_dir) as store:
        record(store, builtin_pack, STOP, "stop", TAKEN, pack_id="other.clinic")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screenings(pilot)
        answers = str(screen.query_one("#screening-answers-text", Static).render())
        assert "other.clinic" in answers and "acute-injury" not in answers


async def test_screenings_are_given_to_the_table_a_page_at_a_time(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        for hour in range(PAGE * 2 + 5):
            record(store, builtin_pack, PROCEED_ANSWERS, "proceed", TAKEN - timedelta(hours=hour))
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_screenings(pilot)
        table = screen.query_one(SessionTable)
        assert table.row_count == PAGE
        for expected in (PAGE * 2, PAGE * 2 + 5):
            await keys(pilot, "end")
            await pilot.pause(0.2)
            assert table.row_count == expected
        assert cells(screen, PAGE * 2 + 4)[0] == "2026-03-24 16:30"  # 104 hours before, at UTC+1


def test_screenings_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    with HistoryStore.open(data_dir) as store:
        record(store, builtin_pack, PROCEED_ANSWERS, "proceed", TAKEN - timedelta(days=2))
        record(store, builtin_pack, STOP, "stop", TAKEN)

    async def run_before(pilot: Pilot[None]) -> None:
        await open_screenings(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(build_app(builtin_pack, data_dir, clock=clock), terminal_size=(80, 24), run_before=run_before)
