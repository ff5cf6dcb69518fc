"""Live preview of a pack folder being edited (``solecheck pack preview DIR``).

A :class:`~solecheck.packs.watch.PackWatcher` is polled from an app timer. A save that leaves the pack
valid switches the app to the new content at once; a save that breaks it replaces the content with
:class:`~solecheck.tui.screens.pack_errors.PackErrorsScreen`, which stays until the pack loads again.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from solecheck.packs.diagnostics import Diagnostic
from solecheck.packs.watch import PackWatcher
from solecheck.tui.screens.pack_errors import PackErrorsScreen
from solecheck.tui.services import services_of

if TYPE_CHECKING:
    from textual.app import App


class PackPreview:
    """Keeps ``app`` showing the pack in ``root`` as it is on disk."""

    def __init__(self, app: App[Any], root: Path) -> None:
        self.app = app
        self.services = services_of(app)
        self.root = root
        self.watcher = PackWatcher(root)
        self.errors_screen: PackErrorsScreen | None = None
        self.reloads = 0

    def start(self) -> None:
        """Read the folder once: show its errors now if it is broken already."""
        result = self.watcher.poll()
        if result is None:
            return
        if result.pack is None:
            self._show_errors(result.diagnostics)
        elif self.services.pack.root is None or self.services.pack.root.resolve() != self.root.resolve():
            self.services.use_pack(result.pack)

    def check(self) -> None:
        """Called by the timer: reload when the files changed since the last check."""
        result = self.watcher.poll()
        if result is None:
            return
        self.reloads += 1
        if result.pack is None:
            self._show_errors(result.diagnostics)
            return
        if self.errors_screen is not None:
            # Close the error list, and anything opened over it, to show the content again.
            while self.errors_screen in self.app.screen_stack and len(self.app.screen_stack) > 1:
                self.app.pop_screen()
            self.errors_screen = None
        self.services.use_pack(result.pack)

    def _show_errors(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        if self.errors_screen is not None and self.errors_screen in self.app.screen_stack:
            self.errors_screen.show(diagnostics)
            return
        self.errors_screen = PackErrorsScreen(self.root, diagnostics)
        self.app.push_screen(self.errors_screen)
