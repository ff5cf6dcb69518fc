"""Answers for the built-in pack and small hand-made screenings for the engine tests."""

from __future__ import annotations

from typing import Any

from solecheck.packs.models import AnswerValue, ScreeningFile

ALL_CLEAR: dict[str, AnswerValue] = {
    "acute-injury": False,
    "deformity": False,
    "surgery": False,
    "pain-today": False,
    "floor": "easily",
}
"""Answers to the built-in pack that fire no rule."""


def answers(**changes: AnswerValue) -> dict[str, AnswerValue]:
    """:data:`ALL_CLEAR` with some answers changed (``pain_level=4`` sets ``pain-level``)."""
    result = dict(ALL_CLEAR)
    result.update({key.replace("_", "-"): value for key, value in changes.items()})
    return result


def screening(
    questions: list[dict[str, Any]], rules: list[dict[str, Any]] | None = None, **extra: Any
) -> ScreeningFile:
    """A screening built from plain dicts, validated like a ``screening.toml``."""
    return ScreeningFile.model_validate({"questions": questions, "rules": rules or [], **extra})


def yes_no(qid: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "kind": "yes_no", "text": f"Question {qid}?", **extra}


def rule(rid: str, outcome: str, *conditions: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {"id": rid, "outcome": outcome, "message": f"Message of {rid}.", "when": list(conditions), **extra}
