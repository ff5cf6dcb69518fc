"""The history as a patient lives it at 80×24: a session's detail shows every column without scrolling
sideways, a step redone with b says so, sets are numbered, and the note sits under its exercise."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import FakeClock
from tests.history.records_factory import T0, session, step
from tests.tui.test_history_screen import HistoryHarness, settle

SIZE = (80, 24)


def seed_a_session_with_sets_and_a_redo(store: HistoryStore) -> None:
    record = session(id="calf", routine_title="Foot to spine", planned_steps=4)
    store.start_session(record)
    rows = [
        (0, "left", 1, "done", 3, None),
        (1, "right", 1, "done", 2, None),
        (2, "left", 2, "done", 4, None),
        (2, "left", 2, "done", 3, "Redone: I rushed the first go and my heel lifted"),
        (3, "right", 2, "skipped", None, None),
    ]
    for number, (position, side, set_index, status, pain, note) in enumerate(rows):
        store.record_step(
            step(record.id, position, id=f"calf-{number}", exercise_id="calf", exercise_title="Calf stretch at a wall",
                 region="calf", side=side, set_index=set_index, status=status, pain=pain, note=note,
                 ended_at=T0 + timedelta(minutes=number + 1))
        )
    store.finish_session(record.id, "completed", ended_at=T0 + timedelta(minutes=7))


async def open_detail(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_detail_fits_80_columns_with_sets_redone_steps_and_notes(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as store:
        seed_a_session_with_sets_and_a_redo(store)
        app = HistoryHarness(store)
        async with app.run_test(size=SIZE) as pilot:
            await open_detail(pilot)
            steps = app.screen.query_one("#detail-steps", DataTable)
            assert [str(column.label) for column in steps.columns.values()] == [
                "#", "Exercise", "Side", "Planned", "Done", "Pain", "Status"
            ]
            assert steps.virtual_size.width <= steps.scrollable_content_region.width  # nothing off to the right
            rows = [steps.get_row_at(index) for index in range(steps.row_count)]
            assert [(row[0], row[2], row[5], row[6]) for row in rows] == [
                ("1", "left, set 1", "3", "done"), ("2", "right, set 1", "2", "done"),
                ("3", "left, set 2", "4", "done"), ("3", "left, set 2", "3", "done"),
                ("4", "right, set 2", "", "skipped"),
            ]
            assert "done again (b)" not in str(rows[2][1])
            assert "done again (b)" in str(rows[3][1]) and "Note: Redone: I rushed" in str(rows[3][1])


def test_history_detail_at_80x24_snapshot(snap_compare, data_dir: Path) -> None:  # type: ignore[no-untyped-def]
    store = HistoryStore.open(data_dir)
    seed_a_session_with_sets_and_a_redo(store)
    try:
        assert snap_compare(HistoryHarness(store), terminal_size=SIZE, run_before=open_detail)
    finally:
        store.close()


def test_common_date_forms_are_read_day_first() -> None:
    from datetime import date

    import pytest

    from solecheck.tui.widgets.history_filters import parse_day

    for text in ("29/11/2026", "29.11.2026", "29-11-2026", "2026-11-29", "2026/11/29", "29 Nov 2026",
                 " 29 november  2026 "):
        assert parse_day(text) == date(2026, 11, 29), text
    assert parse_day("") is None
    with pytest.raises(ValueError, match="not a date: write it like 29/11/2026"):
        parse_day("31/02/2026")


async def test_a_day_first_date_filters_and_a_bad_one_is_named_on_its_field(data_dir: Path) -> None:
    from textual.widgets import Input, Static

    from tests.tui.test_history_screen import row_keys, seed

    with HistoryStore.open(data_dir) as store:
        seed(store)
        app = HistoryHarness(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("f")
            await settle(pilot)
            since = app.screen.query_one("#filter-since", Input)
            since.focus()
            await pilot.press(*"5/3/2026")
            app.screen.query_one("#filter-until", Input).value = "7.3.2026"
            await settle(pilot)
            assert row_keys(app) == ["s005", "s004", "s003"]
            assert "5 Mar 2026 to 7 Mar 2026" in str(app.screen.query_one("#filter-summary", Static).render())
            await pilot.press("backspace", "7")  # 5/3/2027: still a date; 5/3/20 while typing is not
            await pilot.press("backspace", "backspace")
            await settle(pilot)
            assert since.has_class("-invalid") and since.border_title == "not a date"
            await pilot.press("x")  # clears from inside the date field; no x is typed
            await settle(pilot)
            assert since.value == "" and not since.has_class("-invalid") and len(row_keys(app)) == 18


async def test_a_filter_that_matches_nothing_shows_empty_trends(data_dir: Path) -> None:
    from textual.widgets import Input, Sparkline, Static

    from tests.tui.test_history_screen import seed

    with HistoryStore.open(data_dir) as store:
        seed(store)
        app = HistoryHarness(store)
        async with app.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            assert "Streak: 3 days" in str(app.screen.query_one("#trend-streak", Static).render())
            await pilot.press("f")
            await settle(pilot)
            app.screen.query_one("#filter-until", Input).value = "01/03/2026"
            await settle(pilot)
            assert "No sessions match" in str(app.screen.query_one("#history-empty", Static).render())
            assert str(app.screen.query_one("#trend-streak", Static).render()) == "Streak: -"
            assert "Planned steps done: -" in str(app.screen.query_one("#trend-adherence", Static).render())
            assert not any(app.screen.query_one("#trend-weeks Sparkline", Sparkline).data or [])
            assert not list(app.screen.query_one("#trend-pain Sparkline", Sparkline).data or [])


async def test_an_empty_history_does_not_send_the_patient_to_a_blocked_key(data_dir: Path) -> None:
    from textual.widgets import Static

    with HistoryStore.open(data_dir) as store:
        app = HistoryHarness(store)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            message = str(app.screen.query_one("#history-empty", Static).render())
            assert "No sessions yet" in message and "press s" not in message


async def test_the_detail_says_the_screenings_answers_in_the_packs_words(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    """A session's screening in its detail: each question as asked and the answer as picked, never ids."""
    from solecheck.history.records import ScreeningRecord, SessionRecord
    from tests.tui.test_session import PROCEED_ANSWERS

    screening = ScreeningRecord(builtin_pack.id, builtin_pack.version, builtin_pack.screening_digest,
                                PROCEED_ANSWERS, "proceed", (), ())
    with HistoryStore.open(data_dir) as store:
        store.record_screening(screening)
        session = SessionRecord(builtin_pack.id, builtin_pack.version, "sole-only", "Sole reset", 2,
                                screening_id=screening.id)
        store.start_session(session)
        store.finish_session(session.id, "completed")
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("h")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        await pilot.press("enter")
        for _ in range(4):
            await app.workers.wait_for_complete()
            await pilot.pause()
        shown = str(app.screen.query_one("#detail-screening", Static).render())
        assert "Have you had surgery on your foot? No" in shown
        assert "Can you get down onto the floor and back up comfortably? Yes, easily" in shown
        assert "acute-injury" not in shown and "floor:" not in shown
