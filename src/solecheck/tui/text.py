"""Outside text for widgets: always literal, never parsed as markup, without control characters.

The one path from a pack, an import, a person or the environment to a widget: :func:`literal` for
``Content`` (statics, options, titles), :func:`plain` for rich ``Text`` (data-table cells) and
:func:`highlight` for command-palette hits. What is removed is :func:`solecheck.outside_text.is_unsafe`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.content import Content

from solecheck.outside_text import clean

if TYPE_CHECKING:
    from textual.fuzzy import Matcher


def strip_controls(text: str) -> str:
    """``text`` without control characters (newlines and tabs kept): :func:`solecheck.outside_text.clean`."""
    return clean(text)


def literal(text: str, style: str = "") -> Content:
    """``text`` as Content shown exactly as written: ``[b]`` stays ``[b]``, escapes are dropped."""
    content = Content(clean(text))
    return content.stylize(style) if style else content


def plain(text: str, style: str = "") -> Text:
    """``text`` as a rich ``Text`` (for a ``DataTable`` cell), literal and without control characters."""
    return Text(clean(text), style=style)


def highlight(matcher: Matcher, text: str) -> Content:
    """A command-palette hit: ``text`` shown literally, with the letters ``matcher`` matched highlighted.

    (Textual's own ``Matcher.highlight`` parses its candidate as markup.)"""
    shown = clean(text)
    content = Content(shown)
    score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
    if not score:
        return content
    for offset in offsets:
        if not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; plain ``str`` pieces are treated as literal text too."""
    return Content("").join(p if isinstance(p, Content) else literal(p) for p in parts)
