"""Work-arounds for Textual bugs that end the app, each found by the fault tests
(``tests/faults/test_random_keys.py``), installed by :func:`install_textual_fixes` when the App is built.

Each fix names the Textual attributes it replaces or relies on; one whose target is missing (a Textual
that renamed it) is skipped with a logged warning instead of breaking the app. Each has a canary in
``tests/tui/test_textual_fixes.py`` that shows the bug on plain Textual and fails the day upstream fixes
it, naming the fix to delete. The range of Textual these were tested against is pinned in
``pyproject.toml``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.await_complete import AwaitComplete
from textual.screen import Screen
from textual.widgets import OptionList

log = logging.getLogger(__name__)


def guard_option_list_page_moves() -> None:
    """Page Up / Page Down on an option list that has not been laid out yet (just mounted, or hidden
    like a closed ``Select``'s overlay) raise ``KeyError`` inside ``OptionList._move_page`` in Textual
    8.2, which ends the app. This makes such a page move do nothing, for every option list (the
    app's, ``Select``'s overlay and the command palette's). Safe to call more than once."""
    original = OptionList._move_page
    if getattr(original, "solecheck_guarded", False):
        return

    def _move_page(self: OptionList, direction: Any) -> None:
        laid_out = getattr(self, "_index_to_line", None)
        if laid_out is not None and (self.highlighted or 0) not in laid_out:
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


@dataclass(frozen=True)
class TextualFix:
    """One work-around: ``install`` it if every ``(class, attribute)`` in ``targets`` exists."""

    install: Callable[[], None]
    targets: tuple[tuple[type[Any], str], ...]

    @property
    def name(self) -> str:
        return self.install.__name__

    def missing(self) -> list[str]:
        """The targets this Textual lacks, as ``Class.attribute``."""
        return [f"{cls.__name__}.{attr}" for cls, attr in self.targets if not hasattr(cls, attr)]


FIXES = (
    TextualFix(guard_option_list_page_moves, ((OptionList, "_move_page"), (OptionList, "highlighted"))),
    TextualFix(guard_dismiss_of_inactive_screens, ((Screen, "dismiss"), (Screen, "is_active"))),
)


def install_textual_fixes(fixes: tuple[TextualFix, ...] = FIXES) -> list[str]:
    """Install each fix whose targets exist in the Textual in use; skip the others with a logged warning.
    Returns the names of the fixes skipped. Safe to call more than once (each fix installs once)."""
    skipped = []
    for fix in fixes:
        missing = fix.missing()
        if missing:
            import textual

            log.warning(
                "solecheck: Textual %s has no %s; the work-around %s is not installed",
                getattr(textual, "__version__", "?"),
                ", ".join(missing),
                fix.name,
            )
            skipped.append(fix.name)
            continue
        fix.install()
    return skipped
