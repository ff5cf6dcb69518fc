"""Small dialogs around a session: a choice with keys (resume, soreness, refusals) and a stop reason.

Both are modal and return a value: :class:`ChoiceDialog` the id of the chosen answer (``None`` when
dismissed with Escape), :class:`StopDialog` the reason typed (``""`` for none, ``None`` to keep going).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static

from solecheck.contact import CareContact
from solecheck.packs.models import Clinic
from solecheck.tui.text import literal
from solecheck.tui.widgets.clinic_card import ClinicCard
from solecheck.tui.widgets.line_input import LineInput


@dataclass(frozen=True)
class Choice:
    """One answer of a :class:`ChoiceDialog`: the key that picks it, its label and the value returned."""

    key: str
    label: str
    value: str


class ChoiceDialog(ModalScreen["str | None"]):
    """A titled message with a few answers, each on a key and a button; optionally the clinic."""

    CSS_PATH = "session_dialogs.tcss"
    BINDINGS = [Binding("escape", "dismiss_none", "Close", show=False)]

    def __init__(
        self, title: str, body: Content | str, choices: list[Choice], *, clinic: Clinic | None = None,
        contact: CareContact | None = None, id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.contact = contact
        self.title_text = title
        self.body = body if isinstance(body, Content) else literal(body)
        self.choices = choices
        self.clinic = clinic

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = self.title_text
            yield Static(self.body, classes="dialog-body")
            if self.clinic is not None:
                yield ClinicCard(self.clinic, contact=self.contact, classes="dialog-clinic")
            with Horizontal(classes="dialog-buttons"):
                for number, choice in enumerate(self.choices):
                    key = "Enter" if choice.key == "enter" else choice.key
                    yield Button(
                        literal(f"{choice.label} ({key})"),
                        id=f"choice-{choice.value}",
                        variant="primary" if number == 0 else "default",
                    )

    def on_mount(self) -> None:
        # The answers take the focus without scrolling to them: a dialog taller than the screen (a
        # refusal with the clinic, at 80×24) opens at its top, the reason first.
        self.query(Button).first().focus(scroll_visible=False)
        self.query_one(".dialog", VerticalScroll).scroll_home(animate=False, immediate=True)

    def on_key(self, event: events.Key) -> None:
        for choice in self.choices:
            if event.key == choice.key and choice.key != "enter":
                event.stop()
                self.dismiss(choice.value)
                return

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id:
            self.dismiss(event.button.id.removeprefix("choice-"))

    def action_dismiss_none(self) -> None:
        self.dismiss(None)


class StopDialog(ModalScreen["str | None"]):
    """Asks why the session stops (optional). Enter stops, Escape keeps going."""

    CSS_PATH = "session_dialogs.tcss"
    BINDINGS = [Binding("escape", "keep_going", "Keep going", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = "Stop the session?"
            yield Static(
                literal("Everything done so far is kept. Why are you stopping? (optional)"), classes="dialog-body"
            )
            yield LineInput(placeholder="Reason, e.g. short of time", max_length=300, id="stop-reason")
            with Horizontal(classes="dialog-buttons"):
                yield Button(literal("Stop session (Enter)"), id="stop-confirm", variant="error")
                yield Button(literal("Keep going (Esc)"), id="stop-cancel")

    def on_mount(self) -> None:
        self.query_one("#stop-reason", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "stop-confirm":
            self.dismiss(self.query_one("#stop-reason", Input).value.strip())
        else:
            self.dismiss(None)

    def action_keep_going(self) -> None:
        self.dismiss(None)


class NoteDialog(ModalScreen["str | None"]):
    """A note on the current step. Enter saves it, Escape leaves without one."""

    CSS_PATH = "session_dialogs.tcss"
    BINDINGS = [Binding("escape", "leave", "Cancel", show=False)]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog") as dialog:
            dialog.border_title = "Note on this step"
            yield LineInput(placeholder="e.g. left arch tender", max_length=500, id="note-text")
            yield Static(literal("Enter saves the note, Esc cancels."), classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note-text", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_leave(self) -> None:
        self.dismiss(None)
