"""What a screening decides: the outcome, the rules behind it, and the changes it makes to a routine."""

from __future__ import annotations

from dataclasses import dataclass, field

from solecheck.packs.models import SEVERITY_ORDER, AnswerValue, Severity


@dataclass(frozen=True)
class RoutineChanges:
    """How a ``modify`` outcome changes a routine: exercises left out by id or tag, and a factor
    (0 < f ≤ 1) applied to timed doses. The factors of several firing rules multiply."""

    skip_exercises: frozenset[str] = frozenset()
    skip_tags: frozenset[str] = frozenset()
    dose_factor: float = 1.0

    @property
    def is_empty(self) -> bool:
        return not self.skip_exercises and not self.skip_tags and self.dose_factor == 1.0


@dataclass(frozen=True)
class FiredRule:
    """A rule whose conditions held, with the outcome and message it carries."""

    rule_id: str
    outcome: Severity
    message: str


@dataclass(frozen=True)
class ScreeningOutcome:
    """The result of a screening: the most severe outcome of the rules that fired (``proceed`` when
    none did), every fired rule, and the routine changes of the ``modify`` rules."""

    kind: Severity
    fired: tuple[FiredRule, ...] = ()
    changes: RoutineChanges = field(default_factory=RoutineChanges)
    answers: dict[str, AnswerValue] = field(default_factory=dict)
    screening_id: str | None = None
    """The id of the saved :class:`~solecheck.history.records.ScreeningRecord`, once recorded."""

    @property
    def severity(self) -> int:
        return SEVERITY_ORDER[self.kind]

    @property
    def blocks_session(self) -> bool:
        return self.kind == "stop"
