"""The help panel (F1 or ``?``): the keys of the screen it was opened on, each said in words.

Built from that screen's active bindings (its own and the app's), so it can't drift from what the keys
do: a binding's tooltip says what it does, else its description. A screen can add lines the bindings
can't say (a range of digit keys, say) in a ``HELP_NOTES`` class attribute of ``(keys, what)`` pairs.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from solecheck.i18n import N_, _
from solecheck.tui.text import literal
from solecheck.tui.widgets.key_footer import KeyFooter

TEXTUAL_KEYS = frozenset(
    (binding.key, binding.action) for binding in Binding.make_bindings([*App.BINDINGS, *Screen.BINDINGS])
)
"""Textual's own keys (focus moves, copy, ctrl+q): not solecheck's key map."""


def key_lines(screen: Screen[object]) -> list[tuple[str, str]]:
    """``(key, what it does)`` for every key active on ``screen`` that says what it does, the screen's own
    keys first, then its ``HELP_NOTES``; one line per action (``w,s`` bound together shows once)."""
    app = screen.app
    seen: dict[str, int] = {}
    lines: list[tuple[str, str]] = []
    for namespace, binding, enabled, tooltip in screen.active_bindings.values():
        what = _(tooltip or binding.tooltip or binding.description)
        if namespace not in (screen, app) or (binding.key, binding.action) in TEXTUAL_KEYS:
            continue  # a focused widget's own keys (arrows in a list) and Textual's go without saying
        if not enabled or not what or binding.action.removeprefix("app.") in ("help", "command_palette"):
            continue
        key = key_name(app, binding)
        if binding.action in seen:
            index = seen[binding.action]
            lines[index] = (f"{lines[index][0]}, {key}", lines[index][1])
            continue
        seen[binding.action] = len(lines)
        lines.append((key, what))
    lines += [(_(keys), _(what)) for keys, what in getattr(screen, "HELP_NOTES", ())]
    palette = key_name(app, Binding(app.COMMAND_PALETTE_BINDING, ""))
    lines += [("F1, ?", _("This help")), (palette, _("All commands, by name (the command palette)"))]
    return lines


KEY_NAMES = {"enter": N_("Enter"), "escape": N_("Esc"), "space": N_("space"), "plus": "+", "question_mark": "?",
             "f1": "F1"}
"""Keys said as they are printed on a keyboard (Textual shows ``⏎`` for Enter)."""


def key_name(app: App[object], binding: Binding) -> str:
    named = KEY_NAMES.get(binding.key)
    return _(named) if named else app.get_key_display(binding)


class HelpScreen(ModalScreen[None]):
    """The keys of ``screen`` in words; Esc, F1 or ``?`` closes it."""

    CSS_PATH = "help.tcss"
    DEFAULT_CLASSES = "panel-screen"
    BINDINGS = [
        Binding("escape,f1,question_mark", "dismiss", N_("Close")),
        Binding(App.COMMAND_PALETTE_BINDING, "app.command_palette", N_("Commands"), show=False),
    ]

    def __init__(self, screen: Screen[object], title: str) -> None:
        super().__init__()
        self.lines = key_lines(screen)
        """``(key, what it does)`` as listed, in order."""
        self._title = title

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-panel", classes="modal-panel") as panel:
            panel.border_title = _("Help")
            panel.border_subtitle = _("Esc, F1 or ? to close")
            yield Static(literal(_("Keys on {screen}").format(screen=self._title), "bold"), id="help-title")
            for key, what in self.lines:
                with Horizontal(classes="help-row"):
                    yield Static(literal(key, "bold"), classes="help-key")
                    yield Static(literal(what), classes="help-what")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help-panel", VerticalScroll).focus()
