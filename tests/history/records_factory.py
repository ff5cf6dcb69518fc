"""Records for history tests: small, valid, with fixed times unless told otherwise."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from solecheck.history.records import ScreeningRecord, SessionRecord, StepRecord

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday


def screening(**changes: Any) -> ScreeningRecord:
    fields: dict[str, Any] = {
        "pack_id": "clinic.feet",
        "pack_version": "1.2.0",
        "screening_digest": "sha256:abc",
        "answers": {"diabetes": False, "pain_today": 3, "note": "fine [bold]x[/]"},
        "outcome": "modify",
        "fired_rules": ("pain-moderate",),
        "messages": ("Go gently today.",),
        "taken_at": T0,
    }
    fields.update(changes)
    return ScreeningRecord(**fields)


def session(**changes: Any) -> SessionRecord:
    fields: dict[str, Any] = {
        "pack_id": "clinic.feet",
        "pack_version": "1.2.0",
        "routine_id": "morning",
        "routine_title": "Morning feet",
        "planned_steps": 4,
        "started_at": T0,
    }
    fields.update(changes)
    return SessionRecord(**fields)


def step(session_id: str, position: int, **changes: Any) -> StepRecord:
    fields: dict[str, Any] = {
        "session_id": session_id,
        "position": position,
        "exercise_id": f"ex-{position}",
        "exercise_title": f"Exercise {position}",
        "region": "plantar",
        "status": "done",
        "planned_s": 30,
        "actual_s": 29.5,
        "ended_at": T0 + timedelta(minutes=position + 1),
    }
    fields.update(changes)
    return StepRecord(**fields)
