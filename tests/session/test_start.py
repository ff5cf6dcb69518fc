"""The safety gate in the core: the shared table of cases driven directly, then the rules one at a time
(answers that don't fit, what the gate records, the home screen's line)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from solecheck.history.records import SessionRecord, StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.screening.engine import evaluate
from solecheck.session.plan import build_plan
from solecheck.session.start import (
    Answer,
    AskScreening,
    AskSoreness,
    Begin,
    GateError,
    NoSession,
    OfferResume,
    Refuse,
    StartGate,
    Step,
    Tell,
    start_check,
)
from tests.conftest import FakeClock
from tests.gate_cases import (
    CASES,
    HOUR,
    NOW,
    PAIN_STOP,
    PAIN_THEN_CLOSED,
    SCREENED,
    SCREENING_ANSWERS,
    GateCase,
    counts,
    screening,
    step_name,
)


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(data_dir) as opened:
        yield opened


def core_answer(step: Step, answers: list[str], pack: Pack) -> Answer:
    """The table's answer to ``step``, as the core takes it."""
    if isinstance(step, Tell) or (isinstance(step, Refuse) and not step.may_screen_again):
        return None
    given = answers.pop(0)
    if isinstance(step, OfferResume):
        return None if given == "leave" else given
    if isinstance(step, AskSoreness):
        return given == "yes"
    if isinstance(step, Refuse):
        return "again" if given == "again" else None
    assert isinstance(step, AskScreening)
    if given.startswith("today"):
        assert step.only == {"pain-today", "pain-level"}, "only the questions about today are asked again"
    return None if given == "leave" else evaluate(pack.screening, {**step.kept, **SCREENING_ANSWERS[given]})


def gate(store: HistoryStore, pack: Pack, clock: FakeClock) -> StartGate:
    return StartGate(store, pack, pack.default_routine, clock=clock, now=lambda: NOW, zone=UTC)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_gate_case_in_the_core(case: GateCase, store: HistoryStore, builtin_pack: Pack, clock: FakeClock) -> None:
    pack = case.pack(builtin_pack)
    case.seed(store, pack)
    before = counts(store)
    answers = list(case.answers)
    started = gate(store, pack, clock)
    seen = [step_name(started.step)]
    while not started.finished:
        seen.append(step_name(started.answer(core_answer(started.step, answers, pack))))
    assert tuple(seen) == case.steps
    assert answers == [], "every answer of the case was asked for"
    after = counts(store)
    assert (after[0] - before[0], after[1] - before[1]) == (case.screenings_added, case.new_sessions)


def test_gate_cases_are_many_and_named_once() -> None:
    assert len(CASES) >= 20 and len({case.name for case in CASES}) == len(CASES)


def test_an_answer_that_does_not_fit_is_refused(store: HistoryStore, builtin_pack: Pack, clock: FakeClock) -> None:
    started = gate(store, builtin_pack, clock)
    assert isinstance(started.step, AskScreening)
    with pytest.raises(GateError, match="does not answer AskScreening"):
        started.answer("proceed")
    assert isinstance(started.answer(None), NoSession)
    with pytest.raises(GateError, match="has ended"):
        started.answer(None)


def test_the_gate_records_the_screening_with_the_injected_clock(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    started = gate(store, builtin_pack, clock)
    end = started.answer(evaluate(builtin_pack.screening, SCREENING_ANSWERS["modify"]))
    assert isinstance(end, Begin) and end.outcome is not None
    saved = store.latest_screening(builtin_pack.id)
    assert saved is not None and saved.taken_at == NOW and saved.outcome == "modify"
    assert end.outcome.screening_id == saved.id and end.recorder.session.screening_id == saved.id
    assert end.recorder.session.started_at == NOW
    # The modify outcome's changes reach the plan: every timed step of the sole work is halved.
    assert end.engine.plan.steps[0].duration_s == 30  # 60 s in the routine


def test_a_pain_stop_says_why_and_what_to_do(store: HistoryStore, builtin_pack: Pack) -> None:
    PAIN_STOP(store, builtin_pack)
    check = start_check(store, builtin_pack, NOW)
    assert check.clearance.may_start and not check.may_start and check.needs_screening and not check.blocked
    assert check.describe(UTC) == (
        "Your last session (25 Nov 2026 12:03) recorded pain 8 out of 10, above the limit of 5. Answer the safety "
        "questions again before your next session, including how much pain you have today."
    )


def test_a_wait_after_a_pain_stop_says_until_when(store: HistoryStore, builtin_pack: Pack, clock: FakeClock) -> None:
    case = next(c for c in CASES if c.name == "a pain stop with a wait refuses within it")
    pack = case.pack(builtin_pack)
    case.seed(store, pack)
    check = start_check(store, pack, NOW)
    assert check.blocked and not check.may_start
    assert "Rest until 26 Nov 2026 13:03; after that you can start again." in check.describe(UTC)
    refusal = gate(store, pack, clock).step
    assert isinstance(refusal, Refuse) and not refusal.may_screen_again
    later = start_check(store, pack, NOW + timedelta(hours=23), UTC)
    assert later.hold is None and later.clearance.state == "today"  # the wait is over; today is a new day


def test_answers_about_today_lapse_at_local_midnight_and_only_they_are_asked_again(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    toronto = ZoneInfo("America/Toronto")
    taken = datetime(2026, 11, 25, 22, 0, tzinfo=toronto)  # 10 pm in Toronto: 03:00 UTC the next day
    store.record_screening(screening(builtin_pack, "modify", taken.astimezone(UTC)))
    before_midnight = start_check(store, builtin_pack, datetime(2026, 11, 25, 23, 59, tzinfo=toronto), toronto)
    assert before_midnight.may_start and before_midnight.clearance.changes.dose_factor == 0.5
    assert "your answers about today until 26 Nov 2026 00:00" in before_midnight.describe(toronto)
    # In UTC that same screening was taken on the 26th: its answers about today hold through the 26th there.
    assert start_check(store, builtin_pack, datetime(2026, 11, 26, 12, 0, tzinfo=UTC), UTC).may_start
    after = datetime(2026, 11, 26, 0, 1, tzinfo=toronto)
    check = start_check(store, builtin_pack, after, toronto)
    assert check.clearance.state == "today" and check.needs_screening and not check.blocked
    assert check.describe(toronto) == (
        "Your answers about today were for 25 Nov 2026 22:00: you'll answer those again before your next session "
        "(the others hold until 2 Dec 2026 22:00)."
    )
    started = StartGate(store, builtin_pack, builtin_pack.default_routine, clock=clock, now=lambda: after,
                        zone=toronto)
    step = started.step
    assert isinstance(step, AskScreening) and step.only == {"pain-today", "pain-level"}
    assert step.kept == {"acute-injury": False, "deformity": False, "surgery": False, "floor": "easily"}
    end = started.answer(evaluate(builtin_pack.screening, {**step.kept, "pain-today": False}))
    assert isinstance(end, Begin) and end.outcome is not None and end.outcome.kind == "proceed"
    saved = store.latest_screening(builtin_pack.id)
    assert saved is not None and saved.taken_at == after and saved.others_taken_at == taken
    # The other answers still hold from when they were given, not from today's new screening.
    assert start_check(store, builtin_pack, taken + timedelta(days=7, minutes=1), toronto).clearance.state == "expired"


def test_today_hours_sets_how_long_answers_about_today_hold(store: HistoryStore, builtin_pack: Pack) -> None:
    pack = dataclasses.replace(
        builtin_pack, screening=builtin_pack.screening.model_copy(update={"today_hours": 6})
    )
    store.record_screening(screening(pack, "proceed", NOW))
    assert start_check(store, pack, NOW + timedelta(hours=5, minutes=59), UTC).may_start
    assert start_check(store, pack, NOW + timedelta(hours=6), UTC).clearance.state == "today"


def test_a_future_stamped_screening_says_the_clock_looks_wrong(store: HistoryStore, builtin_pack: Pack) -> None:
    case = next(c for c in CASES if c.name == "a screening stamped in the future grants nothing")
    case.seed(store, builtin_pack)
    check = start_check(store, builtin_pack, NOW)
    assert check.clearance.state == "future" and check.needs_screening
    assert check.describe(UTC).startswith("The computer's clock looks wrong: your last screening is dated 13 Jun 2027")


def test_a_painful_session_left_unfinished_is_never_offered_again(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    PAIN_THEN_CLOSED(store, builtin_pack)
    check = start_check(store, builtin_pack, NOW, UTC)
    assert check.hold is not None and check.hold.max_pain == 8 and check.needs_screening
    assert "recorded pain 8 out of 10, above the limit of 5" in check.describe(UTC)
    first = gate(store, builtin_pack, clock)
    assert isinstance(first.step, Tell) and "so it is not continued" in first.step.text
    asked = first.answer(None)
    assert isinstance(asked, AskScreening) and asked.hold is not None and "pain 8 out of 10" in asked.reason
    assert isinstance(first.answer(None), NoSession)  # the screening left: nothing starts
    # The next start: no resume offer, the questions first.
    again = gate(store, builtin_pack, clock)
    assert isinstance(again.step, AskScreening) and again.step.hold is not None


def test_a_tighter_limit_the_session_ran_with_counts(
    store: HistoryStore, builtin_pack: Pack, clock: FakeClock
) -> None:
    # Pain 5 is in the built-in pack's caution band, but a session that ran with a limit of 4 paused for it.
    tight = dataclasses.replace(builtin_pack, session=builtin_pack.session.model_copy(update={
        "pain_check": builtin_pack.session.pain_check.model_copy(update={"limit": 4, "caution_from": 3})}))
    SCREENED(store, tight)
    plan = build_plan(tight, tight.routine("sole-only"))
    session = SessionRecord(tight.id, tight.version, "sole-only", "Sole reset", 2, started_at=NOW - 2 * HOUR,
                            plan_json=plan.to_json())
    store.start_session(session)
    store.record_step(StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done", "left",
                                 planned_s=90, actual_s=90.0, pain=5, ended_at=NOW - 2 * HOUR))
    store.finish_session(session.id, "completed", NOW - 2 * HOUR)
    hold = start_check(store, builtin_pack, NOW, UTC).hold
    assert hold is not None and (hold.max_pain, hold.limit) == (5, 4)
