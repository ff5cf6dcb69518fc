"""When a screening holds: time limits, next-session-only screenings, pack changes and stops."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from solecheck.history.records import ScreeningRecord, SessionRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.screening.engine import evaluate
from solecheck.screening.validity import assess, current_clearance
from tests.screening.screening_factory import ALL_CLEAR, answers

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def record(pack: Pack, taken_at: datetime, **changes: object) -> ScreeningRecord:
    """A screening of ``pack`` as the wizard would save it, for ``answers`` (all clear by default)."""
    given = changes.pop("answers", ALL_CLEAR)
    outcome = evaluate(pack.screening, given)  # type: ignore[arg-type]
    fields: dict[str, object] = {
        "pack_id": pack.id,
        "pack_version": pack.version,
        "screening_digest": pack.screening_digest,
        "answers": dict(outcome.answers),
        "outcome": outcome.kind,
        "fired_rules": tuple(f.rule_id for f in outcome.fired),
        "messages": tuple(f.message for f in outcome.fired),
        "taken_at": taken_at,
    }
    fields.update(changes)
    return ScreeningRecord(**fields)  # type: ignore[arg-type]


def every_session(pack: Pack) -> Pack:
    """``pack`` with ``valid_for_days = 0``: screen before every session."""
    return dataclasses.replace(pack, screening=pack.screening.model_copy(update={"valid_for_days": 0}))


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(data_dir)
    yield opened
    opened.close()


# --- days ----------------------------------------------------------------------------------------------


def test_no_screening_needs_one(builtin_pack: Pack) -> None:
    clearance = assess(None, builtin_pack, NOW)
    assert (clearance.state, clearance.needs_screening, clearance.blocked, clearance.may_start) == (
        "none",
        True,
        False,
        False,
    )
    assert clearance.kind is None and clearance.outcome is None
    assert clearance.describe(UTC).startswith("No screening yet")


def nothing_about_today(pack: Pack) -> Pack:
    """``pack`` with no question marked about today: every answer holds for the pack's days."""
    questions = [q.model_copy(update={"about_today": False}) for q in pack.screening.questions]
    return dataclasses.replace(pack, screening=pack.screening.model_copy(update={"questions": questions}))


def test_a_proceed_holds_for_the_packs_days(builtin_pack: Pack) -> None:
    assert builtin_pack.screening.valid_for_days == 7
    pack = nothing_about_today(builtin_pack)
    clearance = assess(record(pack, NOW - timedelta(days=2)), pack, NOW)
    assert clearance.state == "valid" and clearance.may_start
    assert clearance.valid_until == NOW + timedelta(days=5)
    assert clearance.outcome is not None and clearance.outcome.kind == "proceed"
    assert clearance.describe(UTC) == (
        "Last screening 23 Nov 2026 12:00 — OK to go ahead. Holds until 30 Nov 2026 12:00."
    )


def test_a_screening_lapses_at_valid_until(builtin_pack: Pack) -> None:
    taken = NOW - timedelta(days=7)
    clearance = assess(record(builtin_pack, taken), builtin_pack, NOW)
    assert clearance.state == "expired" and clearance.needs_screening and not clearance.blocked
    assert clearance.valid_until == NOW
    pack = nothing_about_today(builtin_pack)
    assert assess(record(pack, taken), pack, NOW - timedelta(seconds=1)).may_start
    assert clearance.describe(UTC) == (
        "Screening needed before your next session: the last one (18 Nov 2026 12:00) lapsed 25 Nov 2026 12:00."
    )


def test_a_holding_modify_carries_its_routine_changes(builtin_pack: Pack) -> None:
    modify = record(builtin_pack, NOW - timedelta(hours=1), answers=answers(floor="no"))
    clearance = assess(modify, builtin_pack, NOW)
    assert clearance.may_start and clearance.kind == "modify"
    assert clearance.changes.skip_tags == frozenset({"floor"})
    assert "Go ahead with changes" in clearance.describe(UTC)


def test_without_a_holding_screening_there_are_no_changes(builtin_pack: Pack) -> None:
    old_modify = record(builtin_pack, NOW - timedelta(days=30), answers=answers(floor="no"))
    assert assess(old_modify, builtin_pack, NOW).changes.is_empty


# --- stop ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("age", [timedelta(0), timedelta(days=8), timedelta(days=400)])
def test_a_stop_blocks_until_a_new_screening_whatever_its_age(builtin_pack: Pack, age: timedelta) -> None:
    stop = record(builtin_pack, NOW - age, answers=answers(acute_injury=True))
    clearance = assess(stop, builtin_pack, NOW)
    assert clearance.state == "stop"
    assert clearance.blocked and clearance.needs_screening and not clearance.may_start
    assert clearance.outcome is None
    assert "No session can start until a new screening says otherwise" in clearance.describe(UTC)


def test_a_stop_still_blocks_after_the_screening_content_changed(builtin_pack: Pack) -> None:
    stop = record(builtin_pack, NOW, answers=answers(surgery=True), screening_digest="old-digest")
    assert assess(stop, builtin_pack, NOW).blocked


# --- pack changes --------------------------------------------------------------------------------------


def test_a_screening_is_void_once_the_screening_content_changed(builtin_pack: Pack) -> None:
    old = record(builtin_pack, NOW - timedelta(hours=1), screening_digest="0123456789abcdef", pack_version="0.9.0")
    clearance = assess(old, builtin_pack, NOW)
    assert clearance.state == "changed" and clearance.needs_screening and not clearance.blocked
    assert clearance.describe(UTC) == (
        "Screening needed before your next session: the screening questions changed in version 1.1.0 of the pack."
    )


def test_a_record_whose_answers_no_longer_evaluate_is_not_trusted(builtin_pack: Pack) -> None:
    tampered = dataclasses.replace(record(builtin_pack, NOW), answers={"acute-injury": False})
    assert assess(tampered, builtin_pack, NOW).needs_screening


def test_a_record_whose_outcome_disagrees_with_its_answers_is_not_trusted(builtin_pack: Pack) -> None:
    mismatch = record(builtin_pack, NOW, outcome="proceed", answers=answers(floor="no"))
    assert assess(mismatch, builtin_pack, NOW).state == "changed"


# --- next session only ---------------------------------------------------------------------------------


def test_every_session_screening_holds_until_a_session_starts(builtin_pack: Pack) -> None:
    pack = every_session(builtin_pack)
    taken = NOW - timedelta(days=3)
    fresh = assess(record(pack, taken), pack, NOW)
    assert fresh.state == "next_session" and fresh.may_start and fresh.valid_until is None
    assert fresh.describe(UTC).endswith("Holds for your next session.")
    assert assess(record(pack, taken), pack, NOW, session_since=taken - timedelta(minutes=5)).may_start
    used = assess(record(pack, taken), pack, NOW, session_since=taken + timedelta(minutes=1))
    assert used.state == "used" and used.needs_screening
    assert "was for one session" in used.describe(UTC)


# --- through the history store -------------------------------------------------------------------------


def test_current_clearance_reads_the_latest_screening(store: HistoryStore, builtin_pack: Pack) -> None:
    assert current_clearance(store, builtin_pack, NOW).state == "none"
    store.record_screening(record(builtin_pack, NOW - timedelta(hours=2), answers=answers(acute_injury=True)))
    assert current_clearance(store, builtin_pack, NOW).blocked
    later = record(builtin_pack, NOW - timedelta(hours=1))
    store.record_screening(later)
    clearance = current_clearance(store, builtin_pack, NOW)
    assert clearance.may_start and clearance.record == later


def test_a_newer_stop_overrides_an_older_proceed(store: HistoryStore, builtin_pack: Pack) -> None:
    store.record_screening(record(builtin_pack, NOW - timedelta(hours=2)))
    store.record_screening(record(builtin_pack, NOW - timedelta(hours=1), answers=answers(deformity=True)))
    assert current_clearance(store, builtin_pack, NOW).blocked


def test_screenings_of_another_pack_do_not_count(store: HistoryStore, builtin_pack: Pack) -> None:
    store.record_screening(record(builtin_pack, NOW, pack_id="other.pack"))
    assert current_clearance(store, builtin_pack, NOW).state == "none"


def test_a_session_uses_up_an_every_session_screening(store: HistoryStore, builtin_pack: Pack) -> None:
    pack = every_session(builtin_pack)
    screening = record(pack, NOW - timedelta(hours=1))
    store.record_screening(screening)
    assert current_clearance(store, pack, NOW).may_start
    store.start_session(
        SessionRecord(
            pack_id=pack.id,
            pack_version=pack.version,
            routine_id="foot-to-spine",
            routine_title="Foot to spine",
            planned_steps=3,
            screening_id=screening.id,
            started_at=NOW - timedelta(minutes=30),
        )
    )
    clearance = current_clearance(store, pack, NOW)
    assert clearance.state == "used" and not clearance.may_start
    # A days-based screening is not used up by a session.
    days_pack_record = record(builtin_pack, NOW - timedelta(minutes=10))
    store.record_screening(days_pack_record)
    assert current_clearance(store, builtin_pack, NOW).may_start


def test_a_session_stamped_before_its_screening_still_uses_it_up(store: HistoryStore, builtin_pack: Pack) -> None:
    # The clock was set back a day between the screening and the session started under it: the session's
    # link to its screening decides, not the stamps.
    pack = every_session(builtin_pack)
    screening = record(pack, NOW - timedelta(hours=1))
    store.record_screening(screening)
    store.start_session(
        SessionRecord(pack.id, pack.version, "foot-to-spine", "Foot to spine", 3, screening_id=screening.id,
                      started_at=NOW - timedelta(days=1))
    )
    clearance = current_clearance(store, pack, NOW)
    assert clearance.state == "used" and not clearance.may_start
