"""The clinic panel: who to contact and when, one key away from any screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from solecheck.i18n import N_, _
from solecheck.packs.pack import Pack
from solecheck.tui.screens.panel_keys import PANEL_KEYS
from solecheck.tui.services import AppServices, services_of
from solecheck.tui.text import literal
from solecheck.tui.widgets.clinic_card import ClinicCard
from solecheck.tui.widgets.key_footer import KeyFooter


class ClinicScreen(ModalScreen[None]):
    """The pack's clinic: when to contact it, its locations and contact details, how to book; and the
    person's own care contact, which ``e`` adds or changes."""

    CSS_PATH = "clinic.tcss"
    DEFAULT_CLASSES = "panel-screen"
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("c", "dismiss", N_("Close"), show=False),
        Binding("e", "edit_contact", N_("Your contact"),
                tooltip=N_("Add or change your own physiotherapist's or doctor's")),
        *PANEL_KEYS,
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        clinic = self.pack.clinic
        with VerticalScroll(id="clinic-panel", classes="modal-panel") as panel:
            panel.border_title = _("Contact your clinic")
            panel.border_subtitle = _("Esc or c to close")
            yield Static(literal(_("When to contact the clinic"), "bold"), classes="clinic-heading")
            yield Static(literal(clinic.contact_note), id="clinic-contact-note")
            yield ClinicCard(
                clinic, with_note=False, contact=self.solecheck.settings.contact, id="clinic-panel-card"
            )
            yield Static(literal(_("e: add or change your own contact"), "dim"), id="clinic-contact-hint")
        yield KeyFooter()

    @property
    def solecheck(self) -> AppServices:
        return services_of(self.app)

    def on_mount(self) -> None:
        self.query_one("#clinic-panel", VerticalScroll).focus()

    def action_edit_contact(self) -> None:
        self.solecheck.edit_contact(self._contact_edited)

    def _contact_edited(self, changed: bool) -> None:
        if changed and self.is_attached:
            self.query_one("#clinic-panel-card", ClinicCard).contact = self.solecheck.settings.contact
