"""When a screening still holds, and whether a session may start: the safety gate's decision.

The rule, kept deliberately simple:

* Only the **latest** screening of the pack counts (by ``taken_at``); older ones never come back.
* A screening stamped more than :data:`FUTURE_TOLERANCE` after ``now`` was taken while the clock was
  wrong: it never grants clearance and never outranks a real one. When the screening **written last**
  (the store's write order, which a wrong clock can't change) is such a one, the state is ``future``:
  screen again, and the person is told the clock looks wrong. Otherwise the latest of the screenings
  not stamped in the future counts.
* A screening is **void** once the pack's screening content changed (its ``screening_digest`` differs
  from the pack in use), whatever its age.
* With ``valid_for_days = N > 0`` a screening holds for N days from ``taken_at`` (``valid_until`` is
  that instant).
* With ``valid_for_days = 0`` a screening holds for the next session only: it is **used** as soon as
  any session of the pack has started at or after ``taken_at`` (interrupted or not).
* Answers to questions **about today** (``about_today``), and the changes they make, hold until the end
  of the local day they were given in the person's zone (or ``today_hours``). When they lapse while the
  rest still holds, the state is ``today``: only the questions about today are asked again, and the new
  screening keeps the other answers, which still hold from when they were given (``others_taken_at``).
* A ``stop`` is **blocking**: no session of the pack starts until a newer screening says otherwise.
  It does not lapse with time or with a pack change; only a new screening lifts it.

``current_clearance(store, pack, now)`` reads the store and applies the rule; ``assess`` is the same
decision on values already in hand. Neither writes anything.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Literal, Protocol

from solecheck.history.clock_check import FUTURE_TOLERANCE as FUTURE_TOLERANCE
from solecheck.history.records import ScreeningRecord
from solecheck.packs.pack import Pack
from solecheck.screening.engine import AnswerError, IncompleteScreening, evaluate, severity_label
from solecheck.screening.outcome import RoutineChanges, ScreeningOutcome

ClearanceState = Literal["none", "valid", "next_session", "stop", "expired", "used", "changed", "future", "today"]
"""``none``: never screened. ``valid``: holds until ``valid_until``. ``next_session``: holds for one
session. ``stop``: the latest screening said stop. ``expired``/``used``/``changed``: the latest
screening lapsed in time, was used by a session, or belongs to different screening content.
``future``: the latest screening is stamped after now (the clock was or is wrong). ``today``: only
the answers about today lapsed (ask those again)."""


class StartedSession(Protocol):
    """A session as far as the gate cares: when it started."""

    @property
    def started_at(self) -> datetime: ...


class ScreeningHistory(Protocol):
    """What the gate needs from the history store (``HistoryStore`` provides it)."""

    def last_written_screening(self, pack_id: str) -> ScreeningRecord | None: ...

    def session_summaries(
        self, limit: int = 50, offset: int = 0, *, pack_id: str | None = None, since: datetime | None = None
    ) -> Sequence[StartedSession]: ...

    def sessions_under(self, screening_id: str) -> int: ...


@dataclass(frozen=True)
class Clearance:
    """Whether a session of one pack may start now, and why.

    ``may_start`` is the gate: when it is false, start nothing without a new screening (open the
    wizard). ``blocked`` additionally says the latest screening was a ``stop``: show why and the clinic
    before offering a new screening. ``outcome`` (with its routine ``changes``) is set only while the
    screening holds."""

    state: ClearanceState
    record: ScreeningRecord | None = None
    outcome: ScreeningOutcome | None = None
    valid_until: datetime | None = None
    needs_screening: bool = True
    blocked: bool = False
    pack_version: str = ""
    today_until: datetime | None = None
    """When the answers about today lapse (``None`` when the screening has none)."""
    today_questions: frozenset[str] = frozenset()
    """In state ``today``: the ids of the questions to ask again."""

    @property
    def kind(self) -> str | None:
        """The latest screening's outcome (``proceed``/``modify``/``stop``), or ``None`` if none."""
        return self.record.outcome if self.record else None

    @property
    def may_start(self) -> bool:
        return not self.needs_screening and not self.blocked

    @property
    def changes(self) -> RoutineChanges:
        """The routine changes a holding ``modify`` screening makes (none otherwise)."""
        return self.outcome.changes if self.outcome else RoutineChanges()

    def describe(self, tz: tzinfo | None = None) -> str:
        """One plain sentence for the home screen: the last screening, its outcome, until when it holds.

        Times are shown in ``tz`` (the local time zone when ``None``)."""
        record = self.record
        if record is None:
            return "No screening yet: you'll answer the safety questions before your first session."
        taken = format_moment(record.taken_at, tz)
        label = severity_label(record.outcome)
        if self.state == "stop":
            return f"Last screening {taken} — {label}. No session can start until a new screening says otherwise."
        if self.state == "valid" and self.valid_until is not None:
            holds = f"Last screening {taken} — {label}. Holds until {format_moment(self.valid_until, tz)}"
            if self.today_until is not None and self.today_until < self.valid_until:
                holds += f"; your answers about today until {format_moment(self.today_until, tz)}"
            return holds + "."
        if self.state == "today" and self.valid_until is not None:
            return (
                f"Your answers about today were for {format_moment(record.taken_at, tz)}: you'll answer those again "
                f"before your next session (the others hold until {format_moment(self.valid_until, tz)})."
            )
        if self.state == "next_session":
            return f"Last screening {taken} — {label}. Holds for your next session."
        if self.state == "expired" and self.valid_until is not None:
            why = f"the last one ({taken}) lapsed {format_moment(self.valid_until, tz)}"
        elif self.state == "used":
            why = f"the last one ({taken}) was for one session"
        elif self.state == "future":
            return (
                f"The computer's clock looks wrong: your last screening is dated {taken}, which is later than now. "
                "Check the date and time; you'll answer the safety questions again before your next session."
            )
        else:
            why = f"the screening questions changed in version {self.pack_version} of the pack"
        return f"Screening needed before your next session: {why}."


def format_moment(moment: datetime, tz: tzinfo | None = None) -> str:
    """``moment`` as ``25 Nov 2026 14:05`` in ``tz`` (local time when ``None``)."""
    local = moment.astimezone(tz)
    return f"{local.day} {local:%b %Y %H:%M}"


def today_until(record: ScreeningRecord, pack: Pack, zone: tzinfo | None = None) -> datetime | None:
    """When ``record``'s answers about today lapse: ``today_hours`` after it was taken, else the next
    local midnight in ``zone`` (the system's when ``None``); ``None`` when it answered none."""
    if not any(q.about_today and q.id in record.answers for q in pack.screening.questions):
        return None
    hours = pack.screening.today_hours
    if hours is not None:
        return record.taken_at + timedelta(hours=hours)
    local = record.taken_at.astimezone(zone)
    midnight = datetime.combine(local.date() + timedelta(days=1), time(0), tzinfo=local.tzinfo)
    return midnight.astimezone(UTC)


def assess(
    record: ScreeningRecord | None,
    pack: Pack,
    now: datetime,
    *,
    session_since: datetime | None = None,
    zone: tzinfo | None = None,
) -> Clearance:
    """The clearance given the latest screening ``record`` of ``pack``.

    ``session_since`` is when the newest session of the pack started (``None`` if there is none); it
    matters only for next-session-only screenings (``valid_for_days = 0``). ``zone`` is the person's
    time zone, for when answers about today lapse (the system's when ``None``)."""
    version = pack.version
    if record is None:
        return Clearance("none", pack_version=version)
    if record.outcome == "stop":
        return Clearance("stop", record, needs_screening=True, blocked=True, pack_version=version)
    if record.taken_at > now + FUTURE_TOLERANCE:
        return Clearance("future", record, pack_version=version)
    if record.screening_digest != pack.screening_digest:
        return Clearance("changed", record, pack_version=version)
    days = pack.screening.valid_for_days
    lapses_today: datetime | None = None
    if days > 0:
        valid_until = (record.others_taken_at or record.taken_at) + timedelta(days=days)
        if now >= valid_until:
            return Clearance("expired", record, valid_until=valid_until, pack_version=version)
        state: ClearanceState = "valid"
        lapses_today = today_until(record, pack, zone)
    else:
        valid_until = None
        if session_since is not None and session_since >= record.taken_at:
            return Clearance("used", record, pack_version=version)
        state = "next_session"
    try:
        outcome = evaluate(pack.screening, record.answers)
    except (AnswerError, IncompleteScreening):
        # Same digest but answers that no longer evaluate: the record can't be trusted; screen again.
        return Clearance("changed", record, pack_version=version)
    if outcome.kind != record.outcome:
        return Clearance("changed", record, pack_version=version)
    if lapses_today is not None and now >= lapses_today:
        asked = frozenset(q.id for q in pack.screening.questions if q.about_today)
        return Clearance(
            "today", record, valid_until=valid_until, pack_version=version, today_until=lapses_today,
            today_questions=asked,
        )
    return Clearance(
        state, record, outcome, valid_until, needs_screening=False, pack_version=version, today_until=lapses_today
    )


def current_clearance(store: ScreeningHistory, pack: Pack, now: datetime, zone: tzinfo | None = None) -> Clearance:
    """Whether a session of ``pack`` may start at ``now``, read from the history ``store``.

    The session start calls this: ``may_start`` false means open the screening wizard first;
    ``blocked`` means the last screening said stop. The screening that counts is the one written to the
    history last (write order, whatever its stamp): a "stop" answered after a "proceed" refuses even when
    the clock was set back in between, and one stamped more than :data:`FUTURE_TOLERANCE` ahead of
    ``now`` grants nothing (state ``future``)."""
    record = store.last_written_screening(pack.id)
    if record is not None and record.taken_at > now + FUTURE_TOLERANCE:
        return assess(record, pack, now, zone=zone)
    session_since: datetime | None = None
    if record is not None and record.outcome != "stop" and pack.screening.valid_for_days == 0:
        # Used by a session started under it (its screening_id: no clock involved), or, for sessions
        # recorded without one, by a session stamped since.
        if store.sessions_under(record.id):
            session_since = record.taken_at
        else:
            newest = store.session_summaries(limit=1, pack_id=pack.id, since=record.taken_at)
            if newest:
                session_since = newest[0].started_at
    return assess(record, pack, now, session_since=session_since, zone=zone)
