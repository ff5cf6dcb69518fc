"""Command palette entries: switch to any valid pack found on this machine.

A pack's name is outside text: each hit is built with :mod:`solecheck.tui.text` (literal ``Content``,
``text=`` given as plain text), never as a markup string."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from solecheck.tui.text import highlight, literal, strip_controls

if TYPE_CHECKING:
    from solecheck.packs.discovery import PackEntry
    from solecheck.tui.app import SolecheckApp


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
