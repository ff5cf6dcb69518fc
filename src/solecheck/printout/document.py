"""One PDF page setup for every printout: A4, a Unicode font shipped with solecheck, the person's language.

The fonts are DejaVu Sans (regular and bold, Bitstream Vera licence, ``fonts/LICENSE-DejaVu.txt``): the PDF core
fonts know only Latin-1, and a clinic's words may be in any script DejaVu covers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fpdf import FPDF

FONT_DIR = Path(__file__).parent / "fonts"
FONT = "dejavu"
"""The font family name every printout writes with (``""`` style regular, ``"B"`` bold)."""


def new_document(title: str, language: str) -> FPDF:
    """An empty A4 document titled ``title``, marked as written in ``language`` (a BCP 47 tag), with
    solecheck's font set at 11 pt and automatic page breaks 15 mm from the bottom."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_title(title)
    pdf.set_lang(language)
    pdf.set_creator("solecheck")
    pdf.add_font(FONT, "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font(FONT, "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_font(FONT, size=11)
    pdf.set_auto_page_break(auto=True, margin=15)
    return pdf
