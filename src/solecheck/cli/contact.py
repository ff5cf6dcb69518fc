"""``solecheck contact``: your own physiotherapist's or doctor's contact, kept in your private settings
and shown beside the clinic's details wherever solecheck says to contact someone."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, replace
from typing import Any

from solecheck.cli.context import CliContext, CliError
from solecheck.contact import FIELD_LIMITS, CareContact, shape_problem
from solecheck.i18n import N_, _

FIELD_HELP = {
    "name": N_("the contact's name (at most {limit} characters)"),
    "phone": N_("the contact's phone (at most {limit} characters)"),
    "email": N_("the contact's email (at most {limit} characters)"),
    "note": N_("the contact's note (at most {limit} characters)"),
}
"""The help of ``contact set --FIELD``, one per field of :data:`solecheck.contact.FIELD_LIMITS`."""


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "contact",
        parents=[common],
        help=_("your own physiotherapist's or doctor's contact: show, set or clear it"),
        description=_("Without a command: show your own care contact (kept in your settings, readable by you alone)."),
    )
    parser.add_argument("--json", action="store_true", help=_("print the contact as JSON"))
    parser.set_defaults(func=cmd_show)
    commands = parser.add_subparsers(dest="contact_command", metavar="CONTACT_COMMAND")
    setting = commands.add_parser(
        "set", parents=[common], help=_("set or change fields of your contact (an empty value clears that field)")
    )
    for field, limit in FIELD_LIMITS.items():
        setting.add_argument(f"--{field}", metavar="TEXT", help=_(FIELD_HELP[field]).format(limit=limit))
    setting.set_defaults(func=cmd_set)
    clearing = commands.add_parser("clear", parents=[common], help=_("forget your contact"))
    clearing.set_defaults(func=cmd_clear)


def _save(settings: Any) -> None:
    from solecheck.settings import save_settings

    warning = save_settings(settings)
    if warning:
        raise CliError(warning)


def cmd_show(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.settings import load_settings

    settings, warning = load_settings()
    if warning:
        raise CliError(warning)
    contact = settings.contact
    if args.json:
        print(json.dumps(asdict(contact) if contact else None, indent=2, ensure_ascii=False))
        return 0
    if contact is None or contact.is_empty:
        print(_("No contact of your own yet. Add one with: solecheck contact set --name NAME --phone PHONE"))
        return 0
    for label, value in contact.details():
        print(f"{label}: {value}")
    return 0


def cmd_set(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.settings import load_settings

    settings, warning = load_settings()
    if warning:
        raise CliError(warning)
    given = {field: getattr(args, field) for field in FIELD_LIMITS if getattr(args, field) is not None}
    if not given:
        raise CliError(_("nothing to set: give at least one of --name, --phone, --email, --note"), exit_code=2)
    for field, value in given.items():
        if len(value) > FIELD_LIMITS[field]:
            raise CliError(
                _("--{option} is {length} characters long; at most {limit} are kept").format(
                    option=field, length=len(value), limit=FIELD_LIMITS[field]
                )
            )
        if any(ord(character) < 32 for character in value):
            raise CliError(_("--{option} contains a control character; type it as plain text").format(option=field))
        problem = shape_problem(field, value.strip()) if value.strip() else None
        if problem:
            raise CliError(
                _("--{option} {value!r} is not {problem}; nothing was saved").format(
                    option=field, value=value.strip(), problem=problem
                )
            )
    cleaned = {field: value.strip() or None for field, value in given.items()}
    contact = replace(settings.contact or CareContact(), **cleaned)
    _save(settings.replace(contact=None if contact.is_empty else contact))
    print(_("Your contact is saved.") if not contact.is_empty else _("Your contact is cleared."))
    return 0


def cmd_clear(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.settings import load_settings

    settings, warning = load_settings()
    if warning:
        raise CliError(warning)
    _save(settings.replace(contact=None))
    print(_("Your contact is cleared."))
    return 0
