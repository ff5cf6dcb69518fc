"""Textual's footer, rebuilt only when the keys it shows change."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from solecheck.i18n import N_, _

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen

KeysShown = tuple[tuple[str, str, str, bool, str], ...]
TEXTUAL_WORDS = (N_("palette"),)
"""Textual's own words in the footer (the command palette's key), marked here to be translated where shown."""


def keys_shown(screen: Screen[object]) -> KeysShown:
    """What a footer on ``screen`` shows now: for each shown binding and the command palette's, its key,
    description, action, whether it is enabled, and its tooltip."""
    palette = screen.app.COMMAND_PALETTE_BINDING
    return tuple(
        (active.binding.key, active.binding.description, active.binding.action, active.enabled, active.tooltip)
        for key, active in screen.active_bindings.items()
        if active.binding.show or key == palette
    )


class KeyFooter(Footer):
    """Textual's ``Footer`` rebuilds its key widgets every time its screen's bindings are updated,
    twice for every visit to another screen: once as its screen is left (when, its focus gone, it has
    fewer keys) and once on the way back. Rebuilding, restyling and laying out its key widgets was a
    large share of switching screens (`docs/performance.md`, Responsiveness). This one rebuilds only
    while its screen is the active one, and only when what it would show differs from what it shows:
    under a dialog it goes on showing the keys it had."""

    _shown: KeysShown | None = None
    COMPACT_BELOW = 100
    """Narrower than this (an 80-column terminal), the keys sit closer so all of them fit."""

    def compose(self) -> ComposeResult:
        """Textual's keys, each description and tooltip in the person's language (bindings are declared
        at import time with ``N_``, so they are translated here, where they are shown)."""
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.description = _(widget.description) if widget.description else ""
                if isinstance(widget.tooltip, str) and widget.tooltip:
                    widget.tooltip = _(widget.tooltip)
            yield widget

    def on_resize(self) -> None:
        self.compact = self.size.width < self.COMPACT_BELOW

    def bindings_changed(self, screen: Screen[object]) -> None:
        if not (self.is_attached and screen is self.screen and screen.app.app_focus):
            super().bindings_changed(screen)  # Textual's own handling: readies the footer, no rebuild
            return
        if not screen.is_active and self.children:
            return  # being left, or under a dialog: its keys are back as they were when it is shown again
        shown = keys_shown(screen)
        if shown != self._shown or not self.children:
            self._shown = shown
            super().bindings_changed(screen)
