"""A screening's answers said as the person saw them: each question as asked, each answer as picked.

A stored screening keeps answers by id (``{"acute-injury": False, "pain-where": "heel"}``); read back to
a person they must be the pack's words, never its ids. The words come from the pack's ``screening.toml``
(:class:`~solecheck.packs.models.ScreeningFile`): a question's ``text``, a choice option's ``label``, Yes or
No for a yes/no question, and a scale's number out of 10.
"""

from __future__ import annotations

from collections.abc import Mapping

from solecheck.i18n import N_, _, pgettext
from solecheck.packs.models import Question, ScreeningFile

ALWAYS_YES = ("y", "yes")
ALWAYS_NO = ("n", "no")
"""The English answers, taken in every language (a person may type them out of habit)."""


def _fold(word: str) -> str:
    """``word`` lower-cased and without accents, so ``Sí``, ``si`` and ``SI`` read alike."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", word.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def yes_key() -> str:
    """The one-letter yes of the person's language (``o`` for oui, ``s`` for sí; ``y`` in English): the key that
    answers yes in the app, besides ``y``, and the letter the line mode names."""
    return _fold(pgettext("typed answer", "y"))[:1] or "y"


def typed_yes_no(text: str) -> bool | None:
    """A typed answer to a yes/no question in the person's language: ``True`` for yes (``y``, ``yes`` and
    the language's own words, ``o``/``oui`` in French, ``s``/``sí`` in Spanish), ``False`` for no
    (``n``, ``no``, ``non``), ``None`` for anything else. Case and accents don't matter."""
    typed = _fold(text)
    yes = {*ALWAYS_YES, _fold(pgettext("typed answer", "y")), _fold(pgettext("typed answer", "yes"))}
    no = {*ALWAYS_NO, _fold(pgettext("typed answer", "n")), _fold(pgettext("typed answer", "no"))}
    if typed in yes and typed not in no:
        return True
    if typed in no and typed not in yes:
        return False
    return None

GONE_QUESTION = N_("A question this pack no longer asks")
"""Said for an answer to a question the pack has since removed (its id means nothing to a person)."""


def answer_words(screening: ScreeningFile, answers: Mapping[str, bool | int | str]) -> list[tuple[str, str]]:
    """``(question as asked, answer as picked)`` for each of ``answers``, in the order the pack asks the
    questions; answers to questions it no longer has come last, each said as :data:`GONE_QUESTION` with
    its answer in words where the answer is a yes, a no or a number."""
    questions = {question.id: question for question in screening.questions}
    asked = [(question.text, _answer(question, answers[question.id])) for question in screening.questions
             if question.id in answers]
    gone = [(_(GONE_QUESTION), _bare(value)) for key, value in answers.items() if key not in questions]
    return asked + gone


def _answer(question: Question, value: bool | int | str) -> str:
    if question.kind == "choice" and isinstance(value, str):
        labels = {option.id: option.label for option in question.options or ()}
        return labels.get(value) or _("An answer this question no longer offers")
    if question.kind == "scale" and isinstance(value, int) and not isinstance(value, bool):
        return _("{score} of {most}").format(score=value, most=10)
    return _bare(value)


def _bare(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return str(value)
    return _("An answer this pack no longer offers")
