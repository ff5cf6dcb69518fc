"""A pack picture on screen: drawn by textual-image where the terminal can, its alt text where it can't.

The file is decoded and scaled in a thread worker (:data:`~solecheck.tui.pictures.PICTURES` keeps the
result), so showing a picture never holds up the event loop; until it is ready, and whenever it can't
be drawn (the setting ``pictures = "off"``, the Linux console, a file that fails to decode), the alt text
stands in its place. The alt text is also the picture's tooltip. Pack text is data: shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from solecheck.i18n import _
from solecheck.tui.pictures import PICTURES, PictureMode, picture_widget_class
from solecheck.tui.text import literal

if TYPE_CHECKING:
    from PIL.Image import Image as PILImage
    from textual.app import ComposeResult


class PictureView(Vertical):
    """One picture with its alt text. ``rows`` is the height it is drawn at, in lines."""

    def __init__(self, mode: PictureMode, rows: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.mode = mode
        self.rows = rows
        self._shown: tuple[Path, str] | None = None
        self._image: Widget | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="picture-alt", classes="picture-alt")

    def on_mount(self) -> None:
        self.display = False

    def show(self, path: Path | None, alt: str | None) -> None:
        """Show the picture at ``path`` described by ``alt``; ``None`` hides the view."""
        if path is None or alt is None:
            self._shown = None
            self.display = False
            return
        if self._shown == (path, alt):
            return
        self._shown = (path, alt)
        self.display = True
        self.tooltip = alt
        self._say_alt(alt)
        if self._image is not None:
            self._image.display = False
        if self.mode == "none":
            return
        columns = max(10, (self.size.width or self.parent_width()) - 2)
        self.run_worker(partial(self._decode, path, columns, self.rows), thread=True, exclusive=True, group="picture")

    def parent_width(self) -> int:
        parent = self.parent
        return parent.size.width if isinstance(parent, Widget) else 30

    def _say_alt(self, alt: str) -> None:
        self.query_one("#picture-alt", Static).update(literal(_("Picture: {alt}").format(alt=alt)))
        self.query_one("#picture-alt", Static).display = True

    def _decode(self, path: Path, columns: int, rows: int) -> None:
        """In a worker thread: import textual-image's widget and decode the picture, then hand both over."""
        try:
            widget_class = picture_widget_class(self.mode)
            picture = PICTURES.get(path, columns, rows)
        except (OSError, ValueError):
            return  # the alt text stays in its place
        self.app.call_from_thread(self._decoded, path, widget_class, picture)

    def _decoded(self, path: Path, widget_class: Callable[..., Widget], picture: PILImage) -> None:
        if self._shown is None or self._shown[0] != path:
            return  # another picture was asked for meanwhile
        if self._image is None or type(self._image) is not widget_class:  # the first, or the mode changed
            if self._image is not None:
                self._image.remove()
            self._image = widget_class(picture, classes="picture")
            self.mount(self._image, before=0)
        else:
            self._image.image = picture  # type: ignore[attr-defined]
        self._image.styles.height = self.rows
        self._image.display = True
        self.query_one("#picture-alt", Static).display = False
