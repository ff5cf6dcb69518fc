"""A panel with a clinic's name, locations and contact details: only the fields the pack gives."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from solecheck.packs.models import Clinic
from solecheck.tui.text import join, literal


def clinic_content(clinic: Clinic, *, with_note: bool = True) -> Content:
    """The clinic's details as literal text, leaving out anything the pack does not give."""
    parts: list[Content | str] = [literal(clinic.name, "bold")]
    for location in clinic.locations:
        parts += ["\n", literal(location.name, "underline")]
        for label, value in (
            ("Address", location.address),
            ("Phone", location.phone),
            ("Email", location.email),
            ("Book online", location.booking_url),
            ("Hours", location.hours),
        ):
            if value:
                parts += ["\n", literal(f"{label}: ", "dim"), literal(value)]
    if clinic.booking_note:
        parts += ["\n\n", literal(clinic.booking_note)]
    if with_note:
        parts += ["\n\n", literal(clinic.contact_note)]
    return join(*parts)


class ClinicCard(Static):
    """Shows one :class:`Clinic`. Set ``clinic`` to show another."""

    DEFAULT_CSS = """
    ClinicCard {
        height: auto;
        padding: 0 1;
        border: round $accent;
    }
    """

    clinic: reactive[Clinic | None] = reactive(None, layout=True)

    def __init__(
        self, clinic: Clinic, *, with_note: bool = True, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._with_note = with_note
        self.set_reactive(ClinicCard.clinic, clinic)

    def on_mount(self) -> None:
        self.border_title = "Your clinic"
        self._redraw()

    def watch_clinic(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self.clinic is not None:
            self.update(clinic_content(self.clinic, with_note=self._with_note))
