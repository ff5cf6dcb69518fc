"""Keep the cycle collector's full passes out of the way of a person using the app.

Python's full garbage-collection passes scan every object the collector tracks. With the history pane
open on years of sessions that is 40-100 ms a pass on a small machine, long enough to freeze the screen
visibly; by default a pass comes whenever enough objects have survived younger passes, which is to say
in the middle of scrolling or switching screens. Two measures (`docs/performance.md`, Responsiveness):

- :func:`keep_for_life` freezes (``gc.freeze``) what is built once and kept for the app's life (the
  modules and objects made while starting, the home screen, the history pane and its filter bar and
  detail view), so later passes scan only what came since. Only for what is kept for the app's life:
  an object frozen and later dropped is freed by reference counting as usual, but one caught in a
  reference cycle stays in memory until the process ends. Each call site runs once per app.
- :class:`IdleCollector` moves the full passes to moments when nobody is pressing keys: as often as
  Python would run them, but once input has paused, or unconditionally when too many are owed.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable

NEVER = 1_000_000_000
"""A full-pass threshold Python never reaches."""


def keep_for_life() -> None:
    """Freeze every object alive now (see the module docstring)."""
    gc.freeze()


class IdleCollector:
    """Runs the collector's full passes once input has paused for ``idle_after_s``.

    While installed, Python runs its young passes as usual but never a full one by itself. ``tick``
    (call it a few times a second) runs one when it is due, as Python would (``due_after`` young-
    generation passes since the last full one, Python's own default), and input has paused; or when
    ``forced_after`` are owed, so that memory stays bounded under input that never pauses. Python 3.14's
    incremental collector has no long full passes to move, so there ``install`` leaves it alone.
    """

    def __init__(
        self,
        clock: Callable[[], float] = time.monotonic,
        *,
        idle_after_s: float = 1.0,
        due_after: int = 10,
        forced_after: int = 100,
        get_count: Callable[[], tuple[int, int, int]] = gc.get_count,
        collect: Callable[[], object] = gc.collect,
    ) -> None:
        self.clock = clock
        self.idle_after_s = idle_after_s
        self.due_after = due_after
        self.forced_after = forced_after
        self._get_count = get_count
        self._collect = collect
        self._last_input = clock()
        self._saved_threshold: tuple[int, int, int] | None = None
        self.idle_passes = 0
        """Full passes run while input paused."""
        self.forced_passes = 0
        """Full passes run, input or not, because ``forced_after`` were owed."""

    @staticmethod
    def needed() -> bool:
        """Whether this Python's collector makes long full passes (before 3.14's incremental one)."""
        return sys.version_info < (3, 14)

    def install(self) -> None:
        if self._saved_threshold is None and self.needed():
            self._saved_threshold = gc.get_threshold()
            young, middle, _ = self._saved_threshold
            gc.set_threshold(young, middle, NEVER)

    def uninstall(self) -> None:
        if self._saved_threshold is not None:
            gc.set_threshold(*self._saved_threshold)
            self._saved_threshold = None

    @property
    def installed(self) -> bool:
        return self._saved_threshold is not None

    def input_seen(self) -> None:
        self._last_input = self.clock()

    def tick(self) -> bool:
        """Run a full pass if one is due; whether it ran. Nothing while not installed."""
        if self._saved_threshold is None:
            return False
        owed = self._get_count()[2]  # young-generation passes since the last full one
        idle = self.clock() - self._last_input >= self.idle_after_s
        if owed >= self.forced_after or (owed >= self.due_after and idle):
            self._collect()
            if idle:
                self.idle_passes += 1
            else:
                self.forced_passes += 1
            return True
        return False
