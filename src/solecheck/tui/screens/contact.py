"""A dialog to add or change the person's own care contact (name, phone, email, note).

Returns the :class:`~solecheck.contact.CareContact` typed (``None`` when left with Escape); the caller
keeps it in the private settings. Enter in any field saves; a phone or email that does not have the
shape of one (:func:`~solecheck.contact.shape_problem`) is named under the fields and nothing is saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from solecheck.contact import FIELD_LIMITS, CareContact, shape_problem
from solecheck.tui.text import literal

LABELS = {
    "name": "Name, e.g. Dr Ada Okafor, physiotherapist",
    "phone": "Phone",
    "email": "Email",
    "note": "Note, e.g. call mornings",
}


class ContactDialog(ModalScreen["CareContact | None"]):
    """Your own physiotherapist's or doctor's contact, shown beside the clinic's wherever it is needed."""

    CSS_PATH = "session_dialogs.tcss"
    BINDINGS = [Binding("escape", "leave", "Cancel", show=False)]

    def __init__(self, contact: CareContact | None) -> None:
        super().__init__(id="contact-dialog")
        self.contact = contact or CareContact()

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = "Your own contact"
            yield Static(
                literal("Who do you contact yourself? Kept on this computer, readable by you alone."),
                classes="dialog-body",
            )
            for field, limit in FIELD_LIMITS.items():
                yield Input(
                    value=getattr(self.contact, field) or "", placeholder=LABELS[field], max_length=limit,
                    id=f"contact-{field}",
                )
            yield Static(id="contact-problem", classes="dialog-hint")
            yield Static(literal("Enter saves, Esc cancels. An empty field is left out."), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#contact-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        values = {field: self.query_one(f"#contact-{field}", Input).value.strip() or None for field in FIELD_LIMITS}
        for field, value in values.items():
            problem = shape_problem(field, value) if value else None
            if problem:
                self.query_one("#contact-problem", Static).update(
                    literal(f"{field.capitalize()}: {value!r} is not {problem}. Nothing is saved yet.", "bold")
                )
                self.query_one(f"#contact-{field}", Input).focus()
                return
        self.dismiss(CareContact(**values))

    def action_leave(self) -> None:
        self.dismiss(None)
