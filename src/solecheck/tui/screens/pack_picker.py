"""A dialog listing every pack found, valid or not, to switch the app to another one."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from solecheck.packs.discovery import PackEntry, discover
from solecheck.packs.pack import Pack
from solecheck.tui.glyphs import mark
from solecheck.tui.text import join, literal
from solecheck.tui.widgets.key_footer import KeyFooter

if TYPE_CHECKING:
    from solecheck.tui.app import SolecheckApp


class PackPickerScreen(ModalScreen[None]):
    """Lists packs by id and version; invalid ones show their first error and can't be chosen."""

    CSS_PATH = "pack_picker.tcss"
    BINDINGS = [Binding("escape", "dismiss", "Close")]

    def __init__(self, data_dir: Path, extra: tuple[Path, ...], current: Pack) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._extra = extra
        self._current = current
        self._entries: list[PackEntry] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static("Choose a content pack", id="picker-title")
            yield OptionList(id="pack-options")
            yield Static("Looking for packs…", id="picker-help")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#pack-options", OptionList).loading = True
        self._discover()

    @work(thread=True, exclusive=True)
    def _discover(self) -> None:
        entries = discover(self._data_dir, self._extra)
        self.app.call_from_thread(self._show, entries)

    def _show(self, entries: list[PackEntry]) -> None:
        self._entries = entries
        options = self.query_one("#pack-options", OptionList)
        options.loading = False
        for index, entry in enumerate(entries):
            marker = mark("● ") if entry.pack is not None and entry.pack.key == self._current.key else "  "
            label = join(
                literal(marker),
                literal(entry.name or entry.id, "bold"),
                literal(f"  {entry.id}@{entry.version}  ({entry.source})", "dim"),
            )
            if not entry.valid:
                label = join(label, "\n    ", literal(f"invalid: {entry.first_error}", "italic"))
            options.add_option(Option(label, id=str(index), disabled=not entry.valid))
        self.query_one("#picker-help", Static).update(
            f"{sum(e.valid for e in entries)} valid, {sum(not e.valid for e in entries)} invalid. "
            "Enter to switch, Escape to close."
        )
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self._entries[int(event.option.id or 0)]
        if entry.pack is None:
            return
        remember = str(entry.path) if entry.source == "path" else f"{entry.id}@{entry.version}"
        cast("SolecheckApp", self.app).use_pack(entry.pack, remember=remember)
        self.dismiss()
