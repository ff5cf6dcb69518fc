"""The soreness follow-up: at the next start, ask once whether soreness from the last session settled.

:func:`soreness_follow_up` says whether to ask the pack's soreness question at this start: once, about
the last finished session, when its highest pain reached the caution band (the pack's
``pain_check.caution_from``, as the session ran with it) and it ended on an earlier local day;
:func:`answer_soreness` records the answer and gives the pack's advice when it did not settle.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from solecheck.history.records import SessionRecord, StepRecord, utcnow
from solecheck.packs.pack import Pack
from solecheck.session.plan import PlanError, SessionPlan


class SorenessHistory(Protocol):
    """The parts of ``HistoryStore`` the follow-up uses."""

    def last_finished_session(self, pack_id: str | None = None) -> SessionRecord | None: ...
    def steps_of(self, session_id: str) -> list[StepRecord]: ...
    def set_soreness(self, session_id: str, settled: bool) -> None: ...


@dataclass(frozen=True)
class SorenessFollowUp:
    """The question to ask about the last session, which reached the caution band."""

    session: SessionRecord
    max_pain: int
    question: str
    advice: str


def soreness_follow_up(
    store: SorenessHistory, pack: Pack, *, now: datetime | None = None, zone: tzinfo | None = None
) -> SorenessFollowUp | None:
    """Whether to ask the soreness question at ``now`` (aware UTC; the wall clock when ``None``): the
    last finished session of the pack reached the caution band (the pain limits it ran with), has no
    answer yet, and ended on an earlier local day in ``zone`` (the system's when ``None``) at least
    ``pain_check.soreness_min_hours`` ago. The question is about the next morning, so it is never asked
    the same day (nor about a session stamped in the future)."""
    last = store.last_finished_session(pack.id)
    if last is None or last.soreness_settled is not None:
        return None
    steps = store.steps_of(last.id)
    pains = [r.pain for r in steps if r.pain is not None]
    if not pains:
        return None
    # When the exercise was done: its last step (a session ended later from the resume offer keeps it).
    done = max((r.ended_at for r in steps), default=last.ended_at or last.started_at)
    moment = now or utcnow()
    if done.astimezone(zone).date() >= moment.astimezone(zone).date():
        return None
    if moment - done < timedelta(hours=pack.session.pain_check.soreness_min_hours):
        return None
    caution_from = pack.session.pain_check.caution_from
    if last.plan_json:
        with suppress(PlanError):
            caution_from = SessionPlan.from_json(last.plan_json).caution_from
    if max(pains) < caution_from:
        return None
    check = pack.session.pain_check
    return SorenessFollowUp(last, max(pains), check.soreness_question, check.soreness_advice)


def answer_soreness(store: SorenessHistory, follow_up: SorenessFollowUp, settled: bool) -> str | None:
    """Record the answer; returns the pack's advice to show when the soreness did not settle."""
    store.set_soreness(follow_up.session.id, settled)
    return None if settled else follow_up.advice
