"""Between the session engine and the history: a session written as it happens, losing nothing.

:class:`SessionRecorder` writes a session when it starts (with its plan as JSON), each step the moment
the engine emits it, and the end status. A write that fails (disk full, folder read-only, database
busy) never loses anything and never stops the session: the write is kept in memory, in order, and
tried again on the next step, by :meth:`SessionRecorder.save`, and at the end; the recorder's ``error``
says why, for the frontend to tell the person. While a write fails the session is also kept in a
journal beside the history (``solecheck.history.journal``) when that folder can be written, so it
survives the process ending too; the next start saves it. The recorder claims its session for this
process while it runs (:mod:`solecheck.session.claim`).

How step results reach the recorder (one path): the engine pushes each result, the moment the step
ends, to its ``on_result`` callback, which :func:`start_session` and
:func:`~solecheck.session.resume.resume` set to :meth:`SessionRecorder.record`. ``record`` queues the
result and tries to write it; it never raises, so a failing disk can't break an engine event. After
each event a frontend reads ``error`` (and may call ``save`` again to retry); the end comes from
:meth:`SessionRecorder.finish_from`. The engine's outbox (``drain``) is not read by the recorder.

Resuming lives in :mod:`solecheck.session.resume`, the soreness follow-up in
:mod:`solecheck.session.soreness`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from pathlib import Path
from typing import Protocol

from solecheck.history import journal
from solecheck.history.local_time import zone_stamp
from solecheck.history.records import SessionRecord, SessionStatus, StepRecord, utcnow
from solecheck.history.store import DamagedHistory, HistoryError
from solecheck.i18n import _, ngettext
from solecheck.session.claim import SessionClaim
from solecheck.session.clock import Clock
from solecheck.session.engine import SessionEngine, StepResult
from solecheck.session.plan import SessionPlan

Now = Callable[[], datetime]
"""Wall-clock time for the records (timezone-aware UTC); injectable for tests."""

class SessionHistory(Protocol):
    """The parts of ``HistoryStore`` recording and resuming a session use."""

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
    :meth:`finish`, or a caller's timer) tries again, skipping a write that did land
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
                return _(
                    "It is kept in {file}: `solecheck history recover` copies it, with everything readable, "
                    "into a new history."
                ).format(file=kept)
            return _("It is kept in memory only, until solecheck closes.")
        if kept is not None:
            return _(
                "It is kept in memory and in {file}, and saved as soon as the history can be written (by the "
                "next start, if solecheck closes first)."
            ).format(file=kept)
        return _("It is kept in memory and saved as soon as the history can be written.")

    def letting_go_note(self) -> str:
        """What is left of this session once this process stops trying to save it (the person gave up,
        or solecheck closes): which part is in the history, which part is in the journal (tried once
        more now), and which part is lost. Sentences for the person; never claims more than was written."""
        if not self.pending:
            return _("Everything is saved in the history.")
        self._keep_in_journal()
        saved_steps = len(self.recorded) - len(self.unsaved)
        if self.start_pending:
            in_history = _("Nothing of this session is in the history.")
        elif saved_steps == 0:
            in_history = _("The history has the session's start but none of its steps.")
        else:
            in_history = ngettext("The history has the session and its first step.",
                                  "The history has the session and its first {count} steps.",
                                  saved_steps).format(count=saved_steps)
        missing = [key for key in self._pending_keys() if key not in self._journaled]
        kept = self.kept_in_journal
        if kept is None:
            return in_history + " " + _("The rest could not be kept anywhere and is lost when solecheck closes.")
        if isinstance(self.error, DamagedHistory):
            later = _("`solecheck history recover` copies it, with everything readable, into a new history.")
        else:
            later = _("It is added to the history the next time solecheck starts and can write there.")
        if missing:
            return in_history + " " + _(
                "Part of the rest is kept in {file}; the latest part could not be kept and is lost when solecheck "
                "closes."
            ).format(file=kept) + " " + later
        return in_history + " " + _("The rest is kept in {file}.").format(file=kept) + " " + later

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

    def finish(self, status: SessionStatus, reason: str | None = None, elapsed_s: float | None = None) -> bool:
        """Record how the session ended (once; later calls only retry a pending write), and how long it
        ran on the monotonic clock when that was measured. Returns whether everything is saved."""
        if not self.finished:
            self.end_pending = (status, self.stamp(), reason, elapsed_s)
            self.finished = True
        return self.save()

    def finish_from(self, engine: SessionEngine) -> bool:
        """Record the end the engine reached (``completed``, ``stopped_*`` or ``interrupted``); its
        results came through :meth:`record` as each step ended."""
        if engine.end_status is None:
            raise ValueError("the session has not ended yet")
        elapsed = round(engine.elapsed_session_s(), 3) if self.measures_whole else None
        return self.finish(engine.end_status, engine.stop_reason, elapsed)



def start_session(
    store: SessionHistory,
    plan: SessionPlan,
    clock: Clock,
    *,
    screening_id: str | None = None,
    now: Now = utcnow,
    zone: tzinfo | None = None,
) -> tuple[SessionEngine, SessionRecorder]:
    """A new recorded session: the recorder has written it as running; the engine is ready.

    The engine hands each result to :meth:`SessionRecorder.record` as the step ends (the one path, see
    the module docstring); after an event the caller reads ``recorder.error``."""
    recorder = SessionRecorder.begin(store, plan, screening_id=screening_id, now=now, clock=clock, zone=zone)
    engine = SessionEngine(plan, clock, on_result=recorder.record)
    return engine, recorder


