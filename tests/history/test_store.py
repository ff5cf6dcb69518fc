"""Every HistoryStore operation against a real SQLite file."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from solecheck.history.maintenance import backup_to, check
from solecheck.history.records import SessionSummary
from solecheck.history.store import HistoryError, HistoryStore, last_screening_digest
from solecheck.history.trends import Adherence, adherence, pain_series, streak, weekly_counts
from tests.history.records_factory import T0, screening, session, step


def test_screening_round_trips_with_answer_types(store: HistoryStore) -> None:
    record = screening()
    store.record_screening(record)
    loaded = store.get_screening(record.id)
    assert loaded == record
    assert loaded is not None
    assert loaded.answers["diabetes"] is False
    assert loaded.answers["pain_today"] == 3
    assert loaded.fired_rules == ("pain-moderate",)


def test_latest_screening_is_newest_of_that_pack(store: HistoryStore) -> None:
    old = screening(taken_at=T0)
    new = screening(taken_at=T0 + timedelta(days=1))
    other = screening(pack_id="other.pack", taken_at=T0 + timedelta(days=2))
    for record in (new, old, other):
        store.record_screening(record)
    assert store.latest_screening("clinic.feet") == new
    assert store.latest_screening("nobody") is None
    assert store.get_screening("missing") is None


def test_screenings_are_read_a_page_at_a_time_newest_first(store: HistoryStore) -> None:
    records = [screening(taken_at=T0 + timedelta(hours=hour)) for hour in range(7)]
    other = screening(pack_id="other.pack", taken_at=T0 + timedelta(days=2))
    for record in (*records, other):
        store.record_screening(record)
    newest_first = [other, *reversed(records)]
    assert store.screenings(3) == newest_first[:3]
    assert store.screenings(3, 3) == newest_first[3:6]
    assert store.screenings(3, 6) == newest_first[6:]
    assert store.screenings(10, pack_id="clinic.feet") == list(reversed(records))
    assert store.screenings(10, pack_id="nobody") == []


def test_session_round_trips_every_field(store: HistoryStore) -> None:
    taken = screening()
    store.record_screening(taken)
    record = session(screening_id=taken.id, plan_json='{"steps": []}', stop_reason=None)
    store.start_session(record)
    assert store.get_session(record.id) == record
    assert store.get_session("missing") is None


def test_session_following_an_unknown_screening_is_refused(store: HistoryStore) -> None:
    with pytest.raises(HistoryError, match="screening nope"):
        store.start_session(session(screening_id="nope"))
    assert store.count_all()["sessions"] == 0


def test_steps_are_kept_in_plan_order_with_copied_titles(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    steps = [step(record.id, 2, side="left", pain=4, note="tight"), step(record.id, 0), step(record.id, 1)]
    for item in steps:
        store.record_step(item)
    loaded = store.steps_of(record.id)
    assert [s.position for s in loaded] == [0, 1, 2]
    assert loaded[2] == steps[0]
    assert loaded[2].exercise_title == "Exercise 2"
    assert store.steps_of("missing") == []


def test_step_of_an_unknown_session_is_refused(store: HistoryStore) -> None:
    with pytest.raises(HistoryError, match="session ghost"):
        store.record_step(step("ghost", 0))


def test_the_same_step_twice_is_refused_and_the_first_kept(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    first = step(record.id, 0)
    store.record_step(first)
    with pytest.raises(HistoryError, match="refused a record"):
        store.record_step(replace(first, note="again"))
    assert store.steps_of(record.id) == [first]


def test_invalid_pain_is_refused_by_the_schema(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    with pytest.raises(HistoryError):
        store.record_step(step(record.id, 0, pain=11))
    assert store.steps_of(record.id) == []


def test_finish_session(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    ended = T0 + timedelta(minutes=12)
    store.finish_session(record.id, "stopped_pain", ended_at=ended, stop_reason="pain 7 at step 3")
    loaded = store.get_session(record.id)
    assert loaded is not None
    assert (loaded.status, loaded.ended_at, loaded.stop_reason) == ("stopped_pain", ended, "pain 7 at step 3")


def test_finish_session_defaults_to_now(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    before = datetime.now(UTC)
    store.finish_session(record.id, "completed")
    loaded = store.get_session(record.id)
    assert loaded is not None and loaded.ended_at is not None
    assert loaded.ended_at >= before.replace(microsecond=0)


def test_finish_session_errors(store: HistoryStore) -> None:
    with pytest.raises(HistoryError, match="no session x"):
        store.finish_session("x", "completed")
    with pytest.raises(ValueError, match="running"):
        store.finish_session("x", "running")


def test_set_soreness(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    store.set_soreness(record.id, True)
    assert store.get_session(record.id).soreness_settled is True  # type: ignore[union-attr]
    store.set_soreness(record.id, False)
    assert store.get_session(record.id).soreness_settled is False  # type: ignore[union-attr]
    with pytest.raises(HistoryError):
        store.set_soreness("missing", True)


def test_unfinished_and_last_finished_session(store: HistoryStore) -> None:
    assert store.unfinished_session() is None
    assert store.last_finished_session() is None
    done = session(started_at=T0)
    running_old = session(started_at=T0 + timedelta(hours=1))
    running_new = session(started_at=T0 + timedelta(hours=2), pack_id="other")
    for record in (done, running_old, running_new):
        store.start_session(record)
    store.finish_session(done.id, "completed", ended_at=T0 + timedelta(minutes=5))
    assert store.unfinished_session().id == running_new.id  # type: ignore[union-attr]
    assert store.unfinished_session("clinic.feet").id == running_old.id  # type: ignore[union-attr]
    assert store.last_finished_session().id == done.id  # type: ignore[union-attr]
    assert store.last_finished_session("other") is None


def test_latest_sessions_are_picked_by_write_order_not_by_stamp(store: HistoryStore) -> None:
    # Written second but stamped a day earlier (the clock was set back): still the latest.
    first = session(started_at=T0)
    second = session(started_at=T0 - timedelta(days=1))
    other_pack = session(started_at=T0 - timedelta(days=2), pack_id="other")
    for record in (first, second, other_pack):
        store.start_session(record)
    assert store.unfinished_session("clinic.feet").id == second.id  # type: ignore[union-attr]
    assert store.unfinished_session().id == other_pack.id  # type: ignore[union-attr]
    store.finish_session(second.id, "stopped_pain", ended_at=T0 - timedelta(days=1, minutes=-5))
    store.finish_session(first.id, "completed", ended_at=T0 + timedelta(minutes=5))
    assert store.last_finished_session("clinic.feet").id == second.id  # type: ignore[union-attr]
    assert store.last_finished_session("other") is None


def test_the_screening_written_after_another_whatever_its_stamp(store: HistoryStore) -> None:
    earlier = screening(taken_at=T0)
    later = screening(taken_at=T0 - timedelta(days=1))
    elsewhere = screening(taken_at=T0 + timedelta(hours=1), pack_id="other")
    assert store.screening_written_after("missing") is None
    store.record_screening(earlier)
    assert store.screening_written_after(earlier.id) is None
    store.record_screening(later)
    store.record_screening(elsewhere)
    assert store.screening_written_after(earlier.id).id == later.id  # type: ignore[union-attr]
    assert store.screening_written_after(later.id) is None
    assert store.sessions_under(earlier.id) == 0
    store.start_session(session(screening_id=earlier.id))
    assert store.sessions_under(earlier.id) == 1


def _seed_days(store: HistoryStore, days: int, start: datetime = T0) -> list[str]:
    ids = []
    for day in range(days):
        record = session(started_at=start + timedelta(days=day), routine_id="evening" if day % 2 else "morning")
        store.start_session(record)
        store.record_step(step(record.id, 0, pain=day % 5))
        store.record_step(step(record.id, 1, status="skipped"))
        store.finish_session(record.id, "completed", ended_at=record.started_at + timedelta(minutes=10))
        ids.append(record.id)
    return ids


def test_session_summaries_are_newest_first_and_aggregated(store: HistoryStore) -> None:
    ids = _seed_days(store, 5)
    summaries = store.session_summaries()
    assert [s.id for s in summaries] == ids[::-1]
    first = summaries[0]
    assert isinstance(first, SessionSummary)
    assert (first.steps_done, first.steps_planned, first.max_pain, first.duration_s) == (1, 4, 4, 600.0)
    assert first.plan_json is None


def test_session_summaries_page_and_filter(store: HistoryStore) -> None:
    ids = _seed_days(store, 7)
    newest_first = ids[::-1]
    assert [s.id for s in store.session_summaries(limit=3, offset=2)] == newest_first[2:5]
    assert store.session_summaries(limit=3, offset=7) == []
    evening = store.session_summaries(routine_id="evening")
    assert [s.id for s in evening] == [ids[5], ids[3], ids[1]]
    window = store.session_summaries(since=T0 + timedelta(days=2), until=T0 + timedelta(days=4))
    assert [s.id for s in window] == [ids[3], ids[2]]
    assert store.session_summaries(pack_id="elsewhere") == []
    assert store.count_sessions() == 7
    assert store.count_sessions(routine_id="morning") == 4


def test_running_session_summary_has_no_duration(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    (summary,) = store.session_summaries()
    assert (summary.status, summary.duration_s, summary.max_pain, summary.steps_done) == ("running", None, None, 0)


def test_naive_datetimes_are_refused(store: HistoryStore) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        store.start_session(session(started_at=datetime(2026, 1, 1, 8, 0)))


def test_weekly_counts_fill_empty_weeks(store: HistoryStore) -> None:
    _seed_days(store, 10)  # Mon 2 Mar .. Wed 11 Mar 2026
    counts = weekly_counts(store, 4, today=date(2026, 3, 18))
    assert counts == [
        (date(2026, 2, 23), 0),
        (date(2026, 3, 2), 7),
        (date(2026, 3, 9), 3),
        (date(2026, 3, 16), 0),
    ]


def test_weekly_counts_use_local_days(store: HistoryStore) -> None:
    # Sunday 23:30 UTC is already Monday in UTC+1.
    store.start_session(session(started_at=datetime(2026, 3, 8, 23, 30, tzinfo=UTC)))
    utc = weekly_counts(store, 2, today=date(2026, 3, 9))
    plus_one = weekly_counts(store, 2, today=date(2026, 3, 9), utc_offset=timedelta(hours=1))
    assert utc == [(date(2026, 3, 2), 1), (date(2026, 3, 9), 0)]
    assert plus_one == [(date(2026, 3, 2), 0), (date(2026, 3, 9), 1)]


def test_pain_series_is_oldest_first_and_skips_sessions_without_pain(store: HistoryStore) -> None:
    _seed_days(store, 6)
    quiet = session(started_at=T0 + timedelta(days=10))
    store.start_session(quiet)
    store.record_step(step(quiet.id, 0))
    series = pain_series(store, limit=3)
    assert [pain for _, pain in series] == [3, 4, 0]
    assert [moment.day for moment, _ in series] == [5, 6, 7]


def test_streak_counts_consecutive_completed_days(store: HistoryStore) -> None:
    _seed_days(store, 4)  # 2..5 March
    assert streak(store, date(2026, 3, 5)) == 4
    assert streak(store, date(2026, 3, 6)) == 4  # today not done yet: yesterday's run still counts
    assert streak(store, date(2026, 3, 7)) == 0
    stopped = session(started_at=datetime(2026, 3, 6, 8, tzinfo=UTC))
    store.start_session(stopped)
    store.finish_session(stopped.id, "stopped_user")
    assert streak(store, date(2026, 3, 7)) == 0  # a stopped session does not extend the streak


def test_streak_uses_local_days(store: HistoryStore) -> None:
    for moment in (datetime(2026, 3, 1, 23, 30, tzinfo=UTC), datetime(2026, 3, 2, 22, 0, tzinfo=UTC)):
        record = session(started_at=moment)
        store.start_session(record)
        store.finish_session(record.id, "completed", ended_at=moment + timedelta(minutes=5))
    assert streak(store, date(2026, 3, 2)) == 2
    # In UTC+2 both fall on 2 March... and 3 March: still two days, ending on the 3rd.
    assert streak(store, date(2026, 3, 3), utc_offset=timedelta(hours=2)) == 2
    assert streak(store, date(2026, 3, 2), utc_offset=timedelta(hours=2)) == 1


def test_adherence_counts_done_steps_of_finished_sessions(store: HistoryStore) -> None:
    assert adherence(store) == Adherence(0, 0)
    assert Adherence(0, 0).share is None
    _seed_days(store, 2)
    store.start_session(session(started_at=T0 + timedelta(days=5)))  # running: not counted
    result = adherence(store)
    assert result == Adherence(done=2, planned=8)
    assert result.share == 0.25
    assert adherence(store, routine_id="evening") == Adherence(done=1, planned=4)


def test_routines_and_packs(store: HistoryStore) -> None:
    store.start_session(session(routine_title="Old title", started_at=T0))
    store.start_session(session(routine_title="New title", started_at=T0 + timedelta(days=1)))
    store.start_session(session(routine_id="evening", routine_title="Evening", pack_id="b.pack"))
    assert store.routines() == [("evening", "Evening"), ("morning", "New title")]
    assert store.pack_ids() == ["b.pack", "clinic.feet"]


def test_count_all(store: HistoryStore) -> None:
    _seed_days(store, 3)
    store.record_screening(screening())
    assert store.count_all() == {"screenings": 1, "sessions": 3, "steps": 6}


def test_check_is_clean_on_a_healthy_store(store: HistoryStore) -> None:
    _seed_days(store, 3)
    assert check(store, now=T0 + timedelta(days=3)) == []


def test_check_reports_stale_running_sessions_and_clock_jumps_as_notes(store: HistoryStore) -> None:
    stale = session(started_at=T0)
    store.start_session(stale)
    # The clock was set back 3 hours mid-session (an NTP correction): it "ends before it starts".
    backwards = session(started_at=T0 + timedelta(hours=5))
    store.start_session(backwards)
    store.finish_session(backwards.id, "completed", ended_at=T0 + timedelta(hours=2, minutes=20), elapsed_s=1200.0)
    # A screening written while the clock was a year ahead.
    ahead = screening(taken_at=T0 + timedelta(days=365))
    store.record_screening(ahead)
    findings = check(store, now=T0 + timedelta(days=2))
    messages = [(f.severity, f.message) for f in findings]
    assert any(sev == "note" and stale.id in msg and "still marked running" in msg for sev, msg in messages)
    assert (
        "note",
        f"the computer's clock moved during session {backwards.id} (started 2026-03-02 13:00 UTC, ended "
        "2026-03-02 10:20 UTC; it ran 20 min by the session's own clock); its steps are fine, only its times are off",
    ) in messages
    assert any(sev == "note" and ahead.id in msg and "the clock was ahead" in msg for sev, msg in messages)
    assert all(sev == "note" for sev, _ in messages), "a clock jump is never damage"


def test_check_finds_steps_of_unknown_sessions(store: HistoryStore) -> None:
    conn = sqlite3.connect(store.path)  # foreign keys are off on this outside connection
    conn.execute(
        "INSERT INTO steps (id, session_id, position, exercise_id, exercise_title, region, status, set_index,"
        " ended_at) VALUES ('s1', 'ghost', 0, 'e', 'E', 'r', 'done', 1, '2026-01-01T00:00:00.000000+00:00')"
    )
    conn.commit()
    conn.close()
    findings = check(store)
    assert [f.severity for f in findings] == ["problem"]
    assert "missing sessions record" in findings[0].message


def test_data_survives_closing_and_reopening(data_dir: Path) -> None:
    with HistoryStore.open(data_dir) as first:
        ids = _seed_days(first, 2)
    with HistoryStore.open(data_dir) as second:
        assert [s.id for s in second.session_summaries()] == ids[::-1]


def test_a_committed_step_is_visible_to_another_connection_at_once(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    store.record_step(step(record.id, 0))
    other = sqlite3.connect(store.path)
    assert other.execute("SELECT count(*) FROM steps").fetchone()[0] == 1
    other.close()


def test_closed_store_raises_history_error(data_dir: Path) -> None:
    closed = HistoryStore.open(data_dir)
    closed.close()
    closed.close()  # closing twice is harmless
    with pytest.raises(HistoryError, match="closed"):
        closed.session_summaries()


def test_backup_is_a_private_consistent_copy(store: HistoryStore, tmp_path: Path) -> None:
    ids = _seed_days(store, 2)
    target = backup_to(store, tmp_path / "copies" / "backup.sqlite3")
    assert target.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "copies").stat().st_mode & 0o777 == 0o700
    assert not Path(f"{target}-wal").exists()
    with HistoryStore(target) as copy:
        assert [s.id for s in copy.session_summaries()] == ids[::-1]
    with pytest.raises(HistoryError, match="already exists"):
        backup_to(store, target)


def test_a_step_redone_after_going_back_counts_once(store: HistoryStore) -> None:
    record = session()
    store.start_session(record)
    store.record_step(step(record.id, 0))
    store.record_step(step(record.id, 0, actual_s=31.0))  # the person went back and did it again
    store.record_step(step(record.id, 1))
    store.finish_session(record.id, "completed", ended_at=T0 + timedelta(minutes=10))
    [summary] = store.session_summaries()
    assert summary.steps_done == 2
    assert adherence(store) == Adherence(done=2, planned=4)
    assert not [f for f in check(store) if "steps done" in f.message]


def test_last_screening_digest_reads_the_screening_written_last_without_writing(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    assert last_screening_digest(data_dir, "clinic.feet") is None and not data_dir.exists()  # nothing made
    with HistoryStore.open(data_dir) as opened:
        assert last_screening_digest(data_dir, "clinic.feet") is None
        opened.record_screening(screening(taken_at=T0, screening_digest="a" * 16))
        opened.record_screening(screening(taken_at=T0 - timedelta(days=1), screening_digest="b" * 16))
        path = opened.path
    before = path.read_bytes()
    assert last_screening_digest(data_dir, "clinic.feet") == "b" * 16  # written last, stamped earlier
    assert last_screening_digest(data_dir, "other.pack") is None
    assert path.read_bytes() == before
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(HistoryError, match="can't be read"):
        last_screening_digest(data_dir, "clinic.feet")
