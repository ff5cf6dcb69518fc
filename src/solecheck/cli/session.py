"""``solecheck session``: a guided session. ``--plain`` runs it as lines of text (screen readers, scripts);
without it the app opens, where ``s`` starts the session."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from solecheck.cli.context import CliContext, CliError

if TYPE_CHECKING:
    from solecheck.packs.pack import Pack


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "session",
        parents=[common],
        help="run a guided session (--plain for a line-by-line mode for screen readers and scripts)",
        description=(
            "Run a guided session of a routine: the safety screening first when it is due, then each step "
            "with its timer and pain checks, recorded to your history. --plain writes plain lines (steps "
            "and questions numbered) to standard output and reads answers from standard input, with no "
            "full-screen display. Without --plain the app opens; press s there to start."
        ),
    )
    parser.add_argument("--plain", action="store_true", help="plain lines on stdout, answers on stdin")
    parser.add_argument("--routine", metavar="ID", help="the routine to run (default: the pack's default routine)")
    parser.set_defaults(func=run_session)


def routine_of(pack: Pack, routine_id: str | None) -> Any:
    """The routine asked for, or the pack's default (``CliError`` naming the choices if unknown)."""
    if routine_id is None:
        return pack.default_routine
    routine = pack.routines_by_id.get(routine_id)
    if routine is None:
        choices = ", ".join(r.id for r in pack.routines)
        raise CliError(f"the pack {pack.key} has no routine {routine_id!r} (its routines: {choices})")
    return routine


def run_session(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.settings import load_settings
    from solecheck.tui.launch import choose_pack

    settings, settings_warning = load_settings()
    pack, warnings = choose_pack(context, settings)
    routine = routine_of(pack, args.routine)
    if args.plain:
        from solecheck.cli.language import start_language
        from solecheck.packs.view import pack_languages

        start_language(context.language, settings.language, pack_languages(pack))
    else:
        from solecheck.tui.launch import launch

        return launch(context, routine.id)
    for warning in filter(None, (settings_warning, *warnings)):
        print(f"solecheck: warning: {warning}", file=sys.stderr)
    from solecheck.history.store import HistoryError, HistoryStore
    from solecheck.plain.session import PlainSession, StdinLines

    try:
        store = HistoryStore.open(context.data_dir)
    except HistoryError as error:
        raise CliError(str(error)) from None

    from solecheck.cli.terminal import line_reader, line_writer

    try:
        with store:
            runner = PlainSession(
                pack,
                store,
                routine,
                clock=time.monotonic,
                read_line=line_reader(StdinLines()),
                write=line_writer(sys.stdout),
                bell=settings.bell,
                contact=settings.contact,
                handle_signals=True,
            )
            return runner.run()
    except HistoryError as error:
        raise CliError(str(error)) from None
