"""A small titled trend: a caption with the latest figure over a Textual Sparkline."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Sparkline

from solecheck.tui.text import literal


class TrendChart(Vertical):
    """A trend a person can take in at a glance: ``show()`` sets its values and caption."""

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
        width: 1fr;
        padding: 0 1;
    }
    TrendChart > .trend-title {
        color: $text-muted;
    }
    TrendChart > Sparkline {
        height: 2;
        margin-top: 0;
    }
    """

    def __init__(self, title: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._title = title
        self._values: list[float] = []
        self._caption = ""

    def compose(self) -> ComposeResult:
        yield Label(literal(self._title), classes="trend-title")
        yield Sparkline([], summary_function=max)
        yield Label("", classes="trend-caption")

    def show(self, values: Sequence[float], caption: str) -> None:
        """Draw ``values`` (oldest first) and say what they mean in ``caption``."""
        self._values, self._caption = list(values), caption
        self._draw()

    def on_mount(self) -> None:
        self._draw()

    def _draw(self) -> None:
        # Trends arrive from a worker: the chart may not be composed yet, or be on its way out with its
        # screen. Keep the figures and draw them when (and only if) the parts are there.
        sparklines = self.query(Sparkline)
        captions = self.query(".trend-caption").results(Label)
        for sparkline in sparklines:
            sparkline.data = self._values
        for label in captions:
            label.update(literal(self._caption))
