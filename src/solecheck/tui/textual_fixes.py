"""Work-arounds for Textual 8.2 bugs that end the app, each found by the fault tests
(``tests/faults/test_random_keys.py``). Remove each once the Textual in use fixes it.
"""

from __future__ import annotations

from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen
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


def guard_dismiss_of_inactive_screens() -> None:
    """``Screen.dismiss`` pops whatever screen is on top, not the one dismissed. A second Enter queued
    before a dialog closed (two ``Input.Submitted`` or ``OptionSelected`` messages) thus dismissed the
    dialog and then the screen under it, or, with nothing left, raised ``ScreenStackError`` and ended the
    app. This makes ``dismiss`` of a screen that is not the active one do nothing. Safe to call more than
    once."""
    original = Screen.dismiss
    if getattr(original, "solecheck_guarded", False):
        return

    def dismiss(self: Screen[Any], result: Any = None) -> AwaitComplete:
        if not self.is_active:
            nothing: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return nothing  # already closed, or another screen came on top meanwhile
        return original(self, result)

    dismiss.solecheck_guarded = True  # type: ignore[attr-defined]
    Screen.dismiss = dismiss  # type: ignore[method-assign]
