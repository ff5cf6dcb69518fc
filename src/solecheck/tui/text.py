"""Pack and user text for widgets: always literal, never parsed as markup."""

from __future__ import annotations

import unicodedata

from textual.content import Content


def strip_controls(text: str) -> str:
    """``text`` without control characters (newlines and tabs kept)."""
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf") or c == "\u200d")


def literal(text: str, style: str = "") -> Content:
    """``text`` as Content shown exactly as written: ``[b]`` stays ``[b]``, escapes are dropped."""
    content = Content(strip_controls(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Concatenate pieces; plain ``str`` pieces are treated as literal text too."""
    return Content("").join(p if isinstance(p, Content) else literal(p) for p in parts)
