"""The person's own care contact: their physiotherapist's or doctor's name, phone, email and a note.

Kept in the private settings file (owner-only), set with ``solecheck contact`` or from the clinic
panel, and shown beside the clinic's details wherever the app says to contact someone. A clinic's pack
may rightly publish no phone, address or link; then this is how a stop page still leads somewhere,
and when neither gives a way to reach anyone the page says so plainly (:data:`NOBODY_TO_REACH` in the
app, :data:`NOBODY_TO_REACH_LINE_MODE` in the line mode).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from solecheck.i18n import N_, _

if TYPE_CHECKING:  # the settings read this module before the first frame: no pydantic here
    from solecheck.packs.models import Clinic

FIELD_LIMITS = {"name": 200, "phone": 100, "email": 200, "note": 1000}
"""The longest text each field takes."""

PHONE_PATTERN = r"^\+?[0-9 ().-]{3,30}$"
"""A phone number, for a clinic's pack and the person's own contact alike: digits, spaces, + ( ) - ."""
EMAIL_PATTERN = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"
"""The shape of an email address (name@domain.tld), for a clinic's pack and the person's own contact."""
SHAPES = {
    "phone": (PHONE_PATTERN, N_("a phone number: digits, spaces and + ( ) - . only, 3 to 30 characters")),
    "email": (EMAIL_PATTERN, N_("an email address like name@example.org")),
}
"""The fields with a shape: their pattern, and what they must be in words."""


def shape_problem(field: str, value: str) -> str | None:
    """What ``value`` must be to serve as the contact's ``field`` (``"phone"`` or ``"email"``), in words,
    when it does not have that shape; ``None`` when it does, or for a field without a shape."""
    shape = SHAPES.get(field)
    if shape is None or re.match(shape[0], value):
        return None
    return _(shape[1])


NOBODY_TO_REACH = N_(
    "Neither your clinic's pack nor your settings give a phone number, email or web address to reach "
    "someone. Add your own physiotherapist's or doctor's contact (c, then e; or `solecheck contact set`); "
    "in an emergency, call your local emergency number."
)
"""Said in the app, where c then e opens the contact dialog."""

NOBODY_TO_REACH_LINE_MODE = N_(
    "Neither your clinic's pack nor your settings give a phone number, email or web address to reach "
    "someone. Add your own physiotherapist's or doctor's contact with `solecheck contact set --name NAME "
    "--phone PHONE`; in an emergency, call your local emergency number."
)
"""Said in the line mode, which has no keys for the contact dialog."""


@dataclass(frozen=True)
class CareContact:
    """Who the person contacts themselves; every field optional."""

    name: str | None = None
    phone: str | None = None
    email: str | None = None
    note: str | None = None

    @property
    def is_empty(self) -> bool:
        return not any((self.name, self.phone, self.email, self.note))

    @property
    def reachable(self) -> bool:
        """A phone number or an email, of a usable shape (:func:`shape_problem`), to reach them by; a
        value saved before the shapes were checked that has neither shape does not count."""
        return any(
            value is not None and shape_problem(field, value) is None
            for field, value in (("phone", self.phone), ("email", self.email))
        )

    def details(self) -> list[tuple[str, str]]:
        """``(label, value)`` for each field given, in the order shown."""
        labels = ((N_("Name"), self.name), (N_("Phone"), self.phone), (N_("Email"), self.email),
                  (N_("Note"), self.note))
        return [(label, value) for label, value in labels if value]

    @classmethod
    def from_toml(cls, data: Any) -> CareContact:
        """From the settings file's ``[contact]`` table; ``ValueError`` naming the field when one is wrong."""
        if not isinstance(data, dict):
            raise ValueError("contact must be a table of name, phone, email and note")
        values: dict[str, str] = {}
        for field in fields(cls):
            value = data.get(field.name)
            if value is None:
                continue
            if not isinstance(value, str) or len(value) > FIELD_LIMITS[field.name]:
                raise ValueError(f"contact.{field.name} must be text of at most {FIELD_LIMITS[field.name]} characters")
            values[field.name] = value.strip() or None  # type: ignore[assignment]
        return cls(**values)


def clinic_reachable(clinic: Clinic) -> bool:
    """Whether the pack gives any way to reach the clinic: a phone, an email or a booking link."""
    return any(location.phone or location.email or location.booking_url for location in clinic.locations)


def nobody_to_reach(clinic: Clinic, contact: CareContact | None) -> bool:
    """Neither the clinic's pack nor the person's own contact gives a way to reach anyone."""
    return not clinic_reachable(clinic) and not (contact is not None and contact.reachable)


def contact_lines(contact: CareContact | None, clinic: Clinic) -> list[str]:
    """Plain lines for the line mode: the person's own contact, or why nobody can be reached."""
    lines: list[str] = []
    if contact is not None and not contact.is_empty:
        given = "; ".join(f"{_(label).lower()}: {value}" for label, value in contact.details())
        lines.append(_("Your own contact: {details}").format(details=given))
    if nobody_to_reach(clinic, contact):
        lines.append(_(NOBODY_TO_REACH_LINE_MODE))
    return lines
