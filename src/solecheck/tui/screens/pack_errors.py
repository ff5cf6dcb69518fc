"""The live preview's error screen: the located errors of a pack being edited, in place of its content.

Shown by the app when a save makes the previewed pack invalid; updated on every later save that is
still invalid, and closed by the app as soon as the pack loads again. It can't be dismissed by hand:
the errors are the content until they are fixed.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from solecheck.i18n import _, ngettext
from solecheck.packs.diagnostics import Diagnostic, format_diagnostic
from solecheck.tui.text import join, literal


class PackErrorsScreen(Screen[None]):
    """Lists every error of the previewed pack, one per line: file, line, key path, message."""

    CSS_PATH = "pack_errors.tcss"

    def __init__(self, root: Path, diagnostics: tuple[Diagnostic, ...]) -> None:
        super().__init__()
        self.root = root
        self.diagnostics = diagnostics

    def compose(self) -> ComposeResult:
        yield Static(id="pack-errors-title")
        yield Static(
            literal(_("Fix the files and save: the preview reloads by itself. Press q to quit.")),
            id="pack-errors-help",
        )
        with VerticalScroll(id="pack-errors-scroll"):
            yield Static(id="pack-errors-list")

    def on_mount(self) -> None:
        self.show(self.diagnostics)

    def show(self, diagnostics: tuple[Diagnostic, ...]) -> None:
        """Replace the listed problems with ``diagnostics`` (errors first; warnings counted)."""
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity == "error"]
        warnings = len(diagnostics) - len(errors)
        count = ngettext("{count} error", "{count} errors", len(errors)).format(count=len(errors))
        if warnings:
            count += ", " + ngettext("{count} warning", "{count} warnings", warnings).format(count=warnings)
        self.query_one("#pack-errors-title", Static).update(
            join(literal(_("This pack can't be shown: {folder}").format(folder=self.root), "bold"), f"  ({count})")
        )
        ordered = sorted(diagnostics, key=lambda d: d.severity != "error")
        lines = [literal(format_diagnostic(d), "" if d.severity == "error" else "dim") for d in ordered]
        self.query_one("#pack-errors-list", Static).update(Content("\n").join(lines))
