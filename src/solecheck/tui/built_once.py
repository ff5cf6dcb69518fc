"""Parts of a screen built the first time they are needed, once, and awaited by every caller.

A screen that builds a part lazily (so its first frame comes sooner) must not let a second caller find
the part half-built: ``mount()`` puts the part in the DOM at once, but its children only arrive when
the mount is awaited, so a second Enter or key arriving meanwhile would query a child that is not there
yet (``NoMatches``; issue 15, item 0). :class:`BuiltOnFirstUse` runs the build once, and every caller,
first or not, awaits that same build before touching the part.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from textual.widget import Widget

PartT = TypeVar("PartT", bound=Widget)


class BuiltOnFirstUse(Generic[PartT]):
    """A part built by ``build`` (which mounts it and awaits the mount) when :meth:`get` is first awaited.

    ``get()`` returns the part once fully mounted, to every caller; callers that cannot wait (sync
    handlers) use :attr:`built`, which is ``None`` until then. A build that raised is tried again by
    the next ``get()``.
    """

    def __init__(self, build: Callable[[], Awaitable[PartT]]) -> None:
        self._build = build
        self._task: asyncio.Task[PartT] | None = None
        self._part: PartT | None = None

    @property
    def built(self) -> PartT | None:
        """The part once its build has finished, else ``None``."""
        return self._part

    async def get(self) -> PartT:
        """The part, building it first if no caller has yet; waits for a build already under way."""
        if self._part is not None:
            return self._part
        if self._task is None:
            self._task = asyncio.ensure_future(self._build())
        task = self._task
        try:
            # shield: a caller that is cancelled leaves the build running for the others.
            part = await asyncio.shield(task)
        except BaseException:
            if task.done() and (task.cancelled() or task.exception() is not None) and self._task is task:
                self._task = None
            raise
        self._part = part
        return part
