"""Saving a screening outcome: the one place a :class:`ScreeningRecord` is built from an outcome.

The wizard and the line mode only ask the questions and evaluate the answers; the outcome they return
is recorded here with the wall-clock time the caller injects, so every screening is stamped the same
way whichever frontend took it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo
from typing import Protocol

from solecheck.history.local_time import zone_stamp
from solecheck.history.records import ScreeningRecord
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import ScreeningOutcome


class ScreeningSink(Protocol):
    """What recording needs from the history store (``HistoryStore`` provides it)."""

    def record_screening(self, record: ScreeningRecord) -> None: ...


def record_outcome(
    store: ScreeningSink,
    pack: Pack,
    outcome: ScreeningOutcome,
    now: Callable[[], datetime],
    *,
    others_taken_at: datetime | None = None,
    zone: tzinfo | None = None,
) -> ScreeningOutcome:
    """Save ``outcome`` (evaluated on ``pack``'s screening) stamped ``now()`` (aware UTC); returns the
    outcome carrying the saved record's ``screening_id``. ``others_taken_at``: when only the questions
    about today were asked again, when the other answers were given. Raises ``HistoryError`` when the
    write fails. The record keeps the UTC offset and name of ``zone`` (the system's when ``None``)."""
    taken = now()
    offset, zone_name = zone_stamp(taken, zone)
    record = ScreeningRecord(
        pack_id=pack.id,
        pack_version=pack.version,
        screening_digest=pack.screening_digest,
        answers=dict(outcome.answers),
        outcome=outcome.kind,
        fired_rules=tuple(rule.rule_id for rule in outcome.fired),
        messages=tuple(rule.message for rule in outcome.fired),
        taken_at=taken,
        others_taken_at=others_taken_at,
        utc_offset_min=offset,
        zone=zone_name,
    )
    store.record_screening(record)
    return replace(outcome, screening_id=record.id)
