"""The glyph set the app draws with: ``full`` (any modern terminal font) or ``console`` (the Linux console).

The Linux console's fonts lack the eighth and half blocks and several symbols the app and Textual draw
(⏎ ▀ ▁ ▄ ▅ ▊ ▌ ▎ ▏ ▔ ○). In ``console`` mode the app loads ``console.tcss`` (box-drawing borders), draws
scroll bars and sparklines without partial blocks, and writes its own marks in ASCII. ``auto`` (the
default setting) picks ``console`` when ``TERM`` is ``linux``; the ``glyphs`` setting forces either.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal

from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.scrollbar import ScrollBar, ScrollBarRender

GlyphSet = Literal["full", "console"]

CONSOLE_MARKS: dict[str, str] = {"●": "*", "○": "o", "⏎": "Enter", "·": "-", "…": "..."}
"""The app's own marks, as the console draws them."""


def choose_glyphs(setting: str, environ: Mapping[str, str]) -> GlyphSet:
    """``console`` when the setting says so, or when it is ``auto`` and ``TERM`` is the Linux console."""
    if setting in ("full", "console"):
        return setting  # type: ignore[return-value]
    term = environ.get("TERM", "")
    return "console" if term == "linux" or term.startswith("linux-") else "full"


_current: GlyphSet = "full"


def mark(text: str, glyphs: GlyphSet | None = None) -> str:
    """``text`` with the app's own marks replaced by :data:`CONSOLE_MARKS` in console mode (by default,
    the set :func:`use_glyphs` chose)."""
    if (glyphs or _current) == "full":
        return text
    return "".join(CONSOLE_MARKS.get(char, char) for char in text)


class ConsoleScrollBarRender(ScrollBarRender):
    """Scroll bars whose thumb ends on whole cells (no ▁…▇ or ▏…▉ partial blocks)."""

    VERTICAL_BARS: ClassVar[list[str]] = [" "] * 8
    HORIZONTAL_BARS: ClassVar[list[str]] = [" "] * 8


_FULL_SCROLLBAR = ScrollBar.renderer
_FULL_SPARKLINE_BARS = SparklineRenderable.BARS
CONSOLE_SPARKLINE_BARS = "_.-=+*#█"


def use_glyphs(glyphs: GlyphSet) -> None:
    """Draw Textual's scroll bars and sparklines, and the app's marks, with ``glyphs`` (process-wide: one
    app runs per process; the app sets it when it starts and puts ``full`` back when it ends)."""
    global _current
    _current = glyphs
    console = glyphs == "console"
    ScrollBar.renderer = ConsoleScrollBarRender if console else _FULL_SCROLLBAR
    SparklineRenderable.BARS = CONSOLE_SPARKLINE_BARS if console else _FULL_SPARKLINE_BARS
