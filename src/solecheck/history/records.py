"""What the history store keeps, as plain frozen dataclasses: screenings, sessions and their steps.

Each step carries a copy of its exercise's title and region, so history still reads right after a
later pack version renames or drops the exercise. Times are timezone-aware UTC datetimes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from solecheck.i18n import N_, _

Outcome = Literal["proceed", "modify", "stop"]
SessionStatus = Literal["running", "completed", "stopped_pain", "stopped_user", "interrupted"]
StepStatus = Literal["done", "skipped"]
Side = Literal["left", "right"]

SESSION_STATUS_LABELS: dict[str, str] = {
    "running": N_("in progress"),
    "completed": N_("completed"),
    "stopped_pain": N_("stopped for pain"),
    "stopped_user": N_("stopped by you"),
    "interrupted": N_("interrupted"),
}


def status_label(status: str) -> str:
    """How a session ended, in the person's language (``stopped_pain`` → ``stopped for pain``)."""
    return _(SESSION_STATUS_LABELS[status]) if status in SESSION_STATUS_LABELS else status.replace("_", " ")


def format_duration(seconds: float | None) -> str:
    """A session's length for people: ``12 min``, ``1 h 05 min``, or ``-`` while it has not ended."""
    if seconds is None:
        return "-"
    minutes = round(seconds / 60)
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    return _("{hours} h {minutes} min").format(hours=minutes // 60, minutes=f"{minutes % 60:02d}")


def new_id() -> str:
    """A stable, unique record id (used across export and import)."""
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class ScreeningRecord:
    """One completed screening: every answer, the outcome and the rules that produced it."""

    pack_id: str
    pack_version: str
    screening_digest: str
    answers: dict[str, bool | int | str]
    outcome: Outcome
    fired_rules: tuple[str, ...] = ()
    messages: tuple[str, ...] = ()
    taken_at: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_id)
    others_taken_at: datetime | None = None
    """Set when this screening asked only the questions about today again: when the other answers it
    carries were given (they hold from then)."""
    utc_offset_min: int | None = None
    """The person's UTC offset, in minutes, when it was taken (``None`` in records from before it was kept)."""
    zone: str | None = None
    """The person's IANA time zone then (``America/Toronto``), where known."""


@dataclass(frozen=True)
class SessionRecord:
    """One guided session. ``plan_json`` is the engine's expanded plan, kept so a session can resume
    exactly even if the pack changed since; ``pack_digest`` names exactly which content it ran."""

    pack_id: str
    pack_version: str
    routine_id: str
    routine_title: str
    planned_steps: int
    screening_id: str | None = None
    status: SessionStatus = "running"
    started_at: datetime = field(default_factory=utcnow)
    ended_at: datetime | None = None
    stop_reason: str | None = None
    soreness_settled: bool | None = None
    plan_json: str | None = None
    id: str = field(default_factory=new_id)
    pack_digest: str | None = None
    """The content digest (64 hex digits) of the pack files the session ran; ``None`` if not known."""
    elapsed_s: float | None = None
    """How long the session ran, measured on the monotonic clock (``None`` while running, or when a
    resumed run could not measure the whole)."""
    utc_offset_min: int | None = None
    """The person's UTC offset, in minutes, when it started: its local day and time come from it
    (``None`` in records from before it was kept)."""
    zone: str | None = None
    """The person's IANA time zone when it started (``America/Toronto``), where known."""


@dataclass(frozen=True)
class StepRecord:
    """One finished (done or skipped) step of a session, written the moment it ends."""

    session_id: str
    position: int
    exercise_id: str
    exercise_title: str
    region: str
    status: StepStatus
    side: Side | None = None
    set_index: int = 1
    planned_s: int | None = None
    actual_s: float | None = None
    planned_reps: int | None = None
    actual_reps: int | None = None
    pain: int | None = None
    note: str | None = None
    ended_at: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=new_id)


@dataclass(frozen=True)
class SessionSummary(SessionRecord):
    """A session with its steps aggregated (in SQL) for lists: done steps, duration, highest pain."""

    steps_done: int = 0
    duration_s: float | None = None
    max_pain: int | None = None

    @property
    def steps_planned(self) -> int:
        return self.planned_steps
