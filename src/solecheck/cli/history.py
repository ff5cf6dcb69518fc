"""``solecheck history``: list, summarise, export, import, back up and check the history store.

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
from datetime import UTC, datetime, timedelta
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

    recover = commands.add_parser(
        "recover", parents=[common],
        help="copy every readable record of a damaged history into a new database and an export",
    )
    recover.add_argument(
        "-o", "--output", type=Path, metavar="DIR",
        help="the new folder to create (default: DATA_DIR/recovered-<UTC time>)",
    )
    recover.set_defaults(func=cmd_recover)
    summary = commands.add_parser(
        "summary", parents=[common],
        help="how you are doing: streak, sessions this week and per week, adherence, recent highest pain",
        description="The same figures as the app's history pane, each session on its own local day.",
    )
    summary.add_argument("--json", action="store_true", help="print the summary as JSON")
    summary.set_defaults(func=cmd_summary)


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

    try:
        paths.check_folder(context.data_dir)
    except paths.FolderError as error:
        raise CliError(str(error)) from error
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
        "pack_digest": summary.pack_digest,
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
    from solecheck.history.local_time import local_moment
    from solecheck.history.records import SESSION_STATUS_LABELS, format_duration

    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    header = ("Date", "Routine", "Duration", "Steps", "Pain", "Status")
    rows = [
        (
            local_moment(summary.started_at, summary.utc_offset_min, offset).strftime("%Y-%m-%d %H:%M"),
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
    with _opened(context, create=False) as store:
        if store is None:
            raise CliError(f"there is no history to back up yet ({paths.history_db(context.data_dir)})")
        if args.output is not None:
            target = store.backup_to(args.output.expanduser())
        else:
            folder = _private_folder(context.data_dir / "backups")
            target = _unique(folder, "history-{stamp}{n}.sqlite3", store.backup_to)
    print(f"backed up the history to {target}")
    return 0


def _private_folder(folder: Path) -> Path:
    try:
        return paths.ensure_private_dir(folder)
    except OSError as error:
        raise CliError(str(paths.folder_error(error, folder))) from error


def _unique(folder: Path, pattern: str, make: Callable[[Path], Path]) -> Path:
    """``make`` a new file named by ``pattern`` (UTC time as ``{stamp}``, ``-2``, ``-3``… as ``{n}``
    when that name is taken: two backups in one second never collide)."""
    from solecheck.history.store import HistoryError

    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for number in range(1, 1000):
        target = folder / pattern.format(stamp=stamp, n="" if number == 1 else f"-{number}")
        if target.exists() or target.is_symlink():
            continue
        try:
            return make(target)
        except HistoryError:
            if target.exists() and number < 999:
                continue  # taken between our look and our create
            raise
    raise CliError(f"{folder} has 999 files of this second already")


def cmd_recover(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.recover import recover
    from solecheck.history.store import HistoryError

    source = paths.history_db(context.data_dir)
    try:
        paths.check_folder(context.data_dir)
        if args.output is not None:
            report = recover(source, args.output.expanduser())
        else:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            target = context.data_dir / f"recovered-{stamp}"
            number = 1
            while target.exists():
                number += 1
                target = context.data_dir / f"recovered-{stamp}-{number}"
            report = recover(source, target)
    except (HistoryError, paths.FolderError) as error:
        raise CliError(str(error)) from error
    copied = ", ".join(f"{report.copied[table]} {table}" for table in ("sessions", "steps", "screenings"))
    print(f"recovered {copied} into {report.database} (and the export {report.export})")
    if report.from_journals:
        print(f"{report.from_journals} of them from sessions that had not been saved yet")
    lost = [f"{report.unreadable[t]} {t}" for t in ("sessions", "steps", "screenings") if report.unreadable[t]]
    if report.orphaned_steps:
        lost.append(f"{report.orphaned_steps} steps whose session could not be read")
    for table in report.table_unknown:
        lost.append(f"all of {table} (not even its row count could be read)")
    print("could not be read: " + (", ".join(lost) if lost else "nothing"))
    if report.unlinked_sessions:
        print(f"{report.unlinked_sessions} sessions kept without the screening they followed (it could not be read)")
    print(
        f"{source} is unchanged. To use the recovered history, close solecheck, move {source} aside "
        f"(keep it), and move {report.database} in its place."
    )
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
            f"{database}: {len(problems)} problem{'s' * (len(problems) != 1)} found; solecheck will not write "
            "into it. To lose nothing, run `solecheck history recover`: it copies every readable record (and "
            "any unsaved session) into a new database and an export, and leaves this file as it is. A backup "
            "made before the damage lacks everything since; compare before you restore one."
        )
    totals = ", ".join(f"{counts[table]} {table}" for table in ("sessions", "steps", "screenings"))
    print(f"{database}: ok (integrity and foreign keys checked; {totals})")
    return 0


# ---------------------------------------------------------------------- summary


def cmd_summary(args: argparse.Namespace, context: CliContext) -> int:
    """The history pane's trends, worked out by the same core function (:func:`solecheck.history.trends.trends`)."""
    from solecheck.history.trends import TREND_WEEKS, trends

    now = datetime.now().astimezone()
    with _opened(context, create=False) as store:
        found = None if store is None else trends(store, now.date(), now.utcoffset() or timedelta(0))
    if args.json:
        print(json.dumps(found.to_json() if found else None, indent=2))
        return 0
    if found is None or found.total == 0:
        print("No sessions yet. Run `solecheck` and start a routine; your summary will show here.")
        return 0
    days = found.streak
    print(f"Streak: {days} day{'s' * (days != 1)} in a row" if days else "Streak: none right now")
    print(f"Sessions this week: {found.this_week}")
    print(f"Sessions per week (last {TREND_WEEKS}, week of Monday):")
    for monday, count in found.weeks:
        print(f"  {monday.isoformat()}  {count}")
    share = found.adherence.share
    print(
        f"Planned steps done: {share:.0%} ({found.adherence.done} of {found.adherence.planned}, {TREND_WEEKS} weeks)"
        if share is not None else "Planned steps done: -"
    )
    pains = ", ".join(str(pain) for _, pain in found.pain[-10:])
    print(f"Highest pain of recent sessions (oldest first): {pains}" if pains else "No pain scores yet.")
    return 0
