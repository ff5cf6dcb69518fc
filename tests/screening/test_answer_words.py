"""A stored screening's answers are read back in the pack's words, never by id."""

from __future__ import annotations

from solecheck.packs.pack import Pack
from solecheck.screening.answer_words import GONE_QUESTION, answer_words


def test_answers_are_said_by_question_text_and_option_label_in_the_order_asked(builtin_pack: Pack) -> None:
    answers = {"floor": "with-effort", "pain-level": 4, "acute-injury": False, "pain-today": True}
    assert answer_words(builtin_pack.screening, answers) == [
        ("Do you have a painful foot injury or foot condition that came on recently?", "No"),
        ("Do you have any pain in your feet or legs today?", "Yes"),
        ("How strong is that pain right now?", "4 of 10"),
        ("Can you get down onto the floor and back up comfortably?", "Yes, but it takes effort"),
    ]


def test_answers_to_questions_or_options_the_pack_no_longer_has_are_not_said_by_id(builtin_pack: Pack) -> None:
    words = answer_words(builtin_pack.screening, {"floor": "crawl", "old-question": True, "old-choice": "knee"})
    assert words == [
        ("Can you get down onto the floor and back up comfortably?", "An answer this question no longer offers"),
        (GONE_QUESTION, "Yes"),
        (GONE_QUESTION, "An answer this pack no longer offers"),
    ]
    assert not any(id_ in text for pair in words for text in pair for id_ in ("crawl", "old-", "knee"))
