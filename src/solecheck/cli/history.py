"""``solecheck history``: list, export, import, back up and check the history store.

Exit codes as everywhere: 0 done, 1 a bad file or a problem found (one message on stderr), 2 usage.
Exports are written owner-only (0600): they hold health data.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from solecheck import paths
from solecheck.cli.context import CliContext, CliError

if TYPE_CHECKING:
    from solecheck.history.records import SessionSummary
    from solecheck.history.store import HistoryStore

DEFAULT_LIMIT = 20


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    history = subparsers.add_parser(
        "history",
        parents=[common],
        help="your sessions: list, export, import, back up and check the history",
        description="Without a command: the latest sessions, newest first.",
    )
    history.add_argument("--json", action="store_true", help="print the sessions as JSON")
    history.add_argument(
        "--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
        help=f"how many sessions (default {DEFAULT_LIMIT})",
    )
    history.set_defaults(func=cmd_list)
    commands = history.add_subparsers(dest="history_command", metavar="HISTORY_COMMAND")

    export = commands.add_parser(
        "export", parents=[common], help="write the whole history as JSON or CSV (see docs/history-format.md)"
    )
    export.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE (default: stdout)")
    export.set_defaults(func=cmd_export)

    importing = commands.add_parser(
        "import", parents=[common], help="add a JSON export to the history (records already there are skipped)"
    )
    importing.add_argument("file", type=Path, metavar="FILE", help="a JSON file written by solecheck history export")
    importing.set_defaults(func=cmd_import)

    backup = commands.add_parser(
        "backup", parents=[common], help="a consistent copy of the history database, safe while the app runs"
    )
    backup.add_argument(
        "-o", "--output", type=Path, metavar="FILE",
        help="the copy to create (default: DATA_DIR/backups/history-<UTC time>.sqlite3)",
    )
    backup.set_defaults(func=cmd_backup)

    check = commands.add_parser(
        "check", parents=[common], help="check the database's integrity and the history's consistency"
    )
    check.set_defaults(func=cmd_check)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a number from 1, got {value}")
    return value


@contextmanager
def _opened(context: CliContext, create: bool = True) -> Iterator[HistoryStore | None]:
    """The store, or ``None`` if there is no history yet and ``create`` is false."""
    from solecheck.history.store import HistoryError, HistoryStore

    if not create and not paths.history_db(context.data_dir).exists():
        yield None
        return
    try:
        store = HistoryStore.open(context.data_dir)
    except HistoryError as error:
        raise CliError(str(error)) from error
    try:
        yield store
    except HistoryError as error:
        raise CliError(str(error)) from error
    finally:
        store.close()


# ---------------------------------------------------------------------- list


def cmd_list(args: argparse.Namespace, context: CliContext) -> int:
    with _opened(context, create=False) as store:
        summaries = store.session_summaries(limit=args.limit) if store else []
    if args.json:
        print(json.dumps([_summary_json(s) for s in summaries], indent=2, ensure_ascii=False))
        return 0
    if not summaries:
        print("No sessions yet. Run `solecheck` and start a routine; your sessions will be listed here.")
        return 0
    _print_table(summaries)
    return 0


def _summary_json(summary: SessionSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "started_at": summary.started_at.isoformat(),
        "ended_at": summary.ended_at.isoformat() if summary.ended_at else None,
        "pack_id": summary.pack_id,
        "pack_version": summary.pack_version,
        "routine_id": summary.routine_id,
        "routine_title": summary.routine_title,
        "status": summary.status,
        "steps_done": summary.steps_done,
        "steps_planned": summary.steps_planned,
        "duration_s": summary.duration_s,
        "max_pain": summary.max_pain,
        "stop_reason": summary.stop_reason,
        "screening_id": summary.screening_id,
    }


def _print_table(summaries: list[SessionSummary]) -> None:
    from solecheck.history.records import SESSION_STATUS_LABELS, format_duration

    header = ("Date", "Routine", "Duration", "Steps", "Pain", "Status")
    rows = [
        (
            summary.started_at.astimezone().strftime("%Y-%m-%d %H:%M"),
            summary.routine_title,
            format_duration(summary.duration_s),
            f"{summary.steps_done}/{summary.steps_planned}",
            "-" if summary.max_pain is None else str(summary.max_pain),
            SESSION_STATUS_LABELS.get(summary.status, summary.status),
        )
        for summary in summaries
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


# ---------------------------------------------------------------------- export / import


def cmd_export(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.transfer import count, export_csv, export_json

    with _opened(context) as store:
        assert store is not None
        exporter = export_json if args.format == "json" else export_csv

        def write(out: TextIO) -> None:
            exporter(store, out)

        if args.output is None:
            write(sys.stdout)
            sys.stdout.flush()
        else:
            _write_private(args.output, write, bom=args.format == "csv")
            totals = store.count_all()
            print(
                f"exported {count(totals['sessions'], 'sessions')}, {count(totals['steps'], 'steps')} and "
                f"{count(totals['screenings'], 'screenings')} to {args.output}",
                file=sys.stderr,
            )
    return 0


def _write_private(target: Path, write: Callable[[TextIO], object], *, bom: bool) -> None:
    """Write a new owner-only file next to ``target``, then move it into place (no half-written file)."""
    target = target.expanduser()
    if target.is_dir():
        raise CliError(f"{target} is a folder; give a file name for the export")
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as error:
        raise CliError(f"cannot write {target}: {error.strerror}") from error
    try:
        with open(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="") as out:
            write(out)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def cmd_import(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.transfer import import_json

    with _opened(context) as store:
        assert store is not None
        report = import_json(store, args.file)
    print(f"imported {args.file}: {report.summary()}")
    return 0


# ---------------------------------------------------------------------- backup / check


def cmd_backup(args: argparse.Namespace, context: CliContext) -> int:
    target: Path = args.output
    if target is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        target = paths.ensure_private_dir(context.data_dir / "backups") / f"history-{stamp}.sqlite3"
    with _opened(context, create=False) as store:
        if store is None:
            raise CliError(f"there is no history to back up yet ({paths.history_db(context.data_dir)})")
        store.backup_to(target.expanduser())
    print(f"backed up the history to {target}")
    return 0


def cmd_check(args: argparse.Namespace, context: CliContext) -> int:
    database = paths.history_db(context.data_dir)
    with _opened(context, create=False) as store:
        if store is None:
            print(f"no history yet ({database} does not exist); nothing to check")
            return 0
        findings = store.check()
        counts = store.count_all()
    problems = [f for f in findings if f.severity == "problem"]
    for finding in findings:
        print(f"{finding.severity}: {finding.message}", file=sys.stderr if finding in problems else sys.stdout)
    if problems:
        raise CliError(
            f"{database}: {len(problems)} problem{'s' * (len(problems) != 1)} found. Keep a copy of the file, "
            "then restore your latest backup (`solecheck history backup` makes one) or import your latest export."
        )
    totals = ", ".join(f"{counts[table]} {table}" for table in ("sessions", "steps", "screenings"))
    print(f"{database}: ok (integrity and foreign keys checked; {totals})")
    return 0
