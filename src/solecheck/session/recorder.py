"""Between the session engine and the history: recording as it happens, resuming, and soreness.

* :class:`SessionRecorder` writes a session when it starts (with its plan as JSON), each step the
  moment the engine emits it, and the end status. A write that fails (disk full, folder read-only,
  database busy) never loses anything and never stops the session: the write is kept in memory, in
  order, and tried again on the next step, by :meth:`SessionRecorder.save`, and at the end; the
  recorder's ``error`` says why, for the screen to tell the person. While a write fails the session
  is also kept in a journal beside the history (``solecheck.history.journal``) when that folder can
  be written, so it survives the process ending too; the next start saves it.
* :func:`find_resumable` finds the session a closed, killed or signalled app left unfinished and says
  where it resumes: after the furthest step recorded, with the plan it was started with.
  :func:`resume` builds the engine and recorder for it; :func:`end_interrupted` closes it instead.
  Nothing recorded is lost either way.

A running session is claimed by its process with an advisory lock file next to the history
(``<history file>.<session id>.lock``, ``flock``): another solecheck on the same data folder does not
offer a session that a live process is still recording, and the kernel drops the claim the moment
that process dies, however it dies.

Which sessions are offered for resume (the rule the app, the plain mode and the history share): the
newest session of the pack when it is still ``running`` (the process was killed), or when it is the
newest session of the pack, ``interrupted`` by a signal (:data:`SIGNAL_REASONS`: the terminal was
closed, or the process was asked to quit) with steps left. A session ended any other way (stopped,
completed, input ended, or ended from the offer) is never offered again.
* :func:`soreness_follow_up` says whether to ask the pack's soreness question at this start: once,
  about the last finished session, when its highest pain reached the caution band.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from solecheck.history import journal
from solecheck.history.local_time import zone_stamp
from solecheck.history.records import SessionRecord, SessionStatus, StepRecord, utcnow
from solecheck.history.store import DamagedHistory, HistoryError
from solecheck.packs.pack import Pack
from solecheck.session.clock import Clock
from solecheck.session.engine import SessionEngine, StepResult
from solecheck.session.plan import PlanError, SessionPlan

Now = Callable[[], datetime]
"""Wall-clock time for the records (timezone-aware UTC); injectable for tests."""

SIGNAL_REASONS: dict[str, str] = {
    "SIGHUP": "the terminal was closed",
    "SIGTERM": "solecheck was asked to quit",
}
"""The stop reason recorded for a session interrupted by each signal; such a session stays resumable."""


class SessionHistory(Protocol):
    """The parts of ``HistoryStore`` a session uses."""

    def start_session(self, record: SessionRecord) -> None: ...
    def get_session(self, session_id: str) -> SessionRecord | None: ...
    def reopen_session(self, session_id: str) -> None: ...
    def record_step(self, step: StepRecord) -> None: ...
    def finish_session(
        self, session_id: str, status: SessionStatus, ended_at: datetime | None = None,
        stop_reason: str | None = None, elapsed_s: float | None = None,
    ) -> None: ...
    def steps_of(self, session_id: str) -> list[StepRecord]: ...
    def unfinished_session(self, pack_id: str | None = None) -> SessionRecord | None: ...
    def last_finished_session(self, pack_id: str | None = None) -> SessionRecord | None: ...
    def set_soreness(self, session_id: str, settled: bool) -> None: ...


def _lock_path(store: SessionHistory, session_id: str) -> Path | None:
    path = getattr(store, "path", None)
    return journal.lock_path(Path(path), session_id) if path is not None else None


_CLAIMED: set[str] = set()
"""The sessions this process has claimed."""


class SessionClaim:
    """This process's claim on a running session (an ``flock`` on its lock file)."""

    def __init__(self, path: Path, fd: int, session_id: str) -> None:
        self.path = path
        self.fd = fd
        self.session_id = session_id

    @classmethod
    def take(cls, store: SessionHistory, session_id: str) -> SessionClaim | None:
        """Claim ``session_id``; ``None`` when it can't be (no lock files here): recording goes on."""
        path = _lock_path(store, session_id)
        if path is None:
            return None
        try:
            fd = os.open(path, os.O_CREAT | os.O_RDWR, 0o600)
        except OSError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            same_file = os.fstat(fd).st_ino == os.stat(path).st_ino
        except OSError:
            same_file = False
        if not same_file:  # taken, or removed as stale between our open and our lock
            os.close(fd)
            return None
        _CLAIMED.add(session_id)
        return cls(path, fd, session_id)

    def release(self) -> None:
        if self.fd < 0:
            return
        with suppress(OSError):
            self.path.unlink()
        os.close(self.fd)
        self.fd = -1
        _CLAIMED.discard(self.session_id)


def in_use_elsewhere(store: SessionHistory, session_id: str) -> bool:
    """Whether another live process is recording ``session_id`` now."""
    path = _lock_path(store, session_id)
    if path is None or session_id in _CLAIMED:
        return False
    return journal.held_elsewhere(path)


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
    ``on_result`` so each step is committed the moment it ends.

    Writes go through a queue kept in order: the session's start, its steps, its end. A write that
    fails stays queued (``pending``), ``error`` holds why, and the next :meth:`save` (every step,
    :meth:`flush`, :meth:`finish`, or a caller's timer) tries again, skipping a write that did land
    before its failure was reported. Nothing queued is ever dropped."""

    def __init__(
        self,
        store: SessionHistory,
        session: SessionRecord,
        plan: SessionPlan,
        now: Now = utcnow,
        clock: Clock | None = None,
        *,
        measures_whole: bool = False,
        started: datetime | None = None,
    ) -> None:
        """``clock``: the monotonic clock the session runs on; with it, times are stamped from one wall
        clock reading (``started``, else ``now()``) moved on by the clock (:meth:`stamp`)."""
        self.store = store
        self.session = session
        self.plan = plan
        self.now = now
        self.clock = clock
        self._anchor = (started or now(), clock()) if clock is not None else None
        self.measures_whole = measures_whole
        """This run saw the session from its start, so the engine's clock time is its whole length."""
        self.recorded: list[StepRecord] = []
        """Every step of this run, saved or not yet (what the summary shows)."""
        self.unsaved: list[StepRecord] = []
        """Steps whose write has not succeeded yet, oldest first."""
        self.start_pending = False
        self.end_pending: tuple[SessionStatus, datetime, str | None, float | None] | None = None
        self.error: HistoryError | None = None
        """Why the last save failed; ``None`` once everything is saved."""
        self.finished = False
        self._attempted: set[str] = set()
        self._kept: dict[int, StepRecord] = {}
        self.claim = SessionClaim.take(store, session.id)
        database = getattr(store, "path", None)
        self.journal = journal.SessionJournal.beside(Path(database), session.id) if database is not None else None
        """Where unsaved writes are kept on disk while the history can't take them."""
        self._journaled: set[str] = set()
        self._journal_tried = False

    def stamp(self) -> datetime:
        """The wall-clock time to record now: the wall clock read once when this run began, moved on by
        the monotonic clock since. A wall clock set back or forward mid-session (an NTP correction)
        then can't make a step end before the session started. Without a clock: ``now()``."""
        if self._anchor is None or self.clock is None:
            return self.now()
        wall, mono = self._anchor
        return wall + timedelta(seconds=max(0.0, self.clock() - mono))

    @classmethod
    def begin(
        cls,
        store: SessionHistory,
        plan: SessionPlan,
        *,
        screening_id: str | None = None,
        now: Now = utcnow,
        clock: Clock | None = None,
        zone: tzinfo | None = None,
    ) -> SessionRecorder:
        """Record a new session as ``running`` and return its recorder (if the write fails, the
        session is kept and its ``error`` says why). With ``clock`` (monotonic) the session's times
        follow it from the start (:meth:`stamp`) and its length is measured on it. The session keeps the
        UTC offset and name of ``zone`` (the system's when ``None``) for its local day and time."""
        started = now()
        offset, zone_name = zone_stamp(started, zone)
        session = SessionRecord(
            pack_id=plan.pack_id,
            pack_version=plan.pack_version,
            pack_digest=plan.pack_digest or None,
            routine_id=plan.routine_id,
            routine_title=plan.routine_title,
            planned_steps=len(plan.steps),
            screening_id=screening_id,
            started_at=started,
            plan_json=plan.to_json(),
            utc_offset_min=offset,
            zone=zone_name,
        )
        recorder = cls(store, session, plan, now, clock, measures_whole=clock is not None, started=started)
        recorder.start_pending = True
        recorder.save()
        return recorder

    @property
    def session_id(self) -> str:
        return self.session.id

    @property
    def pending(self) -> bool:
        """Something of this session is not in the history yet."""
        return self.start_pending or bool(self.unsaved) or self.end_pending is not None

    def record(self, result: StepResult) -> StepRecord:
        """Keep one finished step and write it (a failed write stays queued; this never raises)."""
        record = self._keep(result)
        self.save()
        return record

    def _keep(self, result: StepResult) -> StepRecord:
        """Queue one result (a result already kept, by its sequence number, is not kept twice)."""
        kept = self._kept.get(result.sequence)
        if kept is not None:
            return kept
        record = step_record(self.session.id, result, self.stamp())
        self._kept[result.sequence] = record
        self.recorded.append(record)
        self.unsaved.append(record)
        return record

    def save(self) -> bool:
        """Write everything queued, in order; ``True`` when nothing is left unsaved. Never raises a
        history error: a failed write stays queued and ``error`` says why."""
        try:
            if self.start_pending:
                if not self._landed(self.session.id, None):
                    self._attempted.add(self.session.id)
                    self.store.start_session(self.session)
                self.start_pending = False
            while self.unsaved:
                step = self.unsaved[0]
                if not self._landed(step.id, step.session_id):
                    self._attempted.add(step.id)
                    self.store.record_step(step)
                self.unsaved.pop(0)
            if self.end_pending is not None:
                status, ended_at, reason, elapsed = self.end_pending
                self.store.finish_session(self.session.id, status, ended_at, reason, elapsed)
                self.end_pending = None
        except HistoryError as error:
            self.error = error
            self._keep_in_journal()
            return False
        self.error = None
        if self._journal_tried and self.journal is not None:
            self.journal.discard()  # everything in it is in the history now
            self._journaled.clear()
            self._journal_tried = False
        if self.finished and self.claim is not None:
            self.claim.release()
        return True

    @property
    def kept_in_journal(self) -> Path | None:
        """The journal holding what is not saved yet, or ``None`` (kept in memory only)."""
        return self.journal.path if self.journal is not None and self._journaled else None

    def keeping_note(self) -> str:
        """One sentence for the person on where the unsaved part of the session is kept."""
        kept = self.kept_in_journal
        if isinstance(self.error, DamagedHistory):
            if kept is not None:
                return (
                    f"It is kept in {kept}: `solecheck history recover` copies it, with everything readable, "
                    "into a new history."
                )
            return "It is kept in memory only, until solecheck closes."
        if kept is not None:
            return (
                f"It is kept in memory and in {kept}, and saved as soon as the history can be written (by the "
                "next start, if solecheck closes first)."
            )
        return "It is kept in memory and saved as soon as the history can be written."

    def letting_go_note(self) -> str:
        """What is left of this session once this process stops trying to save it (the person gave up,
        or solecheck closes): which part is in the history, which part is in the journal (tried once
        more now), and which part is lost. Sentences for the person; never claims more than was written."""
        if not self.pending:
            return "Everything is saved in the history."
        self._keep_in_journal()
        saved_steps = len(self.recorded) - len(self.unsaved)
        if self.start_pending:
            in_history = "Nothing of this session is in the history."
        elif saved_steps == 0:
            in_history = "The history has the session's start but none of its steps."
        else:
            in_history = f"The history has the session and its first {_steps(saved_steps)}."
        missing = [key for key in self._pending_keys() if key not in self._journaled]
        kept = self.kept_in_journal
        if kept is None:
            return f"{in_history} The rest could not be kept anywhere and is lost when solecheck closes."
        if isinstance(self.error, DamagedHistory):
            later = "`solecheck history recover` copies it, with everything readable, into a new history."
        else:
            later = "It is added to the history the next time solecheck starts and can write there."
        if missing:
            return (
                f"{in_history} Part of the rest is kept in {kept}; the latest part could not be kept and is lost "
                f"when solecheck closes. {later}"
            )
        return f"{in_history} The rest is kept in {kept}. {later}"

    def _pending_keys(self) -> list[str]:
        """The journal keys of everything not saved yet (see :meth:`_keep_in_journal`)."""
        keys = [self.session.id] if self.start_pending else []
        keys += [step.id for step in self.unsaved]
        if self.end_pending is not None:
            keys.append("end")
        return keys

    def _keep_in_journal(self) -> None:
        """Append to the journal whatever is queued and not there yet (the session's start first)."""
        if self.journal is None:
            return
        keys: list[str] = []
        entries = []
        if self.session.id not in self._journaled:
            keys.append(self.session.id)
            entries.append(journal.session_entry(self.session))
        for step in self.unsaved:
            if step.id not in self._journaled:
                keys.append(step.id)
                entries.append(journal.step_entry(step))
        if self.end_pending is not None and "end" not in self._journaled:
            keys.append("end")
            entries.append(journal.end_entry(self.session.id, *self.end_pending))
        if entries:
            self._journal_tried = True
            if self.journal.append(entries):
                self._journaled.update(keys)

    def _landed(self, record_id: str, session_id: str | None) -> bool:
        """Whether a write tried before (and reported failed, or cut short) is in the history after all."""
        if record_id not in self._attempted:
            return False
        if session_id is None:
            return self.store.get_session(record_id) is not None
        return any(step.id == record_id for step in self.store.steps_of(session_id))

    def flush(self, engine: SessionEngine) -> int:
        """Record every result the engine emitted since the last flush (for an engine built without
        ``on_result``). A write that fails keeps its result for the next flush and re-raises, so
        nothing finished is dropped. Returns how many steps were written."""
        for result in engine.drain():
            self._keep(result)
        waiting = len(self.unsaved)
        if not self.save():
            assert self.error is not None
            raise self.error
        return waiting

    def finish(self, status: SessionStatus, reason: str | None = None, elapsed_s: float | None = None) -> bool:
        """Record how the session ended (once; later calls only retry a pending write), and how long it
        ran on the monotonic clock when that was measured. Returns whether everything is saved."""
        if not self.finished:
            self.end_pending = (status, self.stamp(), reason, elapsed_s)
            self.finished = True
        return self.save()

    def finish_from(self, engine: SessionEngine) -> bool:
        """Record the end the engine reached (``completed``, ``stopped_*`` or ``interrupted``),
        with any results not recorded yet."""
        if engine.end_status is None:
            raise ValueError("the session has not ended yet")
        for result in engine.drain():
            self._keep(result)
        elapsed = round(engine.elapsed_session_s(), 3) if self.measures_whole else None
        return self.finish(engine.end_status, engine.stop_reason, elapsed)


def _steps(count: int) -> str:
    return "1 step" if count == 1 else f"{count} steps"


def start_session(
    store: SessionHistory,
    plan: SessionPlan,
    clock: Clock,
    *,
    screening_id: str | None = None,
    now: Now = utcnow,
    immediate: bool = True,
    zone: tzinfo | None = None,
) -> tuple[SessionEngine, SessionRecorder]:
    """A new recorded session: the recorder has written it as running; the engine is ready.

    With ``immediate`` each result is written from inside the engine's event; without it the caller
    calls ``recorder.flush(engine)`` after every event and tick (and can handle a failed write)."""
    recorder = SessionRecorder.begin(store, plan, screening_id=screening_id, now=now, clock=clock, zone=zone)
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


def interrupted_by_signal(session: SessionRecord) -> bool:
    """Whether ``session`` was saved as interrupted because the terminal closed or the process was
    asked to quit (see :data:`SIGNAL_REASONS`)."""
    return session.status == "interrupted" and session.stop_reason in SIGNAL_REASONS.values()


def find_resumable(store: SessionHistory, pack_id: str) -> ResumeOffer | None:
    """The session of ``pack_id`` to offer for resume, with where it would resume; ``None`` if none.

    That is the newest session left ``running``, else the newest session of the pack when a signal
    interrupted it and it has steps left (the rule in the module docstring)."""
    session = store.unfinished_session(pack_id)
    if session is not None and in_use_elsewhere(store, session.id):
        return None  # another solecheck on this data folder is recording it right now
    if session is None:
        last = store.last_finished_session(pack_id)
        if last is None or not interrupted_by_signal(last):
            return None
        offer = _offer_for(store, last)
        return offer if offer.can_resume else None
    return _offer_for(store, session)


def _offer_for(store: SessionHistory, session: SessionRecord) -> ResumeOffer:
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
    """Close a session left running (or interrupted by a signal): ``completed`` when every step had
    been recorded, else ``interrupted``, no longer offered for resume. Its recorded steps stay.
    Returns the status written."""
    status: SessionStatus = "completed" if offer.all_recorded else "interrupted"
    ended_at = max([now(), *(r.ended_at for r in offer.recorded)]) if offer.recorded else now()
    if offer.session.status == "interrupted" and offer.session.ended_at is not None:
        ended_at = offer.session.ended_at
    store.finish_session(offer.session.id, status, ended_at, None if status == "completed" else "app closed")
    return status


def resume(
    store: SessionHistory, offer: ResumeOffer, clock: Clock, now: Now = utcnow, *, immediate: bool = True
) -> tuple[SessionEngine, SessionRecorder]:
    """The engine and recorder continuing ``offer``'s session at its next position (``immediate`` as
    for :func:`start_session`)."""
    if not offer.can_resume or offer.plan is None:
        raise ValueError("this session can't be resumed; end it instead")
    if offer.session.status != "running":
        store.reopen_session(offer.session.id)
    recorder = SessionRecorder(store, offer.session, offer.plan, now, clock)
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


def soreness_follow_up(
    store: SessionHistory, pack: Pack, *, now: datetime | None = None, zone: tzinfo | None = None
) -> SorenessFollowUp | None:
    """Whether to ask the soreness question at ``now`` (aware UTC; the wall clock when ``None``): the
    last finished session of the pack reached the caution band (the pain limits it ran with), has no
    answer yet, and ended on an earlier local day in ``zone`` (the system's when ``None``) at least
    ``pain_check.soreness_min_hours`` ago. The question is about the next morning, so it is never asked
    the same day (nor about a session stamped in the future)."""
    last = store.last_finished_session(pack.id)
    if last is None or last.soreness_settled is not None:
        return None
    steps = store.steps_of(last.id)
    pains = [r.pain for r in steps if r.pain is not None]
    if not pains:
        return None
    # When the exercise was done: its last step (a session ended later from the resume offer keeps it).
    done = max((r.ended_at for r in steps), default=last.ended_at or last.started_at)
    moment = now or utcnow()
    if done.astimezone(zone).date() >= moment.astimezone(zone).date():
        return None
    if moment - done < timedelta(hours=pack.session.pain_check.soreness_min_hours):
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
