"""The keys that still work on a panel or dialog opened over a screen, for its ``BINDINGS``.

A modal screen cuts the app's own bindings off (Textual reads a modal's keys from the modal alone), so
under a panel its footer showed only "esc Close": the keys of the screen beneath looked gone. These few
are bound on the panel itself, so they work there and its footer names them in words:

* **F1 / ?** — the help panel, listing the panel's own keys;
* the **command palette** key (a priority binding of the app, so it worked already; now it is shown).
"""

from __future__ import annotations

from textual.app import App
from textual.binding import Binding

from solecheck.i18n import N_

PANEL_KEYS = [
    Binding("f1,question_mark", "app.help", N_("Help"), tooltip=N_("The keys of this panel, in words")),
    Binding(App.COMMAND_PALETTE_BINDING, "app.command_palette", "Commands", show=False),
]
"""Add these to a panel's or dialog's ``BINDINGS`` (after its own keys, so its footer shows them first)."""
