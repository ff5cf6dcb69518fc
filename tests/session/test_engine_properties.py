"""Random event sequences against the session engine: the invariants hold whatever the person does."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from solecheck.session.engine import IllegalEvent, SessionEngine, StepResult
from tests.conftest import FakeClock
from tests.session.test_engine import RICH_PLAN


class SessionMachine(RuleBasedStateMachine):
    """Drives one engine with any event at any moment; refused events must change nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.clock = FakeClock()
        self.called: list[StepResult] = []
        self.drained: list[StepResult] = []
        self.engine = SessionEngine(RICH_PLAN, self.clock, on_result=self.called.append)
        self.reached = 0

    @initialize(start_at=st.integers(0, len(RICH_PLAN) - 1))
    def choose_start(self, start_at: int) -> None:
        self.engine = SessionEngine(RICH_PLAN, self.clock, start_at=start_at, on_result=self.called.append)
        self.reached = start_at

    def _try(self, event: str, *args: object) -> None:
        engine = self.engine
        before = (engine.state, engine.index, len(engine.results), engine.remaining(), engine.max_pain)
        try:
            getattr(engine, event)(*args)
        except IllegalEvent as refused:
            assert refused.event == event
            engine.update()
            after = (engine.state, engine.index, len(engine.results), engine.remaining(), engine.max_pain)
            # A refused event changes nothing but the transitions its clock reading was due anyway.
            if before[0] not in ("get_ready", "running", "resting"):
                assert after == before

    @rule(seconds=st.sampled_from([0.25, 1, 4.5, 10, 29.75, 61, 400]))
    def wait(self, seconds: float) -> None:
        self.clock.advance(seconds)

    @rule()
    def update(self) -> None:
        self.engine.update()

    @rule(event=st.sampled_from(["start", "pause", "resume", "skip", "back", "extend", "finish_step", "skip_region"]))
    def simple_event(self, event: str) -> None:
        self._try(event)

    @rule(score=st.integers(0, 10))
    def rate_pain(self, score: int) -> None:
        self._try("record_pain", score)

    @rule(text=st.sampled_from(["tight", "[b]odd[/b]", "ok"]))
    def note(self, text: str) -> None:
        self._try("add_note", text)

    @precondition(lambda self: not self.engine.finished)
    @rule(reason=st.sampled_from([None, "tired", ""]))
    def stop(self, reason: str | None) -> None:
        self._try("stop", reason)

    @rule()
    def drain(self) -> None:
        self.drained.extend(self.engine.drain())

    @invariant()
    def time_is_never_negative(self) -> None:
        engine = self.engine
        remaining = engine.remaining()
        assert remaining is None or remaining >= 0
        assert engine.step_elapsed() >= 0 and engine.elapsed_session_s() >= 0
        assert all(r.actual_s is None or r.actual_s >= 0 for r in engine.results)
        # Active time recorded can never exceed the clock time the session has lasted.
        active = sum(r.actual_s or 0 for r in engine.results)
        assert active <= engine.elapsed_session_s() + 1e-6

    @invariant()
    def at_most_one_step_in_progress(self) -> None:
        engine = self.engine
        in_step = engine.state in ("get_ready", "running", "pain_check") or (
            engine.state == "paused" and engine.paused_from in ("get_ready", "running")
        )
        if in_step:
            assert engine.current is not None and 0 <= engine.index < len(RICH_PLAN)
        if engine.state == "running" and engine.current is not None and engine.current.timed:
            assert engine.remaining() is not None
        assert 0 <= engine.index <= len(RICH_PLAN)

    @invariant()
    def every_finished_step_is_recorded_exactly_once(self) -> None:
        engine = self.engine
        results = engine.results
        assert [r.sequence for r in results] == list(range(len(results)))
        assert self.called == results
        assert self.drained + engine.drain() == results  # drain returns only what was not drained yet
        self.drained = list(results)
        # Nothing is recorded for a step never reached.
        self.reached = max(self.reached, engine.index)
        assert all(r.position < self.reached or r.position == engine.index for r in results)

    @invariant()
    def a_completed_session_recorded_every_step_from_its_start(self) -> None:
        engine = self.engine
        if engine.state == "done":
            assert engine.end_status == "completed" and engine.progress == 1
            recorded = {r.position for r in engine.results}
            assert set(range(engine.start_position, len(RICH_PLAN))) <= recorded


SessionMachine.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestSessionMachine = SessionMachine.TestCase
