"""``solecheck handout``: a printable PDF of the routines, one sheet each, in the person's language."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from solecheck.cli.context import CliContext, CliError


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "handout",
        parents=[common],
        help="a printable PDF of the routines: steps, doses, pictures, cautions, the pain rule and contacts",
        description=(
            "Write a printable handout (PDF, A4): one sheet per routine with its steps in order, their doses and "
            "sides, pictures and cautions, the pain rule in plain words, the clinic's and your own contact "
            "details, and the pack's disclaimer. Written to the current folder unless -o says otherwise; an "
            "existing file is never replaced unless you add --replace."
        ),
    )
    parser.add_argument("--routine", metavar="ID", help="only this routine (default: every routine of the pack)")
    parser.add_argument(
        "-o", "--output", metavar="FILE.pdf", help="where to write it: a .pdf file or a folder (default: here)"
    )
    parser.add_argument("--replace", action="store_true", help="replace the file named by -o if it exists")
    parser.set_defaults(func=cmd_handout)


def cmd_handout(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.cli.launch import start_pack
    from solecheck.cli.session import routine_of
    from solecheck.i18n import _, chosen_language, ngettext
    from solecheck.printout.handout import handout_name, handout_pdf
    from solecheck.printout.saving import PrintoutError, free_path, write_printout
    from solecheck.settings import load_settings

    settings, _warning = load_settings()
    pack, _warnings = start_pack(context, settings)  # the pack in the person's language, as a start shows it
    routines = [routine_of(pack, args.routine)] if args.routine else list(pack.routines)
    language = chosen_language()
    output = Path(args.output) if args.output else None
    if output is not None and not output.is_dir() and output.suffix.lower() != ".pdf":
        raise CliError(_("-o {path}: a handout is a PDF; name a file ending in .pdf, or a folder").format(path=output))
    named = output is not None and not output.is_dir()
    # A name given on purpose is that file; otherwise a free name in the folder (here by default).
    target = (
        output if output is not None and named else free_path((output or Path.cwd()) / handout_name(pack, args.routine))
    )
    data = handout_pdf(pack, routines, settings.contact, language)
    try:
        replaced = write_printout(data, target, replace=args.replace and named)
    except PrintoutError as error:
        if named and target.exists():
            hint = _("{error}: choose another name, or add --replace to replace it")
            raise CliError(hint.format(error=error)) from None
        raise CliError(str(error)) from None
    count = ngettext("{n} routine", "{n} routines", len(routines)).format(n=len(routines))
    if replaced:
        print(_("Replaced {path} with the handout of {count}").format(path=target.absolute(), count=count))
    else:
        print(_("Wrote the handout of {count} to {path}").format(path=target.absolute(), count=count))
    return 0
