"""Work-arounds for Textual 8.2 bugs that end the app, each found by the fault tests
(``tests/faults/test_random_keys.py``). Remove each once the Textual in use fixes it.
"""

from __future__ import annotations

from typing import Any

from textual.widgets import OptionList


def guard_option_list_page_moves() -> None:
    """Page Up / Page Down on an option list that has not been laid out yet (just mounted, or hidden
    like a closed ``Select``'s overlay) raise ``KeyError`` inside ``OptionList._move_page`` in Textual
    8.2, which ends the app. This makes such a page move do nothing, for every option list (the
    app's, ``Select``'s overlay and the command palette's). Safe to call more than once."""
    original = OptionList._move_page
    if getattr(original, "solecheck_guarded", False):
        return

    def _move_page(self: OptionList, direction: Any) -> None:
        if (self.highlighted or 0) not in self._index_to_line:
            return  # nothing laid out to page through yet
        original(self, direction)

    _move_page.solecheck_guarded = True  # type: ignore[attr-defined]
    OptionList._move_page = _move_page  # type: ignore[method-assign]
