"""The guided-session state machine: which step runs, for how long, and what happens next.

The engine owns no timer. It reads an injected :data:`~solecheck.session.clock.Clock`: a timed state
has a deadline, the time left is ``deadline - clock()``, and a pause moves the deadline by exactly
the time spent paused. :meth:`SessionEngine.update` (alias ``tick``) applies every transition whose
deadline has passed, each at its own deadline, so a slow frame rate or a suspended terminal changes
nothing about the times recorded.

States and what they accept (anything else raises :class:`IllegalEvent`)::

    ready       start, stop
    get_ready   pause, skip, back, extend, finish_step (start now), add_note, stop   (counts down)
    running     pause, skip, back, extend*, finish_step, record_pain, add_note, stop
    paused      resume, skip, back, extend*, record_pain**, add_note**, stop
    resting     pause, skip (ends the rest), back, extend, stop         (counts down to the next step)
    pain_check  record_pain, add_note, stop
    pain_limit  skip_region, stop (recorded as stopped for pain)
    done, stopped   nothing

    * timed steps only   ** when paused during a step

Each step that ends (done or skipped) is emitted once as a :class:`StepResult`, at the moment it
ends, to the ``on_result`` callback and to an outbox the caller may :meth:`~SessionEngine.drain`.
A step with a pain check ends when the rating is given, so the rating is part of its record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from solecheck.i18n import N_, _
from solecheck.session.clock import Clock
from solecheck.session.plan import PlannedStep, SessionPlan, Side

State = Literal[
    "ready", "get_ready", "running", "paused", "resting", "pain_check", "pain_limit", "done", "stopped"
]
StepStatus = Literal["done", "skipped"]
EndStatus = Literal["completed", "stopped_user", "stopped_pain", "interrupted"]
PainBand = Literal["ok", "caution", "limit"]

EXTEND_S = 15
"""Seconds added by one ``extend``."""
TIMED_STATES: frozenset[str] = frozenset({"get_ready", "running", "resting"})


class IllegalEvent(Exception):
    """An event the session refuses in its current state (nothing changed)."""

    def __init__(self, event: str, state: str, why: str = "") -> None:
        self.event = event
        self.state = state
        self.why = why
        message = f"{event!r} is not possible while the session is {state.replace('_', ' ')}"
        super().__init__(f"{message}: {why}" if why else message)

    @property
    def patient_words(self) -> str:
        """The refusal as a person is told it, in their language: what they can do instead, never the
        event's or the state's internal name."""
        words = REFUSAL_WORDS.get(self.why) or REFUSAL_WORDS.get(self.event) or N_("That isn't possible just now.")
        return _(words)


REFUSAL_WORDS: dict[str, str] = {
    "this is the first step": N_("This is the first step: there is none before it to go back to."),
    "this step counts repetitions, not time": N_("This step counts repetitions, so there is no time to add."),
    "rate pain during a step or when asked": N_("Rate your pain during a step, or when you are asked."),
    "notes belong to a step; add it once the next one starts": N_(
        "Notes belong to a step: add yours once the next step starts."
    ),
    "back": N_("There is no step to go back to just now."),
    "extend": N_("There is no countdown to add time to just now."),
    "record_pain": N_("Rate your pain during a step, or when you are asked."),
    "add_note": N_("Notes can be added during a step or a pain check."),
    "finish_step": N_("Rate your pain first, then the session carries on."),
    "skip": N_("There is nothing to skip just now."),
    "skip_region": N_("There is nothing to skip just now."),
    "pause": N_("There is no countdown to pause just now."),
    "resume": N_("The session is not paused."),
    "start": N_("The session has already started."),
    "stop": N_("The session has already ended."),
}
"""Plain words for each refusal, by the reason the engine gives (first) or the event refused."""


@dataclass(frozen=True)
class StepResult:
    """One ended step, as the history records it. ``sequence`` counts results from 0 in emit order;
    ``position`` is the step's index in the plan (a step redone after ``back`` appears twice)."""

    sequence: int
    position: int
    step: PlannedStep
    status: StepStatus
    actual_s: float | None = None
    actual_reps: int | None = None
    pain: int | None = None
    note: str | None = None

    @property
    def side(self) -> Side | None:
        return self.step.side

    @property
    def planned_s(self) -> int | None:
        return self.step.duration_s

    @property
    def planned_reps(self) -> int | None:
        return self.step.reps


def pain_band(score: int, caution_from: int, limit: int) -> PainBand:
    """``limit`` above the limit, ``caution`` from ``caution_from`` up to the limit, else ``ok``."""
    if score > limit:
        return "limit"
    if score >= caution_from:
        return "caution"
    return "ok"


class SessionEngine:
    """Runs one :class:`SessionPlan` step by step on an injected clock.

    ``start_at`` resumes at a later plan position; ``prior_max_pain`` carries the highest pain of
    the steps done before a resume, so the summary covers the whole session."""

    def __init__(
        self,
        plan: SessionPlan,
        clock: Clock,
        *,
        start_at: int = 0,
        on_result: Callable[[StepResult], object] | None = None,
        prior_max_pain: int | None = None,
    ) -> None:
        if not plan.steps:
            raise ValueError("a session needs at least one step")
        if not 0 <= start_at < len(plan.steps):
            raise ValueError(f"start position {start_at} is outside the plan (0–{len(plan.steps) - 1})")
        self.plan = plan
        self.clock = clock
        self.on_result = on_result
        self.state: State = "ready"
        self.index = start_at
        """The plan position of the current step (during a rest: of the step after it)."""
        self.start_position = start_at
        self.results: list[StepResult] = []
        """Every result emitted, in order."""
        self.max_pain: int | None = prior_max_pain
        self.last_band: PainBand | None = None
        self.end_status: EndStatus | None = None
        self.stop_reason: str | None = None
        self.limit_region: str | None = None
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.paused_from: State | None = None
        self._outbox: list[StepResult] = []
        self._deadline: float | None = None
        self._paused_remaining: float | None = None
        self._running_since: float | None = None
        self._active_s = 0.0
        self._extension_s = 0
        self._step_pain: int | None = None
        self._note: str | None = None

    # --- queries -----------------------------------------------------------------------------------

    @property
    def current(self) -> PlannedStep | None:
        """The step being prepared, done or rated (the next one during a rest); None when over."""
        if self.state in ("done", "stopped") or self.index >= len(self.plan.steps):
            return None
        return self.plan.steps[self.index]

    @property
    def next_step(self) -> PlannedStep | None:
        """What comes after the current step."""
        after = self.index + (0 if self.state == "resting" else 1)
        if self.state == "pain_limit":
            after = self.index
        return self.plan.steps[after] if after < len(self.plan.steps) else None

    @property
    def finished(self) -> bool:
        return self.state in ("done", "stopped")

    @property
    def effective_state(self) -> State:
        """The state, or while paused the state the pause interrupted."""
        return self.paused_from if self.state == "paused" and self.paused_from else self.state

    @property
    def deadline(self) -> float | None:
        """The clock reading at which the current countdown ends (None when paused or not counting)."""
        return self._deadline if self.state in TIMED_STATES else None

    def remaining(self) -> float | None:
        """Seconds left in the current countdown (get ready, timed step, rest), never negative;
        None when nothing is counting down."""
        if self.state == "paused":
            return self._paused_remaining
        if self._deadline is None or self.state not in TIMED_STATES:
            return None
        return max(0.0, self._deadline - self.clock())

    def countdown_length(self) -> float | None:
        """The full length of the current countdown (with extensions), for a progress display."""
        state = self.effective_state
        step = self.current
        if state == "get_ready":
            return float(self.plan.get_ready_s)
        if state == "resting" and self.index > 0:
            return float(self.plan.steps[self.index - 1].rest_after_s)
        if state == "running" and step is not None and step.duration_s is not None:
            return float(step.duration_s + self._extension_s)
        return None

    def step_elapsed(self) -> float:
        """Active seconds spent on the current step so far (pauses and get-ready excluded)."""
        if self.state == "running" and self._running_since is not None:
            return self._active_s + max(0.0, self.clock() - self._running_since)
        return self._active_s

    @property
    def steps_done(self) -> int:
        """Steps ended as done in this engine's run (a redone step counts each time)."""
        return sum(1 for r in self.results if r.status == "done")

    @property
    def progress(self) -> float:
        """How far through the plan, 0 to 1."""
        if self.state == "done":
            return 1.0
        return min(1.0, self.index / len(self.plan.steps))

    def elapsed_session_s(self) -> float:
        """Clock seconds since ``start`` (to the end once the session is over)."""
        if self.started_at is None:
            return 0.0
        end = self.ended_at if self.ended_at is not None else self.clock()
        return max(0.0, end - self.started_at)

    def drain(self) -> list[StepResult]:
        """Results emitted since the last drain, oldest first."""
        drained, self._outbox = self._outbox, []
        return drained

    # --- events ------------------------------------------------------------------------------------

    def update(self) -> State:
        """Apply every timed transition whose deadline has passed; returns the state."""
        self._advance(self.clock())
        return self.state

    tick = update

    def start(self) -> None:
        now = self._event("start", {"ready"})
        self.started_at = now
        self._begin_step(now)

    def pause(self) -> None:
        now = self._event("pause", {"get_ready", "running", "resting"})
        self.paused_from = self.state
        if self.state == "running":
            self._bank_active(now)
        self._paused_remaining = None if self._deadline is None else max(0.0, self._deadline - now)
        self._deadline = None
        self.state = "paused"

    def resume(self) -> None:
        now = self._event("resume", {"paused"})
        assert self.paused_from is not None
        self.state, self.paused_from = self.paused_from, None
        if self._paused_remaining is not None:
            self._deadline = now + self._paused_remaining
        self._paused_remaining = None
        if self.state == "running":
            self._running_since = now

    def skip(self) -> None:
        """Skip the current step (recorded as skipped), or end a rest early."""
        now = self._event("skip", {"get_ready", "running", "paused", "resting"})
        if self.effective_state == "resting":
            self._leave_pause()
            self._begin_step(now)
            return
        if self.state == "running":
            self._bank_active(now)
        self._leave_pause()
        self._emit("skipped", actual_s=self._active_s if self.current and self.current.timed else None)
        self._after_step(now, rest=False)

    def back(self) -> None:
        """Go back to the previous step and do it again (the step left now is not recorded)."""
        now = self._event("back", {"get_ready", "running", "paused", "resting"})
        if self.index == 0:
            raise IllegalEvent("back", self.state, "this is the first step")
        self._leave_pause()
        self.index -= 1
        self._begin_step(now)

    def extend(self) -> None:
        """Add :data:`EXTEND_S` seconds to what is counting down now."""
        now = self._event("extend", {"get_ready", "running", "paused", "resting"})
        state = self.effective_state
        if state == "running" and not (self.current and self.current.timed):
            raise IllegalEvent("extend", self.state, "this step counts repetitions, not time")
        if self.state == "paused":
            assert self._paused_remaining is not None
            self._paused_remaining += EXTEND_S
        else:
            assert self._deadline is not None
            self._deadline = max(self._deadline, now) + EXTEND_S
        if state == "running":
            self._extension_s += EXTEND_S

    def finish_step(self) -> None:
        """The person says the running step is done (a set of repetitions, or a timed step ended
        early); during the get-ready countdown, that they are ready: the step starts now."""
        now = self._event("finish_step", {"get_ready", "running"})
        if self.state == "get_ready":
            self._run(now)
            return
        self._bank_active(now)
        self._end_step_done(now)

    def stop(
        self, reason: str | None = None, *, status: EndStatus | None = None, keep_time_under_way: bool = True
    ) -> None:
        """End the session now. In the pain-limit pause the status is ``stopped_pain``, else
        ``stopped_user`` unless ``status`` says otherwise (``interrupted`` for a lost input).

        A step under way is recorded as skipped with the time spent on it, its pain and note; a step
        waiting for its pain check is recorded as done. ``keep_time_under_way=False`` (a session closed to
        be resumed) leaves a step with nothing but time spent unrecorded, so the resume starts it again."""
        now = self._event(
            "stop", {"ready", "get_ready", "running", "paused", "resting", "pain_check", "pain_limit"}
        )
        if status == "completed":
            raise ValueError("a stopped session is not completed")
        if self.state == "pain_check":
            self._emit_finished(pain=self._step_pain)
        elif self.effective_state == "running":
            # The step was under way: keep what was done of it (as skipped, with its time, pain, note).
            if self.state == "running":
                self._bank_active(now)
            step = self.plan.steps[self.index]
            worked = self._active_s > 0 and keep_time_under_way
            if worked or self._step_pain is not None or self._note is not None:
                self._emit("skipped", actual_s=self._active_s if step.timed else None, pain=self._step_pain)
        if status is None:
            status = "stopped_pain" if self.state == "pain_limit" else "stopped_user"
        self._leave_pause()
        self._deadline = None
        self.stop_reason = (reason.strip() or None) if reason else None
        self.end_status = status
        self.ended_at = now
        self.state = "stopped"

    def record_pain(self, score: int) -> PainBand:
        """A pain rating 0–10: answers the pain check, or is given during a step. Above the pack's
        limit the step ends and the session waits in ``pain_limit`` for stop or skip_region."""
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            raise ValueError(f"a pain rating is a whole number from 0 to 10, not {score!r}")
        now = self._event("record_pain", {"running", "paused", "pain_check"})
        if self.state == "paused" and self.paused_from != "running":
            raise IllegalEvent("record_pain", self.state, "rate pain during a step or when asked")
        band = pain_band(score, self.plan.caution_from, self.plan.pain_limit)
        self.last_band = band
        self._step_pain = score if self._step_pain is None else max(self._step_pain, score)
        self.max_pain = score if self.max_pain is None else max(self.max_pain, score)
        if self.state == "pain_check":
            self._emit_finished(pain=self._step_pain)
            if band == "limit":
                self._enter_pain_limit()
            else:
                self._after_step(now, rest=True)
        elif band == "limit":
            if self.state == "running":
                self._bank_active(now)
            self._leave_pause()
            step = self.plan.steps[self.index]
            self._emit("done", actual_s=self._active_s if step.timed else None, pain=self._step_pain)
            self._enter_pain_limit()
        return band

    def skip_region(self) -> int:
        """After a rating above the limit: skip the following steps of the same body region
        (each recorded as skipped) and carry on with the next region; when no step is left, the session
        ends as ``stopped_pain`` with that reason. Returns how many were skipped."""
        now = self._event("skip_region", {"pain_limit"})
        skipped = 0
        while self.index < len(self.plan.steps) and self.plan.steps[self.index].region == self.limit_region:
            self._emit("skipped")
            self.index += 1
            skipped += 1
        self.limit_region = None
        if self.index >= len(self.plan.steps):
            # Nothing left after the painful area: the session ended for pain, not completed.
            self.stop(_("pain above the limit; the rest of the routine was skipped"))
        else:
            self._begin_step(now)
        return skipped

    def add_note(self, text: str) -> None:
        """A note on the current step, recorded with it."""
        text = text.strip()
        if not text:
            raise ValueError("a note needs some text")
        self._event("add_note", {"get_ready", "running", "paused", "pain_check"})
        if self.state == "paused" and self.paused_from == "resting":
            raise IllegalEvent("add_note", self.state, "notes belong to a step; add it once the next one starts")
        self._note = text if self._note is None else f"{self._note}; {text}"

    # --- transitions -------------------------------------------------------------------------------

    def _event(self, name: str, allowed: set[str]) -> float:
        now = self.clock()
        self._advance(now)
        if self.state not in allowed:
            raise IllegalEvent(name, self.state)
        return now

    def _advance(self, now: float) -> None:
        while self.state in TIMED_STATES and self._deadline is not None and self._deadline <= now:
            at = self._deadline
            if self.state == "get_ready":
                self._run(at)
            elif self.state == "running":
                self._bank_active(at)
                self._end_step_done(at)
            else:
                self._begin_step(at)

    def _begin_step(self, at: float) -> None:
        if self.index >= len(self.plan.steps):
            self._finish(at)
            return
        step = self.plan.steps[self.index]
        self._active_s = 0.0
        self._extension_s = 0
        self._step_pain = None
        self._note = None
        self._running_since = None
        if step.timed and self.plan.get_ready_s > 0:
            self.state = "get_ready"
            self._deadline = at + self.plan.get_ready_s
        else:
            self._run(at)

    def _run(self, at: float) -> None:
        step = self.plan.steps[self.index]
        self.state = "running"
        self._running_since = at
        self._deadline = at + step.duration_s + self._extension_s if step.duration_s is not None else None

    def _bank_active(self, at: float) -> None:
        if self._running_since is not None:
            self._active_s += max(0.0, at - self._running_since)
        self._running_since = None

    def _end_step_done(self, at: float) -> None:
        step = self.plan.steps[self.index]
        self._deadline = None
        if step.pain_check:
            self.state = "pain_check"
            return
        self._emit_finished()
        self._after_step(at, rest=True)

    def _after_step(self, at: float, *, rest: bool) -> None:
        step = self.plan.steps[self.index]
        self.index += 1
        if self.index >= len(self.plan.steps):
            self._finish(at)
        elif rest and step.rest_after_s > 0:
            self.state = "resting"
            self._deadline = at + step.rest_after_s
        else:
            self._begin_step(at)

    def _enter_pain_limit(self) -> None:
        step = self.plan.steps[self.index]
        self.limit_region = step.region
        self.index += 1
        self._deadline = None
        self.state = "pain_limit"

    def _leave_pause(self) -> None:
        self.paused_from = None
        self._paused_remaining = None

    def _finish(self, at: float) -> None:
        self.state = "done"
        self.end_status = "completed"
        self._deadline = None
        self.ended_at = at

    def _emit_finished(self, pain: int | None = None) -> None:
        """Emit the current step as done in full (its timer ran out or the person finished it)."""
        step = self.plan.steps[self.index]
        self._emit("done", actual_s=self._active_s if step.timed else None, actual_reps=step.reps, pain=pain)

    def _emit(
        self,
        status: StepStatus,
        *,
        actual_s: float | None = None,
        actual_reps: int | None = None,
        pain: int | None = None,
    ) -> None:
        result = StepResult(
            sequence=len(self.results),
            position=self.index,
            step=self.plan.steps[self.index],
            status=status,
            actual_s=None if actual_s is None else round(actual_s, 3),
            actual_reps=actual_reps,
            pain=pain,
            note=self._note,
        )
        self._note = None
        self.results.append(result)
        self._outbox.append(result)
        if self.on_result is not None:
            self.on_result(result)
