"""Keep what lives as long as the app out of the cycle collector's way.

Python's full garbage-collection passes scan every object the collector tracks. With the history pane
open on years of sessions that is 60-100 ms a pass, long enough to freeze the screen visibly; a pass
comes every time the heap has grown by a quarter. Things built once and kept for the app's life (the
modules and objects made while starting, the home screen, the history pane and its filter bar and
detail view) are frozen right after they are built (``gc.freeze``), so later passes scan only what
came since (`docs/performance.md`, Responsiveness).

Only for what is kept for the app's life: an object frozen and later dropped is freed by reference
counting as usual, but one caught in a reference cycle stays in memory until the process ends. Each
call site runs once per app.
"""

from __future__ import annotations

import gc


def keep_for_life() -> None:
    """Freeze every object alive now (see the module docstring)."""
    gc.freeze()
