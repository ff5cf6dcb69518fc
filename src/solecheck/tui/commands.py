"""Command palette entries: switch to any valid pack found on this machine, and start any routine of
the pack shown (from the home screen, as ``s`` does).

A pack's name and a routine's title are outside text: each hit is built with :mod:`solecheck.tui.text`
(literal ``Content``, ``text=`` given as plain text), never as a markup string."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from solecheck.tui.text import highlight, literal, strip_controls

if TYPE_CHECKING:
    from solecheck.packs.discovery import PackEntry
    from solecheck.tui.app import SolecheckApp


START_HELP = "Start this routine: the safety questions first when they are due (s starts the highlighted one)"


class RoutineCommands(Provider):
    """'Start <routine title>' for every routine of the current pack, offered on the home screen (where
    ``s`` starts the highlighted one): the same start, with its resume offer and screening first."""

    def _commands(self) -> list[tuple[str, str]]:
        from solecheck.tui.screens.home import HomeScreen

        if not isinstance(self.screen, HomeScreen):
            return []
        app = cast("SolecheckApp", self.app)
        return [(strip_controls(f"Start {routine.title}"), routine.id) for routine in app.pack.routines]

    def _start(self, routine_id: str) -> None:
        cast("SolecheckApp", self.app).start_routine(routine_id)

    async def discover(self) -> Hits:
        for text, routine_id in self._commands():
            yield DiscoveryHit(literal(text), partial(self._start, routine_id), text=text, help=START_HELP)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, routine_id in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, highlight(matcher, text), partial(self._start, routine_id), text=text, help=START_HELP)


class PackCommands(Provider):
    """'Use pack …' for every valid pack, found in a worker thread when the palette opens."""

    async def startup(self) -> None:
        from solecheck.packs.discovery import discover

        app = cast("SolecheckApp", self.app)
        worker = app.run_worker(partial(discover, app.data_dir, app.extra_pack_paths), thread=True, exclusive=False)
        self._entries: list[PackEntry] = [e for e in await worker.wait() if e.valid]

    def _commands(self) -> list[tuple[str, PackEntry]]:
        return [(strip_controls(f"Use pack {e.name} {e.version} ({e.id}, {e.source})"), e) for e in self._entries]

    def _choose(self, entry: PackEntry) -> None:
        app = cast("SolecheckApp", self.app)
        if entry.pack is not None:
            app.use_pack(
                entry.pack, remember=entry.id if entry.source != "path" else str(entry.path)
            )

    async def discover(self) -> Hits:
        for text, entry in self._commands():
            yield DiscoveryHit(literal(text), partial(self._choose, entry), text=text, help="Switch the content pack")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, entry in self._commands():
            score = matcher.match(text)
            if score > 0:
                yield Hit(
                    score,
                    highlight(matcher, text),
                    partial(self._choose, entry),
                    text=text,
                    help="Switch the content pack",
                )
