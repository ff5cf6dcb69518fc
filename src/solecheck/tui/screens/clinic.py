"""The clinic panel: who to contact and when, one key away from any screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from solecheck.packs.pack import Pack
from solecheck.tui.screens.panel_keys import PANEL_KEYS
from solecheck.tui.text import literal
from solecheck.tui.widgets.clinic_card import ClinicCard
from solecheck.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from solecheck.tui.app import SolecheckApp


class ClinicScreen(ModalScreen[None]):
    """The pack's clinic: when to contact it, its locations and contact details, how to book; and the
    person's own care contact, which ``e`` adds or changes."""

    CSS_PATH = "clinic.tcss"
    DEFAULT_CLASSES = "panel-screen"
    BINDINGS = [
        Binding("escape", "dismiss", "Close"),
        Binding("c", "dismiss", "Close", show=False),
        Binding("e", "edit_contact", "Your contact", tooltip="Add or change your own physiotherapist's or doctor's"),
        *PANEL_KEYS,
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        clinic = self.pack.clinic
        with VerticalScroll(id="clinic-panel", classes="modal-panel") as panel:
            panel.border_title = "Contact your clinic"
            panel.border_subtitle = "Esc or c to close"
            yield Static(literal("When to contact the clinic", "bold"), classes="clinic-heading")
            yield Static(literal(clinic.contact_note), id="clinic-contact-note")
            yield ClinicCard(
                clinic, with_note=False, contact=self.solecheck.settings.contact, id="clinic-panel-card"
            )
            yield Static(literal("e: add or change your own contact", "dim"), id="clinic-contact-hint")
        yield KeyFooter()

    @property
    def solecheck(self) -> SolecheckApp:
        return cast("SolecheckApp", self.app)

    def on_mount(self) -> None:
        self.query_one("#clinic-panel", VerticalScroll).focus()

    def action_edit_contact(self) -> None:
        self.solecheck.edit_contact(self._contact_edited)

    def _contact_edited(self, changed: bool) -> None:
        if changed and self.is_attached:
            self.query_one("#clinic-panel-card", ClinicCard).contact = self.solecheck.settings.contact
