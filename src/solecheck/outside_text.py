"""The one rule for outside text: what a pack, an import, a person or the environment may not put on a screen.

Text from outside solecheck can hold characters that a terminal obeys rather than shows: C0 controls
(``ESC``, ``BEL``, ``CR``…) and ``DEL``, C1 controls (``U+0080``–``U+009F``, where ``U+009B`` is a CSI
on some terminals), and invisible format characters, among them the bidirectional embeddings, overrides
and isolates (``U+202A``–``U+202E``, ``U+2066``–``U+2069``) that make text read differently from how it is
stored. :func:`is_unsafe` names them once; the pack validator refuses them, a history import removes
them, the widgets and every line written to a terminal drop them (:func:`clean`).

Kept: newline and tab, and the joiners and marks scripts need — ZWJ (U+200D), ZWNJ (U+200C), the
left-to-right and right-to-left marks (U+200E, U+200F) and the Arabic letter mark (U+061C).

The module also makes output survive any encoding: :data:`STAND_IN_ERRORS` is a codec error handler that
writes an ASCII stand-in for the app's own symbols (``—`` as ``-``, ``→`` as ``->``, box drawing as
``+-|``) and ``?`` for anything else the stream can't encode. Plain Python, no UI import.
"""

from __future__ import annotations

import codecs
import unicodedata

ALLOWED_FORMAT_CHARACTERS = frozenset("\u200c\u200d\u200e\u200f\u061c")
"""Format characters (category Cf) that scripts need: ZWNJ, ZWJ, LRM, RLM, ALM."""

_KEPT_CONTROLS = frozenset("\n\t")


def is_unsafe(char: str) -> bool:
    """Whether the one character ``char`` must never reach a terminal: a control character (category Cc)
    other than newline and tab, a lone surrogate (Cs), or a format character (Cf) other than
    :data:`ALLOWED_FORMAT_CHARACTERS`."""
    if char in _KEPT_CONTROLS or char in ALLOWED_FORMAT_CHARACTERS:
        return False
    return unicodedata.category(char) in ("Cc", "Cf", "Cs")


def first_unsafe(text: str) -> int | None:
    """The index of the first unsafe character in ``text``, or ``None``."""
    for index, char in enumerate(text):
        if is_unsafe(char):
            return index
    return None


def clean(text: str) -> str:
    """``text`` without its unsafe characters; newlines and tabs are kept. ``clean(clean(t)) == clean(t)``."""
    if text.isprintable():  # the common case, in C: no Cc, Cf, Cs (nor spaces other than ' ')
        return text
    return "".join(char for char in text if not is_unsafe(char))


def describe(char: str) -> str:
    """``U+001B`` for a character, as the validator and the import name it."""
    return f"U+{ord(char):04X}"


STAND_INS: dict[str, str] = {
    "—": "-",
    "–": "-",
    "−": "-",
    "→": "->",
    "←": "<-",
    "↑": "^",
    "↓": "v",
    "·": ".",
    "•": "*",
    "●": "*",
    "○": "o",
    "×": "x",
    "…": "...",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "⏎": "Enter",
    "≥": ">=",
    "≤": "<=",
    "°": " deg",
    "\u00a0": " ",
    "\u202f": " ",
    "─": "-",
    "━": "-",
    "│": "|",
    "┃": "|",
    "▔": "-",
    "▁": "_",
    "▏": "|",
    "▎": "|",
    "▌": "|",
    "▊": "|",
    "█": "#",
    "▀": "-",
    "▄": "_",
    "▅": "_",
}
"""ASCII stand-ins for the symbols solecheck itself writes, used where the output encoding lacks them."""

STAND_IN_ERRORS = "solecheck-stand-in"
"""The name of the codec error handler writing :data:`STAND_INS` (``?`` for other characters)."""


def _stand_in(char: str) -> str:
    if char in STAND_INS:
        return STAND_INS[char]
    if "\u2500" <= char <= "\u257f":  # box drawing: corners and crossings
        return "+"
    return "?"


def _handle(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    replacement = "".join(_stand_in(char) for char in error.object[error.start : error.end])
    return replacement, error.end


codecs.register_error(STAND_IN_ERRORS, _handle)


def is_utf8(encoding: str | None) -> bool:
    """Whether ``encoding`` (a stream's ``encoding``, possibly ``None``) is UTF-8 under any of its names."""
    if not encoding:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False
