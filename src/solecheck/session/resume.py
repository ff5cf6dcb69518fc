"""Resuming a session the app was closed during: which session is offered, where it resumes, and how
it is ended instead.

:func:`find_resumable` finds the session a closed, killed or signalled app left unfinished and says
where it resumes: after the furthest step recorded, with the plan it was started with.
:func:`resume` builds the engine and recorder for it; :func:`end_interrupted` closes it instead.
Nothing recorded is lost either way.

Which sessions are offered for resume (the rule the app, the plain mode and the history share): the
newest session of the pack when it is still ``running`` (the process was killed) and no live process
claims it (:mod:`solecheck.session.claim`), or when it is the newest session of the pack,
``interrupted`` by a signal (:data:`SIGNAL_REASONS`: the terminal was closed, or the process was asked
to quit) with steps left. A session ended any other way (stopped, completed, input ended, or ended from
the offer) is never offered again.
"""

from __future__ import annotations

from dataclasses import dataclass

from solecheck.history.records import SessionRecord, SessionStatus, StepRecord, utcnow
from solecheck.i18n import _, ngettext
from solecheck.session.claim import in_use_elsewhere
from solecheck.session.clock import Clock
from solecheck.session.engine import SessionEngine
from solecheck.session.plan import PlanError, SessionPlan
from solecheck.session.recorder import Now, SessionHistory, SessionRecorder

SIGNAL_REASONS: dict[str, str] = {
    "SIGHUP": "the terminal was closed",
    "SIGTERM": "solecheck was asked to quit",
}
"""The stop reason recorded for a session interrupted by each signal; such a session stays resumable."""


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
        planned = len(total) or self.session.planned_steps
        routine = self.session.routine_title
        if not (self.can_resume and self.plan is not None):
            return ngettext("An unfinished session of {routine}: {done} of {planned} step done.",
                            "An unfinished session of {routine}: {done} of {planned} steps done.",
                            planned).format(routine=routine, done=self.steps_done, planned=planned)
        step = self.plan.steps[self.next_position]
        if step.side == "left":
            then = _("{exercise} (left side)").format(exercise=step.title)
        elif step.side == "right":
            then = _("{exercise} (right side)").format(exercise=step.title)
        else:
            then = step.title
        return ngettext("An unfinished session of {routine}: {done} of {planned} step done; it would continue with "
                        "{next}.",
                        "An unfinished session of {routine}: {done} of {planned} steps done; it would continue with "
                        "{next}.",
                        planned).format(routine=routine, done=self.steps_done, planned=planned, next=then)


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
    store: SessionHistory, offer: ResumeOffer, clock: Clock, now: Now = utcnow
) -> tuple[SessionEngine, SessionRecorder]:
    """The engine and recorder continuing ``offer``'s session at its next position, each result handed
    to the recorder as for :func:`~solecheck.session.recorder.start_session`."""
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
        on_result=recorder.record,
        prior_max_pain=offer.max_pain,
    )
    return engine, recorder
