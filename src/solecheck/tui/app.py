"""The Textual application: bindings, screen routing and the pack it shows. Screens do the rest."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from solecheck.errors import UserError
from solecheck.i18n import N_, _, chosen_language
from solecheck.packs.snapshot import PendingPack, load_in_background
from solecheck.packs.view import PackView
from solecheck.settings import Settings, save_settings
from solecheck.tui.commands import PackCommands, RoutineCommands
from solecheck.tui.long_lived import IdleCollector, keep_for_life
from solecheck.tui.messages import StartRequested
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.services import AppServices
from solecheck.tui.textual_fixes import install_textual_fixes

if TYPE_CHECKING:
    from solecheck.contact import CareContact
    from solecheck.history.store import HistoryStore
    from solecheck.packs.pack import Pack
    from solecheck.session.recorder import SessionRecorder
    from solecheck.tui.pictures import PictureMode
    from solecheck.tui.screens.pack_picker import PickedPack
    from solecheck.tui.screens.session import SessionScreen

PACK_LOAD_DELAY_S = 0.1
"""How long after the first frame a pending pack starts loading in the background (see ``SolecheckApp``)."""

SAVE_RETRY_S = 3.0
"""How often the app tries again to save a session a failed write left unsaved."""

IDLE_GC_CHECK_S = 0.25
"""How often the app checks whether a full garbage-collection pass is due (``long_lived.IdleCollector``)."""

MOUNT_WAIT_S = 0.02
MOUNT_WAITS = 250
"""A signal's exit waits for screens still being mounted: checked every ``MOUNT_WAIT_S`` seconds, at most
``MOUNT_WAITS`` times (5 s), then the app exits anyway."""


def _utcnow() -> datetime:
    return datetime.now(UTC)


def _in_active_language(pack: Pack) -> Pack:
    """The pack with its texts in the active language where it has them, each other text in its main one."""
    from solecheck.packs.translations import in_active_language  # with the pack models: not on the start path

    return in_active_language(pack)


class SolecheckApp(App[None]):
    """solecheck's terminal app, showing one content pack at a time.

    The app is given either a loaded pack or a :class:`~solecheck.packs.snapshot.PendingPack`: the view
    of the pack the last start showed, and how to load the pack itself. A pending pack is loaded on a
    background thread once the first frame is drawn; until then the home screen shows the view, and
    whatever needs the pack (:meth:`after_pack_loads`) waits for it, never the event loop."""

    CSS_PATH = "app.tcss"
    TITLE = "solecheck"
    COMMANDS = App.COMMANDS | {PackCommands, RoutineCommands}
    BINDINGS = [
        # Descriptions and tooltips are marked here and translated where shown (KeyFooter, HelpScreen).
        Binding("c", "clinic", N_("Clinic"), tooltip=N_("The clinic's contact details and when to call")),
        Binding("w", "screening", N_("Screening"), tooltip=N_("Answer the safety questions (screening) again")),
        Binding("s", "start_session", N_("Start"), tooltip=N_("Start the highlighted routine (Enter too)")),
        Binding("h", "history", N_("History"), tooltip=N_("Your past sessions, trends and streak")),
        Binding("l", "learn", N_("Learn"), tooltip=N_("Why the routine starts at the foot")),
        Binding("p", "switch_pack", N_("Pack"), tooltip=N_("Use another content pack")),
        Binding("q", "quit", N_("Quit"), tooltip=N_("Leave solecheck")),
        Binding("o", "settings", N_("Settings"), show=False, tooltip=N_("Settings: bell, theme, spacing")),
        Binding("f1,question_mark", "help", N_("Help"), show=False, tooltip=N_("The keys of this screen, in words")),
    ]

    class PackLoaded(Message):
        """The pending pack finished loading (or failed to): ``result`` holds the outcome."""

        def __init__(self, result: Future[tuple[Pack, list[str]]]) -> None:
            super().__init__()
            self.result = result

    def __init__(
        self,
        pack: Pack | PendingPack[tuple[Pack, list[str]]],
        data_dir: Path,
        *,
        settings: Settings | None = None,
        clock: Callable[[], float] = time.monotonic,
        today: Callable[[], date] = date.today,
        now: Callable[[], datetime] | None = None,
        zone: tzinfo | None = None,
        startup_warnings: tuple[str, ...] = (),
        extra_pack_paths: tuple[Path, ...] = (),
        preview_dir: Path | None = None,
        preview_interval: float = 0.5,
        gc_freeze: bool = False,
        initial_routine: str | None = None,
        picture_mode: PictureMode | None = None,
    ) -> None:
        """``gc_freeze``: keep the cycle collector out of a person's way (:mod:`solecheck.tui.long_lived`):
        freeze what lives as long as the app once built, and run full passes only while input pauses.
        The CLI and the benchmarks turn it on; tests, which make many apps in one process, leave it off.
        ``picture_mode``: how pictures are drawn (default: chosen from the ``pictures`` setting and the
        terminal, :func:`~solecheck.tui.pictures.choose_picture_mode`); tests give ``blocks``."""
        from solecheck.tui.glyphs import choose_glyphs, use_glyphs
        from solecheck.tui.pictures import choose_picture_mode

        self.glyphs = choose_glyphs((settings or Settings()).glyphs, os.environ)
        self.picture_mode: PictureMode = picture_mode or choose_picture_mode(
            (settings or Settings()).pictures, os.environ, self.glyphs
        )
        """How the pack's pictures are drawn here: Kitty, Sixel, Unicode half blocks, or only their alt text."""
        use_glyphs(self.glyphs)
        install_textual_fixes()  # here, not at import: importing this module changes nothing in Textual
        super().__init__(css_path=[self.CSS_PATH, "console.tcss"] if self.glyphs == "console" else None)
        self.gc_freeze = gc_freeze
        self.initial_routine = initial_routine
        """The routine the home screen highlights at first (``solecheck session --routine ID``)."""
        self.collector = IdleCollector(clock) if gc_freeze else None
        self.preview_dir = preview_dir
        self._preview_interval = preview_interval
        self._pack: Pack | None = None
        self._pending: PendingPack[tuple[Pack, list[str]]] | None = None
        self._after_load: list[Callable[[], object]] = []
        if isinstance(pack, PendingPack):
            self._pending = pack
            self.view = pack.view
        else:
            self._pack = _in_active_language(pack)
            self.view = PackView.from_pack(self._pack)
        self.data_dir = data_dir
        self.settings = settings or Settings()
        self.clock = clock
        self._today = today
        self.now: Callable[[], datetime] = now or _utcnow
        """The wall clock (aware UTC) that stamps screenings and sessions and decides what holds now."""
        self.zone = zone
        """The person's time zone for local days and shown times (``None``: the system's)."""
        self.extra_pack_paths = extra_pack_paths
        self._startup_warnings = startup_warnings
        self._store: HistoryStore | None = None
        self._unsaved: list[SessionRecorder] = []
        self._palette: Screen[Any] | None = None
        self._editing_contact = False
        self.exit_messages: list[str] = []
        """Said on standard error after the app closed (a session that could not be saved)."""
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme

    def today(self) -> date:
        return self._today()

    # --- the pack ----------------------------------------------------------------------------------------

    @property
    def pack(self) -> Pack:
        """The pack in use. Only once it has loaded: code that may run earlier goes through
        :meth:`after_pack_loads`."""
        if self._pack is None:
            raise RuntimeError("the pack is still loading; use after_pack_loads()")
        return self._pack

    @property
    def pack_loaded(self) -> bool:
        return self._pack is not None

    def after_pack_loads(self, callback: Callable[[], object]) -> None:
        """Call ``callback`` now if the pack has loaded, else as soon as it has (never if loading fails,
        which ends the app with the reason)."""
        if self._pack is not None:
            callback()
        else:
            self._after_load.append(callback)

    def _load_pending_pack(self) -> None:
        if self._pending is not None:
            future = load_in_background(self._pending.load)
            future.add_done_callback(lambda done: self.post_message(self.PackLoaded(done)))

    def on_solecheck_app_pack_loaded(self, message: PackLoaded) -> None:
        if self._pending is None:
            return  # another pack was chosen meanwhile
        self._pending = None
        try:
            pack, warnings = message.result.result()
        except UserError as error:
            self._fail_to_load(str(error))
            return
        except Exception as error:  # noqa: BLE001 - any failure ends the start with its reason, not a traceback
            self._fail_to_load(_("the pack could not be loaded: {error}").format(error=error))
            return
        for warning in warnings:
            self.notify(warning, severity="warning", timeout=10, markup=False)
        self._set_pack(pack)

    def _fail_to_load(self, reason: str) -> None:
        self._after_load.clear()
        self.exit_messages.append(_("solecheck: error: {reason}").format(reason=reason))
        self.exit(return_code=1)

    def _set_pack(self, pack: Pack) -> None:
        self._pending = None
        self._pack = pack = _in_active_language(pack)
        shown, self.view = self.view, PackView.from_pack(pack)
        for screen in self.screen_stack:
            if not isinstance(screen, HomeScreen):
                continue
            if self.view != shown:
                screen.refresh_pack()
            else:  # the status lines depend on more than the view shows (the screening questions, say)
                screen.schedule_status()
        waiting, self._after_load = self._after_load, []
        for callback in waiting:
            callback()

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        self._handle_signals()
        self.set_interval(SAVE_RETRY_S, self.retry_saving)
        self.push_screen(HomeScreen())
        if self.gc_freeze:
            self.call_after_refresh(keep_for_life)  # the home screen lives as long as the app
        if self.collector is not None:
            self.collector.install()
            self.set_interval(IDLE_GC_CHECK_S, self.collector.tick)
        # Once the first frames are out: loading is CPU work, and sharing the interpreter with it would
        # slow the very frames it waits for.
        self.call_after_refresh(self.set_timer, PACK_LOAD_DELAY_S, self._load_pending_pack)
        if self.preview_dir is not None:
            from solecheck.tui.preview import PackPreview

            self.preview = PackPreview(self, self.preview_dir)
            self.preview.start()
            self.set_interval(self._preview_interval, self.preview.check)
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
            self.notify(str(error), title=_("History unavailable"), severity="error", timeout=15, markup=False)
            return None

    def save_settings(self) -> None:
        warning = save_settings(self.settings)
        if warning:
            self.notify(warning, severity="warning", markup=False)

    def _remember_theme(self, theme: object) -> None:
        name = getattr(theme, "name", None)
        if isinstance(name, str) and name != self.settings.theme:
            self.settings = self.settings.replace(theme=name)
            self.save_settings()

    def edit_contact(self, then: Callable[[bool], object] | None = None) -> None:
        """Ask for the person's own care contact and keep it in the private settings; ``then`` is called
        with whether it changed. One dialog at a time (a second ``e`` before the first showed does nothing)."""
        from solecheck.tui.screens.contact import ContactDialog

        if self._editing_contact:
            return

        def done(contact: CareContact | None) -> None:
            self._editing_contact = False
            if contact is not None:
                self.settings = self.settings.replace(contact=None if contact.is_empty else contact)
                self.save_settings()
                self.notify(
                    _("Your contact is saved.") if not contact.is_empty else _("Your contact is cleared."),
                    markup=False,
                )
            if then is not None:
                then(contact is not None)

        self._editing_contact = True
        self.push_screen(ContactDialog(self.settings.contact), done)

    async def edit_contact_and_wait(self) -> bool:
        """:meth:`edit_contact`, awaited (from a worker): whether the contact changed."""
        if self._editing_contact:
            return False  # a dialog is already open
        changed: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

        def then(result: bool) -> None:
            if not changed.done():
                changed.set_result(result)

        self.edit_contact(then)
        return await changed

    def use_pack(self, pack: Pack, remember: str | None = None, *, pinned: bool = False) -> None:
        """Show ``pack`` from now on; ``remember`` is how to find it again next time: its id (the newest
        valid version then), or ``ID@VERSION`` with ``pinned`` when the person pins that version."""
        self._set_pack(pack)
        if remember is not None:
            self.settings = self.settings.replace(pack=remember, pack_pinned=pinned, pack_version=pack.version)
            self.save_settings()
        self.notify(_("Now using {name} {version}").format(name=pack.manifest.name, version=pack.version),
                    markup=False)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        # Textual's own commands, in the person's language (its English ones would show in a French palette);
        # its widget help panel and maximize are left out: the app's Keys and Escape serve a patient better.
        yield SystemCommand(_("Theme"), _("Change the app's colours"), self.action_change_theme)
        yield SystemCommand(_("Quit"), _("Close solecheck (every finished step is already saved)"), self.action_quit)
        if screen.maximized is not None:
            yield SystemCommand(_("Minimize"), _("Back to the usual layout"), screen.action_minimize)
        yield SystemCommand(
            _("Screenshot"),
            _("Save a picture of this screen (an SVG file)"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand(_("Clinic"), _("Contact details and when to contact the clinic (c)"), self.action_clinic)
        yield SystemCommand(_("Screening"), _("Answer the safety questions again (w)"), self.action_screening)
        yield SystemCommand(_("History"), _("Your past sessions, trends and streak (h)"), self.action_history)
        yield SystemCommand(_("Settings"), _("Bell at step end, theme, larger spacing (o)"), self.action_settings)
        yield SystemCommand(_("Keys"), _("The keys of this screen, in words (F1 or ?)"), self.action_help)
        if isinstance(screen, HomeScreen):
            yield SystemCommand(_("Learn"), _("Why the routine starts at the foot, from the pack (l)"),
                                self.action_learn)
        yield SystemCommand(
            _("Handout"),
            _("Write a printable PDF of the routines, one sheet each, to the folder solecheck was started in"),
            self.action_write_handout,
        )

    def action_write_handout(self) -> None:
        """Write the pack's handout (every routine) in a worker thread, then say where it went."""
        self.notify(_("Writing the handout…"), timeout=3, markup=False)
        self.after_pack_loads(lambda: self.run_worker(self._write_handout, thread=True, group="handout"))

    def _write_handout(self) -> None:
        """In a worker thread: fpdf2 takes a moment to import and lay out the pages."""
        from solecheck.printout.handout import handout_name, handout_pdf
        from solecheck.printout.saving import PrintoutError, free_path, write_printout

        pack = self.pack
        try:
            target = free_path(Path.cwd() / handout_name(pack, None))
            write_printout(handout_pdf(pack, pack.routines, self.settings.contact, chosen_language()), target)
        except (PrintoutError, OSError) as error:
            message, severity = _("The handout was not written: {error}").format(error=error), "error"
        else:
            message, severity = _("Handout written to {path}").format(path=target.absolute()), "information"
        self.call_from_thread(self.notify, message, severity=severity, timeout=15, markup=False)

    def action_clinic(self) -> None:
        """Open the clinic panel (``c`` closes it again)."""
        from solecheck.tui.screens.clinic import ClinicScreen

        def open_clinic() -> None:
            if not isinstance(self.screen, ClinicScreen):
                self.push_screen(ClinicScreen(self.pack))

        self.after_pack_loads(open_clinic)

    def action_settings(self) -> None:
        """Open the settings panel (``o`` closes it again)."""
        from solecheck.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen())

    def action_help(self) -> None:
        """Open the help panel: the keys of the screen it is opened on, in words."""
        from solecheck.tui.screens.help import HelpScreen

        screen = self.screen
        if not isinstance(screen, HelpScreen):
            title = _(getattr(screen, "HELP_TITLE", None) or N_("this screen"))
            self.push_screen(HelpScreen(screen, title))

    def action_learn(self) -> None:
        """Open the pack's education texts ("Why the foot first"); ``l`` closes them again."""
        from solecheck.tui.screens.learn import LearnScreen

        def open_learn() -> None:
            if isinstance(self.screen, HomeScreen):
                self.push_screen(LearnScreen(self.pack))

        self.after_pack_loads(open_learn)

    def action_screening(self) -> None:
        """Open the screening wizard; it saves the screening and tells the person the outcome."""
        from textual.screen import ModalScreen

        from solecheck.tui.screens.wizard import WizardScreen

        def open_wizard() -> None:
            if not isinstance(self.screen, (WizardScreen, ModalScreen)):
                self.push_screen(WizardScreen(self.pack))

        self.after_pack_loads(open_wizard)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "Start session" only where it works, and the education texts only where they belong: on
        the home screen (which also keeps the other screens' footers short)."""
        if action in ("start_session", "learn"):
            return isinstance(self.screen, HomeScreen)
        if action == "history":  # not offered on the history itself: room for the keys that do something
            return type(self.screen).__name__ not in ("HistoryScreen", "ScreeningsScreen")
        return True

    def action_start_session(self) -> None:
        """Start the routine highlighted on the home screen: resume offer, screening, then the session."""
        if isinstance(self.screen, HomeScreen):
            self.start_routine(self.screen.selected_routine)

    def on_start_requested(self, message: StartRequested) -> None:
        """A screen or the command palette asked to start a routine (Enter on the home screen, "Start …")."""
        self.start_routine(message.routine_id)

    def start_routine(self, routine_id: str) -> None:
        """Start the routine ``routine_id`` of the pack shown (the home screen's ``s``, or the command
        palette's "Start …"): resume offer, screening, then the session."""
        from solecheck.tui.screens.session import begin_session

        self.after_pack_loads(lambda: begin_session(self, self.pack.routine(routine_id)))

    def action_history(self) -> None:
        """Open the history pane: past sessions, their details, filters and trends.

        One pane is kept for the app's life (building it again on every ``h`` blocked the UI for tens of
        milliseconds); shown again, it reloads in the background only what changed meanwhile."""
        from solecheck.tui.screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            return
        store = self.open_store()
        if store is None:
            return
        if not self.is_screen_installed("history"):
            self.install_screen(HistoryScreen(store, kept_for_life=self.gc_freeze, services=self), "history")
        pane = self.get_screen("history")
        # Asked for from a screen opened over the pane (the clinic panel, say): a second pane, as before.
        self.push_screen(pane if pane not in self.screen_stack else HistoryScreen(store, services=self))

    def action_command_palette(self) -> None:
        """Open the command palette, unless the last one is still attached: ctrl+p typed again while
        it is being removed (ctrl+p, Escape, ctrl+p in one burst of keys) would push a second palette
        with the same id, which Textual refuses with an exception that ends the app."""
        from textual.command import CommandPalette

        if not self.use_command_palette or (self._palette is not None and self._palette.is_attached):
            return
        self._palette = CommandPalette(placeholder=_("Search for commands…"), id="--command-palette")
        self.push_screen(self._palette)

    def action_switch_pack(self) -> None:
        from solecheck.tui.screens.pack_picker import PackPickerScreen

        def picked(choice: PickedPack | None) -> None:
            if choice is not None:
                self.use_pack(choice.pack, remember=choice.remember, pinned=choice.pinned)

        self.after_pack_loads(
            lambda: self.push_screen(PackPickerScreen(self.data_dir, self.extra_pack_paths, current=self.pack), picked)
        )

    # --- faults: signals and failed writes ----------------------------------------------------------------

    def _handle_signals(self) -> None:
        """SIGTERM, and SIGHUP when the terminal closes, save a running session as interrupted and exit
        (not in headless test runs, which share the test process)."""
        if self.is_headless:
            return
        import asyncio
        import signal
        from contextlib import suppress

        loop = asyncio.get_running_loop()
        for number in (signal.SIGTERM, signal.SIGHUP):
            # Not the main thread, or no signals here: the default action stays.
            with suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(number, self.close_for_signal, number.name)

    def close_for_signal(self, signal_name: str) -> None:
        """Save every running session as interrupted by ``signal_name`` (resumable next time) at once,
        then exit as soon as no screen is still being mounted."""
        for screen in self._session_screens():
            screen.interrupt(signal_name)
        self._exit_once_mounted(MOUNT_WAITS)

    def _exit_once_mounted(self, waits_left: int) -> None:
        """Exit, after the screens on the stack have finished mounting. An exit while one mounts (a
        session just started or resumed when the terminal closed) removes its widgets before its
        ``on_mount`` runs, which then fails and ends the app with a traceback and exit code 1 (Textual 8.2)."""
        if waits_left > 0 and not all(screen.is_mounted for screen in self.screen_stack):
            self.set_timer(MOUNT_WAIT_S, lambda: self._exit_once_mounted(waits_left - 1))
            return
        self.exit()

    def _session_screens(self) -> list[SessionScreen]:
        """The running sessions' screens (none, without importing the session code, if none was opened)."""
        module = sys.modules.get("solecheck.tui.screens.session")
        if module is None:
            return []
        return [screen for screen in self.screen_stack if isinstance(screen, module.SessionScreen)]

    def keep_saving(self, recorder: SessionRecorder) -> None:
        """Keep trying to save a closed session's unsaved writes every few seconds and at exit."""
        if recorder.pending and recorder not in self._unsaved:
            self._unsaved.append(recorder)

    def retry_saving(self) -> None:
        for recorder in list(self._unsaved):
            if recorder.save():
                self._unsaved.remove(recorder)
                self.notify(
                    _("Your session of {routine} is now saved to the history.").format(
                        routine=recorder.plan.routine_title
                    ),
                    title=_("Saved"),
                    timeout=6,
                    markup=False,
                )

    def _save_before_exit(self) -> None:
        for screen in self._session_screens():
            self.keep_saving(screen.recorder)
        for recorder in self._unsaved:
            if not recorder.save():
                self.exit_messages.append(
                    _("solecheck: your session of {routine} could not be saved to the history: {error}. {note}").format(
                        routine=recorder.plan.routine_title, error=recorder.error, note=recorder.letting_go_note()
                    )
                )
        self._unsaved.clear()

    async def on_event(self, event: events.Event) -> None:
        if self.collector is not None and isinstance(event, events.InputEvent):
            self.collector.input_seen()
        await super().on_event(event)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Textual's notification, its message and title without control characters: they often carry
        outside text (a pack's name, a path, an error from the disk). Pass ``markup=False`` for those."""
        from solecheck.outside_text import clean

        super().notify(clean(message), title=clean(title), severity=severity, timeout=timeout, markup=markup)

    def get_key_display(self, binding: Binding) -> str:
        """Textual's key name, with ⏎ and the like in ASCII on the Linux console."""
        from solecheck.tui.glyphs import mark

        return mark(super().get_key_display(binding))

    def on_unmount(self) -> None:
        from solecheck.tui.glyphs import use_glyphs

        use_glyphs("full")
        self._save_before_exit()
        if self._store is not None:
            self._store.close()
        if self.collector is not None:
            self.collector.uninstall()


build_app = SolecheckApp
"""The one way to make the app, used by the CLI, the benchmarks and the tests alike: everything the app
depends on (pack, data folder, settings, clock, wall clock, zone, today) is injected through the constructor."""

_PROVIDES_SERVICES: type[AppServices] = SolecheckApp
"""The screens reach the app through :class:`~solecheck.tui.services.AppServices`: mypy checks here that
the app provides every service they may ask for."""
