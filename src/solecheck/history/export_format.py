"""The JSON export format (``docs/history-format.md``): its name, version and record models.

The pydantic models are what ``solecheck history import`` accepts, field for field: unknown fields,
wrong types, naive times and out-of-range values are refused, so a malformed file changes nothing.
They also turn an imported record into the store's row form.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
)

from solecheck.history.schema import to_db_time
from solecheck.outside_text import describe, first_unsafe

FORMAT_NAME = "solecheck-history"
FORMAT_VERSION = 1
TOP_LEVEL_FIELDS = ("format", "format_version", "exported_at", "solecheck_version")
SECTIONS = ("screenings", "sessions", "steps")



def _iso_text(value: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError("must be a date and time as ISO 8601 text, e.g. 2026-03-02T08:00:00+00:00")
    return value


# An ISO 8601 text with a UTC offset (strict mode alone would refuse text for a datetime).
Moment = Annotated[AwareDatetime, Field(strict=False), BeforeValidator(_iso_text)]
def _no_control(value: str) -> str:
    index = first_unsafe(value)
    if index is not None:
        raise ValueError(f"contains a control character ({describe(value[index])}) at position {index + 1}")
    return value


RecordId = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_control)]
Text = Annotated[str, Field(max_length=100_000)]


class ExportedRecord(BaseModel):
    """Common settings: no unknown fields, no silent type coercion beyond JSON's own."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ExportedScreening(ExportedRecord):
    id: RecordId
    pack_id: Text
    pack_version: Text
    screening_digest: Text
    taken_at: Moment
    answers: dict[str, StrictBool | StrictInt | StrictStr]
    outcome: Literal["proceed", "modify", "stop"]
    fired_rules: list[Text] = []
    messages: list[Text] = []
    others_taken_at: Moment | None = None
    utc_offset_min: Annotated[int, Field(ge=-1080, le=1080)] | None = None
    zone: Annotated[str, Field(max_length=100)] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pack_id": self.pack_id,
            "pack_version": self.pack_version,
            "screening_digest": self.screening_digest,
            "answers": json.dumps(self.answers, ensure_ascii=False, sort_keys=True),
            "outcome": self.outcome,
            "fired_rules": json.dumps(self.fired_rules, ensure_ascii=False),
            "messages": json.dumps(self.messages, ensure_ascii=False),
            "taken_at": to_db_time(self.taken_at),
            "others_taken_at": to_db_time(self.others_taken_at) if self.others_taken_at else None,
            "utc_offset_min": self.utc_offset_min,
            "zone": self.zone,
        }


class ExportedSession(ExportedRecord):
    id: RecordId
    pack_id: Text
    pack_version: Text
    routine_id: Text
    routine_title: Text
    planned_steps: Annotated[int, Field(ge=0)]
    screening_id: RecordId | None = None
    status: Literal["running", "completed", "stopped_pain", "stopped_user", "interrupted"]
    started_at: Moment
    ended_at: Moment | None = None
    stop_reason: Text | None = None
    soreness_settled: bool | None = None
    plan_json: str | None = None
    pack_digest: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")] | None = None
    elapsed_s: Annotated[float, Field(ge=0, strict=False)] | None = None
    utc_offset_min: Annotated[int, Field(ge=-1080, le=1080)] | None = None
    zone: Annotated[str, Field(max_length=100)] | None = None

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pack_id": self.pack_id,
            "pack_version": self.pack_version,
            "routine_id": self.routine_id,
            "routine_title": self.routine_title,
            "planned_steps": self.planned_steps,
            "screening_id": self.screening_id,
            "status": self.status,
            "started_at": to_db_time(self.started_at),
            "ended_at": to_db_time(self.ended_at) if self.ended_at else None,
            "stop_reason": self.stop_reason,
            "soreness_settled": None if self.soreness_settled is None else int(self.soreness_settled),
            "plan_json": self.plan_json,
            "pack_digest": self.pack_digest,
            "elapsed_s": self.elapsed_s,
            "utc_offset_min": self.utc_offset_min,
            "zone": self.zone,
        }


class ExportedStep(ExportedRecord):
    id: RecordId
    session_id: RecordId
    position: Annotated[int, Field(ge=0)]
    exercise_id: Text
    exercise_title: Text
    region: Text
    status: Literal["done", "skipped"]
    side: Literal["left", "right"] | None = None
    set_index: Annotated[int, Field(ge=1)] = 1
    planned_s: Annotated[int, Field(ge=0)] | None = None
    actual_s: Annotated[float, Field(ge=0)] | None = None
    planned_reps: Annotated[int, Field(ge=0)] | None = None
    actual_reps: Annotated[int, Field(ge=0)] | None = None
    pain: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Text | None = None
    ended_at: Moment

    def row(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "session_id": self.session_id,
            "position": self.position,
            "exercise_id": self.exercise_id,
            "exercise_title": self.exercise_title,
            "region": self.region,
            "status": self.status,
            "side": self.side,
            "set_index": self.set_index,
            "planned_s": self.planned_s,
            "actual_s": self.actual_s,
            "planned_reps": self.planned_reps,
            "actual_reps": self.actual_reps,
            "pain": self.pain,
            "note": self.note,
            "ended_at": to_db_time(self.ended_at),
        }


SECTION_MODELS: dict[str, type[ExportedScreening | ExportedSession | ExportedStep]] = {
    "screenings": ExportedScreening,
    "sessions": ExportedSession,
    "steps": ExportedStep,
}
