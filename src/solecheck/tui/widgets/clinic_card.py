"""A panel with a clinic's name, locations and contact details (only the fields the pack gives), and the
person's own care contact beside them."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from solecheck.contact import NOBODY_TO_REACH, CareContact, nobody_to_reach
from solecheck.i18n import N_, _
from solecheck.packs.models import Clinic
from solecheck.tui.text import join, literal


def clinic_content(clinic: Clinic, *, with_note: bool = True, contact: CareContact | None = None) -> Content:
    """The clinic's details as literal text, leaving out anything the pack does not give; then the
    person's own care contact, or a plain sentence when nobody can be reached."""
    parts: list[Content | str] = [literal(clinic.name, "bold")]
    for location in clinic.locations:
        parts += ["\n", literal(location.name, "underline")]
        for label, value in (
            (N_("Address"), location.address),
            (N_("Phone"), location.phone),
            (N_("Email"), location.email),
            (N_("Book online"), location.booking_url),
            (N_("Hours"), location.hours),
        ):
            if value:
                parts += ["\n", literal(_("{label}:").format(label=_(label)) + " ", "dim"), literal(value)]
    if clinic.booking_note:
        parts += ["\n\n", literal(clinic.booking_note)]
    if with_note:
        parts += ["\n\n", literal(clinic.contact_note)]
    if contact is not None and not contact.is_empty:
        parts += ["\n\n", literal(_("Your own contact"), "bold")]
        for label, value in contact.details():
            parts += ["\n", literal(_("{label}:").format(label=_(label)) + " ", "dim"), literal(value)]
    if nobody_to_reach(clinic, contact):
        parts += ["\n\n", literal(_(NOBODY_TO_REACH), "bold")]
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

    contact: reactive[CareContact | None] = reactive(None, layout=True)

    def __init__(
        self,
        clinic: Clinic,
        *,
        with_note: bool = True,
        contact: CareContact | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._with_note = with_note
        self.set_reactive(ClinicCard.clinic, clinic)
        self.set_reactive(ClinicCard.contact, contact)

    def on_mount(self) -> None:
        self.border_title = _("Your clinic")
        self._redraw()

    def watch_clinic(self) -> None:
        self._redraw()

    def watch_contact(self) -> None:
        self._redraw()

    def _redraw(self) -> None:
        if self.clinic is not None:
            self.update(clinic_content(self.clinic, with_note=self._with_note, contact=self.contact))
