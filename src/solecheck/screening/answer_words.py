"""A screening's answers said as the person saw them: each question as asked, each answer as picked.

A stored screening keeps answers by id (``{"acute-injury": False, "pain-where": "heel"}``); read back to
a person they must be the pack's words, never its ids. The words come from the pack's ``screening.toml``
(:class:`~solecheck.packs.models.ScreeningFile`): a question's ``text``, a choice option's ``label``, Yes or
No for a yes/no question, and a scale's number out of 10.
"""

from __future__ import annotations

from collections.abc import Mapping

from solecheck.packs.models import Question, ScreeningFile

GONE_QUESTION = "A question this pack no longer asks"
"""Said for an answer to a question the pack has since removed (its id means nothing to a person)."""


def answer_words(screening: ScreeningFile, answers: Mapping[str, bool | int | str]) -> list[tuple[str, str]]:
    """``(question as asked, answer as picked)`` for each of ``answers``, in the order the pack asks the
    questions; answers to questions it no longer has come last, each said as :data:`GONE_QUESTION` with
    its answer in words where the answer is a yes, a no or a number."""
    questions = {question.id: question for question in screening.questions}
    asked = [(question.text, _answer(question, answers[question.id])) for question in screening.questions
             if question.id in answers]
    gone = [(GONE_QUESTION, _bare(value)) for key, value in answers.items() if key not in questions]
    return asked + gone


def _answer(question: Question, value: bool | int | str) -> str:
    if question.kind == "choice" and isinstance(value, str):
        labels = {option.id: option.label for option in question.options or ()}
        return labels.get(value, "An answer this question no longer offers")
    if question.kind == "scale" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value} of 10"
    return _bare(value)


def _bare(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int):
        return str(value)
    return "An answer this pack no longer offers"
