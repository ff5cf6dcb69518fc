"""The home screen's status lines: the last screening and a session left unfinished.

Kept apart from the wizard and session screens so that filling these lines after start-up does not
import those screens and their widgets.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from solecheck.history.store import HistoryError
from solecheck.screening.validity import Clearance, current_clearance
from solecheck.session.recorder import find_resumable
from solecheck.tui.text import join, literal

if TYPE_CHECKING:
    from solecheck.tui.app import SolecheckApp


def screening_status(app: SolecheckApp, now: datetime | None = None) -> tuple[Content, Clearance | None]:
    """The home screen's screening line for the app's pack, and the clearance behind it (``None``
    when the history can't be read)."""
    store = app.open_store()
    if store is None:
        return literal("Screening status unavailable: the history can't be opened."), None
    clearance = current_clearance(store, app.pack, now or app.now())
    text = clearance.describe()
    if clearance.blocked:
        text += " Press c for the clinic, w to screen again."
    elif clearance.needs_screening:
        text += " Press w to screen now."
    return literal(text), clearance


def unfinished_notice(app: SolecheckApp) -> Content | None:
    """A line for the home screen when a session of the app's pack was left unfinished."""
    try:
        offer = find_resumable(app.store, app.pack.id)
    except HistoryError:
        return None
    if offer is None:
        return None
    return join(literal(offer.describe()), literal(" Press s to resume it or end it.", "bold"))
