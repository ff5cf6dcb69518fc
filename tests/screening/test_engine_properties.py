"""Properties of the rule engine over random answers, for the built-in pack and generated packs:
the outcome is never less severe than any rule that fires, and only visible answers count."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solecheck.packs.models import SEVERITY_ORDER, AnswerValue, Question, ScreeningFile
from solecheck.packs.pack import Pack
from solecheck.screening.engine import evaluate, visible_questions

OPTION_IDS = ("a", "b", "c", "d")


def answer_to(question: Question) -> st.SearchStrategy[AnswerValue]:
    if question.kind == "yes_no":
        return st.booleans()
    if question.kind == "choice":
        return st.sampled_from([option.id for option in question.options or ()])
    return st.integers(0, 10)


def full_answers(file: ScreeningFile) -> st.SearchStrategy[dict[str, AnswerValue]]:
    """A valid answer to every question, shown or not (hidden ones are stale and must not count)."""
    return st.fixed_dictionaries({q.id: answer_to(q) for q in file.questions})


def check_outcome(file: ScreeningFile, answers: dict[str, AnswerValue]) -> None:
    outcome = evaluate(file, answers)
    shown = {q.id for q in visible_questions(file, answers)}
    assert set(outcome.answers) == shown
    firing = [rule for rule in file.rules if rule.fires(outcome.answers)]
    for rule in firing:
        assert outcome.severity >= SEVERITY_ORDER[rule.outcome], rule.id
    assert [f.rule_id for f in outcome.fired] == [rule.id for rule in firing]
    expected_kind = max((rule.outcome for rule in firing), key=SEVERITY_ORDER.__getitem__, default="proceed")
    assert outcome.kind == expected_kind
    modify = [rule for rule in firing if rule.outcome == "modify"]
    assert math.isclose(outcome.changes.dose_factor, math.prod(rule.dose_factor for rule in modify))
    assert outcome.changes.skip_tags == frozenset(tag for rule in modify for tag in rule.skip_tags)
    assert 0 < outcome.changes.dose_factor <= 1


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_builtin_pack_outcome_is_never_less_severe_than_a_firing_rule(builtin_pack: Pack, data: st.DataObject) -> None:
    check_outcome(builtin_pack.screening, data.draw(full_answers(builtin_pack.screening)))


# --- generated screenings ------------------------------------------------------------------------------


@st.composite
def condition_on(draw: st.DrawFn, question: dict[str, Any]) -> dict[str, Any]:
    qid = question["id"]
    if question["kind"] == "yes_no":
        return {"question": qid, "equals": draw(st.booleans())}
    if question["kind"] == "choice":
        ids = [option["id"] for option in question["options"]]
        if draw(st.booleans()):
            return {"question": qid, "equals": draw(st.sampled_from(ids))}
        return {"question": qid, "one_of": draw(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True))}
    bound = draw(st.sampled_from(["at_least", "at_most", "equals"]))
    return {"question": qid, bound: draw(st.integers(0, 10))}


@st.composite
def screenings(draw: st.DrawFn) -> ScreeningFile:
    questions: list[dict[str, Any]] = []
    for index in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["yes_no", "choice", "scale"]))
        question: dict[str, Any] = {"id": f"q{index}", "kind": kind, "text": f"Question {index}?"}
        if kind == "choice":
            count = draw(st.integers(2, len(OPTION_IDS)))
            question["options"] = [{"id": o, "label": o.upper()} for o in OPTION_IDS[:count]]
        if questions and draw(st.booleans()):
            earlier = draw(st.sampled_from(questions))
            question["show_if"] = [draw(condition_on(earlier))]
        questions.append(question)
    rules: list[dict[str, Any]] = []
    for index in range(draw(st.integers(0, 6))):
        outcome = draw(st.sampled_from(["proceed", "modify", "stop"]))
        targets = draw(st.lists(st.sampled_from(questions), min_size=1, max_size=3))
        rule: dict[str, Any] = {
            "id": f"r{index}",
            "outcome": outcome,
            "message": f"Rule {index}.",
            "match": draw(st.sampled_from(["all", "any"])),
            "when": [draw(condition_on(q)) for q in targets],
        }
        if outcome == "modify":
            rule["dose_factor"] = draw(st.sampled_from([0.25, 0.5, 0.75, 0.9]))
            rule["skip_tags"] = draw(st.lists(st.sampled_from(["floor", "standing", "seated"]), max_size=2))
        rules.append(rule)
    return ScreeningFile.model_validate({"questions": questions, "rules": rules})


@settings(max_examples=300)
@given(data=st.data())
def test_generated_pack_outcome_is_never_less_severe_than_a_firing_rule(data: st.DataObject) -> None:
    file = data.draw(screenings())
    check_outcome(file, data.draw(full_answers(file)))


@settings(max_examples=150)
@given(data=st.data())
def test_answers_to_hidden_questions_never_change_the_outcome(data: st.DataObject) -> None:
    file = data.draw(screenings())
    answers = data.draw(full_answers(file))
    shown = {q.id for q in visible_questions(file, answers)}
    only_shown = {qid: value for qid, value in answers.items() if qid in shown}
    assert evaluate(file, only_shown) == evaluate(file, answers)
