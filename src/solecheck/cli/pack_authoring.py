"""``solecheck pack new|preview|lint|build|install|remove|diff``: authoring and shipping packs.

Each handler parses nothing itself: it calls the core (:mod:`solecheck.packs.scaffold`, ``lint``,
``archive``, ``install``, ``diff``) and turns its results and errors into lines on stdout and stderr.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from solecheck import paths
from solecheck.cli.context import CliContext, CliError
from solecheck.i18n import _, ngettext
from solecheck.packs.diagnostics import Diagnostic, PackError, format_located, format_pack_error

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Adds the authoring subcommands to ``solecheck pack``."""
    new = commands.add_parser(
        "new",
        parents=[common],
        help=_("write a commented starter pack into a new folder"),
        description=_(
            "Write a complete, commented starter pack into DIR (which must be new or empty), with JSON Schemas "
            "beside it so TOML editors complete and check every key, and an example translation."
        ),
    )
    new.add_argument("dir", metavar="DIR", type=Path, help=_("the folder to create (it must be new or empty)"))
    new.add_argument(
        "--id", dest="pack_id", metavar="ID", help=_("pack id, e.g. my-clinic.foot-first (default: from DIR)")
    )
    new.add_argument("--name", metavar="NAME", help=_("the pack's name as people see it"))
    new.add_argument("--clinic", metavar="NAME", help=_("the clinic's name"))
    new.set_defaults(func=cmd_new)

    preview = commands.add_parser(
        "preview",
        parents=[common],
        help=_("open the app on a pack folder and reload it on every save"),
    )
    preview.add_argument("dir", metavar="DIR", type=Path, help=_("the pack folder to show and watch"))
    preview.set_defaults(func=cmd_preview)

    lint = commands.add_parser("lint", parents=[common], help=_("advice on a pack beyond validity (warnings)"))
    lint.add_argument("dir", metavar="DIR", type=Path, help=_("the pack folder to advise on"))
    lint.add_argument("--strict", action="store_true", help=_("exit 1 when there is any warning"))
    lint.add_argument("--json", action="store_true", help=_("print a JSON list of diagnostics"))
    lint.set_defaults(func=cmd_lint)

    build = commands.add_parser(
        "build",
        parents=[common],
        help=_("lint a pack folder and write ID-VERSION.solepack"),
        description=_(
            "Validate and lint the pack in DIR, print every warning, then write its archive. With --strict, any "
            "warning refuses the build and nothing is written."
        ),
    )
    build.add_argument("dir", metavar="DIR", type=Path, help=_("the pack folder to pack into an archive"))
    build.add_argument("--strict", action="store_true", help=_("refuse to build when lint has any warning"))
    build.add_argument(
        "-o",
        "--output",
        metavar="FILE|DIR/",
        help=_(
            "the archive to write, or a folder for it: an existing folder or one ending in / "
            "(default: ID-VERSION.solepack here)"
        ),
    )
    build.set_defaults(func=cmd_build)

    install = commands.add_parser(
        "install",
        parents=[common],
        help=_("install a .solepack archive or a pack folder for this user"),
    )
    install.add_argument("source", metavar="FILE|DIR", type=Path, help=_("a .solepack archive or a pack folder"))
    install.set_defaults(func=cmd_install)

    remove = commands.add_parser("remove", parents=[common], help=_("remove an installed pack (ID or ID@VERSION)"))
    remove.add_argument(
        "spec", metavar="ID[@VERSION]", help=_("the installed pack to remove; every version without @VERSION")
    )
    remove.set_defaults(func=cmd_remove)

    diff = commands.add_parser("diff", parents=[common], help=_("what changed between two versions of a pack"))
    diff.add_argument("old", metavar="OLD", help=_("a folder, a .solepack archive or ID@VERSION"))
    diff.add_argument("new", metavar="NEW", help=_("a folder, a .solepack archive or ID@VERSION"))
    diff.add_argument("--json", action="store_true", help=_("print the changes as JSON"))
    diff.set_defaults(func=cmd_diff)


def _print_diagnostics(pack_dir: Path | str, diagnostics: list[Diagnostic], stream: Any) -> None:
    for diagnostic in diagnostics:
        print(format_located(pack_dir, diagnostic), file=stream)


def cmd_new(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.scaffold import (
        DEFAULT_CLINIC,
        DEFAULT_NAME,
        ScaffoldError,
        StarterValues,
        id_from_folder,
        write_starter_pack,
    )

    values = StarterValues(
        pack_id=args.pack_id if args.pack_id is not None else id_from_folder(args.dir.resolve()),
        name=args.name if args.name is not None else DEFAULT_NAME,
        clinic=args.clinic if args.clinic is not None else DEFAULT_CLINIC,
    )
    try:
        written = write_starter_pack(args.dir, values)
    except ScaffoldError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        reason = error.strerror or error
        raise CliError(
            _("can't write the starter pack into {dir}: {reason}").format(dir=args.dir, reason=reason)
        ) from None
    pack_files = [p for p in written if p.suffix == ".toml"]
    wrote = ngettext(
        "Wrote a starter pack ({id}) to {dir}: {count} file, schemas in .schema/",
        "Wrote a starter pack ({id}) to {dir}: {count} files, schemas in .schema/",
        len(pack_files),
    )
    print(wrote.format(id=values.pack_id, dir=args.dir, count=len(pack_files)))
    print(_("Next: edit the files, then run 'solecheck pack preview {dir}' to see it in the app.").format(dir=args.dir))
    return 0


def cmd_preview(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.discovery import PackNotFound, resolve
    from solecheck.packs.loader import check_pack
    from solecheck.settings import load_settings

    folder: Path = args.dir
    if not (folder / "pack.toml").is_file():
        if not folder.exists():
            message = _("{folder} does not exist; 'solecheck pack new {folder}' writes a starter pack")
        else:
            message = _("{folder} has no pack.toml; 'solecheck pack new {folder}' writes a starter pack")
        raise CliError(message.format(folder=folder))
    pack = check_pack(folder)[0]
    if pack is None:
        # Start on the default pack: the preview shows the folder's errors at once, and its content
        # as soon as a save makes it valid.
        try:
            pack = resolve(None, context.data_dir)
        except (PackError, PackNotFound) as error:
            message = _("{folder} is not valid and the built-in pack can't be loaded: {error}")
            raise CliError(message.format(folder=folder, error=error)) from None
    settings, warning = load_settings()
    from solecheck.cli import terminal
    from solecheck.tui.app import build_app

    terminal.require_full_screen()
    app = build_app(
        pack,
        context.data_dir,
        settings=settings,
        preview_dir=folder,
        startup_warnings=(warning,) if warning else (),
    )
    app.run()
    return app.return_code or 0


def cmd_lint(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.lint import lint_folder

    pack, diagnostics = lint_folder(args.dir)
    warnings = [d for d in diagnostics if d.severity == "warning"]
    if args.json:
        print(json.dumps([d.to_json() for d in diagnostics], indent=2))
    elif pack is None:
        _print_diagnostics(args.dir, diagnostics, sys.stderr)
        errors = len(diagnostics) - len(warnings)
        message = ngettext(
            "{dir}: invalid: {count} error; fix it before linting",
            "{dir}: invalid: {count} errors; fix these before linting",
            errors,
        )
        print(message.format(dir=args.dir, count=errors), file=sys.stderr)
    else:
        _print_diagnostics(args.dir, diagnostics, sys.stdout)
        count = ngettext("{count} warning", "{count} warnings", len(warnings)).format(count=len(warnings))
        print(f"{args.dir}: {pack.key}: {count if warnings else _('no warnings')}")
    if pack is None:
        return 1
    return 1 if args.strict and warnings else 0


def cmd_build(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.archive import ArchiveError, build
    from solecheck.packs.lint import lint_folder

    linted, diagnostics = lint_folder(args.dir)
    if linted is None:
        errors = [d for d in diagnostics if d.severity == "error"]
        _print_diagnostics(args.dir, errors, sys.stderr)
        message = ngettext(
            "{dir}: invalid: {count} error; nothing was built",
            "{dir}: invalid: {count} errors; nothing was built",
            len(errors),
        )
        raise CliError(message.format(dir=args.dir, count=len(errors)))
    warnings = [d for d in diagnostics if d.severity == "warning"]
    _print_diagnostics(args.dir, warnings, sys.stderr)
    if args.strict and warnings:
        message = ngettext(
            "{dir}: {count} warning and --strict; nothing was built",
            "{dir}: {count} warnings and --strict; nothing was built",
            len(warnings),
        )
        raise CliError(message.format(dir=args.dir, count=len(warnings)))
    output = Path(args.output) if args.output else None
    try:
        if output is not None and args.output.endswith(("/", os.sep)):
            output.mkdir(parents=True, exist_ok=True)
        built = build(args.dir, output, expect_digest=linted.content_digest)
    except PackError as error:
        raise CliError(format_pack_error(error)) from None
    except ArchiveError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        raise CliError(_("can't write the archive: {reason}").format(reason=error.strerror or error)) from None
    if built.unchanged and warnings:
        said = ngettext(
            "Unchanged: {path} already holds {pack} with the same content; {count} lint warning above",
            "Unchanged: {path} already holds {pack} with the same content; {count} lint warnings above",
            len(warnings),
        )
    elif built.unchanged:
        said = _("Unchanged: {path} already holds {pack} with the same content")
    elif warnings:
        said = ngettext(
            "Built {path} ({pack}); {count} lint warning above",
            "Built {path} ({pack}); {count} lint warnings above",
            len(warnings),
        )
    else:
        said = _("Built {path} ({pack})")
    print(said.format(path=built.path, pack=built.pack.key, count=len(warnings)))
    return 0


def cmd_install(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.install import InstallError, install

    packs_dir = paths.user_packs_dir(context.data_dir)
    try:
        result = install(args.source, packs_dir)
    except InstallError as error:
        if error.diagnostics:
            _print_diagnostics(args.source, [d for d in error.diagnostics if d.severity == "error"], sys.stderr)
        raise CliError(_("{error}; nothing was installed").format(error=error)) from None
    except OSError as error:
        reason = error.strerror or error
        raise CliError(_("can't install into {folder}: {reason}").format(folder=packs_dir, reason=reason)) from None
    if result.status == "installed":
        said = _("Installed {pack} ({name}) in {path}")
    else:
        said = _("Already installed, unchanged: {pack} ({name}) in {path}")
    print(said.format(pack=result.pack.key, name=result.pack.manifest.name, path=result.path))
    return 0


def cmd_remove(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.install import InstallError, remove

    try:
        removed = remove(paths.user_packs_dir(context.data_dir), args.spec)
    except InstallError as error:
        raise CliError(str(error)) from None
    except OSError as error:
        reason = error.strerror or error
        raise CliError(_("can't remove {pack}: {reason}").format(pack=args.spec, reason=reason)) from None
    for folder in removed:
        print(_("Removed {pack}").format(pack=folder.name))
    return 0


def _load_for_diff(spec: str, context: CliContext, scratch: Path) -> Pack:
    from solecheck.packs.archive import ARCHIVE_SUFFIX, ArchiveError, read_archive
    from solecheck.packs.discovery import PackNotFound, resolve
    from solecheck.packs.loader import load_pack

    try:
        if spec.endswith(ARCHIVE_SUFFIX) and Path(spec).is_file():
            contents = read_archive(Path(spec))
            folder = scratch / f"{len(list(scratch.iterdir()))}"
            folder.mkdir()
            for name, data in contents.files.items():
                (folder / name).parent.mkdir(exist_ok=True)  # translations/, pictures/
                (folder / name).write_bytes(data)
            return load_pack(folder)
        return resolve(spec, context.data_dir)
    except ArchiveError as error:
        raise CliError(f"{spec}: {error}") from None
    except PackNotFound as error:
        raise CliError(str(error)) from None
    except PackError as error:
        raise CliError(format_pack_error(error)) from None


def cmd_diff(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.packs.diff import diff_packs, format_diff

    with tempfile.TemporaryDirectory(prefix="solecheck-diff-") as scratch:
        old = _load_for_diff(args.old, context, Path(scratch))
        new = _load_for_diff(args.new, context, Path(scratch))
        result = diff_packs(old, new)  # while an archive's pictures are still there to compare
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    else:
        print(format_diff(result))
    return 0
