"""The end-of-session summary: steps done, time, highest pain, and how it compares to earlier sessions.

Plain values and sentences, shared by the session screen and the plain line mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Protocol

from solecheck.history.records import StepRecord, status_label
from solecheck.i18n import _, ngettext
from solecheck.packs.models import AfterPainStop, Schedule

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
        if minutes:
            return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        return _("{hours} h").format(hours=hours)
    if minutes:
        if secs:
            return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=secs)
        return _("{minutes} min").format(minutes=minutes)
    return _("{seconds} s").format(seconds=secs)


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
    prescribed: str | None = None
    """This week's sessions against the routine's schedule (:func:`prescribed_line`); ``None``: none
    prescribed, or the history can't be read."""

    @property
    def status_label(self) -> str:
        return status_label(self.status)

    def lines(self) -> list[str]:
        """The summary as plain sentences in the person's language, headline first."""
        lines = [_("{routine}: {status}.").format(routine=self.routine_title, status=self.status_label)]
        if self.stop_reason:
            lines.append(_("Reason: {reason}").format(reason=self.stop_reason))
        if self.steps_skipped:
            lines.append(ngettext("Steps done: {done} of {planned} ({skipped} skipped).",
                                  "Steps done: {done} of {planned} ({skipped} skipped).", self.steps_skipped).format(
                done=self.steps_done, planned=self.steps_planned, skipped=self.steps_skipped))
        else:
            lines.append(_("Steps done: {done} of {planned}.").format(done=self.steps_done,
                                                                      planned=self.steps_planned))
        exercise, elapsed = format_duration(self.exercise_s), format_duration(self.elapsed_s)
        if self.resumed:
            lines.append(_("Time: {exercise} of exercise, {elapsed} since you resumed.").format(
                exercise=exercise, elapsed=elapsed))
        else:
            lines.append(_("Time: {exercise} of exercise, {elapsed} in all.").format(exercise=exercise,
                                                                                     elapsed=elapsed))
        lines.append(
            _("Highest pain: not rated.") if self.max_pain is None
            else _("Highest pain: {pain} out of 10.").format(pain=self.max_pain)
        )
        if self.prescribed:
            lines.append(self.prescribed)
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
        return _(
            "Your pain reached the caution band: next time you'll be asked whether any soreness settled by the "
            "next morning."
        )
    if policy.require == "wait":
        return ngettext(
            "Your pain went above the limit ({pain} out of 10; the limit is {limit}): no session for {hours} hour "
            "from now; after that, the usual safety questions apply.",
            "Your pain went above the limit ({pain} out of 10; the limit is {limit}): no session for {hours} hours "
            "from now; after that, the usual safety questions apply.",
            policy.wait_hours,
        ).format(pain=max_pain, limit=limit, hours=policy.wait_hours)
    if policy.require == "clinic":
        return _(
            "Your pain went above the limit ({pain} out of 10; the limit is {limit}): contact the clinic, a "
            "physiotherapist or your doctor before your next session; then you'll answer the safety questions "
            "again."
        ).format(pain=max_pain, limit=limit)
    return _(
        "Your pain went above the limit ({pain} out of 10; the limit is {limit}): before your next session "
        "you'll answer the safety questions again, including today's pain."
    ).format(pain=max_pain, limit=limit)


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
    prescribed: str | None = None,
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
        prescribed=prescribed,
    )


def compare(earlier: Sequence[EarlierSession], *, exclude: str | None = None, count: int = 5) -> list[str]:
    """Sentences comparing with the last finished sessions (newest first in ``earlier``)."""
    sessions = [s for s in earlier if s.id != exclude and s.status != "running"][:count]
    if not sessions:
        return [_("This is your first recorded session of this routine.")]
    from solecheck.formats import format_number, format_percent

    last = sessions[0]
    parts = [ngettext("{done} of {planned} step", "{done} of {planned} steps", last.planned_steps).format(
        done=min(last.steps_done, last.planned_steps), planned=last.planned_steps)]
    if last.duration_s is not None:
        parts.append(format_duration(last.duration_s))
    parts.append(_("pain not rated") if last.max_pain is None
                 else _("highest pain {pain}").format(pain=last.max_pain))
    lines = [_("Last time: {what} ({status}).").format(what=", ".join(parts), status=status_label(last.status))]
    if len(sessions) > 1:
        share = sum(min(s.steps_done, s.planned_steps) for s in sessions) / max(
            1, sum(s.planned_steps for s in sessions)
        )
        rated = [s.max_pain for s in sessions if s.max_pain is not None]
        if rated:
            sentence = _("Your last {count} sessions: {share} of planned steps done, highest pain {pain} on "
                         "average.").format(count=len(sessions), share=format_percent(share),
                                            pain=format_number(sum(rated) / len(rated)))
        else:
            sentence = _("Your last {count} sessions: {share} of planned steps done.").format(
                count=len(sessions), share=format_percent(share))
        lines.append(sentence)
    return lines


def prescribed_line(
    store: HistoryStore, routine_id: str, schedule: Schedule, *, pack_id: str, now: datetime, zone: tzinfo | None
) -> str | None:
    """"This week: 3 of 5 prescribed sessions done (5 times a week)." for a routine's ``schedule``, at ``now``
    in ``zone`` (:mod:`solecheck.session.schedule`: only completed sessions count); ``None`` when the
    history can't be read."""
    from solecheck.history.store import HistoryError
    from solecheck.i18n import ngettext
    from solecheck.session.schedule import local_today, prescription_text, routine_adherence, week_of

    today, offset = local_today(now, zone)
    try:
        week = routine_adherence(store, routine_id, schedule, today=today, utc_offset=offset, pack_id=pack_id,
                                 since=week_of(today)).this_week
    except HistoryError:
        return None
    return ngettext(
        "This week: {done} of {prescribed} prescribed session done ({prescription}).",
        "This week: {done} of {prescribed} prescribed sessions done ({prescription}).",
        week.prescribed,
    ).format(done=week.done, prescribed=week.prescribed, prescription=prescription_text(schedule))


def report_for(
    engine: SessionEngine,
    recorder: SessionRecorder,
    store: HistoryStore,
    after_pain: AfterPainStop | None = None,
    *,
    schedule: Schedule | None = None,
    now: datetime | None = None,
    zone: tzinfo | None = None,
) -> SessionReport:
    """The end-of-session report for the app and the plain mode alike, compared with the last sessions of
    the same routine (left out when the history can't be read), ending with what its pain brings before the
    next session under ``after_pain``, the pack's ``[after_pain_stop]`` (the default policy when ``None``).
    With the routine's ``schedule`` and the wall clock ``now`` (aware) in the person's ``zone``, it says how
    this week stands against the prescription (:func:`prescribed_line`)."""
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
        prescribed=None if schedule is None or now is None else prescribed_line(
            store, engine.plan.routine_id, schedule, pack_id=engine.plan.pack_id, now=now, zone=zone
        ),
    )
