"""The session state machine on a fake clock: every state, every event, exact times."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from solecheck.packs.pack import Pack
from solecheck.screening.outcome import RoutineChanges
from solecheck.session.engine import EXTEND_S, IllegalEvent, SessionEngine, StepResult, pain_band
from solecheck.session.plan import PlannedStep, SessionPlan, build_plan
from tests.conftest import FakeClock


def timed(exercise: str = "a", seconds: int = 60, *, region: str = "calf", side: str | None = None,
          rest: int = 0, pain_check: bool = False, set_index: int = 1, set_count: int = 1) -> PlannedStep:
    return PlannedStep(exercise, exercise.upper(), region, side, set_index, set_count,  # type: ignore[arg-type]
                       duration_s=seconds, rest_after_s=rest, pain_check=pain_check)


def reps(exercise: str = "r", count: int = 8, *, region: str = "spine", pain_check: bool = False) -> PlannedStep:
    return PlannedStep(exercise, exercise.upper(), region, None, 1, 1, reps=count, pain_check=pain_check)


def make_plan(*steps: PlannedStep, get_ready: int = 0) -> SessionPlan:
    return SessionPlan("p", "1.0.0", "r", "Routine", tuple(steps), get_ready_s=get_ready, caution_from=4, pain_limit=5)


# A plan touching every kind of step: get ready, sides, a rest between sets, pain checks, repetitions.
RICH_PLAN = make_plan(
    timed("sole", 60, region="foot_sole", side="left", pain_check=True),
    timed("sole", 60, region="foot_sole", side="right", pain_check=True),
    timed("calf", 30, side="left", set_count=2),
    timed("calf", 30, side="right", set_count=2, rest=10),
    timed("calf", 30, side="left", set_index=2, set_count=2),
    timed("calf", 30, side="right", set_index=2, set_count=2),
    reps("cat", 8),
    get_ready=5,
)


# --- exact timing --------------------------------------------------------------------------------


def test_sixty_second_step_paused_for_ten_seconds_ends_after_exactly_seventy(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(seconds=60)), clock)
    engine.start()
    begun = clock()
    assert engine.state == "running" and engine.remaining() == 60
    clock.advance(20)
    engine.pause()
    assert engine.state == "paused" and engine.remaining() == 40
    clock.advance(10)
    assert engine.update() == "paused" and engine.remaining() == 40
    engine.resume()
    clock.advance(39.5)
    assert engine.update() == "running" and engine.remaining() == pytest.approx(0.5)
    clock.advance(0.5)
    assert engine.update() == "done"
    assert engine.ended_at is not None and engine.ended_at - begun == 70
    [result] = engine.results
    assert (result.status, result.planned_s, result.actual_s) == ("done", 60, 60)


def test_late_updates_apply_each_transition_at_its_own_deadline(clock: FakeClock) -> None:
    """A suspended terminal: nothing is ticked for ten minutes, and every time recorded stays exact."""
    plan = make_plan(timed("a", 30), timed("b", 20, rest=7), timed("c", 15), get_ready=5)
    engine = SessionEngine(plan, clock)
    engine.start()
    clock.advance(600)
    assert engine.update() == "done"
    assert [r.actual_s for r in engine.results] == [30, 20, 15]
    assert engine.elapsed_session_s() == 5 + 30 + 5 + 20 + 7 + 5 + 15


def test_ticks_do_not_count_time_only_the_clock_does(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(seconds=10)), clock)
    engine.start()
    for _ in range(1000):
        engine.tick()
    assert engine.remaining() == 10
    clock.advance(9.25)
    engine.tick()
    assert engine.remaining() == pytest.approx(0.75)


def test_get_ready_counts_down_before_each_timed_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 30), reps(), get_ready=5), clock)
    engine.start()
    assert engine.state == "get_ready" and engine.remaining() == 5 and engine.countdown_length() == 5
    clock.advance(5)
    assert engine.update() == "running" and engine.remaining() == 30
    clock.advance(30)
    assert engine.update() == "running"  # a repetition step starts at once, with no countdown
    assert engine.current is not None and engine.current.reps == 8 and engine.remaining() is None


def test_finish_step_during_get_ready_starts_the_step_now(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 30), get_ready=5), clock)
    engine.start()
    clock.advance(2)
    engine.finish_step()
    assert engine.state == "running" and engine.remaining() == 30
    clock.advance(30)
    assert engine.update() == "done" and engine.results[0].actual_s == 30


def test_rest_between_sets_then_next_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 30, rest=10), timed("b", 30)), clock)
    engine.start()
    clock.advance(30)
    assert engine.update() == "resting"
    assert engine.remaining() == 10 and engine.countdown_length() == 10
    assert engine.current is not None and engine.current.exercise_id == "b"
    assert engine.next_step is not None and engine.next_step.exercise_id == "b"
    clock.advance(10)
    assert engine.update() == "running"


def test_repetition_step_is_done_when_the_person_says_so(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(reps(count=8)), clock)
    engine.start()
    clock.advance(42)
    assert engine.update() == "running"
    engine.finish_step()
    assert engine.state == "done"
    [result] = engine.results
    assert (result.planned_reps, result.actual_reps, result.actual_s, result.planned_s) == (8, 8, None, None)


def test_finishing_a_timed_step_early_records_the_actual_time(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(seconds=60), timed("b")), clock)
    engine.start()
    clock.advance(41.5)
    engine.finish_step()
    assert engine.results[0].actual_s == 41.5 and engine.results[0].status == "done"
    assert engine.state == "running" and engine.index == 1


# --- skip, back, extend ---------------------------------------------------------------------------


def test_skip_records_a_skipped_step_and_moves_on_without_rest(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", rest=10), timed("b")), clock)
    engine.start()
    clock.advance(12)
    engine.skip()
    assert engine.state == "running" and engine.index == 1
    assert [(r.position, r.status, r.actual_s) for r in engine.results] == [(0, "skipped", 12)]


def test_skip_during_rest_ends_the_rest_and_records_nothing(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 5, rest=30), timed("b")), clock)
    engine.start()
    clock.advance(5)
    engine.update()
    engine.skip()
    assert engine.state == "running" and engine.index == 1 and len(engine.results) == 1


def test_back_redoes_the_previous_step_and_drops_the_unfinished_one(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 10), timed("b", 10), timed("c", 10)), clock)
    engine.start()
    clock.advance(10)
    engine.update()
    clock.advance(4)
    engine.back()
    assert engine.index == 0 and engine.state == "running" and engine.remaining() == 10
    clock.advance(10)
    clock.advance(10)
    engine.update()
    clock.advance(10)
    engine.update()
    assert engine.state == "done"
    assert [(r.sequence, r.position) for r in engine.results] == [(0, 0), (1, 0), (2, 1), (3, 2)]


def test_back_from_a_rest_goes_to_the_step_just_done(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 10, rest=20), timed("b")), clock)
    engine.start()
    clock.advance(10)
    assert engine.update() == "resting"
    engine.back()
    assert engine.index == 0 and engine.state == "running"


def test_back_on_the_first_step_is_refused(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(), timed("b")), clock)
    engine.start()
    with pytest.raises(IllegalEvent, match="'back' is not possible while the session is running: this is the first"):
        engine.back()
    assert engine.state == "running" and engine.index == 0


def test_extend_adds_fifteen_seconds_to_a_step_and_counts_in_the_actual_time(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(seconds=30)), clock)
    engine.start()
    engine.extend()
    assert engine.remaining() == 30 + EXTEND_S and engine.countdown_length() == 45
    clock.advance(10)
    engine.pause()
    engine.extend()
    assert engine.remaining() == 20 + 2 * EXTEND_S
    engine.resume()
    clock.advance(50)
    assert engine.update() == "done"
    assert engine.results[0].actual_s == 60 and engine.results[0].planned_s == 30


def test_extend_lengthens_get_ready_and_rest_but_not_the_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 10, rest=10), timed("b", 10), get_ready=5), clock)
    engine.start()
    engine.extend()
    assert engine.remaining() == 20
    clock.advance(20)
    assert engine.update() == "running" and engine.remaining() == 10
    clock.advance(10)
    assert engine.update() == "resting"
    engine.extend()
    assert engine.remaining() == 25
    clock.advance(25)
    assert engine.update() == "get_ready"
    clock.advance(5)
    assert engine.update() == "running" and engine.remaining() == 10


def test_extend_refuses_a_repetition_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(reps()), clock)
    engine.start()
    with pytest.raises(IllegalEvent, match="counts repetitions"):
        engine.extend()


# --- pain -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band"), [(0, "ok"), (3, "ok"), (4, "caution"), (5, "caution"), (6, "limit"), (10, "limit")]
)
def test_pain_bands_follow_the_pack_defaults(score: int, band: str) -> None:
    assert pain_band(score, 4, 5) == band


def test_pain_check_follows_a_checked_step_and_records_the_rating(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("sole", 60, region="foot_sole", pain_check=True), timed("b")), clock)
    engine.start()
    clock.advance(60)
    assert engine.update() == "pain_check" and engine.results == []
    clock.advance(300)  # waiting for an answer takes as long as it takes
    assert engine.update() == "pain_check"
    assert engine.record_pain(2) == "ok"
    assert engine.state == "running" and engine.index == 1
    assert [(r.status, r.pain, r.actual_s) for r in engine.results] == [("done", 2, 60)]


def test_caution_band_carries_on(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(pain_check=True), timed("b")), clock)
    engine.start()
    clock.advance(60)
    engine.update()
    assert engine.record_pain(5) == "caution"
    assert engine.state == "running" and engine.last_band == "caution" and engine.max_pain == 5


def test_pain_above_the_limit_pauses_and_stop_is_stopped_for_pain(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(pain_check=True), timed("b")), clock)
    engine.start()
    clock.advance(60)
    engine.update()
    assert engine.record_pain(7) == "limit"
    assert engine.state == "pain_limit" and engine.limit_region == "calf"
    clock.advance(100)
    assert engine.update() == "pain_limit"
    for refused in (engine.resume, engine.skip, engine.finish_step, engine.start):
        with pytest.raises(IllegalEvent):
            refused()
    engine.stop("Too sore")
    assert (engine.state, engine.end_status, engine.stop_reason) == ("stopped", "stopped_pain", "Too sore")
    assert [(r.position, r.pain) for r in engine.results] == [(0, 7)]


def test_skip_region_skips_the_rest_of_that_region_only(clock: FakeClock) -> None:
    plan = make_plan(
        timed("sole", 10, region="foot_sole", side="left", pain_check=True),
        timed("sole", 10, region="foot_sole", side="right", pain_check=True),
        timed("calf", 10),
    )
    engine = SessionEngine(plan, clock)
    engine.start()
    clock.advance(10)
    engine.update()
    engine.record_pain(8)
    assert engine.skip_region() == 1
    assert engine.state == "running" and engine.current is not None and engine.current.exercise_id == "calf"
    assert [(r.position, r.status, r.pain) for r in engine.results] == [(0, "done", 8), (1, "skipped", None)]


def test_skip_region_at_the_end_ends_the_session_as_stopped_for_pain(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 10, pain_check=True), timed("b", 10)), clock)
    engine.start()
    clock.advance(10)
    engine.update()
    engine.record_pain(9)
    assert engine.skip_region() == 1
    assert engine.state == "stopped" and engine.end_status == "stopped_pain"
    assert engine.stop_reason == "pain above the limit; the rest of the routine was skipped"
    assert [(r.position, r.status) for r in engine.results] == [(0, "done"), (1, "skipped")]


def test_an_interrupted_step_with_only_time_spent_is_left_for_the_resume(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 60), timed("b", 60)), clock)
    engine.start()
    clock.advance(20)
    engine.stop("solecheck was asked to quit", status="interrupted", keep_time_under_way=False)
    assert engine.results == [] and engine.end_status == "interrupted"
    # With a pain rating given during it, it is kept (as skipped, with its time and the rating).
    rated = SessionEngine(make_plan(timed("a", 60), timed("b", 60)), clock)
    rated.start()
    clock.advance(20)
    rated.record_pain(3)
    rated.stop("solecheck was asked to quit", status="interrupted", keep_time_under_way=False)
    assert [(r.status, r.pain, r.actual_s) for r in rated.results] == [("skipped", 3, 20)]


def test_pain_rated_during_a_step_above_the_limit_ends_it_at_once(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 60), timed("b", 60, region="hip")), clock)
    engine.start()
    clock.advance(12)
    assert engine.record_pain(3) == "ok" and engine.state == "running"
    clock.advance(3)
    assert engine.record_pain(6) == "limit"
    assert engine.state == "pain_limit"
    assert [(r.status, r.actual_s, r.pain) for r in engine.results] == [("done", 15, 6)]
    assert engine.next_step is not None and engine.next_step.exercise_id == "b"


def test_pain_check_keeps_the_highest_rating_of_the_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(pain_check=True)), clock)
    engine.start()
    engine.record_pain(5)
    clock.advance(60)
    engine.update()
    engine.record_pain(1)
    assert engine.results[0].pain == 5 and engine.max_pain == 5


@pytest.mark.parametrize("bad", [-1, 11, 2.5, True, "3"])
def test_pain_rating_must_be_0_to_10(clock: FakeClock, bad: object) -> None:
    engine = SessionEngine(make_plan(timed(pain_check=True)), clock)
    engine.start()
    with pytest.raises(ValueError, match="0 to 10"):
        engine.record_pain(bad)  # type: ignore[arg-type]
    assert engine.results == []


# --- stop, notes, outputs -------------------------------------------------------------------------


def test_stop_with_a_reason_keeps_what_was_done_of_the_step_under_way(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(), timed("b")), clock)
    engine.start()
    clock.advance(20)
    engine.record_pain(3)
    engine.pause()
    clock.advance(50)
    engine.stop("  Phone rang  ")
    assert (engine.state, engine.end_status, engine.stop_reason) == ("stopped", "stopped_user", "Phone rang")
    assert [(r.status, r.actual_s, r.pain) for r in engine.results] == [("skipped", 20, 3)]
    assert engine.remaining() is None and engine.elapsed_session_s() == 70
    clock.advance(100)
    assert engine.elapsed_session_s() == 70


def test_stop_before_a_step_starts_records_nothing(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(), get_ready=5), clock)
    engine.start()
    clock.advance(3)
    engine.stop()
    assert engine.results == [] and engine.end_status == "stopped_user"


def test_stop_while_asked_for_pain_keeps_the_finished_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(pain_check=True), timed("b")), clock)
    engine.start()
    clock.advance(60)
    engine.update()
    engine.stop(status="interrupted")
    assert engine.end_status == "interrupted"
    assert [(r.status, r.pain, r.actual_s) for r in engine.results] == [("done", None, 60)]


def test_stop_cannot_claim_completion(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed()), clock)
    with pytest.raises(ValueError, match="not completed"):
        engine.stop(status="completed")


def test_notes_travel_with_their_step(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 10), timed("b", 10)), clock)
    engine.start()
    engine.add_note("tight arch")
    engine.add_note("better after a minute")
    clock.advance(10)
    engine.update()
    clock.advance(10)
    engine.update()
    assert [r.note for r in engine.results] == ["tight arch; better after a minute", None]
    with pytest.raises(ValueError, match="needs some text"):
        SessionEngine(make_plan(timed()), clock).add_note("   ")


def test_results_go_to_the_callback_and_the_outbox_once_each(clock: FakeClock) -> None:
    seen: list[StepResult] = []
    engine = SessionEngine(make_plan(timed("a", 10), timed("b", 10)), clock, on_result=seen.append)
    engine.start()
    clock.advance(10)
    engine.update()
    first = engine.drain()
    assert [r.position for r in first] == [0] and engine.drain() == []
    clock.advance(10)
    engine.update()
    assert [r.position for r in engine.drain()] == [1]
    assert seen == engine.results and len(seen) == 2


def test_resume_starts_at_a_later_position_and_carries_the_earlier_pain(clock: FakeClock) -> None:
    engine = SessionEngine(RICH_PLAN, clock, start_at=2, prior_max_pain=4)
    assert engine.progress == pytest.approx(2 / 7)
    engine.start()
    assert engine.current is RICH_PLAN.steps[2] and engine.max_pain == 4
    engine.back()
    assert engine.index == 1


def test_start_position_must_be_in_the_plan(clock: FakeClock) -> None:
    with pytest.raises(ValueError, match="outside the plan"):
        SessionEngine(RICH_PLAN, clock, start_at=7)


def test_modified_plan_runs_exactly_the_remaining_steps(builtin_pack: Pack, clock: FakeClock) -> None:
    changes = RoutineChanges(skip_tags=frozenset({"floor"}), dose_factor=0.5)
    plan = build_plan(builtin_pack, builtin_pack.routine("foot-to-spine"), changes)
    engine = SessionEngine(plan, clock)
    engine.start()
    while not engine.finished:
        clock.advance(1)
        engine.update()
        if engine.state == "pain_check":
            engine.record_pain(1)
    done = [r.step.exercise_id for r in engine.results]
    assert "knees-to-chest" not in done and "cat-cow" not in done
    assert len(done) == len(plan) == 12
    assert engine.results[0].actual_s == 30


def test_a_whole_routine_progresses_from_zero_to_one(clock: FakeClock) -> None:
    engine = SessionEngine(RICH_PLAN, clock)
    assert engine.progress == 0
    engine.start()
    progress = [engine.progress]
    while not engine.finished:
        clock.advance(5)
        if engine.update() == "pain_check":
            engine.record_pain(0)
        elif engine.state == "running" and engine.current is not None and not engine.current.timed:
            engine.finish_step()
        progress.append(engine.progress)
    assert progress == sorted(progress) and progress[-1] == 1
    assert engine.steps_done == 7 and engine.end_status == "completed"


# --- every state against every event --------------------------------------------------------------

EVENTS: dict[str, Callable[[SessionEngine], object]] = {
    "start": lambda e: e.start(),
    "pause": lambda e: e.pause(),
    "resume": lambda e: e.resume(),
    "skip": lambda e: e.skip(),
    "back": lambda e: e.back(),
    "extend": lambda e: e.extend(),
    "finish_step": lambda e: e.finish_step(),
    "stop": lambda e: e.stop("reason"),
    "record_pain": lambda e: e.record_pain(3),
    "add_note": lambda e: e.add_note("note"),
    "skip_region": lambda e: e.skip_region(),
}


def _into(state: str, clock: FakeClock) -> SessionEngine:
    """An engine on RICH_PLAN in ``state``, past its first step so ``back`` has somewhere to go."""
    engine = SessionEngine(RICH_PLAN, clock, start_at=3)
    if state == "ready":
        return engine
    engine.start()  # calf right, set 1: get ready
    if state in ("get_ready", "paused"):
        if state == "paused":
            clock.advance(6)
            engine.update()
            engine.pause()
        return engine
    clock.advance(5)
    engine.update()
    if state == "running":
        return engine
    clock.advance(30)
    engine.update()  # rest of 10 s after set 1
    if state == "resting":
        return engine
    if state in ("pain_check", "pain_limit"):
        engine = SessionEngine(RICH_PLAN, clock, start_at=1)
        engine.start()
        clock.advance(65)
        engine.update()
        if state == "pain_limit":
            engine.record_pain(9)
        return engine
    if state == "stopped":
        engine.stop()
        return engine
    assert state == "done"
    engine = SessionEngine(RICH_PLAN, clock, start_at=6)
    engine.start()
    engine.finish_step()
    return engine


LEGAL: dict[str, set[str]] = {
    "ready": {"start", "stop"},
    "get_ready": {"pause", "skip", "back", "extend", "finish_step", "stop", "add_note"},
    "running": {"pause", "skip", "back", "extend", "finish_step", "stop", "record_pain", "add_note"},
    "paused": {"resume", "skip", "back", "extend", "stop", "record_pain", "add_note"},  # paused during a step
    "resting": {"pause", "skip", "back", "extend", "stop"},
    "pain_check": {"record_pain", "add_note", "stop"},
    "pain_limit": {"skip_region", "stop"},
    "done": set(),
    "stopped": set(),
}


@pytest.mark.parametrize("state", list(LEGAL))
@pytest.mark.parametrize("event", list(EVENTS))
def test_every_event_in_every_state_is_handled_or_refused(state: str, event: str, clock: FakeClock) -> None:
    engine = _into(state, clock)
    assert engine.state == state

    def snapshot() -> tuple[object, ...]:
        return (engine.state, engine.index, len(engine.results), engine.remaining(), engine.max_pain)

    before = snapshot()
    if event in LEGAL[state]:
        EVENTS[event](engine)
        assert snapshot() != before or event == "add_note"
    else:
        with pytest.raises(IllegalEvent) as refused:
            EVENTS[event](engine)
        assert refused.value.event == event and refused.value.state == state
        assert repr(event) in str(refused.value) and state.replace("_", " ") in str(refused.value)
        assert snapshot() == before


def test_paused_during_a_step_accepts_pain_and_notes(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed(), timed("b")), clock)
    engine.start()
    clock.advance(5)
    engine.pause()
    engine.add_note("cramp")
    assert engine.record_pain(4) == "caution" and engine.state == "paused"
    with pytest.raises(IllegalEvent):
        engine.finish_step()
    assert engine.record_pain(6) == "limit"
    assert [(r.actual_s, r.pain, r.note) for r in engine.results] == [(5, 6, "cramp")]


def test_paused_during_a_rest_refuses_pain_and_notes(clock: FakeClock) -> None:
    engine = SessionEngine(make_plan(timed("a", 5, rest=30), timed("b")), clock)
    engine.start()
    clock.advance(5)
    engine.update()
    engine.pause()
    with pytest.raises(IllegalEvent):
        engine.record_pain(2)
    with pytest.raises(IllegalEvent):
        engine.add_note("x")
    engine.skip()
    assert engine.state == "running" and engine.index == 1
