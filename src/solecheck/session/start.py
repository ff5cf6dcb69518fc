"""The one safety gate before a session: what to ask next, and whether a session may start.

Every frontend starts a session through :class:`StartGate`. The gate owns the order of the checks,
so a rule lives once (the app and the line mode only ask and show):

1. **Resume offer**: a session left unfinished is offered for resume or ended (nothing recorded is lost).
2. **Soreness follow-up**: after a session that reached the caution band, once, on a later local day
   (and at least ``pain_check.soreness_min_hours`` after it ended).
   An unfinished session that recorded a pain rating above the limit is not offered: it is ended (its
   steps kept) and the after-pain rule below applies. Resuming it would carry on past the pain pause
   without its stop-or-skip choice, under the plan of a screening the pain has overtaken.
3. **After pain above the limit**: when the pack's latest session recorded a pain rating above the limit,
   whatever its status (stopped for pain, completed after skipping the painful area, stopped, interrupted
   or still unfinished), what ``session.toml``'s ``[after_pain_stop]`` requires: a new screening (the
   default), a wait, or the clinic first.
4. **Clearance**: the latest screening (:mod:`solecheck.screening.validity`); a ``stop`` is refused
   with its reasons, and a screening is asked for when none holds.
5. **Plan**, then the recorded session starts.

The gate is written like the session engine: it is always at one :class:`Step` (``gate.step``), and
:meth:`StartGate.answer` takes the answer to that step and returns the next one. The steps that ask
something are :class:`OfferResume` (``"resume"``, ``"end"`` or ``None`` to leave), :class:`AskSoreness`
(``True``/``False``, ``None`` to skip), :class:`AskScreening` (the evaluated, unsaved
:class:`ScreeningOutcome`, or ``None`` when the person left), :class:`Refuse` (``"again"`` to answer
the screening again where offered, else ``None``) and :class:`Tell` (``None`` once shown). The gate
ends at :class:`Begin` (the engine and recorder of a running session) or :class:`NoSession`.

:func:`start_check` is the same decision without asking or writing anything: the home screen's line.
Times: ``now`` is the injected wall clock (aware UTC), ``zone`` the person's time zone for local days
(``None``: the system's), ``clock`` the monotonic clock the session runs on.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Literal

from solecheck.history.records import SessionRecord, StepRecord, status_label, utcnow
from solecheck.history.store import HistoryStore
from solecheck.i18n import _
from solecheck.packs.models import AnswerValue, Clinic, Routine
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import RoutineChanges, ScreeningOutcome
from solecheck.screening.record import record_outcome
from solecheck.screening.validity import FUTURE_TOLERANCE, Clearance, current_clearance, format_moment
from solecheck.session.clock import Clock
from solecheck.session.engine import SessionEngine
from solecheck.session.plan import PlanError, SessionPlan, build_plan
from solecheck.session.recorder import SessionRecorder, start_session
from solecheck.session.resume import ResumeOffer, end_interrupted, find_resumable, resume
from solecheck.session.soreness import SorenessFollowUp, answer_soreness, soreness_follow_up

# --- the steps ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OfferResume:
    """Ask whether to resume ``offer``'s session. Answer ``"resume"``, ``"end"``, or ``None`` to leave."""

    offer: ResumeOffer


@dataclass(frozen=True)
class Tell:
    """Show ``text`` (no choice to make). Answer ``None``. ``topic`` says what it is about: ``resume``
    (what became of an unfinished session: a passing notice will do) or ``soreness`` (advice to read
    before going on)."""

    text: str
    topic: Literal["resume", "soreness"]

    @property
    def title(self) -> str:
        return _("About that soreness") if self.topic == "soreness" else _("Unfinished session")


@dataclass(frozen=True)
class AskSoreness:
    """Ask the pack's soreness question about the last session. Answer ``True`` (it settled),
    ``False`` (it didn't) or ``None`` (not answered: asked again next time)."""

    follow_up: SorenessFollowUp

    @property
    def text(self) -> str:
        return _("Your last session reached a pain of {pain} out of 10.").format(pain=self.follow_up.max_pain)


@dataclass(frozen=True)
class AskScreening:
    """Ask the screening questions and return the evaluated outcome, unsaved (the gate records it), or
    ``None`` when the person left. ``reason`` says why a screening is needed now; ``hold`` is set when it
    is the after-pain rule that asks (a frontend should show ``reason`` then).

    When ``only`` is set, ask just those questions (the ones about today) with ``kept`` as the other
    answers, and evaluate them all together."""

    reason: str
    only: frozenset[str] | None = None
    kept: dict[str, AnswerValue] = field(default_factory=dict)
    hold: PainStopHold | None = None

    def asks(self, question_id: str) -> bool:
        return self.only is None or question_id in self.only


@dataclass(frozen=True)
class Refuse:
    """No session now: show ``reasons``, ``advice`` (what to do) and the clinic. Answer ``"again"`` to
    answer the screening again (only when ``may_screen_again``), else ``None``."""

    reasons: tuple[str, ...]
    advice: str
    clinic: Clinic
    may_screen_again: bool


@dataclass(frozen=True)
class Begin:
    """The end: a recorded session is running (``resumed`` when it continues an unfinished one).
    ``clearance`` is the screening it started under and ``outcome`` that screening's outcome."""

    engine: SessionEngine
    recorder: SessionRecorder
    resumed: bool = False
    clearance_note: str | None = None
    outcome: ScreeningOutcome | None = None


@dataclass(frozen=True)
class NoSession:
    """The end: nothing starts. ``message`` (when set) says why, for a frontend to show."""

    message: str | None = None


Step = OfferResume | Tell | AskSoreness | AskScreening | Refuse | Begin | NoSession
Answer = str | bool | ScreeningOutcome | None


class GateError(ValueError):
    """An answer that does not fit the step the gate is at (a frontend bug, never the person's)."""


# --- the after-pain rule -------------------------------------------------------------------------------


def pain_limit_of(session: SessionRecord, pack: Pack) -> int:
    """The pain limit (0–9) a rating of ``session`` is judged by: the lower of the one it ran with (its
    saved plan, when readable) and ``pack``'s now, so a pack that tightened its limit counts old ratings."""
    limit = pack.session.pain_check.limit
    if session.plan_json:
        with suppress(PlanError):
            limit = min(limit, SessionPlan.from_json(session.plan_json).pain_limit)
    return limit


def pain_above_limit(recorded: Sequence[StepRecord], session: SessionRecord, pack: Pack) -> int | None:
    """The highest pain rating (0–10) among ``recorded``, the steps of ``session``, when it is above
    :func:`pain_limit_of` the session; ``None`` otherwise."""
    pains = [r.pain for r in recorded if r.pain is not None]
    if not pains or max(pains) <= pain_limit_of(session, pack):
        return None
    return max(pains)


@dataclass(frozen=True)
class PainStopHold:
    """What a session that recorded pain above the limit still requires before the next session.

    ``max_pain`` is its highest rating (0–10; ``None`` for a session stopped for pain whose rating was not
    saved) and ``limit`` the limit it is judged by; ``require`` is the pack's
    policy (``[after_pain_stop]``); ``until`` is when a ``wait`` ends; ``moment`` is when the painful
    session ended (or its last step, while it is unfinished)."""

    session: SessionRecord
    require: Literal["screening", "wait", "clinic"]
    max_pain: int | None
    limit: int
    moment: datetime
    until: datetime | None = None

    @property
    def stopped(self) -> datetime:
        return self.moment

    def reason(self, zone: tzinfo | None) -> str:
        when = format_moment(self.moment, zone)
        if self.max_pain is None:
            return _("Your last session ({when}) was stopped for pain above the limit.").format(when=when)
        return _("Your last session ({when}) recorded pain {pain} out of 10, above the limit of {limit}.").format(
            when=when, pain=self.max_pain, limit=self.limit)

    def advice(self, zone: tzinfo | None) -> str:
        if self.require == "wait" and self.until is not None:
            return _("Rest until {until}; after that you can start again.").format(
                until=format_moment(self.until, zone))
        if self.require == "clinic":
            return _(
                "Contact the clinic, a physiotherapist or your doctor before your next session. Once you have, "
                "answer the safety questions again."
            )
        return _(
            "Answer the safety questions again before your next session, including how much pain you have today."
        )


def pain_stop_hold(store: HistoryStore, pack: Pack, now: datetime) -> PainStopHold | None:
    """The hold the after-pain rule puts on the next session of ``pack`` at ``now``; ``None`` when none.

    A hold applies when the pack's latest session (one still unfinished, else the last finished, each by
    write order, not by stamp) recorded a pain rating above the limit (:func:`pain_above_limit`), whatever
    its status: stopped for pain, completed after the painful area was skipped, stopped, or interrupted (its
    status says how the session ended, not whether it hurt); a session stopped for pain holds even when no
    such rating was saved. ``screening`` and ``clinic`` holds are lifted by a screening written after the
    one the session ran under (write order again, so a clock set back or ahead while either was recorded
    changes nothing; a session recorded without its screening falls back to the stamps, and a screening
    stamped in the future never lifts it). A ``wait`` lapses ``wait_hours`` after the session ended (a
    session stamped in the future never lapses: the clock looks wrong)."""
    last = store.unfinished_session(pack.id) or store.last_finished_session(pack.id)
    if last is None:
        return None
    steps = store.steps_of(last.id)
    max_pain = pain_above_limit(steps, last, pack)
    if max_pain is None and last.status != "stopped_pain":
        return None
    policy = pack.session.after_pain_stop
    stopped = last.ended_at or max((r.ended_at for r in steps), default=last.started_at)
    limit = pain_limit_of(last, pack)
    if policy.require == "wait":
        until = stopped + timedelta(hours=policy.wait_hours)
        held = now < until or stopped > now
        return PainStopHold(last, "wait", max_pain, limit, stopped, until) if held else None
    if last.screening_id is not None:
        later = store.screening_written_after(last.screening_id)
        if later is not None and later.taken_at <= now + FUTURE_TOLERANCE:
            return None
        return PainStopHold(last, policy.require, max_pain, limit, stopped)
    screening = store.latest_screening(pack.id, not_after=now + FUTURE_TOLERANCE)
    if screening is not None and stopped < screening.taken_at:
        return None
    return PainStopHold(last, policy.require, max_pain, limit, stopped)


# --- the decision without asking -----------------------------------------------------------------------


@dataclass(frozen=True)
class StartCheck:
    """Whether a session of a pack may start now, without asking anything: the home screen's line."""

    clearance: Clearance
    hold: PainStopHold | None = None

    @property
    def may_start(self) -> bool:
        return self.hold is None and self.clearance.may_start

    @property
    def blocked(self) -> bool:
        """Refused until something changes (a ``stop`` screening, a wait, the clinic first)."""
        return self.clearance.blocked or (self.hold is not None and self.hold.require != "screening")

    @property
    def needs_screening(self) -> bool:
        return not self.may_start and not self.blocked

    @property
    def changes(self) -> RoutineChanges:
        """The routine changes of the screening that holds (the home screen previews the routine with them)."""
        return self.clearance.changes

    def describe(self, zone: tzinfo | None = None) -> str:
        """One plain sentence or two: why a session can or can't start, and what to do."""
        if self.hold is not None and not self.clearance.blocked:
            return f"{self.hold.reason(zone)} {self.hold.advice(zone)}"
        return self.clearance.describe(zone)


def start_check(store: HistoryStore, pack: Pack, now: datetime, zone: tzinfo | None = None) -> StartCheck:
    """The gate's decision at ``now`` (aware UTC) for ``pack``, read from ``store``, with local days in
    ``zone`` (the system's when ``None``); writes nothing."""
    return StartCheck(current_clearance(store, pack, now, zone), pain_stop_hold(store, pack, now))


# --- the gate -----------------------------------------------------------------------------------------


def _fits(step: Step, value: Answer) -> bool:
    """Whether ``value`` is an answer ``step`` takes (see each step's docstring)."""
    if isinstance(step, OfferResume):
        return value in ("resume", "end", None)
    if isinstance(step, AskSoreness):
        return value is None or isinstance(value, bool)
    if isinstance(step, AskScreening):
        return value is None or isinstance(value, ScreeningOutcome)
    if isinstance(step, Refuse):
        return value is None or (value == "again" and step.may_screen_again)
    return value is None  # Tell


class StartGate:
    """The checks before one session of ``routine``, as steps (see the module docstring). The session it
    begins hands each step result to its recorder as the step ends (see :mod:`solecheck.session.recorder`)."""

    def __init__(
        self,
        store: HistoryStore,
        pack: Pack,
        routine: Routine,
        *,
        clock: Clock,
        now: Callable[[], datetime] = utcnow,
        zone: tzinfo | None = None,
    ) -> None:
        self.store = store
        self.pack = pack
        self.routine = routine
        self.clock = clock
        self.now = now
        self.zone = zone
        self._flow = self._steps()
        self.step: Step = self._advance(None, first=True)

    @property
    def finished(self) -> bool:
        return isinstance(self.step, (Begin, NoSession))

    def answer(self, value: Answer = None) -> Step:
        """Take the answer to the current step; returns the next step. ``GateError`` when ``value`` does
        not fit the step, or the gate has ended. A history write that fails raises ``HistoryError``."""
        step = self.step
        if self.finished:
            raise GateError("the gate has ended; nothing more to answer")
        if not _fits(step, value):
            raise GateError(f"{value!r} does not answer {type(step).__name__}")
        self.step = self._advance(value)
        return self.step

    def _advance(self, value: Answer, *, first: bool = False) -> Step:
        try:
            return next(self._flow) if first else self._flow.send(value)
        except StopIteration as end:
            result: Step = end.value
            return result

    def _steps(self) -> Generator[Step, Answer, Step]:  # noqa: C901 (the gate read top to bottom, on purpose)
        store, pack = self.store, self.pack
        offer = find_resumable(store, pack.id)
        if offer is not None and offer.session.started_at > self.now() + FUTURE_TOLERANCE:
            # Stamped in the future: written while the clock was wrong. It resumes nothing; its steps stay.
            end_interrupted(store, offer, self.now)
            yield Tell(
                offer.describe() + " " + _(
                    "It is dated {when}, later than now: the computer's clock looks wrong, so it can't be continued "
                    "and is saved as interrupted; its steps are kept."
                ).format(when=format_moment(offer.session.started_at, self.zone)),
                "resume",
            )
            offer = None
        painful = pain_above_limit(offer.recorded, offer.session, pack) if offer is not None else None
        if offer is not None and painful is not None:
            # Pain above the limit: the after-pain rule comes first, and the session is not continued.
            status = end_interrupted(store, offer, self.now)
            yield Tell(
                _(
                    "Your unfinished session of {routine} recorded pain {pain} out of 10, above the limit of {limit}, "
                    "so it is not continued: it is saved as {status}, and everything done in it is kept."
                ).format(routine=offer.session.routine_title, pain=painful, limit=pain_limit_of(offer.session, pack),
                         status=status_label(status)),
                "resume",
            )
            offer = None
        if offer is not None:
            if not offer.can_resume:
                status = end_interrupted(store, offer, self.now)
                yield Tell(
                    offer.describe() + " " + _("It can't be continued, so it is now saved as {status}; its steps are "
                                               "kept.").format(status=status_label(status)),
                    "resume",
                )
            else:
                choice = yield OfferResume(offer)
                if choice == "resume":
                    engine, recorder = resume(store, offer, self.clock, self.now)
                    return Begin(engine, recorder, resumed=True)
                if choice is None:
                    return NoSession()
                end_interrupted(store, offer, self.now)
                yield Tell(_("The unfinished session is saved as interrupted; everything done in it is kept."),
                           "resume")

        follow_up = soreness_follow_up(store, pack, now=self.now(), zone=self.zone)
        if follow_up is not None:
            settled = yield AskSoreness(follow_up)
            if isinstance(settled, bool):
                advice = answer_soreness(store, follow_up, settled)
                if advice:
                    yield Tell(advice, "soreness")

        check = start_check(store, pack, self.now(), self.zone)
        outcome: ScreeningOutcome | None = check.clearance.outcome
        screening_id = check.clearance.record.id if check.clearance.record else None
        note: str | None = check.clearance.describe(self.zone)
        if not check.may_start:
            clearance, hold = check.clearance, check.hold
            if clearance.blocked and clearance.record is not None:
                again = yield Refuse(
                    clearance.record.messages,
                    _("Contact the clinic. If something has changed, you can answer the safety questions again."),
                    pack.clinic,
                    may_screen_again=True,
                )
                if again != "again":
                    return NoSession()
                reason = _("Something has changed since your last screening.")
            elif hold is not None and hold.require == "wait":
                yield Refuse((hold.reason(self.zone),), hold.advice(self.zone), pack.clinic, may_screen_again=False)
                return NoSession()
            elif hold is not None and hold.require == "clinic":
                again = yield Refuse(
                    (hold.reason(self.zone),), hold.advice(self.zone), pack.clinic, may_screen_again=True
                )
                if again != "again":
                    return NoSession()
                reason = hold.reason(self.zone)
            elif hold is not None:
                reason = f"{hold.reason(self.zone)} {hold.advice(self.zone)}"
            else:
                reason = check.describe(self.zone)
            ask = AskScreening(reason, hold=hold)
            others_from: datetime | None = None
            if hold is None and clearance.state == "today" and clearance.record is not None:
                # Only the answers about today lapsed: ask those again, keep the rest from when they were given.
                previous = clearance.record
                kept = {k: v for k, v in previous.answers.items() if k not in clearance.today_questions}
                ask = AskScreening(reason, clearance.today_questions, kept)
                others_from = previous.others_taken_at or previous.taken_at
            taken = yield ask
            if not isinstance(taken, ScreeningOutcome):
                return NoSession(_("Nothing was saved, and no session starts without a screening."))
            outcome = record_outcome(store, pack, taken, self.now, others_taken_at=others_from, zone=self.zone)
            screening_id = outcome.screening_id
            note = None
            if outcome.kind == "stop":
                yield Refuse(
                    tuple(rule.message for rule in outcome.fired),
                    _("Contact the clinic before doing this routine."),
                    pack.clinic,
                    may_screen_again=False,
                )
                return NoSession()
        changes = outcome.changes if outcome is not None else RoutineChanges()
        try:
            plan = build_plan(pack, self.routine, changes)
        except PlanError as error:
            return NoSession(_("No session today. {reason}").format(reason=error))
        engine, recorder = start_session(
            store, plan, self.clock, screening_id=screening_id, now=self.now, zone=self.zone
        )
        return Begin(engine, recorder, clearance_note=note, outcome=outcome)
