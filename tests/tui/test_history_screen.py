"""The history pane: paging, detail, filters, trends and the empty state (Pilot), and how it looks (SVG)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import ContentSwitcher, DataTable, Input, Select, Sparkline, Static

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.screens.history import HistoryScreen
from solecheck.tui.widgets.session_table import SessionTable
from tests.conftest import FakeClock
from tests.history.records_factory import T0, screening, session, step
from tests.history.test_local_days import record_daily

TODAY = date(2026, 3, 20)  # a Friday; the seeded sessions run from Mon 2 March


class HistoryHarness(App[None]):
    """A bare app showing only the history pane, with the date and time zone fixed."""

    def __init__(self, store: HistoryStore, page_size: int = 100) -> None:
        super().__init__()
        self.store = store
        self.page_size = page_size

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.store, today=TODAY, utc_offset=timedelta(0), page_size=self.page_size))


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(data_dir)
    yield opened
    opened.close()


def seed(store: HistoryStore, days: int = 18) -> None:
    """One session a day from 2 March, alternating routines; every fifth stopped for pain."""
    taken = screening(taken_at=T0 - timedelta(hours=1))
    store.record_screening(taken)
    for day in range(days):
        evening = day % 2 == 1
        record = session(
            id=f"s{day:03d}",
            started_at=T0 + timedelta(days=day, hours=10 if evening else 0),
            routine_id="evening" if evening else "morning",
            routine_title="Evening [b]calm[/b]" if evening else "Morning feet",
            pack_id="clinic.feet" if day < 12 else "other.pack",
            screening_id=taken.id if day == 17 else None,
        )
        store.start_session(record)
        for position in range(3):
            store.record_step(
                step(
                    record.id,
                    position,
                    id=f"s{day:03d}-{position}",
                    exercise_title=f"Toe spread {position}" if position else "Towel [red]scrunch[/red]",
                    pain=(day + position) % 7,
                    side="left" if position == 1 else None,
                    status="skipped" if position == 2 and day % 3 == 0 else "done",
                    ended_at=record.started_at + timedelta(minutes=position + 1),
                )
            )
        status = "stopped_pain" if day % 5 == 4 else "completed"
        store.finish_session(record.id, status, ended_at=record.started_at + timedelta(minutes=10 + day % 4))


async def settle(pilot: Pilot[None]) -> None:
    """Let the database workers finish and their results reach the screen (a page's arrival starts the
    trends workers, so a few rounds)."""
    for _ in range(4):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def table(app: App[None]) -> SessionTable:
    return app.screen.query_one("#history-table", SessionTable)


def row_keys(app: App[None]) -> list[str]:
    return [str(key.value) for key in table(app).rows]


async def test_sessions_are_listed_newest_first_with_summary_columns(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert row_keys(app) == [f"s{day:03d}" for day in range(17, -1, -1)]
        first = table(app).get_row_at(0)
        assert first[0] == "2026-03-19 18:00"
        assert str(first[1]) == "Evening [b]calm[/b]"  # pack text stays literal
        assert first[2:5] == ["11 min", "3/4", "5"]
        assert str(table(app).get_row_at(3)[5]) == "stopped for pain"


async def test_rows_load_a_page_at_a_time_as_the_cursor_nears_the_end(store: HistoryStore) -> None:
    seed(store, days=45)
    app = HistoryHarness(store, page_size=15)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert table(app).row_count == 15
        await pilot.press("end")
        await settle(pilot)
        assert table(app).row_count == 30
        await pilot.press("end")
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        keys = row_keys(app)
        assert len(keys) == len(set(keys)) == 45
        assert keys[-1] == "s000"


async def test_scrolling_to_the_bottom_loads_the_next_page(store: HistoryStore) -> None:
    seed(store, days=45)
    app = HistoryHarness(store, page_size=40)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert table(app).row_count == 40
        assert table(app).cursor_row == 0
        table(app).scroll_to(y=table(app).max_scroll_y, animate=False)
        await settle(pilot)
        assert table(app).row_count == 45
        assert table(app).cursor_row == 0  # scrolling with the mouse does not move the cursor


async def test_empty_history_says_what_to_do(store: HistoryStore) -> None:
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#history-empty", Static)
        assert empty.display and not table(app).display
        assert "No sessions yet" in str(empty.render())
        assert "Every session you do is kept here" in str(empty.render())
        assert "none right now" in str(app.screen.query_one("#trend-streak", Static).render())


async def test_enter_shows_the_session_with_its_steps_and_screening(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        switcher = app.screen.query_one("#history-switcher", ContentSwitcher)
        assert switcher.current == "history-detail"
        header = str(app.screen.query_one("#detail-header", Static).render())
        assert "Evening [b]calm[/b]" in header and "Thursday 19 March 2026, 18:00" in header
        assert "clinic.feet" not in header and "other.pack 1.2.0" in header
        steps = app.screen.query_one("#detail-steps", DataTable)
        assert steps.row_count == 3
        assert str(steps.get_row_at(0)[1]) == "Towel [red]scrunch[/red]"
        assert steps.get_row_at(1)[2] == "left"
        screening_text = str(app.screen.query_one("#detail-screening", Static).render())
        assert "outcome Go ahead with changes" in screening_text and "diabetes: no" not in screening_text  # no ids
        await pilot.press("escape")
        assert switcher.current == "history-list"
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


async def test_session_without_screening_says_so(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        text = str(app.screen.query_one("#detail-screening", Static).render())
        assert "did not follow a saved screening" in text


async def test_a_session_without_steps_says_so(store: HistoryStore) -> None:
    store.start_session(session(id="bare", started_at=T0))
    store.finish_session("bare", "stopped_user", ended_at=T0 + timedelta(minutes=1), stop_reason="phone rang")
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        header = str(app.screen.query_one("#detail-header", Static).render())
        assert "No steps were recorded" in header and "Stopped: phone rang" in header
        assert not app.screen.query_one("#detail-steps", DataTable).display


async def test_filter_by_routine_and_pack_then_clear(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert not app.screen.query("#filter-routine")  # the bar is built when first asked for
        await pilot.press("f")
        await settle(pilot)
        routine = app.screen.query_one("#filter-routine", Select)
        assert app.focused is routine
        routine.value = "morning"
        await settle(pilot)
        assert row_keys(app) == [f"s{day:03d}" for day in range(16, -1, -2)]
        app.screen.query_one("#filter-pack", Select).value = "other.pack"
        await settle(pilot)
        assert row_keys(app) == ["s016", "s014", "s012"]
        summary = str(app.screen.query_one("#filter-summary", Static).render())
        assert "Showing Morning feet from other.pack" in summary
        await pilot.press("escape")  # from the filters back to the list
        assert app.focused is table(app)
        await pilot.press("x")
        await settle(pilot)
        assert len(row_keys(app)) == 18
        assert routine.is_blank()
        assert "All sessions" in str(app.screen.query_one("#filter-summary", Static).render())


async def test_filter_by_date_range_and_a_bad_date(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        since = app.screen.query_one("#filter-since", Input)
        until = app.screen.query_one("#filter-until", Input)
        since.value = "2026-03-05"
        until.value = "2026-03-07"
        await settle(pilot)
        assert row_keys(app) == ["s005", "s004", "s003"]
        since.value = "2026-13-01"
        await settle(pilot)
        assert since.has_class("-invalid")
        assert row_keys(app) == ["s005", "s004", "s003"]  # the last valid filter stays
        since.value = ""
        until.value = "2026-03-01"
        await settle(pilot)
        message = str(app.screen.query_one("#history-empty", Static).render())
        assert "No sessions match these filters" in message


class TorontoHistory(App[None]):
    """The history pane on 29 November 2026 in Toronto (UTC-5, after the end of DST)."""

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self.store = store

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.store, today=date(2026, 11, 29), utc_offset=timedelta(hours=-5)))


async def test_a_date_filter_keeps_each_sessions_own_day_across_the_end_of_dst(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    toronto = ZoneInfo("America/Toronto")
    record_daily(store, builtin_pack, clock, toronto, date(2026, 10, 20), date(2026, 11, 29), time(0, 30))
    app = TorontoHistory(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert len(row_keys(app)) == 41
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-since", Input).value = "2026-10-31"
        app.screen.query_one("#filter-until", Input).value = "2026-11-01"
        await settle(pilot)
        shown = [str(table(app).get_row_at(row)[0]) for row in range(table(app).row_count)]
        assert shown == ["2026-11-01 00:30", "2026-10-31 00:30"]


async def test_trends_show_weeks_pain_streak_and_adherence(store: HistoryStore) -> None:
    seed(store)
    app = HistoryHarness(store)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        weeks = app.screen.query_one("#trend-weeks Sparkline", Sparkline)
        assert list(weeks.data or [])[-3:] == [7.0, 7.0, 4.0]
        pain = app.screen.query_one("#trend-pain Sparkline", Sparkline)
        assert len(pain.data or []) == 18
        streak = str(app.screen.query_one("#trend-streak", Static).render())
        assert "Streak: 3 days in a row" in streak  # 17..19 March (16th stopped for pain); today not over
        adherence = str(app.screen.query_one("#trend-adherence", Static).render())
        assert "Planned steps done: 67%" in adherence and "(48 of 72" in adherence


async def test_h_opens_the_history_from_the_home_screen(builtin_pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from solecheck.tui.app import build_app

    with HistoryStore.open(data_dir) as seeded:
        seed(seeded, days=3)
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert row_keys(app) == ["s002", "s001", "s000"]
        await pilot.press("escape")
        assert not isinstance(app.screen, HistoryScreen)


def test_history_pane_snapshot(snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = HistoryStore.open(data_dir)
    seed(store)

    async def loaded(pilot: Pilot[None]) -> None:
        await settle(pilot)

    try:
        assert snap_compare(HistoryHarness(store), terminal_size=(100, 32), run_before=loaded)
    finally:
        store.close()


def test_session_detail_snapshot(snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = HistoryStore.open(data_dir)
    seed(store)

    async def open_detail(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    try:
        assert snap_compare(HistoryHarness(store), terminal_size=(100, 32), run_before=open_detail)
    finally:
        store.close()


def test_filter_bar_snapshot(snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = HistoryStore.open(data_dir)
    seed(store)

    async def filter_by_routine(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        pilot.app.screen.query_one("#filter-routine", Select).value = "evening"
        pilot.app.screen.query_one("#filter-since", Input).value = "2026-03-10"
        await settle(pilot)

    try:
        assert snap_compare(HistoryHarness(store), terminal_size=(100, 32), run_before=filter_by_routine)
    finally:
        store.close()


# ---------------------------------------------------------------- one pane, shown again


def app_on(builtin_pack, data_dir: Path, clock, today=lambda: TODAY):  # type: ignore[no-untyped-def]
    from solecheck.tui.app import build_app

    return build_app(builtin_pack, data_dir, clock=clock, today=today)


async def test_reopened_pane_is_the_same_one_and_shows_sessions_recorded_meanwhile(
    builtin_pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    with HistoryStore.open(data_dir) as seeded:
        seed(seeded, days=3)
    app = app_on(builtin_pack, data_dir, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        pane = app.screen
        assert row_keys(app) == ["s002", "s001", "s000"]
        await pilot.press("escape")
        later = T0 + timedelta(days=5)
        app.store.start_session(session(id="new", started_at=later, routine_title="Late [i]one[/i]"))
        app.store.finish_session("new", "completed", ended_at=later + timedelta(minutes=9))
        await pilot.press("h")
        await settle(pilot)
        assert app.screen is pane  # kept, not built again
        assert row_keys(app) == ["new", "s002", "s001", "s000"]
        assert str(table(app).get_row_at(0)[1]) == "Late [i]one[/i]"
        adherence = str(app.screen.query_one("#trend-adherence", Static).render())
        assert "of 16," in adherence  # the trends were read again: four sessions of four planned steps


async def test_reopened_pane_starts_over_unfiltered_at_the_top_and_filters_again(
    builtin_pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    with HistoryStore.open(data_dir) as seeded:
        seed(seeded)
    app = app_on(builtin_pack, data_dir, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        app.screen.query_one("#filter-routine", Select).value = "morning"
        await settle(pilot)
        assert len(row_keys(app)) == 9
        await pilot.press("escape", "down", "down", "escape")  # back to the list, move, close
        assert not isinstance(app.screen, HistoryScreen)
        await pilot.press("h")
        await settle(pilot)
        assert len(row_keys(app)) == 18 and table(app).cursor_row == 0
        assert "All sessions" in str(app.screen.query_one("#filter-summary", Static).render())
        bar = app.screen.query_one("#history-filters")
        assert not bar.display and app.focused is table(app)  # as when first opened
        await pilot.press("f")
        await settle(pilot)
        assert bar.display and app.focused is app.screen.query_one("#filter-routine", Select)
        assert app.screen.query_one("#filter-routine", Select).is_blank()
        app.screen.query_one("#filter-pack", Select).value = "other.pack"
        await settle(pilot)
        assert row_keys(app) == ["s017", "s016", "s015", "s014", "s013", "s012"]
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert app.screen.query_one("#history-switcher", ContentSwitcher).current == "history-detail"


async def test_pane_shown_again_after_the_clinic_panel_keeps_its_place(
    builtin_pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    from solecheck.tui.screens.clinic import ClinicScreen

    with HistoryStore.open(data_dir) as seeded:
        seed(seeded)
    app = app_on(builtin_pack, data_dir, clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        pane = app.screen
        await pilot.press("down", "down", "down", "c")
        assert isinstance(app.screen, ClinicScreen)
        app.action_history()  # History from the command palette, over the clinic panel: a second pane
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen) and app.screen is not pane
        assert row_keys(app)[0] == "s017"
        await pilot.press("escape", "escape")  # close it, then the clinic panel
        await settle(pilot)
        assert app.screen is pane
        assert table(app).cursor_row == 3 and row_keys(app)[3] == "s014"


async def test_trends_move_on_with_the_day_when_the_pane_is_shown_again(
    builtin_pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    days = [TODAY]
    with HistoryStore.open(data_dir) as seeded:
        seed(seeded)
    app = app_on(builtin_pack, data_dir, clock, today=lambda: days[0])
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("h")
        await settle(pilot)
        assert "days in a row" in str(app.screen.query_one("#trend-streak", Static).render())
        await pilot.press("escape")
        days[0] = TODAY + timedelta(days=10)
        await pilot.press("h")
        await settle(pilot)
        assert "none right now" in str(app.screen.query_one("#trend-streak", Static).render())
        assert len(row_keys(app)) == 18  # the sessions themselves did not change


async def test_a_page_longer_than_one_slice_keeps_its_order_and_loads_on(store: HistoryStore) -> None:
    seed(store, days=70)
    app = HistoryHarness(store, page_size=60)  # added to the table 25 rows at a time
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert row_keys(app) == [f"s{day:03d}" for day in range(69, 9, -1)]
        await pilot.press("end")
        await settle(pilot)
        assert row_keys(app) == [f"s{day:03d}" for day in range(69, -1, -1)]
