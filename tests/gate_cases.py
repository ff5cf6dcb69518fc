"""The safety gate's cases: one table, run against the core (``tests/session/test_start.py``), the line
mode (``tests/plain/test_gate.py``) and the app (``tests/tui/test_gate.py``).

Each case seeds a real history file (stamps relative to :data:`NOW`, zone UTC), lists the person's
answers in frontend-neutral words, and says which steps the gate must take and how many screenings
it must record. Steps with no choice to make (a notice, a refusal that offers nothing) are
acknowledged by each frontend itself and take no answer from the list.

Answers: ``resume``/``end``/``leave`` (an unfinished session), ``yes``/``no`` (the soreness question),
``proceed``/``stop``/``modify``/``leave`` (a screening, by its outcome), ``today-none``/``today-some``
(only the questions about today, asked again: no pain / pain 4), ``again``/``close`` (a refusal that
offers to screen again).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Literal

from solecheck.history.records import ScreeningRecord, SessionRecord, StepRecord
from solecheck.history.store import HistoryStore
from solecheck.packs.models import AfterPainStop
from solecheck.packs.pack import Pack
from solecheck.screening.engine import evaluate
from solecheck.session.plan import build_plan
from solecheck.session.recorder import SIGNAL_REASONS
from solecheck.session.start import Begin, Step

NOW = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
"""The injected wall clock of every case."""

CLEAR = {"acute-injury": False, "deformity": False, "surgery": False, "pain-today": False, "floor": "easily"}
SCREENING_ANSWERS: dict[str, dict[str, bool | int | str]] = {
    "proceed": CLEAR,
    "stop": {**CLEAR, "acute-injury": True},
    "modify": {**CLEAR, "pain-today": True, "pain-level": 4},
    "today-none": {"pain-today": False},
    "today-some": {"pain-today": True, "pain-level": 4},
}
"""Each screening answer as the answers a person gives (the built-in pack's questions)."""

KEYS: dict[str, list[str]] = {
    "proceed": ["n", "n", "n", "n", "1"],
    "stop": ["y", "n", "n", "n", "1"],
    "modify": ["n", "n", "n", "y", "4", "1"],
    "today-none": ["n"],
    "today-some": ["y", "4"],
}
"""The same, as typed: y/n, a scale's number, a choice's number (the app's keys and the line mode's lines)."""


def screening(pack: Pack, outcome: str, taken_at: datetime, *, digest: str | None = None) -> ScreeningRecord:
    evaluated = evaluate(pack.screening, SCREENING_ANSWERS[outcome])
    return ScreeningRecord(
        pack.id, pack.version, digest or pack.screening_digest, dict(evaluated.answers), evaluated.kind,
        tuple(rule.rule_id for rule in evaluated.fired), tuple(rule.message for rule in evaluated.fired),
        taken_at=taken_at,
    )


def finished(
    store: HistoryStore, pack: Pack, started: datetime, status: str, *, pain: int = 1, settled: bool | None = None
) -> SessionRecord:
    """A finished session of Sole reset with one step rated ``pain``, started under the screening written
    last (as the gate starts one)."""
    under = store.last_written_screening(pack.id)
    session = SessionRecord(pack.id, pack.version, "sole-only", "Sole reset", 2, started_at=started,
                            screening_id=under.id if under is not None else None)
    store.start_session(session)
    store.record_step(StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done",
                                 "left", planned_s=90, actual_s=90.0, pain=pain,
                                 ended_at=started + timedelta(minutes=2)))
    store.finish_session(session.id, status, started + timedelta(minutes=3),  # type: ignore[arg-type]
                         "pain above the limit" if status == "stopped_pain" else None)
    if settled is not None:
        store.set_soreness(session.id, settled)
    return session


def running(
    store: HistoryStore, pack: Pack, *, readable: bool = True, ago: timedelta = timedelta(hours=1), pain: int = 2,
    signal: str | None = None,
) -> None:
    """A session the app was killed during, ``ago`` (an hour by default), one step done and rated ``pain``;
    with ``signal`` (``SIGHUP``, ``SIGTERM``) it was saved as interrupted by that signal instead."""
    plan = build_plan(pack, pack.routine("sole-only"))
    session = SessionRecord(pack.id, pack.version, "sole-only", "Sole reset", 2, started_at=NOW - ago,
                            plan_json=plan.to_json() if readable else "{broken")
    store.start_session(session)
    store.record_step(StepRecord(session.id, 0, "sole-ball-roll", "Sole roll on a ball", "foot_sole", "done", "left",
                                 planned_s=90, actual_s=90.0, pain=pain, ended_at=NOW - timedelta(minutes=55)))
    if signal is not None:
        store.finish_session(session.id, "interrupted", NOW - timedelta(minutes=54), SIGNAL_REASONS[signal])


Seed = Callable[[HistoryStore, Pack], None]


def _nothing(store: HistoryStore, pack: Pack) -> None:
    pass


def _screened(outcome: str, ago: timedelta, **kw: str) -> Seed:
    def seed(store: HistoryStore, pack: Pack) -> None:
        store.record_screening(screening(pack, outcome, NOW - ago, **kw))
    return seed


def _then(*seeds: Seed) -> Seed:
    def seed(store: HistoryStore, pack: Pack) -> None:
        for one in seeds:
            one(store, pack)
    return seed


def _session(ago: timedelta, status: str, *, pain: int = 1, settled: bool | None = None) -> Seed:
    def seed(store: HistoryStore, pack: Pack) -> None:
        finished(store, pack, NOW - ago, status, pain=pain, settled=settled)
    return seed


def _running(
    readable: bool = True, ago: timedelta = timedelta(hours=1), pain: int = 2, signal: str | None = None
) -> Seed:
    def seed(store: HistoryStore, pack: Pack) -> None:
        running(store, pack, readable=readable, ago=ago, pain=pain, signal=signal)
    return seed


DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
SCREENED = _screened("proceed", 5 * HOUR)
"""A screening that holds: taken today (NOW is 15:00 UTC), so its answers about today hold too."""
PAIN_STOP = _then(SCREENED, _session(3 * HOUR, "stopped_pain", pain=8, settled=True))
PAIN_THEN_SKIPPED = _then(SCREENED, _session(3 * HOUR, "completed", pain=8, settled=True))
"""Pain 8 (above the limit, 5), the rest of that area skipped and the routine finished: ``completed``."""
PAIN_THEN_CLOSED = _then(SCREENED, _running(pain=8, signal="SIGTERM"))
"""The app closed (or signalled) at the pain pause after a rating of 8: ``interrupted``, steps left."""


@dataclass(frozen=True)
class GateCase:
    """One start attempt: a seeded history, the answers given, the steps expected."""

    name: str
    seed: Seed
    answers: tuple[str, ...]
    steps: tuple[str, ...]
    """Step kinds in order, ending ``Begin``, ``Resumed`` or ``NoSession``."""
    screenings_added: int = 0
    policy: Literal["screening", "wait", "clinic"] = "screening"
    sessions_added: int = field(default=-1)
    """New sessions recorded (default: one when the gate ends at ``Begin``, else none)."""

    @property
    def begins(self) -> bool:
        return self.steps[-1] == "Begin"

    @property
    def new_sessions(self) -> int:
        return self.sessions_added if self.sessions_added >= 0 else int(self.begins)

    def pack(self, base: Pack) -> Pack:
        """The built-in pack with this case's pain-stop policy."""
        policy = AfterPainStop(require=self.policy, wait_hours=24)
        return dataclasses.replace(base, session=base.session.model_copy(update={"after_pain_stop": policy}))


CASES: tuple[GateCase, ...] = (
    GateCase("first start: screening, go ahead", _nothing, ("proceed",), ("AskScreening", "Begin"), 1),
    GateCase("first start: screening left, nothing saved", _nothing, ("leave",), ("AskScreening", "NoSession")),
    GateCase("first start: screening says stop", _nothing, ("stop",), ("AskScreening", "Refuse", "NoSession"), 1),
    GateCase("a screening that holds starts at once", SCREENED, (), ("Begin",)),
    GateCase("a modify screening that holds starts at once", _screened("modify", HOUR), (), ("Begin",)),
    GateCase("an expired screening is asked again", _screened("proceed", 8 * DAY), ("proceed",),
             ("AskScreening", "Begin"), 1),
    GateCase("changed screening questions are asked again", _screened("proceed", DAY, digest="old"), ("proceed",),
             ("AskScreening", "Begin"), 1),
    GateCase("a stop refuses; closing starts nothing", _screened("stop", DAY), ("close",), ("Refuse", "NoSession")),
    GateCase("a stop; something changed; go ahead", _screened("stop", DAY), ("again", "proceed"),
             ("Refuse", "AskScreening", "Begin"), 1),
    GateCase("a stop; screened again; still stop", _screened("stop", DAY), ("again", "stop"),
             ("Refuse", "AskScreening", "Refuse", "NoSession"), 1),
    GateCase("a pain stop asks for a new screening", PAIN_STOP, ("proceed",), ("AskScreening", "Begin"), 1),
    GateCase("a pain stop; the new screening says stop", PAIN_STOP, ("stop",),
             ("AskScreening", "Refuse", "NoSession"), 1),
    GateCase("a pain stop followed by a screening starts", _then(PAIN_STOP, _screened("proceed", HOUR)), (),
             ("Begin",)),
    GateCase("a pain stop with a wait refuses within it", _then(SCREENED, _session(2 * HOUR, "stopped_pain",
             settled=True)), (), ("Refuse", "NoSession"), policy="wait"),
    GateCase("a pain stop with a wait starts after it", _then(SCREENED, _session(30 * HOUR, "stopped_pain",
             settled=True)), (), ("Begin",), policy="wait"),
    GateCase("a pain stop: clinic first; closing starts nothing", PAIN_STOP, ("close",), ("Refuse", "NoSession"),
             policy="clinic"),
    GateCase("a pain stop: clinic first, then a screening", PAIN_STOP, ("again", "proceed"),
             ("Refuse", "AskScreening", "Begin"), 1, policy="clinic"),
    GateCase("pain above the limit, area skipped, completed: a new screening", PAIN_THEN_SKIPPED, ("proceed",),
             ("AskScreening", "Begin"), 1),
    GateCase("pain above the limit, stopped by the person: a new screening",
             _then(SCREENED, _session(3 * HOUR, "stopped_user", pain=7, settled=True)), ("proceed",),
             ("AskScreening", "Begin"), 1),
    GateCase("pain above the limit, completed, then a screening starts", _then(PAIN_THEN_SKIPPED,
             _screened("proceed", HOUR)), (), ("Begin",)),
    GateCase("pain above the limit, completed: a wait refuses", PAIN_THEN_SKIPPED, (), ("Refuse", "NoSession"),
             policy="wait"),
    GateCase("pain in the caution band, completed: no new screening", _then(SCREENED, _session(3 * HOUR,
             "completed", pain=5, settled=True)), (), ("Begin",)),
    GateCase("pain above the limit, then closed: not resumed, a new screening", PAIN_THEN_CLOSED, ("proceed",),
             ("Tell", "AskScreening", "Begin"), 1),
    GateCase("pain above the limit, then closed: the new screening left", PAIN_THEN_CLOSED, ("leave",),
             ("Tell", "AskScreening", "NoSession")),
    GateCase("pain above the limit, then killed: not resumed, the clinic first", _then(SCREENED, _running(pain=9)),
             ("close",), ("Tell", "Refuse", "NoSession"), policy="clinic"),
    GateCase("pain above the limit, then closed: a wait refuses", PAIN_THEN_CLOSED, (), ("Tell", "Refuse",
             "NoSession"), policy="wait"),
    GateCase("an unfinished session is resumed", _then(SCREENED, _running()), ("resume",),
             ("OfferResume", "Resumed")),
    GateCase("an unfinished session ended, then a new one", _then(SCREENED, _running()), ("end",),
             ("OfferResume", "Tell", "Begin")),
    GateCase("leaving the resume offer starts nothing", _then(SCREENED, _running()), ("leave",),
             ("OfferResume", "NoSession")),
    GateCase("an unreadable unfinished session is ended and said", _then(SCREENED, _running(readable=False)), (),
             ("Tell", "Begin")),
    GateCase("yesterday's soreness settled", _then(SCREENED, _session(DAY, "completed", pain=4)), ("yes",),
             ("AskSoreness", "Begin")),
    GateCase("yesterday's soreness did not settle: advice", _then(SCREENED, _session(DAY, "completed", pain=4)),
             ("no",), ("AskSoreness", "Tell", "Begin")),
    GateCase("soreness is not asked the same day", _then(SCREENED, _session(HOUR, "completed", pain=4)), (),
             ("Begin",)),
    GateCase("a pain stop after soreness: both asked",
             _then(_screened("proceed", 2 * DAY), _session(DAY, "stopped_pain", pain=8)),
             ("yes", "proceed"), ("AskSoreness", "AskScreening", "Begin"), 1),
    GateCase("yesterday's answers about today: only those are asked", _screened("proceed", DAY), ("today-none",),
             ("AskScreening", "Begin"), 1),
    GateCase("pain today, asked again, changes today's plan", _screened("proceed", DAY), ("today-some",),
             ("AskScreening", "Begin"), 1),
    GateCase("answers about today hold the same day", _screened("modify", 5 * HOUR), (), ("Begin",)),
    GateCase("a screening stamped in the future grants nothing", _screened("proceed", -200 * DAY), ("proceed",),
             ("AskScreening", "Begin"), 1),
    GateCase("a stop after a future-stamped go-ahead refuses",
             _then(_screened("proceed", -200 * DAY), _screened("stop", timedelta(minutes=1))), ("close",),
             ("Refuse", "NoSession")),
    GateCase("an unfinished session stamped in the future is not resumed", _then(SCREENED, _running(ago=-30 * DAY)),
             (), ("Tell", "Begin")),
    GateCase("a real screening after a future-stamped one holds",
             _then(_screened("proceed", -200 * DAY), _screened("proceed", HOUR)), (), ("Begin",)),
    # "Latest" is the order records were written, not their stamps (a clock set back or ahead while recording).
    GateCase("a stop written after a go-ahead refuses, though stamped earlier (clock set back)",
             _then(_screened("proceed", HOUR), _screened("stop", 2 * DAY)), ("close",), ("Refuse", "NoSession")),
    GateCase("a go-ahead written after a stop holds, though stamped earlier (clock set back)",
             _then(_screened("stop", HOUR), _screened("proceed", 2 * HOUR)), (), ("Begin",)),
    GateCase("a pain stop written last but stamped earlier still gates",
             _then(SCREENED, _session(2 * HOUR, "completed"), _session(2 * DAY, "stopped_pain", pain=8, settled=True)),
             ("proceed",), ("AskScreening", "Begin"), 1),
    GateCase("a pain stop stamped before its screening (clock set back) still gates",
             _then(SCREENED, _session(2 * DAY, "stopped_pain", pain=8, settled=True)),
             ("proceed",), ("AskScreening", "Begin"), 1),
    GateCase("a pain stop stamped in the future is lifted by the screening written after it",
             _then(SCREENED, _session(-30 * DAY, "stopped_pain", pain=8, settled=True), _screened("proceed", HOUR)),
             (), ("Begin",)),
    GateCase("soreness is asked about the session written last, whatever its stamp",
             _then(SCREENED, _session(DAY, "completed", pain=1), _session(2 * DAY, "completed", pain=4)),
             ("yes",), ("AskSoreness", "Begin")),
    GateCase("the unfinished session written last is the one offered",
             _then(SCREENED, _running(), _running(readable=False, ago=3 * HOUR)), (), ("Tell", "Begin"),
             sessions_added=1),
)


def step_name(step: Step) -> str:
    """A step's kind as the table writes it (a resumed ``Begin`` is ``Resumed``)."""
    if isinstance(step, Begin) and step.resumed:
        return "Resumed"
    return type(step).__name__


def counts(store: HistoryStore) -> tuple[int, int]:
    """(screenings, sessions) in the history."""
    totals = store.count_all()
    return totals["screenings"], totals["sessions"]
