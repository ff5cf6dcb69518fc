"""The pack's education texts ("Why the foot first"), one key away from the home screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from solecheck.i18n import N_, _
from solecheck.packs.pack import Pack
from solecheck.tui.screens.panel_keys import PANEL_KEYS
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.key_footer import KeyFooter


class LearnScreen(ModalScreen[None]):
    """The pack's summary and its education texts, such as why the routine starts at the foot."""

    CSS_PATH = "learn.tcss"
    DEFAULT_CLASSES = "panel-screen"
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("l", "dismiss", N_("Close"), show=False),
        *PANEL_KEYS,
    ]

    def __init__(self, pack: Pack) -> None:
        super().__init__()
        self.pack = pack

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="learn-panel", classes="modal-panel") as panel:
            panel.border_title = _("Why the foot first")
            panel.border_subtitle = _("Esc or l to close")
            yield Static(literal(self.pack.manifest.summary, "italic"), classes="education-text")
            for text in self.pack.education:
                yield Static(join(literal(text.title, "bold"), "\n", literal(text.body)), classes="education-text")
            if not self.pack.education:
                yield Static(literal(_("This pack has no education texts.")), classes="education-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#learn-panel", VerticalScroll).focus()
