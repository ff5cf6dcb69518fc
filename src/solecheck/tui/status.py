"""The home screen's status lines: the last screening and a session left unfinished.

Kept apart from the wizard and session screens so that filling these lines after start-up does not
import those screens and their widgets.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from solecheck.history.store import HistoryError
from solecheck.i18n import _
from solecheck.session.resume import find_resumable
from solecheck.session.start import StartCheck, start_check
from solecheck.tui.text import join, literal

if TYPE_CHECKING:
    from solecheck.tui.services import AppServices


def screening_status(app: AppServices, now: datetime | None = None) -> tuple[Content, StartCheck | None]:
    """The home screen's screening line for the app's pack: the safety gate's decision now (the last
    screening, and a pain stop's hold), and what to do; ``None`` when the history can't be read."""
    store = app.open_store()
    if store is None:
        return literal(_("Screening status unavailable: the history can't be opened.")), None
    check = start_check(store, app.pack, now or app.now(), app.zone)
    text = check.describe(app.zone)
    waiting = check.hold is not None and check.hold.require == "wait" and not check.clearance.blocked
    if waiting:
        text += " " + _("Press c for the clinic.")
    elif check.blocked:
        text += " " + _("Press c for the clinic, w to screen again.")
    elif check.needs_screening:
        text += " " + _("Press w to screen now.")
    return literal(text), check


def unfinished_notice(app: AppServices) -> Content | None:
    """A line for the home screen when a session of the app's pack was left unfinished."""
    try:
        offer = find_resumable(app.store, app.pack.id)
    except HistoryError:
        return None
    if offer is None:
        return None
    return join(literal(offer.describe()), " ", literal(_("Press s to resume it or end it."), "bold"))


def prescribed_progress(app: AppServices) -> dict[str, str]:
    """Per routine of the app's pack with a schedule, its prescription and this week's progress: "Prescribed
    5 times a week · 2 of 5 this week". Only this week is read (a few rows); nothing when the history can't
    be read (the screening line says so)."""
    from solecheck.session.schedule import (
        local_today,
        prescribed_adherence,
        prescription_text,
        progress_text,
        week_of,
    )

    today, offset = local_today(app.now(), app.zone)
    try:
        found = prescribed_adherence(
            app.store, app.pack.routines, today=today, utc_offset=offset, pack_id=app.pack.id, since=week_of(today)
        )
    except HistoryError:
        return {}
    return {
        routine.id: _("Prescribed {prescription} · {progress}").format(
            prescription=prescription_text(adherence.schedule), progress=progress_text(adherence.this_week)
        )
        for routine, adherence in found
    }
