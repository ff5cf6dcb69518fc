"""``solecheck pack``: validate, list, show and describe content packs."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from solecheck.cli.context import CliContext, CliError
from solecheck.i18n import _, ngettext
from solecheck.packs.diagnostics import format_located, format_pack_error

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack

# The pack loader (and pydantic behind it) is imported inside the commands that need it, so building
# the parser, and commands that never read a pack, stay fast.


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    pack = subparsers.add_parser("pack", parents=[common], help="validate, list and inspect content packs")
    commands = pack.add_subparsers(dest="pack_command", metavar="PACK_COMMAND", required=True)

    validate = commands.add_parser("validate", parents=[common], help="check pack folders and report every problem")
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path, help="a pack folder (several may be given)")
    validate.add_argument("--json", action="store_true", help="print a JSON list of diagnostics")
    validate.set_defaults(func=cmd_validate)

    listing = commands.add_parser("list", parents=[common], help="list the packs found, valid or not")
    listing.add_argument("--json", action="store_true", help="print the packs as a JSON list")
    listing.set_defaults(func=cmd_list)

    show = commands.add_parser("show", parents=[common], help="summarise one pack")
    show.add_argument("spec", metavar="ID|PATH", help="a pack id, ID@VERSION or a folder")
    show.set_defaults(func=cmd_show)

    schema = commands.add_parser("schema", parents=[common], help="print the JSON Schema of the pack files")
    schema.add_argument("--file", metavar="NAME", help="only this pack file, e.g. exercises.toml")
    schema.add_argument("--write", metavar="DIR", type=Path, help="write the schema files into DIR")
    schema.set_defaults(func=cmd_schema)

    from solecheck.cli import pack_authoring

    pack_authoring.register(commands, common)


def cmd_validate(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.loader import check_pack

    failed = False
    records: list[dict[str, object]] = []
    for path in args.paths:
        pack, diagnostics = check_pack(path)
        failed |= pack is None
        if args.json:
            records += [{"pack": str(path), **d.to_json()} for d in diagnostics]
            continue
        stream = sys.stdout if pack is not None else sys.stderr
        for diagnostic in diagnostics:
            print(format_located(path, diagnostic), file=stream)
        errors = sum(d.severity == "error" for d in diagnostics)
        warnings = len(diagnostics) - errors
        if pack is not None:
            note = f", {warnings} warning{'s' * (warnings != 1)}" if warnings else ""
            print(f"{path}: valid ({pack.key}){note}")
        else:
            print(
                f"{path}: invalid: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}",
                file=sys.stderr,
            )
    if args.json:
        print(json.dumps(records, indent=2))
    return 1 if failed else 0


def cmd_list(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.discovery import discover

    entries = discover(context.data_dir)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "id": e.id,
                        "version": e.version,
                        "name": e.name,
                        "source": e.source,
                        "path": str(e.path),
                        "valid": e.valid,
                        "error": e.first_error,
                    }
                    for e in entries
                ],
                indent=2,
            )
        )
        return 0
    if not entries:
        print("No packs found.")
        return 0
    rows = [("ID", "VERSION", "NAME", "SOURCE", "STATUS")]
    rows += [(e.id, e.version, e.name, e.source, "valid" if e.valid else "invalid") for e in entries]
    widths = [max(len(r[i]) for r in rows) for i in range(5)]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())
    for entry in entries:
        if not entry.valid:
            print(f"\n{entry.id}@{entry.version} ({entry.path}): {entry.first_error}")
    return 0


def describe_pack(pack: Pack) -> str:
    """A readable summary of a pack, for ``pack show``."""
    from solecheck.packs.models import REGION_LABELS

    m = pack.manifest
    lines = [
        f"{m.name} {m.version}",
        f"  id:        {m.id}",
        f"  format:    {m.format}",
        f"  language:  {m.language}",
        f"  languages: {describe_languages(pack)}",
        f"  authors:   {', '.join(m.authors)}",
        f"  source:    {pack.source}" + (f" ({pack.root})" if pack.root else ""),
        f"  content:   {pack.content_digest}",
        f"  summary:   {m.summary}",
        "",
        f"Clinic: {pack.clinic.name}",
    ]
    for location in pack.clinic.locations:
        details = [
            v for v in (location.address, location.phone, location.email, location.booking_url, location.hours) if v
        ]
        lines.append(f"  {location.name}" + (f": {'; '.join(details)}" if details else ""))
    lines += ["", f"Exercises ({len(pack.exercises)}):"]
    for exercise in pack.exercises:
        lines.append(
            f"  {exercise.id:<28} {REGION_LABELS[exercise.region]:<18} {exercise.dose.describe(exercise.sides)}"
        )
    lines += ["", f"Routines ({len(pack.routines)}):"]
    for routine in pack.routines:
        lines.append(f"  {routine.id}: {routine.title} ({len(routine.steps)} steps)")
        lines += [f"    {n}. {pack.exercises_by_id[s.exercise].title}" for n, s in enumerate(routine.steps, 1)]
    screening = pack.screening
    valid = "every session" if screening.valid_for_days == 0 else f"{screening.valid_for_days} days"
    pain = pack.session.pain_check
    lines += [
        "",
        f"Screening: {len(screening.questions)} questions, {len(screening.rules)} rules, valid for {valid}",
        f"Pain check: 0-10; caution from {pain.caution_from}, session pauses above {pain.limit}",
        f"Education texts: {len(pack.education)}",
    ]
    return "\n".join(lines)


def describe_languages(pack: Pack) -> str:
    """``en-CA (main), es (complete), fr (2 texts not translated)``: the pack's languages, for ``pack show``."""
    from solecheck.packs.translations import pack_languages, untranslated

    missing = untranslated(pack)
    shown = [_("{language} (main)").format(language=pack.manifest.language)]
    for tag in pack_languages(pack)[1:]:
        count = len(missing[tag])
        if count == 0:
            shown.append(_("{language} (complete)").format(language=tag))
        else:
            left = ngettext("{count} text not translated", "{count} texts not translated", count).format(count=count)
            shown.append(f"{tag} ({left})")
    return ", ".join(shown)


def cmd_show(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.diagnostics import PackError
    from solecheck.packs.discovery import PackNotFound, resolve

    try:
        pack = resolve(args.spec, context.data_dir)
    except PackNotFound as error:
        raise CliError(str(error)) from None
    except PackError as error:
        raise CliError(format_pack_error(error)) from None
    print(describe_pack(pack))
    return 0


def cmd_schema(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs import schema

    if args.write:
        written = schema.write_schemas(args.write)
        for path in written:
            print(path)
        return 0
    if args.file:
        from solecheck.packs.translation_models import is_translation_name

        name = schema.TRANSLATION_FILE if is_translation_name(args.file) else args.file
        try:
            document = schema.file_schema(name)
        except KeyError:
            raise CliError(
                f"'{args.file}' is not a pack file; known files: {', '.join(schema.SCHEMA_FILES)}"
            ) from None
    else:
        document = schema.pack_schema()
    print(json.dumps(document, indent=2))
    return 0
