"""The home screen shows the highlighted routine's prescription and this week's progress against it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.widgets import Static

from solecheck.history.local_time import zone_stamp
from solecheck.history.records import StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.history.records_factory import session

TORONTO = ZoneInfo("America/Toronto")
TODAY = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 26, 17, 0, tzinfo=UTC)


def seed(data_dir: Path, *days: date, status: str = "completed", routine: str = "foot-to-spine") -> None:
    with HistoryStore.open(data_dir) as store:
        for day in days:
            local = datetime.combine(day, datetime.min.time(), tzinfo=TORONTO) + timedelta(hours=7)
            offset, zone = zone_stamp(local, TORONTO)
            record = session(pack_id="thrive-now.foot-first", routine_id=routine, routine_title="R",
                             started_at=local.astimezone(UTC), utc_offset_min=offset, zone=zone)
            store.start_session(record)
            store.record_step(StepRecord(record.id, 0, "sole-ball-roll", "Sole roll", "foot", "done"))
            store.finish_session(record.id, status, ended_at=local.astimezone(UTC) + timedelta(minutes=12))  # type: ignore[arg-type]


def routine_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one("#routine-text", Static).render())


async def test_progress_against_the_prescription_follows_the_highlighted_routine(
    builtin_pack: Pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    seed(data_dir, date(2026, 11, 23), date(2026, 11, 24), date(2026, 11, 20))  # last week's doesn't count
    seed(data_dir, date(2026, 11, 25), status="stopped_user")  # not completed: doesn't count
    seed(data_dir, date(2026, 11, 24), routine="sole-only")
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: TODAY, now=lambda: NOW, zone=TORONTO)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        lines = routine_text(app).splitlines()
        assert lines[:2] == ["Foot to spine", "Prescribed 5 times a week · 2 of 5 this week"]
        await pilot.press("down")
        await pilot.pause()
        lines = routine_text(app).splitlines()
        assert lines[:2] == ["Sole reset", "Prescribed on Tuesday, Thursday, and Saturday · 1 of 3 this week"]


async def test_no_history_yet_shows_none_done(builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock, today=lambda: TODAY, now=lambda: NOW, zone=TORONTO)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(5):
            await pilot.pause()
        assert "Prescribed 5 times a week · 0 of 5 this week" in routine_text(app)
