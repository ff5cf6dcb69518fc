"""The Textual application: bindings, screen routing and the pack it shows. Screens do the rest."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App
from textual.binding import Binding

from solecheck.packs.pack import Pack
from solecheck.settings import Settings, save_settings
from solecheck.tui.commands import PackCommands
from solecheck.tui.screens.home import HomeScreen

if TYPE_CHECKING:
    from solecheck.history.store import HistoryStore


class SolecheckApp(App[None]):
    """solecheck's terminal app, showing one content pack at a time."""

    CSS_PATH = "app.tcss"
    TITLE = "solecheck"
    COMMANDS = App.COMMANDS | {PackCommands}
    BINDINGS = [
        Binding("p", "switch_pack", "Pack"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        pack: Pack,
        data_dir: Path,
        *,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        startup_warnings: tuple[str, ...] = (),
        extra_pack_paths: tuple[Path, ...] = (),
    ) -> None:
        super().__init__()
        self.pack = pack
        self.data_dir = data_dir
        self.settings = settings or Settings()
        self.clock = clock
        self._today = today
        self.extra_pack_paths = extra_pack_paths
        self._startup_warnings = startup_warnings
        self._store: HistoryStore | None = None
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def today(self) -> date:
        return self._today()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self.push_screen(HomeScreen())
        for warning in self._startup_warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)

    @property
    def store(self) -> HistoryStore:
        """The history store, opened on first use (raises ``HistoryError`` if it can't be)."""
        if self._store is None:
            from solecheck.history.store import HistoryStore

            self._store = HistoryStore.open(self.data_dir)
        return self._store

    def open_store(self) -> HistoryStore | None:
        """The history store, or ``None`` after telling the user why it can't be opened."""
        from solecheck.history.store import HistoryError

        try:
            return self.store
        except HistoryError as error:
            self.notify(str(error), title="History unavailable", severity="error", timeout=15, markup=False)
            return None

    def save_settings(self) -> None:
        warning = save_settings(self.settings)
        if warning:
            self.notify(warning, severity="warning", markup=False)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self.settings.theme:
            self.settings = self.settings.model_copy(update={"theme": name})
            self.save_settings()

    def use_pack(self, pack: Pack, remember: str | None = None) -> None:
        """Show ``pack`` from now on; ``remember`` is how to find it again next time."""
        self.pack = pack
        if remember is not None:
            self.settings = self.settings.model_copy(update={"pack": remember})
            self.save_settings()
        for screen in self.screen_stack:
            if isinstance(screen, HomeScreen):
                screen.refresh_pack()
        self.notify(f"Now using {pack.manifest.name} {pack.version}", markup=False)

    def action_switch_pack(self) -> None:
        from solecheck.tui.screens.pack_picker import PackPickerScreen

        self.push_screen(PackPickerScreen(self.data_dir, self.extra_pack_paths, current=self.pack))

    def on_unmount(self) -> None:
        if self._store is not None:
            self._store.close()


def build_app(
    pack: Pack,
    data_dir: Path,
    *,
    settings: Settings | None = None,
    clock: Callable[[], float] = time.monotonic,
    today: Callable[[], date] = date.today,
    startup_warnings: tuple[str, ...] = (),
    extra_pack_paths: tuple[Path, ...] = (),
) -> SolecheckApp:
    """The one way to make the app: used by the CLI and by the tests alike."""
    return SolecheckApp(
        pack,
        data_dir,
        settings=settings,
        clock=clock,
        today=today,
        startup_warnings=startup_warnings,
        extra_pack_paths=extra_pack_paths,
    )
