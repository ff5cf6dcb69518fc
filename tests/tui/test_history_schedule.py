"""The history pane measures adherence against the pack's prescribed schedules."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.widgets import Static

from solecheck.history.local_time import zone_stamp
from solecheck.history.records import StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.history.records_factory import session
from tests.tui.test_history_screen import settle

TORONTO = ZoneInfo("America/Toronto")
TODAY = date(2026, 11, 26)  # a Thursday


def seed(data_dir: Path, routine: str, *days: date) -> None:
    with HistoryStore.open(data_dir) as store:
        for day in days:
            local = datetime.combine(day, time(7, 0), tzinfo=TORONTO)
            offset, zone = zone_stamp(local, TORONTO)
            record = session(pack_id="thrive-now.foot-first", routine_id=routine, routine_title=routine,
                             started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone)
            store.start_session(record)
            store.record_step(StepRecord(record.id, 0, "sole-ball-roll", "Sole roll", "foot", "done"))
            store.finish_session(record.id, "completed", ended_at=local.astimezone(UTC) + timedelta(minutes=9))


def adherence(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#trend-adherence", Static).render())


async def test_the_pane_shows_prescribed_sessions_done(builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    # Foot to spine (5 a week): 4 in the week of 9 November, 5 in the week of 16 November: 9 of 10. Sole
    # reset (3 days a week): 1 in the week of 9 November, 3 in the next: 4 of 6. Together 13 of 16.
    seed(data_dir, "foot-to-spine", *(date(2026, 11, 9) + timedelta(days=n) for n in range(4)))
    seed(data_dir, "foot-to-spine", *(date(2026, 11, 16) + timedelta(days=n) for n in range(5)))
    seed(data_dir, "sole-only", date(2026, 11, 10), date(2026, 11, 17), date(2026, 11, 19), date(2026, 11, 21))
    seed(data_dir, "foot-to-spine", date(2026, 11, 24))  # this week: progress, not adherence
    now = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: TODAY, now=lambda: now, zone=TORONTO)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await settle(pilot)
        assert adherence(app) == "Prescribed sessions done: 81 % (13 of 16)"
