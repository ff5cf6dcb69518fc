"""How the app draws a pack's pictures: which way the terminal can, and decoding them off the event loop.

textual-image draws a picture as Kitty graphics, as Sixel, or as coloured Unicode half blocks (▀). Its
own choice queries the terminal when ``textual_image.renderable`` is imported (an escape sequence and up
to 0.1 s of waiting for each protocol), which only works before Textual owns the terminal and would slow
every start. So the app never lets it: :func:`choose_picture_mode` decides from the environment alone,
and :func:`picture_widget_class` imports textual-image (on first use, in a worker thread) with standard
output hidden from it, so its import-time probes find no terminal to ask. The cell size it needs to
scale Kitty and Sixel pictures is read with one ``TIOCGWINSZ`` ioctl, which asks the kernel, not the
terminal, and handed over in ``TEXTUAL_CELL_WIDTH`` / ``TEXTUAL_CELL_HEIGHT``, the variables it reads.

No picture on the Linux console's glyph set (it has no half blocks) or with the setting
``pictures = "off"``: the alt text stands in for it, as it does in the line mode.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from textual.widget import Widget

PictureMode = Literal["kitty", "sixel", "blocks", "none"]

_SIXEL_TERMINALS = ("foot", "foot-extra", "mlterm", "contour", "yaft-256color")
_SIXEL_PROGRAMS = ("WezTerm",)


def choose_picture_mode(setting: str, environ: Mapping[str, str], glyphs: str) -> PictureMode:
    """How pictures are drawn: ``none`` when the setting is ``off`` or the glyphs are the Linux console's;
    Kitty graphics in Kitty; Sixel in terminals known to draw it (not through tmux or screen, which may
    not pass it on); coloured Unicode half blocks everywhere else."""
    if setting == "off" or glyphs == "console":
        return "none"
    term = environ.get("TERM", "")
    multiplexed = bool(environ.get("TMUX")) or term.startswith(("screen", "tmux"))
    if not multiplexed and (environ.get("KITTY_WINDOW_ID") or term == "xterm-kitty"):
        return "kitty"
    if not multiplexed and (term in _SIXEL_TERMINALS or environ.get("TERM_PROGRAM") in _SIXEL_PROGRAMS):
        return "sixel"
    return "blocks"


_import_lock = threading.Lock()


def _cell_pixels() -> tuple[int, int] | None:
    """The terminal cell's size in pixels from the kernel's window size, or ``None`` where it isn't known."""
    try:
        import fcntl
        import struct
        import termios

        stream = sys.__stdout__
        if stream is None or not stream.isatty():
            return None
        rows, columns, width, height = struct.unpack(
            "HHHH", fcntl.ioctl(stream.fileno(), termios.TIOCGWINSZ, b"\0" * 8)
        )
    except (ImportError, OSError, ValueError):
        return None
    if not (rows and columns and width and height):
        return None
    return width // columns, height // rows


def picture_widget_class(mode: PictureMode) -> Callable[..., Widget]:
    """textual-image's widget for ``mode`` (not ``none``), imported without letting it probe the terminal.

    Call it from a worker thread: the first import takes tens of milliseconds."""
    with _import_lock:
        if "textual_image.widget" not in sys.modules:
            hidden, cell = sys.__stdout__, _cell_pixels()
            saved = {name: os.environ.get(name) for name in ("TEXTUAL_CELL_WIDTH", "TEXTUAL_CELL_HEIGHT")}
            try:
                setattr(sys, "__stdout__", io.StringIO())  # not a terminal: no query, no escape written  # noqa: B010
                if cell is not None:
                    os.environ["TEXTUAL_CELL_WIDTH"], os.environ["TEXTUAL_CELL_HEIGHT"] = map(str, cell)
                import textual_image.renderable  # its probes run now, finding no terminal
                import textual_image.widget  # noqa: F401 - its cell-size probe runs now, likewise
            finally:
                setattr(sys, "__stdout__", hidden)  # noqa: B010 - sys.__stdout__ is Final to type checkers
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
    from textual_image.widget import HalfcellImage, SixelImage, TGPImage

    classes: dict[str, Callable[..., Widget]] = {"kitty": TGPImage, "sixel": SixelImage, "blocks": HalfcellImage}
    return classes[mode]


class PictureCache:
    """Decoded pictures, scaled to fit a box of terminal cells, the most recent few kept.

    Decoding and scaling happen in :meth:`get` on the caller's thread, a worker's: never on the event loop.
    A picture is keyed by its path, its size and modification time, and the box, so a pack edited while
    previewed is decoded again."""

    def __init__(self, keep: int = 16) -> None:
        self._keep = keep
        self._lock = threading.Lock()
        self._pictures: OrderedDict[tuple[str, int, int, int, int], PILImage] = OrderedDict()

    def get(self, path: Path, columns: int, rows: int) -> PILImage:
        """The picture at ``path`` in RGB, scaled to fit ``columns`` × ``rows`` cells (two pixels a cell
        down, one across, as half blocks draw; Kitty and Sixel scale it again to the cell size).
        Raises ``OSError`` when it can't be read or decoded."""
        from PIL import Image

        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns, columns, rows)
        with self._lock:
            if key in self._pictures:
                self._pictures.move_to_end(key)
                return self._pictures[key]
        with Image.open(path) as opened:
            picture = opened.convert("RGB")
        cell = _cell_pixels() or (10, 20)
        picture.thumbnail((max(1, columns * cell[0]), max(1, rows * cell[1])), Image.Resampling.LANCZOS)
        with self._lock:
            self._pictures[key] = picture
            while len(self._pictures) > self._keep:
                self._pictures.popitem(last=False)
        return picture


PICTURES = PictureCache()
"""The app's one cache of decoded pictures."""
