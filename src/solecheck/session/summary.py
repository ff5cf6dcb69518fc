"""The end-of-session summary: steps done, time, highest pain, and how it compares to earlier sessions.

Plain values and sentences, shared by the session screen and the plain line mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from solecheck.history.records import SESSION_STATUS_LABELS, StepRecord
from solecheck.packs.models import AfterPainStop

if TYPE_CHECKING:
    from solecheck.history.store import HistoryStore
    from solecheck.session.engine import SessionEngine
    from solecheck.session.recorder import SessionRecorder


class EarlierSession(Protocol):
    """What the comparison reads from a ``SessionSummary`` of the store."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def steps_done(self) -> int: ...
    @property
    def planned_steps(self) -> int: ...
    @property
    def duration_s(self) -> float | None: ...
    @property
    def max_pain(self) -> int | None: ...


def format_duration(seconds: float) -> str:
    """``45 s``, ``1 min 30 s``, ``12 min``, ``1 h 5 min``: rounded to the second."""
    total = round(max(0.0, seconds))
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    if minutes:
        return f"{minutes} min {secs} s" if secs else f"{minutes} min"
    return f"{secs} s"


@dataclass(frozen=True)
class SessionReport:
    """What a finished session amounted to. ``exercise_s`` is the active time of the steps done;
    ``elapsed_s`` the clock time of the session in this run (get-ready, rests and pauses included);
    ``resumed`` when steps were done in an earlier run, whose clock time is not known (only stored wall-clock
    stamps, which are not trusted for durations)."""

    routine_title: str
    status: str
    steps_done: int
    steps_planned: int
    steps_skipped: int
    exercise_s: float
    elapsed_s: float
    max_pain: int | None
    stop_reason: str | None = None
    comparison: tuple[str, ...] = ()
    resumed: bool = False
    next_time: str | None = None
    """What the pain of this session means for the next one (:func:`what_next`); ``None``: nothing."""

    @property
    def status_label(self) -> str:
        return SESSION_STATUS_LABELS.get(self.status, self.status)

    def lines(self) -> list[str]:
        """The summary as plain sentences, headline first."""
        lines = [f"{self.routine_title}: {self.status_label}."]
        if self.stop_reason:
            lines.append(f"Reason: {self.stop_reason}")
        done = f"Steps done: {self.steps_done} of {self.steps_planned}"
        if self.steps_skipped:
            done += f" ({self.steps_skipped} skipped)"
        lines.append(done + ".")
        in_all = "since you resumed" if self.resumed else "in all"
        exercise, elapsed = format_duration(self.exercise_s), format_duration(self.elapsed_s)
        lines.append(f"Time: {exercise} of exercise, {elapsed} {in_all}.")
        lines.append(
            "Highest pain: not rated." if self.max_pain is None else f"Highest pain: {self.max_pain} out of 10."
        )
        lines.extend(self.comparison)
        if self.next_time:
            lines.append(self.next_time)
        return lines


def what_next(max_pain: int | None, caution_from: int, limit: int, policy: AfterPainStop) -> str | None:
    """The sentence saying what a session's highest pain (0–10, or ``None``) brings before the next session,
    by the rules the gate applies (:mod:`solecheck.session.start`): above ``limit``, the pack's
    ``[after_pain_stop]`` ``policy``; from ``caution_from`` up to ``limit``, the soreness question on a
    later day; below it, nothing (``None``)."""
    if max_pain is None or max_pain < caution_from:
        return None
    if max_pain <= limit:
        return (
            "Your pain reached the caution band: next time you'll be asked whether any soreness settled by the "
            "next morning."
        )
    above = f"Your pain went above the limit ({max_pain} out of 10; the limit is {limit})"
    if policy.require == "wait":
        return (
            f"{above}: no session for {policy.wait_hours} hours from now; after that, the usual safety "
            "questions apply."
        )
    if policy.require == "clinic":
        return (
            f"{above}: contact the clinic, a physiotherapist or your doctor before your next session; then "
            "you'll answer the safety questions again."
        )
    return f"{above}: before your next session you'll answer the safety questions again, including today's pain."


def build_report(
    *,
    routine_title: str,
    status: str,
    steps_planned: int,
    recorded: Sequence[StepRecord],
    elapsed_s: float,
    stop_reason: str | None = None,
    earlier: Sequence[EarlierSession] = (),
    session_id: str | None = None,
    max_pain: int | None = None,
    resumed: bool = False,
    pain_bands: tuple[int, int] | None = None,
    after_pain: AfterPainStop | None = None,
) -> SessionReport:
    """The report of a session from its recorded steps (before and after any resume) and the store's
    summaries of earlier sessions of the same routine, newest first (``session_id``, the session
    itself, is left out). ``max_pain`` adds ratings the engine saw that no step record holds.
    ``pain_bands`` (``caution_from``, ``limit``) and ``after_pain`` (the pack's policy) give the sentence on
    what comes before the next session (:func:`what_next`); without them there is none."""
    done_positions = {r.position for r in recorded if r.status == "done"}
    skipped = {r.position for r in recorded if r.status == "skipped"} - done_positions
    # A step redone after going back counts once, with its latest time.
    latest: dict[int, StepRecord] = {}
    for record in recorded:
        if record.status == "done":
            latest[record.position] = record
    exercise_s = sum(r.actual_s or 0.0 for r in latest.values())
    pains = [r.pain for r in recorded if r.pain is not None]
    if max_pain is not None:
        pains.append(max_pain)
    if session_id is None and recorded:
        session_id = recorded[0].session_id
    highest = max(pains) if pains else None
    next_time = None
    if pain_bands is not None:
        next_time = what_next(highest, *pain_bands, after_pain or AfterPainStop())
    return SessionReport(
        routine_title=routine_title,
        status=status,
        steps_done=len(done_positions),
        steps_planned=steps_planned,
        steps_skipped=len(skipped),
        exercise_s=exercise_s,
        elapsed_s=elapsed_s,
        max_pain=highest,
        stop_reason=stop_reason,
        comparison=tuple(compare(earlier, exclude=session_id)),
        resumed=resumed,
        next_time=next_time,
    )


def compare(earlier: Sequence[EarlierSession], *, exclude: str | None = None, count: int = 5) -> list[str]:
    """Sentences comparing with the last finished sessions (newest first in ``earlier``)."""
    sessions = [s for s in earlier if s.id != exclude and s.status != "running"][:count]
    if not sessions:
        return ["This is your first recorded session of this routine."]
    last = sessions[0]
    parts = [f"{min(last.steps_done, last.planned_steps)} of {last.planned_steps} steps"]
    if last.duration_s is not None:
        parts.append(format_duration(last.duration_s))
    parts.append("pain not rated" if last.max_pain is None else f"highest pain {last.max_pain}")
    lines = [
        f"Last time: {', '.join(parts)} ({SESSION_STATUS_LABELS.get(last.status, last.status)})."
    ]
    if len(sessions) > 1:
        share = sum(min(s.steps_done, s.planned_steps) for s in sessions) / max(
            1, sum(s.planned_steps for s in sessions)
        )
        rated = [s.max_pain for s in sessions if s.max_pain is not None]
        sentence = f"Your last {len(sessions)} sessions: {round(share * 100)}% of planned steps done"
        if rated:
            sentence += f", highest pain {sum(rated) / len(rated):.1f} on average"
        lines.append(sentence + ".")
    return lines


def report_for(
    engine: SessionEngine, recorder: SessionRecorder, store: HistoryStore, after_pain: AfterPainStop | None = None
) -> SessionReport:
    """The end-of-session report for the app and the plain mode alike, compared with the last sessions of
    the same routine (left out when the history can't be read), ending with what its pain brings before the
    next session under ``after_pain``, the pack's ``[after_pain_stop]`` (the default policy when ``None``)."""
    from solecheck.history.store import HistoryError

    try:
        earlier: Sequence[EarlierSession] = store.session_summaries(
            6, routine_id=engine.plan.routine_id, pack_id=engine.plan.pack_id
        )
    except HistoryError:
        earlier = []
    return build_report(
        routine_title=engine.plan.routine_title,
        status=engine.end_status or "stopped_user",
        steps_planned=len(engine.plan.steps),
        recorded=recorder.recorded,
        elapsed_s=engine.elapsed_session_s(),
        stop_reason=engine.stop_reason,
        earlier=earlier,
        session_id=recorder.session_id,
        max_pain=engine.max_pain,
        resumed=len(recorder.recorded) > len(engine.results),  # steps recorded before this run
        pain_bands=(engine.plan.caution_from, engine.plan.pain_limit),
        after_pain=after_pain,
    )
