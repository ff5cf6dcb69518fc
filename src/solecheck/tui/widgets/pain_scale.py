"""A 0–10 pain scale: one button per rating, posting :class:`~solecheck.tui.messages.PainRated`.

The screen that shows it also takes the digits 0–9 (and ``t`` for 10) from the keyboard; the
buttons are for the mouse and for seeing the scale at a glance.
"""

from __future__ import annotations

from typing import Literal

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Button, Static

from solecheck.i18n import _
from solecheck.tui.messages import PainRated
from solecheck.tui.text import literal


class PainScale(Widget):
    """Eleven buttons from 0 (no pain) to 10 (worst imaginable); ratings from ``caution_from`` up are
    marked as the caution band and those above ``limit`` as over the limit."""

    DEFAULT_CSS = """
    PainScale {
        height: auto;
    }
    PainScale Horizontal {
        height: auto;
    }
    PainScale Button {
        min-width: 5;
        width: 5;
        margin: 0 1 0 0;
    }
    PainScale .pain-labels {
        height: 1;
        color: $text-muted;
    }
    """

    def __init__(self, caution_from: int, limit: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.caution_from = caution_from
        self.limit = limit

    def compose(self) -> ComposeResult:
        with Horizontal():
            for score in range(11):
                variant: Literal["error", "warning", "success"] = (
                    "error" if score > self.limit else "warning" if score >= self.caution_from else "success"
                )
                yield Button(literal(str(score)), id=f"pain-{score}", variant=variant, compact=True)
        yield Static(literal(_("0 = no pain") + " " * 40 + _("10 = worst imaginable")), classes="pain-labels")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id and event.button.id.startswith("pain-"):
            self.post_message(PainRated(int(event.button.id.removeprefix("pain-"))))
