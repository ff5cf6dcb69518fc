"""What screens, palette commands and the pack preview may ask of the app: a small Protocol of services.

Screens reach the app through :class:`AppServices`, never through the App class, so no module of the
shell imports :mod:`solecheck.tui.app` but the CLI that builds it, and the app stays the only place that
knows every screen. Textual's own App methods (``notify``, ``push_screen``, ``run_worker``…) are used on
``self.app`` as usual; only solecheck's services are named here. ``SolecheckApp`` implements the Protocol
(mypy checks it in ``tui/app.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, cast

if TYPE_CHECKING:
    from textual.app import App

    from solecheck.history.store import HistoryStore
    from solecheck.packs.pack import Pack
    from solecheck.packs.view import PackView
    from solecheck.session.recorder import SessionRecorder
    from solecheck.settings import Settings
    from solecheck.tui.pictures import PictureMode


class AppServices(Protocol):
    """The app's services, as the screens use them."""

    settings: Settings
    """The person's settings; assign a changed copy, then :meth:`save_settings`."""

    @property
    def view(self) -> PackView:
        """What the home screen shows of the pack, available before the pack has loaded."""

    @property
    def initial_routine(self) -> str | None:
        """The routine the home screen highlights at first (``solecheck session --routine ID``)."""

    @property
    def data_dir(self) -> Path:
        """The data folder: history, installed packs, caches."""

    @property
    def extra_pack_paths(self) -> tuple[Path, ...]:
        """Pack folders named on the command line, listed with the packs found."""

    @property
    def clock(self) -> Callable[[], float]:
        """The monotonic clock, in seconds, for durations and countdowns."""

    @property
    def now(self) -> Callable[[], datetime]:
        """The wall clock (aware UTC) that stamps screenings and sessions."""

    @property
    def zone(self) -> tzinfo | None:
        """The person's time zone for local days and shown times (``None``: the system's)."""

    @property
    def pack(self) -> Pack:
        """The pack in use, once loaded (``RuntimeError`` before: use :meth:`after_pack_loads`)."""

    @property
    def pack_loaded(self) -> bool:
        """Whether :attr:`pack` may be read yet."""

    @property
    def picture_mode(self) -> PictureMode:
        """How pictures are drawn in this terminal (:func:`solecheck.tui.pictures.choose_picture_mode`)."""

    @property
    def store(self) -> HistoryStore:
        """The history store, opened on first use (``HistoryError`` if it can't be)."""

    def after_pack_loads(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` now if the pack has loaded, else as soon as it has."""

    def open_store(self) -> HistoryStore | None:
        """The history store, or ``None`` after telling the person why it can't be opened."""

    def save_settings(self) -> None:
        """Write :attr:`settings` to the private settings file (a warning if that fails)."""

    def edit_contact(self, then: Callable[[bool], object] | None = None) -> None:
        """Ask for the person's own care contact; ``then`` is told whether it changed."""

    async def edit_contact_and_wait(self) -> bool:
        """:meth:`edit_contact`, awaited: whether the contact changed."""

    def use_pack(self, pack: Pack, remember: str | None = None, *, pinned: bool = False) -> None:
        """Show ``pack`` from now on; ``remember`` is how to find it again next time."""

    def keep_saving(self, recorder: SessionRecorder) -> None:
        """Keep trying to save a closed session's unsaved writes."""


def services_of(app: App[Any]) -> AppServices:
    """``app`` seen through its services: solecheck's app, which every screen of the shell runs in."""
    return cast("AppServices", app)
