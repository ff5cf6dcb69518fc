"""A dialog listing every pack found, valid or not, to switch the app to another one."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from solecheck.i18n import N_, _
from solecheck.packs.discovery import PackEntry, discover
from solecheck.packs.pack import Pack
from solecheck.tui.glyphs import mark
from solecheck.tui.screens.panel_keys import PANEL_KEYS
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.key_footer import KeyFooter


@dataclass(frozen=True)
class PickedPack:
    """The pack chosen in the picker, and how to find it again next time: ``remember`` is its id (the
    newest valid version then), ``ID@VERSION`` with ``pinned`` when pinned on purpose, or a folder."""

    pack: Pack
    remember: str
    pinned: bool


class PackPickerScreen(ModalScreen[PickedPack | None]):
    """Lists packs by id and version; invalid ones show their first error and can't be chosen.

    Dismissed with the :class:`PickedPack` chosen (``None`` when closed); the caller switches to it."""

    CSS_PATH = "pack_picker.tcss"
    BINDINGS = [
        Binding("escape", "dismiss", N_("Close")),
        Binding("P", "pin", N_("Pin version"),
                tooltip=N_("Use this version from now on, even when a newer one is installed")),
        *PANEL_KEYS,
    ]

    def __init__(self, data_dir: Path, extra: tuple[Path, ...], current: Pack) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._extra = extra
        self._current = current
        self._entries: list[PackEntry] = []
        # Held, not queried: a key pressed fast can close the picker before it is mounted or before the
        # search ends, and its widgets are gone by then.
        self._options = OptionList(id="pack-options")
        self._help = Static(literal(_("Looking for packs…")), id="picker-help")

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(literal(_("Choose a content pack")), id="picker-title")
            yield self._options
            yield self._help
        yield KeyFooter()

    def on_mount(self) -> None:
        self._options.loading = True
        self._discover()

    @work(thread=True, exclusive=True)
    def _discover(self) -> None:
        entries = discover(self._data_dir, self._extra)
        self.app.call_from_thread(self._show, entries)

    def _show(self, entries: list[PackEntry]) -> None:
        options = self._options
        if not options.is_attached:
            return  # the picker was closed before the search finished
        self._entries = entries
        options.loading = False
        for index, entry in enumerate(entries):
            marker = mark("● ") if entry.pack is not None and entry.pack.key == self._current.key else "  "
            label = join(
                literal(marker),
                literal(entry.name or entry.id, "bold"),
                literal(f"  {entry.id}@{entry.version}  ({source_words(entry.source)})", "dim"),
            )
            if not entry.valid:
                label = join(label, "\n    ", literal(_("invalid: {error}").format(error=entry.first_error), "italic"))
            options.add_option(Option(label, id=str(index), disabled=not entry.valid))
        self._help.update(literal(
            _("{valid} valid, {invalid} invalid. Enter to switch (the newest version is used from then on), P to "
              "pin this version, Escape to close.").format(valid=sum(e.valid for e in entries),
                                                            invalid=sum(not e.valid for e in entries))
        ))
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(int(event.option.id or 0), pinned=False)

    def action_pin(self) -> None:
        """Switch to the highlighted pack and pin its version on purpose."""
        index = self.query_one("#pack-options", OptionList).highlighted
        if index is not None:
            self._choose(index, pinned=True)

    def _choose(self, index: int, *, pinned: bool) -> None:
        """Choose the pack at ``index``, remembered by id (its newest version next time) unless ``pinned``."""
        if not 0 <= index < len(self._entries):
            return
        entry = self._entries[index]
        if entry.pack is None:
            return
        remember = entry.id
        if entry.source == "path":
            remember, pinned = str(entry.path), False
        elif pinned:
            remember = f"{entry.id}@{entry.version}"
        self.dismiss(PickedPack(entry.pack, remember, pinned))


SOURCE_WORDS = {
    "builtin": N_("comes with solecheck"),
    "installed": N_("installed"),
    "path": N_("a folder you named"),
    "env": N_("from SOLECHECK_PACKS"),
}
"""Where a pack was found, in words (an entry point says ``from a Python package``)."""


def source_words(source: str) -> str:
    """Where a pack was found, as a person reads it (``builtin`` → ``comes with solecheck``)."""
    if source.startswith("entry-point"):
        return _("from a Python package")
    return _(SOURCE_WORDS[source]) if source in SOURCE_WORDS else source
