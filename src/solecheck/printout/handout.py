"""The printable handout: one A4 sheet per routine, in the person's language, for the fridge door.

Each routine starts a new page: its steps in order with their doses and sides, the exercise's
instructions, pictures (with their alt text as caption) and cautions; the pain rule in plain words (the
pack's ``session.toml`` bands); the clinic's contact details and the person's own; the pack's disclaimer;
the pack's id, version and content digest. Every word solecheck adds goes through :mod:`solecheck.i18n`;
the pack's words are data, written as plain text (fpdf2's markdown and HTML are never used on them).

fpdf2 is imported inside :func:`handout_pdf`, never on the app's start path.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from solecheck.contact import CareContact
from solecheck.i18n import N_, _, ngettext
from solecheck.packs.content import short_digest
from solecheck.packs.models import Dose, Exercise, Routine
from solecheck.packs.pack import Pack
from solecheck.printout.document import FONT, new_document

if TYPE_CHECKING:
    from fpdf import FPDF

PICTURE_BOX_MM = (55, 40)
"""The box a picture is printed in (width, height): about the size of a palm."""
_GREY = (90, 90, 90)
_BLACK = (0, 0, 0)

_SIDES = {
    "both": N_("each side, left then right"),
    "left": N_("left side only"),
    "right": N_("right side only"),
}
_CONTACT_LABELS = {"name": N_("Name"), "phone": N_("Phone"), "email": N_("Email"), "note": N_("Note")}


def dose_words(dose: Dose, sides: str) -> str:
    """A dose in words, its parts joined by `` · ``: ``60 seconds · each side, left then right``."""
    parts = []
    if dose.duration_s is not None:
        parts.append(ngettext("{n} second", "{n} seconds", dose.duration_s).format(n=dose.duration_s))
    elif dose.reps is not None:
        parts.append(ngettext("{n} repetition", "{n} repetitions", dose.reps).format(n=dose.reps))
    if dose.hold_s:
        parts.append(ngettext("hold {n} second", "hold {n} seconds", dose.hold_s).format(n=dose.hold_s))
    if dose.sets > 1:
        parts.append(ngettext("{n} set", "{n} sets", dose.sets).format(n=dose.sets))
    if sides in _SIDES:
        parts.append(_(_SIDES[sides]))
    if dose.rest_s and dose.sets > 1:
        parts.append(
            ngettext("{n} second rest between sets", "{n} seconds rest between sets", dose.rest_s).format(n=dose.rest_s)
        )
    return " · ".join(parts)


def pain_rule_lines(pack: Pack) -> list[str]:
    """The pack's pain check (NRS 0–10) as plain sentences, from its own bands."""
    check = pack.session.pain_check
    lines = [_("During the routine you rate your pain from 0 (no pain) to 10 (the worst pain you can imagine).")]
    if check.caution_from > 0:
        lines.append(_("Below {caution}: fine, carry on.").format(caution=check.caution_from))
    lines.append(
        _("From {caution} to {limit}: some discomfort is acceptable; go gently and keep an eye on it.").format(
            caution=check.caution_from, limit=check.limit
        )
    )
    lines.append(
        _(
            "Above {limit}: stop. Do not carry on with that part of the routine; contact the clinic or your own "
            "physiotherapist or doctor for advice."
        ).format(limit=check.limit)
    )
    lines.append(
        _(
            "If soreness from a session has not settled by the next morning, the session was too much: do less next "
            "time."
        )
    )
    return lines


def contact_lines(pack: Pack, contact: CareContact | None) -> tuple[list[str], list[str]]:
    """The clinic's details and the person's own contact, as lines (the second list empty without one)."""
    clinic = pack.clinic
    lines = [clinic.name, clinic.contact_note]
    for location in clinic.locations:
        given = [location.name, location.address, location.phone, location.email, location.booking_url, location.hours]
        lines.append(" · ".join(value for value in given if value))
    if clinic.booking_note:
        lines.append(clinic.booking_note)
    own = []
    if contact is not None and not contact.is_empty:
        for field, label in _CONTACT_LABELS.items():
            value = getattr(contact, field)
            if value:
                own.append(_("{label}: {value}").format(label=_(label), value=value))
    return lines, own


def handout_name(pack: Pack, routine_id: str | None) -> str:
    """The default file name: ``thrive-now.foot-first-handout.pdf``, or ``…-handout-ROUTINE.pdf`` for one."""
    return f"{pack.id}-handout{f'-{routine_id}' if routine_id else ''}.pdf"


def handout_pdf(pack: Pack, routines: Sequence[Routine], contact: CareContact | None, language: str) -> bytes:
    """The handout of ``routines`` of ``pack`` as PDF bytes, one routine per sheet (a long routine runs on
    to a second page), written in the active language; ``language`` (BCP 47) is recorded in the PDF."""
    pdf = new_document(_("Exercise handout: {pack}").format(pack=pack.manifest.name), language)
    pdf.set_margins(18, 16, 18)
    for routine in routines:
        pdf.add_page()
        _routine_sheet(pdf, pack, routine, contact)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str, size: float) -> None:
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(FONT, "", 10)


def _para(pdf: FPDF, text: str, size: float = 10, colour: tuple[int, int, int] = _BLACK, indent: float = 0) -> None:
    pdf.set_font(FONT, "", size)
    pdf.set_text_color(*colour)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, size * 0.48, text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*_BLACK)


def _routine_sheet(pdf: FPDF, pack: Pack, routine: Routine, contact: CareContact | None) -> None:
    _heading(pdf, routine.title, 18)
    _para(pdf, f"{pack.manifest.name} · {pack.clinic.name}", 10, _GREY)
    if routine.description:
        pdf.ln(1)
        _para(pdf, routine.description)
    pdf.ln(3)
    shown: set[str] = set()
    for number, step in enumerate(routine.steps, start=1):
        exercise = pack.exercise(step.exercise)
        dose = step.dose.apply(exercise.dose) if step.dose else exercise.dose
        _step(pdf, pack, number, exercise, dose, first_time=exercise.id not in shown)
        shown.add(exercise.id)
    pdf.ln(2)
    _heading(pdf, _("Pain: when to ease off or stop"), 12)
    for line in pain_rule_lines(pack):
        _para(pdf, f"• {line}", indent=2)
    pdf.ln(2)
    _heading(pdf, _("Who to contact"), 12)
    clinic, own = contact_lines(pack, contact)
    for line in clinic:
        _para(pdf, line)
    if own:
        pdf.ln(1)
        _para(pdf, _("Your own physiotherapist or doctor:"))
        for line in own:
            _para(pdf, line, indent=2)
    pdf.ln(2)
    _para(pdf, pack.manifest.disclaimer, 9, _GREY)
    pdf.ln(1)
    _para(
        pdf,
        _("Content pack {id}, version {version} (content {digest}). Printed by solecheck.").format(
            id=pack.id, version=pack.version, digest=short_digest(pack.content_digest) or "—"
        ),
        8,
        _GREY,
    )


def _step(pdf: FPDF, pack: Pack, number: int, exercise: Exercise, dose: Dose, *, first_time: bool) -> None:
    if pdf.will_page_break(30):
        pdf.add_page()
    _heading(pdf, f"{number}. {exercise.title}", 12)
    _para(pdf, dose_words(dose, exercise.sides), 10, _GREY, indent=5)
    if exercise.equipment:
        _para(pdf, _("You need: {items}").format(items=", ".join(exercise.equipment)), indent=5)
    if first_time:
        for index, line in enumerate(exercise.steps, start=1):
            _para(pdf, f"{index}. {line}", indent=5)
        _pictures(pdf, pack, exercise)
    for caution in exercise.cautions:
        pdf.set_font(FONT, "B", 10)
        pdf.set_x(pdf.l_margin + 5)
        label = _("Caution:")
        pdf.cell(pdf.get_string_width(label + " "), 4.8, label + " ")
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(0, 4.8, caution, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)


def _pictures(pdf: FPDF, pack: Pack, exercise: Exercise) -> None:
    """The exercise's pictures side by side, each with its alt text beneath as a caption."""
    if not exercise.pictures or pack.root is None:
        return
    from PIL import Image

    box_width, box_height = PICTURE_BOX_MM
    placed = []
    for picture in exercise.pictures:
        with Image.open(pack.root / picture.file) as image:
            scale = min(box_width / image.width, box_height / image.height)
            placed.append((picture, image.width * scale, image.height * scale))
    if pdf.will_page_break(box_height + 16):
        pdf.add_page()
    top = pdf.get_y() + 1
    x = pdf.l_margin + 5
    bottom = top
    for picture, width, height in placed:
        if x + box_width > pdf.w - pdf.r_margin:
            break
        # Centred at the foot of its box, so pictures of different shapes stand on one line.
        pdf.image(
            str(pack.root / picture.file),
            x=x + (box_width - width) / 2,
            y=top + box_height - height,
            w=width,
            h=height,
            alt_text=picture.alt,
        )
        pdf.set_xy(x, top + box_height + 1)
        pdf.set_font(FONT, "", 7)
        pdf.set_text_color(*_GREY)
        pdf.multi_cell(box_width, 3.2, picture.alt, align="L", new_x="LEFT", new_y="NEXT")
        pdf.set_text_color(*_BLACK)
        bottom = max(bottom, pdf.get_y())
        x += box_width + 6
    pdf.set_xy(pdf.l_margin, bottom + 2)
