"""Between the session engine and the history: recording as it happens, resuming, and soreness.

* :class:`SessionRecorder` writes a session when it starts (with its plan as JSON), each step the
  moment the engine emits it, and the end status.
* :func:`find_resumable` finds a session left ``running`` by a closed or killed app and says where it
  resumes: after the furthest step recorded, with the plan it was started with. :func:`resume` builds
  the engine and recorder for it; :func:`end_interrupted` closes it instead. Nothing recorded is lost
  either way.
* :func:`soreness_follow_up` says whether to ask the pack's soreness question at this start: once,
  about the last finished session, when its highest pain reached the caution band.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from solecheck.history.records import SessionRecord, SessionStatus, StepRecord, utcnow
from solecheck.packs.pack import Pack
from solecheck.session.clock import Clock
from solecheck.session.engine import SessionEngine, StepResult
from solecheck.session.plan import PlanError, SessionPlan

Now = Callable[[], datetime]
"""Wall-clock time for the records (timezone-aware UTC); injectable for tests."""


class SessionHistory(Protocol):
    """The parts of ``HistoryStore`` a session uses."""

    def start_session(self, record: SessionRecord) -> None: ...
    def record_step(self, step: StepRecord) -> None: ...
    def finish_session(
        self, session_id: str, status: SessionStatus, ended_at: datetime | None = None,
        stop_reason: str | None = None,
    ) -> None: ...
    def steps_of(self, session_id: str) -> list[StepRecord]: ...
    def unfinished_session(self, pack_id: str | None = None) -> SessionRecord | None: ...
    def last_finished_session(self, pack_id: str | None = None) -> SessionRecord | None: ...
    def set_soreness(self, session_id: str, settled: bool) -> None: ...


def step_record(session_id: str, result: StepResult, ended_at: datetime) -> StepRecord:
    """The history record of one engine result."""
    step = result.step
    return StepRecord(
        session_id=session_id,
        position=result.position,
        exercise_id=step.exercise_id,
        exercise_title=step.title,
        region=step.region,
        status=result.status,
        side=step.side,
        set_index=step.set_index,
        planned_s=step.duration_s,
        actual_s=result.actual_s,
        planned_reps=step.reps,
        actual_reps=result.actual_reps,
        pain=result.pain,
        note=result.note,
        ended_at=ended_at,
    )


class SessionRecorder:
    """Writes one session to the history while it runs. Pass :meth:`record` as the engine's
    ``on_result`` so each step is committed the moment it ends."""

    def __init__(self, store: SessionHistory, session: SessionRecord, plan: SessionPlan, now: Now = utcnow) -> None:
        self.store = store
        self.session = session
        self.plan = plan
        self.now = now
        self.recorded: list[StepRecord] = []
        self.unsaved: list[StepResult] = []
        """Results a failed write left behind; :meth:`flush` tries them again first."""
        self.finished = False

    @classmethod
    def begin(
        cls, store: SessionHistory, plan: SessionPlan, *, screening_id: str | None = None, now: Now = utcnow
    ) -> SessionRecorder:
        """Record a new session as ``running`` and return its recorder."""
        session = SessionRecord(
            pack_id=plan.pack_id,
            pack_version=plan.pack_version,
            routine_id=plan.routine_id,
            routine_title=plan.routine_title,
            planned_steps=len(plan.steps),
            screening_id=screening_id,
            started_at=now(),
            plan_json=plan.to_json(),
        )
        store.start_session(session)
        return cls(store, session, plan, now)

    @property
    def session_id(self) -> str:
        return self.session.id

    def record(self, result: StepResult) -> StepRecord:
        """Commit one finished step."""
        record = step_record(self.session.id, result, self.now())
        self.store.record_step(record)
        self.recorded.append(record)
        return record

    def flush(self, engine: SessionEngine) -> int:
        """Record every result the engine emitted since the last flush (for an engine built without
        ``on_result``). A write that fails keeps its result for the next flush and re-raises, so
        nothing finished is dropped. Returns how many were recorded."""
        self.unsaved.extend(engine.drain())
        written = 0
        while self.unsaved:
            self.record(self.unsaved[0])
            self.unsaved.pop(0)
            written += 1
        return written

    def finish(self, status: SessionStatus, reason: str | None = None) -> None:
        """Record how the session ended (once; later calls do nothing)."""
        if self.finished:
            return
        self.store.finish_session(self.session.id, status, self.now(), reason)
        self.finished = True

    def finish_from(self, engine: SessionEngine) -> None:
        """Record the end the engine reached (``completed``, ``stopped_*`` or ``interrupted``)."""
        if engine.end_status is None:
            raise ValueError("the session has not ended yet")
        self.finish(engine.end_status, engine.stop_reason)


def start_session(
    store: SessionHistory,
    plan: SessionPlan,
    clock: Clock,
    *,
    screening_id: str | None = None,
    now: Now = utcnow,
    immediate: bool = True,
) -> tuple[SessionEngine, SessionRecorder]:
    """A new recorded session: the recorder has written it as running; the engine is ready.

    With ``immediate`` each result is written from inside the engine's event; without it the caller
    calls ``recorder.flush(engine)`` after every event and tick (and can handle a failed write)."""
    recorder = SessionRecorder.begin(store, plan, screening_id=screening_id, now=now)
    engine = SessionEngine(plan, clock, on_result=recorder.record if immediate else None)
    return engine, recorder


# --- resuming ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResumeOffer:
    """A session the app was closed during. ``plan`` is ``None`` when its saved plan can't be read
    (it can then only be ended); ``next_position`` is where it resumes."""

    session: SessionRecord
    recorded: tuple[StepRecord, ...]
    plan: SessionPlan | None
    next_position: int

    @property
    def can_resume(self) -> bool:
        return self.plan is not None and self.next_position < len(self.plan.steps)

    @property
    def all_recorded(self) -> bool:
        """Every step was recorded: only the end was lost."""
        return self.plan is not None and self.next_position >= len(self.plan.steps)

    @property
    def steps_done(self) -> int:
        return len({r.position for r in self.recorded if r.status == "done"})

    @property
    def max_pain(self) -> int | None:
        pains = [r.pain for r in self.recorded if r.pain is not None]
        return max(pains) if pains else None

    def describe(self) -> str:
        """One sentence for the offer, e.g. ``Sole reset, started …: 1 of 2 steps done.``"""
        total = self.plan.steps if self.plan else ()
        where = f"{self.steps_done} of {len(total) or self.session.planned_steps} steps done"
        if self.can_resume and self.plan is not None:
            step = self.plan.steps[self.next_position]
            side = f" ({step.side} side)" if step.side else ""
            where += f"; it would continue with {step.title}{side}"
        return f"An unfinished session of {self.session.routine_title}: {where}."


def find_resumable(store: SessionHistory, pack_id: str) -> ResumeOffer | None:
    """The newest session of ``pack_id`` left running, with where it would resume; ``None`` if none."""
    session = store.unfinished_session(pack_id)
    if session is None:
        return None
    recorded = tuple(store.steps_of(session.id))
    plan: SessionPlan | None = None
    if session.plan_json:
        try:
            plan = SessionPlan.from_json(session.plan_json)
        except PlanError:
            plan = None
    next_position = max((r.position for r in recorded), default=-1) + 1
    return ResumeOffer(session, recorded, plan, next_position)


def end_interrupted(store: SessionHistory, offer: ResumeOffer, now: Now = utcnow) -> SessionStatus:
    """Close a session left running: ``completed`` when every step had been recorded, else
    ``interrupted``. Its recorded steps stay. Returns the status written."""
    status: SessionStatus = "completed" if offer.all_recorded else "interrupted"
    ended_at = max([now(), *(r.ended_at for r in offer.recorded)]) if offer.recorded else now()
    store.finish_session(offer.session.id, status, ended_at, None if status == "completed" else "app closed")
    return status


def resume(
    store: SessionHistory, offer: ResumeOffer, clock: Clock, now: Now = utcnow, *, immediate: bool = True
) -> tuple[SessionEngine, SessionRecorder]:
    """The engine and recorder continuing ``offer``'s session at its next position (``immediate`` as
    for :func:`start_session`)."""
    if not offer.can_resume or offer.plan is None:
        raise ValueError("this session can't be resumed; end it instead")
    recorder = SessionRecorder(store, offer.session, offer.plan, now)
    recorder.recorded.extend(offer.recorded)
    engine = SessionEngine(
        offer.plan,
        clock,
        start_at=offer.next_position,
        on_result=recorder.record if immediate else None,
        prior_max_pain=offer.max_pain,
    )
    return engine, recorder


# --- soreness follow-up ----------------------------------------------------------------------------


@dataclass(frozen=True)
class SorenessFollowUp:
    """The question to ask about the last session, which reached the caution band."""

    session: SessionRecord
    max_pain: int
    question: str
    advice: str


def soreness_follow_up(store: SessionHistory, pack: Pack) -> SorenessFollowUp | None:
    """Whether to ask the soreness question now: the last finished session of the pack reached the
    caution band (the pain limits it ran with) and has no answer yet."""
    last = store.last_finished_session(pack.id)
    if last is None or last.soreness_settled is not None:
        return None
    pains = [r.pain for r in store.steps_of(last.id) if r.pain is not None]
    if not pains:
        return None
    caution_from = pack.session.pain_check.caution_from
    if last.plan_json:
        with suppress(PlanError):
            caution_from = SessionPlan.from_json(last.plan_json).caution_from
    if max(pains) < caution_from:
        return None
    check = pack.session.pain_check
    return SorenessFollowUp(last, max(pains), check.soreness_question, check.soreness_advice)


def answer_soreness(store: SessionHistory, follow_up: SorenessFollowUp, settled: bool) -> str | None:
    """Record the answer; returns the pack's advice to show when the soreness did not settle."""
    store.set_soreness(follow_up.session.id, settled)
    return None if settled else follow_up.advice
