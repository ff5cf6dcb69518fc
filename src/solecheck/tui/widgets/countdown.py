"""A large countdown of minutes and seconds, read from the app's injected clock.

Built like the timer of Textual's stopwatch tutorial: an interval created paused, a reactive value,
and a ``watch_`` method that redraws. The time shown is always ``deadline - clock()``, never a count
of ticks, so it stays exact whatever the frame rate or a suspended terminal.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from textual.reactive import reactive
from textual.widgets import Digits


def clock_text(seconds: float) -> str:
    """``m:ss`` for a number of seconds left, rounded up so ``0:00`` means the time is up."""
    whole = max(0, math.ceil(seconds - 1e-9))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


class Countdown(Digits):
    """Counts down to a deadline on a monotonic clock (``app.clock`` unless one is given)."""

    DEFAULT_CSS = """
    Countdown {
        width: auto;
    }
    """

    remaining: reactive[float] = reactive(0.0)
    """Seconds left, never negative."""
    ENDING_S = 5.0
    """In its last seconds the countdown takes the class ``-ending`` (another colour)."""
    FLASH_S = 2.0
    """How long :meth:`flash` shows the class ``-times-up`` (display only, on the event loop's timer)."""

    def __init__(
        self,
        clock: Callable[[], float] | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(clock_text(0), id=id, classes=classes)
        self._clock = clock
        self._deadline: float | None = None

    def on_mount(self) -> None:
        self._timer = self.set_interval(1 / 10, self.read_clock, pause=True)

    @property
    def clock(self) -> Callable[[], float]:
        if self._clock is not None:
            return self._clock
        clock = getattr(self.app, "clock", None)
        return clock if callable(clock) else time.monotonic

    @property
    def running(self) -> bool:
        return self._deadline is not None

    def run_until(self, deadline: float) -> None:
        """Count down to ``deadline`` (a reading of the clock)."""
        self._deadline = deadline
        self.read_clock()
        self._timer.resume()

    def hold(self, seconds: float | None) -> None:
        """Stop counting and show ``seconds`` (a pause), or ``0:00`` when ``None``."""
        self._timer.pause()
        self._deadline = None
        self.remaining = max(0.0, seconds or 0.0)

    def read_clock(self) -> None:
        """Show the time left now (the interval does this ten times a second)."""
        if self._deadline is not None:
            self.remaining = max(0.0, self._deadline - self.clock())

    def flash(self) -> None:
        """Show that a countdown just ran out: the class ``-times-up`` for :data:`FLASH_S` seconds."""
        self.add_class("-times-up")
        self.set_timer(self.FLASH_S, lambda: self.remove_class("-times-up"))

    def watch_remaining(self, remaining: float) -> None:
        self.update(clock_text(remaining))
        self.set_class(self.running and remaining <= self.ENDING_S, "-ending")
