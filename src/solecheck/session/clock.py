"""The clock a session runs on: any zero-argument callable returning monotonic seconds.

The app passes :func:`time.monotonic`; tests pass a fake they move by hand. Nothing in a session
counts ticks or frames: every remaining time is a deadline minus a clock reading.
"""

from __future__ import annotations

from collections.abc import Callable

Clock = Callable[[], float]
"""Returns monotonic seconds (only differences between readings mean anything)."""
