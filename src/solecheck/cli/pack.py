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
    pack = subparsers.add_parser("pack", parents=[common], help=_("validate, list and inspect content packs"))
    commands = pack.add_subparsers(dest="pack_command", metavar="PACK_COMMAND", required=True)

    validate = commands.add_parser("validate", parents=[common], help=_("check pack folders and report every problem"))
    validate.add_argument("paths", nargs="+", metavar="PATH", type=Path, help=_("a pack folder (several may be given)"))
    validate.add_argument("--json", action="store_true", help=_("print a JSON list of diagnostics"))
    validate.set_defaults(func=cmd_validate)

    listing = commands.add_parser("list", parents=[common], help=_("list the packs found, valid or not"))
    listing.add_argument("--json", action="store_true", help=_("print the packs as a JSON list"))
    listing.set_defaults(func=cmd_list)

    show = commands.add_parser("show", parents=[common], help=_("summarise one pack"))
    show.add_argument("spec", metavar="ID|PATH", help=_("a pack id, ID@VERSION or a folder"))
    show.set_defaults(func=cmd_show)

    schema = commands.add_parser("schema", parents=[common], help=_("print the JSON Schema of the pack files"))
    schema.add_argument("--file", metavar="NAME", help=_("only this pack file, e.g. exercises.toml"))
    schema.add_argument("--write", metavar="DIR", type=Path, help=_("write the schema files into DIR"))
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
        if pack is not None and not warnings:
            print(_("{path}: valid ({pack})").format(path=path, pack=pack.key))
        elif pack is not None:
            valid = ngettext(
                "{path}: valid ({pack}), {count} warning", "{path}: valid ({pack}), {count} warnings", warnings
            )
            print(valid.format(path=path, pack=pack.key, count=warnings))
        else:
            print(
                _("{path}: invalid: {errors}, {warnings}").format(
                    path=path, errors=count_errors(errors), warnings=count_warnings(warnings)
                ),
                file=sys.stderr,
            )
    if args.json:
        print(json.dumps(records, indent=2))
    return 1 if failed else 0


def count_errors(count: int) -> str:
    """``1 error``, ``3 errors``: a count of errors in the active language."""
    return ngettext("{count} error", "{count} errors", count).format(count=count)


def count_warnings(count: int) -> str:
    """``1 warning``, ``3 warnings``: a count of warnings in the active language."""
    return ngettext("{count} warning", "{count} warnings", count).format(count=count)


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
        print(_("No packs found."))
        return 0
    rows = [(_("ID"), _("VERSION"), _("NAME"), _("SOURCE"), _("STATUS"))]
    rows += [(e.id, e.version, e.name, e.source, _("valid") if e.valid else _("invalid")) for e in entries]
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
    source = f"{pack.source} ({pack.root})" if pack.root else pack.source
    lines = [
        f"{m.name} {m.version}",
        _("  id:        {id}").format(id=m.id),
        _("  format:    {format}").format(format=m.format),
        _("  language:  {language}").format(language=m.language),
        _("  languages: {languages}").format(languages=describe_languages(pack)),
        _("  authors:   {authors}").format(authors=", ".join(m.authors)),
        _("  source:    {source}").format(source=source),
        _("  content:   {digest}").format(digest=pack.content_digest),
        _("  summary:   {summary}").format(summary=m.summary),
        "",
        _("Clinic: {clinic}").format(clinic=pack.clinic.name),
    ]
    for location in pack.clinic.locations:
        details = [
            v for v in (location.address, location.phone, location.email, location.booking_url, location.hours) if v
        ]
        lines.append(f"  {location.name}" + (f": {'; '.join(details)}" if details else ""))
    lines += ["", _("Exercises ({count}):").format(count=len(pack.exercises))]
    for exercise in pack.exercises:
        lines.append(
            f"  {exercise.id:<28} {REGION_LABELS[exercise.region]:<18} {exercise.dose.describe(exercise.sides)}"
        )
    lines += ["", _("Routines ({count}):").format(count=len(pack.routines))]
    for routine in pack.routines:
        steps = ngettext("{count} step", "{count} steps", len(routine.steps)).format(count=len(routine.steps))
        lines.append(f"  {routine.id}: {routine.title} ({steps})")
        lines += [f"    {n}. {pack.exercises_by_id[s.exercise].title}" for n, s in enumerate(routine.steps, 1)]
    screening = pack.screening
    days = screening.valid_for_days
    valid = _("every session") if days == 0 else ngettext("{count} day", "{count} days", days).format(count=days)
    questions = ngettext("{count} question", "{count} questions", len(screening.questions))
    rules = ngettext("{count} rule", "{count} rules", len(screening.rules))
    pain = pack.session.pain_check
    lines += [
        "",
        _("Screening: {questions}, {rules}, valid for {valid}").format(
            questions=questions.format(count=len(screening.questions)),
            rules=rules.format(count=len(screening.rules)),
            valid=valid,
        ),
        _("Pain check: 0-10; caution from {caution}, session pauses above {limit}").format(
            caution=pain.caution_from, limit=pain.limit
        ),
        _("Education texts: {count}").format(count=len(pack.education)),
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
                _("'{file}' is not a pack file; known files: {known}").format(
                    file=args.file, known=", ".join(schema.SCHEMA_FILES)
                )
            ) from None
    else:
        document = schema.pack_schema()
    print(json.dumps(document, indent=2))
    return 0
