"""The safety gate's table of cases (``tests/gate_cases.py``) through the line mode: a scripted person
reads each prompt and answers it as typed lines, on a real history file, with the wall clock and zone
injected. The line mode only asks: the steps it shows are the core gate's, in the table's order."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore
from solecheck.packs.pack import Pack
from solecheck.plain.session import PlainSession
from solecheck.session import start
from solecheck.session.start import Step
from tests.conftest import FakeClock
from tests.gate_cases import CASES, KEYS, NOW, GateCase, counts, step_name


class Person:
    """Answers the line mode's prompts from the table's answers; the input ends once a session runs."""

    def __init__(self, answers: tuple[str, ...], lines: list[str]) -> None:
        self.answers = list(answers)
        self.lines = lines
        self.typing: list[str] = []

    def __call__(self, timeout: float | None) -> str | None:
        prompt = self.lines[-1]
        if self.typing:
            return self.typing.pop(0)
        if prompt.startswith(("Type r to resume it", "Has something changed")):
            given = self.answers.pop(0)
            return {"resume": "r", "end": "e", "leave": "q", "again": "y", "close": "n"}[given]
        if prompt.endswith("(y/n)") and "settled" in prompt:
            return "y" if self.answers.pop(0) == "yes" else "n"
        if prompt.startswith("Answer") or prompt.startswith("Type a"):
            # The first screening question: type the whole screening, then whether to save it.
            given = self.answers.pop(0)
            self.typing = [*KEYS["proceed" if given == "leave" else given], "n" if given == "leave" else "y"]
            return self.typing.pop(0)
        raise EOFError  # a session is running: the table ends here


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    with HistoryStore.open(data_dir) as opened:
        yield opened


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_gate_case_in_the_line_mode(
    case: GateCase, store: HistoryStore, builtin_pack: Pack, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = case.pack(builtin_pack)
    case.seed(store, pack)
    before = counts(store)
    seen: list[str] = []
    advance = start.StartGate._advance

    def spy(gate: start.StartGate, value: start.Answer, *, first: bool = False) -> Step:
        step = advance(gate, value, first=first)
        seen.append(step_name(step))
        return step

    monkeypatch.setattr(start.StartGate, "_advance", spy)
    lines: list[str] = []
    person = Person(case.answers, lines)
    runner = PlainSession(pack, store, pack.default_routine, clock=clock, read_line=person, write=lines.append,
                          now=lambda: NOW, zone=UTC)
    runner.run()
    assert tuple(seen) == case.steps
    assert person.answers == [] and person.typing == []
    after = counts(store)
    assert (after[0] - before[0], after[1] - before[1]) == (case.screenings_added, case.new_sessions)
    if "Refuse" in case.steps:
        assert "No session today. Your safety check says not to do this routine now:" in lines
        assert "Your clinic: Thrive Now Physiotherapy" in lines
