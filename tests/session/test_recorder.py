"""Recording sessions in a real history file, resuming after a crash, and the soreness follow-up."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from solecheck.history.maintenance import check
from solecheck.history.records import SessionRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import SessionRecorder, start_session
from solecheck.session.resume import end_interrupted, find_resumable, resume
from solecheck.session.soreness import answer_soreness, soreness_follow_up
from solecheck.session.summary import build_report, compare, format_duration
from tests.conftest import FakeClock


class WallClock:
    """UTC wall time that moves with the fake monotonic clock."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.origin = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.origin + timedelta(seconds=self.clock() - 1000.0)


@pytest.fixture
def store(data_dir: Path):  # type: ignore[no-untyped-def]
    with HistoryStore.open(data_dir) as opened:
        yield opened


def run_to_pain_check(engine, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    while engine.state != "pain_check" and not engine.finished:
        clock.advance(1)
        engine.update()


def test_each_step_is_committed_the_moment_it_ends(store: HistoryStore, builtin_pack: Pack, clock: FakeClock) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock, now=WallClock(clock))
    session = store.get_session(recorder.session_id)
    assert session is not None and session.status == "running" and session.planned_steps == 2
    assert session.plan_json == plan.to_json()
    engine.start()
    run_to_pain_check(engine, clock)
    assert store.steps_of(recorder.session_id) == []
    engine.record_pain(2)
    [first] = store.steps_of(recorder.session_id)
    assert (first.position, first.side, first.planned_s, first.actual_s, first.pain) == (0, "left", 90, 90, 2)
    assert first.exercise_title == "Sole roll on a ball" and first.region == "foot_sole"
    run_to_pain_check(engine, clock)
    engine.add_note("right arch tender")
    engine.record_pain(4)
    assert engine.state == "done"
    recorder.finish_from(engine)
    recorder.finish_from(engine)  # a second call changes nothing
    steps = store.steps_of(recorder.session_id)
    assert [(s.side, s.pain, s.note) for s in steps] == [("left", 2, None), ("right", 4, "right arch tender")]
    session = store.get_session(recorder.session_id)
    assert session is not None and session.status == "completed" and session.ended_at is not None


def test_a_killed_session_resumes_after_the_last_recorded_step(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"))
    engine, recorder = start_session(store, plan, clock)
    engine.start()
    run_to_pain_check(engine, clock)
    engine.record_pain(3)
    clock.advance(20)
    engine.update()  # half way through the right foot: the process dies here
    del engine, recorder

    offer = find_resumable(store, builtin_pack.id)
    assert offer is not None and offer.can_resume and not offer.all_recorded
    assert offer.next_position == 1 and offer.steps_done == 1 and offer.max_pain == 3
    assert "1 of 14 steps done" in offer.describe() and "Sole roll on a ball (right side)" in offer.describe()
    engine, recorder = resume(store, offer, clock)
    assert engine.current == plan.steps[1] and engine.max_pain == 3
    engine.start()
    engine.stop("enough for today")
    recorder.finish_from(engine)
    session = store.get_session(offer.session.id)
    assert session is not None and session.status == "stopped_user" and session.stop_reason == "enough for today"
    assert [s.position for s in store.steps_of(offer.session.id)] == [0]
    assert find_resumable(store, builtin_pack.id) is None


def test_a_killed_session_can_be_ended_as_interrupted_keeping_its_steps(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock)
    engine.start()
    run_to_pain_check(engine, clock)
    engine.record_pain(1)
    offer = find_resumable(store, builtin_pack.id)
    assert offer is not None
    assert end_interrupted(store, offer) == "interrupted"
    session = store.get_session(recorder.session_id)
    assert session is not None and session.status == "interrupted" and len(store.steps_of(session.id)) == 1
    assert find_resumable(store, builtin_pack.id) is None


def test_a_session_with_every_step_recorded_is_ended_as_completed(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, _recorder = start_session(store, plan, clock)
    engine.start()
    for _ in range(2):
        run_to_pain_check(engine, clock)
        engine.record_pain(0)
    offer = find_resumable(store, builtin_pack.id)
    assert offer is not None and offer.all_recorded and not offer.can_resume
    with pytest.raises(ValueError, match="can't be resumed"):
        resume(store, offer, clock)
    assert end_interrupted(store, offer) == "completed"


def test_an_unreadable_plan_can_only_be_ended(store: HistoryStore, builtin_pack: Pack) -> None:
    session = SessionRecord(builtin_pack.id, "1.0.0", "sole-only", "Sole reset", 2, plan_json="{broken")
    store.start_session(session)
    offer = find_resumable(store, builtin_pack.id)
    assert offer is not None and offer.plan is None and not offer.can_resume
    assert "0 of 2 steps done" in offer.describe()
    assert end_interrupted(store, offer) == "interrupted"


def test_other_packs_sessions_are_not_offered(store: HistoryStore, builtin_pack: Pack) -> None:
    store.start_session(SessionRecord("other.pack", "1.0.0", "r", "R", 1))
    assert find_resumable(store, builtin_pack.id) is None


def tomorrow() -> datetime:
    """The wall clock a day from now: a later local day in any zone."""
    return datetime.now(UTC) + timedelta(days=1)


def _finished_session(store: HistoryStore, builtin_pack: Pack, clock: FakeClock, pains: tuple[int, int]) -> str:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock)
    engine.start()
    for pain in pains:
        run_to_pain_check(engine, clock)
        engine.record_pain(pain)
    recorder.finish_from(engine)
    return recorder.session_id


def test_soreness_is_asked_once_after_a_session_in_the_caution_band(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    session_id = _finished_session(store, builtin_pack, clock, (2, 4))
    assert soreness_follow_up(store, builtin_pack) is None  # not the same day
    follow_up = soreness_follow_up(store, builtin_pack, now=tomorrow())
    assert follow_up is not None and follow_up.session.id == session_id and follow_up.max_pain == 4
    assert follow_up.question == builtin_pack.session.pain_check.soreness_question
    assert answer_soreness(store, follow_up, settled=False) == builtin_pack.session.pain_check.soreness_advice
    stored = store.get_session(session_id)
    assert stored is not None and stored.soreness_settled is False
    assert soreness_follow_up(store, builtin_pack, now=tomorrow()) is None


def test_soreness_is_not_asked_below_the_caution_band_or_when_settled(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    assert soreness_follow_up(store, builtin_pack, now=tomorrow()) is None
    _finished_session(store, builtin_pack, clock, (3, 1))
    assert soreness_follow_up(store, builtin_pack, now=tomorrow()) is None
    _finished_session(store, builtin_pack, clock, (5, 1))
    follow_up = soreness_follow_up(store, builtin_pack, now=tomorrow())
    assert follow_up is not None
    assert answer_soreness(store, follow_up, settled=True) is None


def test_report_counts_each_step_once_and_compares_with_earlier_sessions(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    _finished_session(store, builtin_pack, clock, (2, 3))
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock)
    engine.start()
    run_to_pain_check(engine, clock)
    engine.record_pain(1)
    engine.back()  # redo the left foot
    run_to_pain_check(engine, clock)
    engine.record_pain(2)
    engine.stop("tired")
    recorder.finish_from(engine)
    earlier = store.session_summaries(5, routine_id="sole-only", pack_id=builtin_pack.id)
    report = build_report(
        routine_title=plan.routine_title,
        status=engine.end_status or "",
        steps_planned=len(plan),
        recorded=recorder.recorded,
        elapsed_s=engine.elapsed_session_s(),
        stop_reason=engine.stop_reason,
        earlier=earlier,
    )
    assert (report.steps_done, report.steps_planned, report.max_pain, report.exercise_s) == (1, 2, 2, 90)
    lines = report.lines()
    assert lines[0] == "Sole reset: stopped by you."
    assert "Reason: tired" in lines and "Steps done: 1 of 2." in lines
    assert "Highest pain: 2 out of 10." in lines
    assert lines[-1].startswith("Last time: 2 of 2 steps") and "highest pain 3 (completed)" in lines[-1]


def test_compare_without_history_and_with_several_sessions() -> None:
    assert compare([]) == ["This is your first recorded session of this routine."]

    class Past:
        def __init__(self, id: str, done: int, pain: int | None) -> None:
            self.id, self.status, self.steps_done, self.planned_steps = id, "completed", done, 2
            self.duration_s, self.max_pain = 200.0, pain

    lines = compare([Past("a", 2, 2), Past("b", 1, None), Past("c", 2, 4)], exclude="x")
    assert lines == [
        "Last time: 2 of 2 steps, 3 min 20 s, highest pain 2 (completed).",
        "Your last 3 sessions: 83% of planned steps done, highest pain 3.0 on average.",
    ]


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0 s"), (44.6, "45 s"), (90, "1 min 30 s"), (720, "12 min"), (3900, "1 h 5 min")]
)
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_recorder_finish_needs_an_ended_engine(store: HistoryStore, builtin_pack: Pack, clock: FakeClock) -> None:
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock)
    assert isinstance(recorder, SessionRecorder)
    with pytest.raises(ValueError, match="not ended"):
        recorder.finish_from(engine)


class FlakyStore:
    """A store whose writes fail while ``broken`` is set."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.broken = False

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.store, name)

    def record_step(self, step) -> None:  # type: ignore[no-untyped-def]
        from solecheck.history.store import HistoryError

        if self.broken:
            raise HistoryError("disk full")
        self.store.record_step(step)


def test_a_result_whose_write_failed_is_kept_and_written_later(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    from solecheck.history.store import HistoryError

    flaky = FlakyStore(store)
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(flaky, plan, clock)  # type: ignore[arg-type]
    engine.start()
    run_to_pain_check(engine, clock)
    flaky.broken = True
    engine.record_pain(2)  # the engine hands the result to the recorder, whose write fails: nothing raised
    assert isinstance(recorder.error, HistoryError)
    assert len(recorder.unsaved) == 1 and store.steps_of(recorder.session_id) == []
    assert recorder.save() is False and len(recorder.unsaved) == 1
    flaky.broken = False
    run_to_pain_check(engine, clock)
    engine.record_pain(3)  # writes the kept step first, then this one
    assert recorder.error is None and recorder.unsaved == [] and recorder.save() is True
    assert [s.pain for s in store.steps_of(recorder.session_id)] == [2, 3]


# --- a wall clock that jumps -----------------------------------------------------------------------------


def test_a_clock_set_back_mid_session_keeps_its_times_in_order_and_its_length(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    """An NTP correction sets the wall clock back 3 hours while the session runs: the session's times
    follow the monotonic clock from its start, its length is measured on it, and ``history check``
    finds no damage."""
    wall = [datetime(2026, 11, 25, 12, 0, tzinfo=UTC)]
    plan = build_plan(builtin_pack, builtin_pack.routine("sole-only"))
    engine, recorder = start_session(store, plan, clock, now=lambda: wall[0])
    engine.start()
    run_to_pain_check(engine, clock)
    engine.record_pain(2)
    wall[0] -= timedelta(hours=3)  # the correction
    run_to_pain_check(engine, clock)
    engine.record_pain(1)
    recorder.finish_from(engine)
    session = store.get_session(recorder.session_id)
    assert session is not None and session.ended_at is not None
    assert session.started_at == datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert session.elapsed_s == pytest.approx(engine.elapsed_session_s())
    assert session.ended_at == session.started_at + timedelta(seconds=engine.elapsed_session_s())
    ends = [step.ended_at for step in store.steps_of(session.id)]
    assert session.started_at < ends[0] < ends[1] <= session.ended_at
    [summary] = store.session_summaries()
    assert summary.duration_s == pytest.approx(engine.elapsed_session_s())
    # Checked after the correction: the session is dated 3 hours ahead of now, a note about the clock.
    findings = check(store, now=wall[0])
    assert [f.severity for f in findings] == ["note"] and "the clock was ahead" in findings[0].message
    assert check(store, now=wall[0] + timedelta(hours=4)) == []
