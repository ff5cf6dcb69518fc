"""The settings panel (``o``, or "Settings" in the command palette): what a person may change without
editing ``settings.toml`` by hand. Each change is saved to the settings file at once.

* **Bell at step end** — ring the terminal bell when a timed step ends (:attr:`Settings.bell`).
* **Theme** — the app's colours (Textual's themes; :attr:`Settings.theme`).
* **Larger spacing** — a blank line between an exercise's numbered steps and tips
  (:attr:`Settings.spacious`).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Select, Static, Switch

from solecheck.i18n import N_, _
from solecheck.tui.screens.panel_keys import PANEL_KEYS
from solecheck.tui.services import AppServices, services_of
from solecheck.tui.text import literal
from solecheck.tui.widgets.key_footer import KeyFooter


class SettingsScreen(ModalScreen[None]):
    """Bell, theme and spacing; Tab moves between them, space or Enter flips a switch, Esc closes."""

    CSS_PATH = "settings.tcss"
    DEFAULT_CLASSES = "panel-screen"
    BINDINGS = [Binding("escape", "dismiss", N_("Close")), Binding("o", "dismiss", N_("Close"), show=False),
                *PANEL_KEYS]

    @property
    def solecheck(self) -> AppServices:
        return services_of(self.app)

    def compose(self) -> ComposeResult:
        settings = self.solecheck.settings
        themes = sorted(self.app.available_themes)
        with VerticalScroll(id="settings-panel", classes="modal-panel") as panel:
            panel.border_title = _("Settings")
            panel.border_subtitle = _("Tab next · space switch · Esc close")
            with Horizontal(classes="setting"):
                yield Switch(settings.bell, id="setting-bell")
                yield Static(literal(_("Ring the bell when a timed step ends")), classes="setting-label")
            with Horizontal(classes="setting"):
                yield Switch(settings.spacious, id="setting-spacious")
                yield Static(literal(_("Larger spacing between the steps of an exercise")), classes="setting-label")
            with Horizontal(classes="setting"):
                yield Select(
                    [(literal(name), name) for name in themes],
                    value=self.app.theme if self.app.theme in themes else Select.NULL,
                    allow_blank=False,
                    id="setting-theme",
                )
                yield Static(literal(_("Colours (theme)")), classes="setting-label")
            yield Static(literal(_("Saved at once, for next time too.")), classes="setting-hint")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#setting-bell", Switch).focus()

    def on_switch_changed(self, event: Switch.Changed) -> None:
        event.stop()
        app = self.solecheck
        if event.switch.id == "setting-bell" and app.settings.bell != event.value:
            app.settings = app.settings.replace(bell=event.value)
            app.save_settings()
        elif event.switch.id == "setting-spacious" and app.settings.spacious != event.value:
            app.settings = app.settings.replace(spacious=event.value)
            app.save_settings()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        if event.select.id == "setting-theme" and isinstance(event.value, str) and event.value != self.app.theme:
            self.app.theme = event.value  # the app saves the theme it is given (SolecheckApp._remember_theme)
