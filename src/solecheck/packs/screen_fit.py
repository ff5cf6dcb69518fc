"""What a patient will see of a pack's texts on the smallest screen solecheck supports (80×24).

The home screen stacks, from the top: the title line (pack name, version, clinic), the disclaimer,
the screening line, a blank row, then the routine list beside the chosen routine's steps, and the
key footer. The title and the disclaimer come from the pack; everything above the routine list that
they take, the routine list loses. The disclaimer shows at most :data:`DISCLAIMER_ROWS_SHOWN` rows;
a longer one scrolls in its box under a "more below" line, and what is below is easily never read.
These numbers are the home screen's layout (``tui/screens/
home.tcss``) measured at 80×24; ``tests/tui/test_home_fit.py`` measures the real screen against
:func:`routine_rows` so the two cannot drift apart.

Text wraps as the terminal shows it: at spaces, a word longer than the line is cut, an empty line
(a paragraph break) is a row of its own, and wide (East Asian) characters take two columns.
"""

from __future__ import annotations

import unicodedata

SCREEN_COLUMNS = 80
SCREEN_ROWS = 24
TITLE_COLUMNS = 78
"""Columns of the title line: the screen less one column of padding each side."""
DISCLAIMER_COLUMNS = 75
"""Columns of the disclaimer: the screen less its margin, warning bar and padding."""
FIXED_ROWS = 4
"""Rows the home screen always takes besides the title, disclaimer and routines: the screening line
(two rows at 80 columns), the blank row above the routines and the key footer."""
DISCLAIMER_ROWS_SHOWN = 6
"""Rows of the disclaimer the home screen shows (``#home-disclaimer-box``'s ``max-height``); the rest
must be scrolled to, under a one-row "more below" line."""

MIN_ROUTINE_ROWS = 8
"""Rows the routine list must keep: six routines inside its border, and beside it the routine's title (with,
once the history is read, its prescription and this week's progress on the next row), description and
first steps."""

NUMBER_KEYS = 9
"""A choice question's options can be picked with the number keys 1–9; later ones only with arrows."""


def cell_width(text: str) -> int:
    """Terminal columns ``text`` takes: two for wide and full-width characters, none for combining marks."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def wrapped_rows(text: str, columns: int) -> int:
    """How many rows ``text`` takes when wrapped at ``columns``, each line break starting a new row."""
    return sum(_line_rows(line, columns) for line in text.split("\n"))


def _line_rows(line: str, columns: int) -> int:
    rows, used = 1, 0
    for word in line.rstrip().split(" "):
        width = cell_width(word)
        needed = width if used == 0 else used + 1 + width
        if needed <= columns:
            used = needed
            continue
        if used > 0:
            rows += 1
        # A word wider than the line is cut across rows.
        while width > columns:
            rows += 1
            width -= columns
        used = width
    return rows


def title_text(name: str, version: str, clinic: str) -> str:
    """The home screen's title line, as shown: ``Foot First  v1.0.0  ·  Thrive Now Physiotherapy``."""
    return f"{name}  v{version}  ·  {clinic}"


def disclaimer_rows_shown(disclaimer: str) -> int:
    """Rows the disclaimer takes on the home screen: its wrapped rows up to :data:`DISCLAIMER_ROWS_SHOWN`,
    plus the "more below" line when it is longer."""
    rows = wrapped_rows(disclaimer, DISCLAIMER_COLUMNS)
    return rows if rows <= DISCLAIMER_ROWS_SHOWN else DISCLAIMER_ROWS_SHOWN + 1


def routine_rows(title: str, disclaimer: str) -> int:
    """Rows left for the routine list at 80×24 under this title and disclaimer (0 when none are)."""
    taken = wrapped_rows(title, TITLE_COLUMNS) + disclaimer_rows_shown(disclaimer) + FIXED_ROWS
    return max(0, SCREEN_ROWS - taken)
