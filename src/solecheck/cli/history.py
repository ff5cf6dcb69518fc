"""``solecheck history``: list, summarise, export, import, back up and check the history store.

Exit codes as everywhere: 0 done, 1 a bad file or a problem found (one message on stderr), 2 usage.
Exports are written owner-only (0600): they hold health data.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from solecheck import paths
from solecheck.cli.context import CliContext, CliError
from solecheck.i18n import _, ngettext

if TYPE_CHECKING:
    from solecheck.history.records import SessionSummary
    from solecheck.history.store import HistoryStore

DEFAULT_LIMIT = 20


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    history = subparsers.add_parser(
        "history",
        parents=[common],
        help=_("your sessions: list, export, import, back up and check the history"),
        description=_("Without a command: the latest sessions, newest first."),
    )
    history.add_argument("--json", action="store_true", help=_("print the sessions as JSON"))
    history.add_argument(
        "--limit", type=_positive, default=DEFAULT_LIMIT, metavar="N",
        help=_("how many sessions (default {limit})").format(limit=DEFAULT_LIMIT),
    )
    history.set_defaults(func=cmd_list)
    commands = history.add_subparsers(dest="history_command", metavar="HISTORY_COMMAND")

    export = commands.add_parser(
        "export", parents=[common], help=_("write the whole history as JSON or CSV (see docs/history-format.md)")
    )
    export.add_argument("--format", choices=("json", "csv"), default="json", help=_("json (default) or csv"))
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help=_("write to FILE (default: stdout)"))
    export.set_defaults(func=cmd_export)

    importing = commands.add_parser(
        "import", parents=[common], help=_("add a JSON export to the history (records already there are skipped)")
    )
    importing.add_argument("file", type=Path, metavar="FILE", help=_("a JSON file written by solecheck history export"))
    importing.set_defaults(func=cmd_import)

    backup = commands.add_parser(
        "backup", parents=[common], help=_("a consistent copy of the history database, safe while the app runs")
    )
    backup.add_argument(
        "-o", "--output", type=Path, metavar="FILE",
        help=_("the copy to create (default: DATA_DIR/backups/history-<UTC time>.sqlite3)"),
    )
    backup.set_defaults(func=cmd_backup)

    check = commands.add_parser(
        "check", parents=[common], help=_("check the database's integrity and the history's consistency")
    )
    check.set_defaults(func=cmd_check)

    recover = commands.add_parser(
        "recover", parents=[common],
        help=_("copy every readable record of a damaged history into a new database and an export"),
    )
    recover.add_argument(
        "-o", "--output", type=Path, metavar="DIR",
        help=_("the new folder to create (default: DATA_DIR/recovered-<UTC time>)"),
    )
    recover.set_defaults(func=cmd_recover)
    summary = commands.add_parser(
        "summary", parents=[common],
        help=_("how you are doing: streak, sessions this week and per week, adherence, recent highest pain"),
        description=_("The same figures as the app's history pane, each session on its own local day."),
    )
    summary.add_argument("--json", action="store_true", help=_("print the summary as JSON"))
    summary.set_defaults(func=cmd_summary)

    report = commands.add_parser(
        "report", parents=[common],
        help="a progress report (PDF) for your appointment: sessions per week against the prescription, "
        "pain over time, stops, screenings and notes",
        description="A PDF for your physiotherapist: sessions per week against what the pack prescribes, a "
        "chart of your pain over time, stops and their reasons, screenings and their outcomes, and your "
        "notes (the newest ones, with a count of the rest). Dates are your local dates.",
    )
    report.add_argument("--since", type=_iso_date, metavar="DATE",
                        help="start on this date, YYYY-MM-DD (default: your first session)")
    report.add_argument("-o", "--output", type=Path, metavar="FILE.pdf",
                        help="the file to write (default: solecheck-report-<today>.pdf in this folder)")
    report.set_defaults(func=cmd_report)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("expected a whole number, got {text!r}").format(text=text)) from None
    if value < 1:
        raise argparse.ArgumentTypeError(_("expected a number from 1, got {value}").format(value=value))
    return value


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a date as YYYY-MM-DD, e.g. 2026-09-01; got {text!r}").format(text=text)
        ) from None


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
        print(_("No sessions yet. Run `solecheck` and start a routine; your sessions will be listed here."))
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
    from solecheck.history.records import format_duration, status_label

    offset = datetime.now().astimezone().utcoffset() or timedelta(0)
    header = (_("Date"), _("Routine"), _("Duration"), _("Steps"), _("Pain"), _("Status"))
    rows = [
        (
            local_moment(summary.started_at, summary.utc_offset_min, offset).strftime("%Y-%m-%d %H:%M"),
            summary.routine_title,
            format_duration(summary.duration_s),
            f"{summary.steps_done}/{summary.steps_planned}",
            "-" if summary.max_pain is None else str(summary.max_pain),
            status_label(summary.status),
        )
        for summary in summaries
    ]
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]
    for row in (header, *rows):
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


# ---------------------------------------------------------------------- export / import


def cmd_export(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.cli.output_file import write_private_text
    from solecheck.history.transfer import export_csv, export_json

    with _opened(context) as store:
        assert store is not None
        exporter = export_json if args.format == "json" else export_csv

        def write(out: TextIO) -> None:
            exporter(store, out)

        if args.output is None:
            write(sys.stdout)
            sys.stdout.flush()
        else:
            write_private_text(args.output, write, bom=args.format == "csv")
            totals = store.count_all()
            print(
                _("exported {sessions}, {steps} and {screenings} to {file}").format(
                    sessions=records(totals["sessions"], "sessions"),
                    steps=records(totals["steps"], "steps"),
                    screenings=records(totals["screenings"], "screenings"),
                    file=args.output,
                ),
                file=sys.stderr,
            )
    return 0


def records(number: int, table: str) -> str:
    """``1 session``, ``3 steps``, ``2 screenings``: a count of one kind of history record, in words."""
    if table == "sessions":
        return ngettext("{count} session", "{count} sessions", number).format(count=number)
    if table == "steps":
        return ngettext("{count} step", "{count} steps", number).format(count=number)
    return ngettext("{count} screening", "{count} screenings", number).format(count=number)


def _all_records(counts: dict[str, int]) -> str:
    """``2 sessions, 5 steps, 1 screening``."""
    return ", ".join(records(counts[table], table) for table in ("sessions", "steps", "screenings"))


def cmd_import(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.transfer import import_json

    with _opened(context) as store:
        assert store is not None
        report = import_json(store, args.file)
    print(_("imported {file}: {summary}").format(file=args.file, summary=report.summary()))
    return 0


# ---------------------------------------------------------------------- backup / check


def cmd_backup(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.maintenance import backup_to

    with _opened(context, create=False) as store:
        if store is None:
            database = paths.history_db(context.data_dir)
            raise CliError(_("there is no history to back up yet ({database})").format(database=database))
        if args.output is not None:
            target = backup_to(store, args.output.expanduser())
        else:
            folder = _private_folder(context.data_dir / "backups")
            target = _unique(folder, "history-{stamp}{n}.sqlite3", lambda path: backup_to(store, path))
    print(_("backed up the history to {file}").format(file=target))
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
    raise CliError(_("{folder} has 999 files of this second already").format(folder=folder))


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
    print(
        _("recovered {records} into {database} (and the export {export})").format(
            records=_all_records(report.copied), database=report.database, export=report.export
        )
    )
    if report.from_journals:
        print(
            ngettext(
                "{count} of them from a session that had not been saved yet",
                "{count} of them from sessions that had not been saved yet",
                report.from_journals,
            ).format(count=report.from_journals)
        )
    tables = ("sessions", "steps", "screenings")
    lost = [records(report.unreadable[t], t) for t in tables if report.unreadable[t]]
    if report.orphaned_steps:
        lost.append(
            ngettext(
                "{count} step whose session could not be read",
                "{count} steps whose session could not be read",
                report.orphaned_steps,
            ).format(count=report.orphaned_steps)
        )
    unknown = {
        "sessions": _("all sessions (not even their row count could be read)"),
        "steps": _("all steps (not even their row count could be read)"),
        "screenings": _("all screenings (not even their row count could be read)"),
    }
    lost += [unknown.get(table, table) for table in report.table_unknown]
    if lost:
        print(_("could not be read: {records}").format(records=", ".join(lost)))
    else:
        print(_("could not be read: nothing"))
    if report.unlinked_sessions:
        print(
            ngettext(
                "{count} session kept without the screening it followed (it could not be read)",
                "{count} sessions kept without the screening they followed (it could not be read)",
                report.unlinked_sessions,
            ).format(count=report.unlinked_sessions)
        )
    print(
        _(
            "{source} is unchanged. To use the recovered history, close solecheck, move {source} aside "
            "(keep it), and move {database} in its place."
        ).format(source=source, database=report.database)
    )
    return 0


def cmd_check(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.history.maintenance import check

    database = paths.history_db(context.data_dir)
    with _opened(context, create=False) as store:
        if store is None:
            print(_("no history yet ({database} does not exist); nothing to check").format(database=database))
            return 0
        findings = check(store)
        counts = store.count_all()
    problems = [f for f in findings if f.severity == "problem"]
    for finding in findings:
        if finding in problems:
            print(_("problem: {message}").format(message=finding.message), file=sys.stderr)
        else:
            print(_("note: {message}").format(message=finding.message))
    if problems:
        found = ngettext(
            "{database}: {count} problem found; solecheck will not write into it.",
            "{database}: {count} problems found; solecheck will not write into it.",
            len(problems),
        ).format(database=database, count=len(problems))
        advice = _(
            "To lose nothing, run `solecheck history recover`: it copies every readable record (and any unsaved "
            "session) into a new database and an export, and leaves this file as it is. A backup made before the "
            "damage lacks everything since; compare before you restore one."
        )
        raise CliError(f"{found} {advice}")
    print(
        _("{database}: ok (integrity and foreign keys checked; {records})").format(
            database=database, records=_all_records(counts)
        )
    )
    return 0


# ---------------------------------------------------------------------- summary


def cmd_summary(args: argparse.Namespace, context: CliContext) -> int:
    """The history pane's trends, worked out by the same core function (:func:`solecheck.history.trends.trends`)."""
    from solecheck.cli.launch import start_pack
    from solecheck.history.trends import TREND_WEEKS, trends
    from solecheck.session.schedule import combined_text, prescribed_adherence, prescription_text, week_of
    from solecheck.settings import load_settings

    now = datetime.now().astimezone()
    today, offset = now.date(), now.utcoffset() or timedelta(0)
    pack, _warnings = start_pack(context, load_settings()[0])
    with _opened(context, create=False) as store:
        found = None if store is None else trends(store, today, offset)
        against = [] if store is None else prescribed_adherence(
            store, pack.routines, today=today, utc_offset=offset, pack_id=pack.id,
            since=week_of(today) - timedelta(weeks=TREND_WEEKS),
        )
    if args.json:
        document = found.to_json() if found else None
        if document is not None:
            document["prescribed"] = [
                {
                    "routine_id": routine.id,
                    "per_week": adherence.schedule.per_week,
                    "days": list(adherence.schedule.days or []),
                    "weeks": len(adherence.weeks),
                    "done": adherence.done,
                    "prescribed": adherence.prescribed,
                    "this_week_done": adherence.this_week.done,
                }
                for routine, adherence in against
            ]
        print(json.dumps(document, indent=2))
        return 0
    if found is None or found.total == 0:
        print(_("No sessions yet. Run `solecheck` and start a routine; your summary will show here."))
        return 0
    days = found.streak
    if days:
        print(ngettext("Streak: {count} day in a row", "Streak: {count} days in a row", days).format(count=days))
    else:
        print(_("Streak: none right now"))
    print(_("Sessions this week: {count}").format(count=found.this_week))
    print(_("Sessions per week (last {weeks}, week of Monday):").format(weeks=TREND_WEEKS))
    for monday, count in found.weeks:
        print(f"  {monday.isoformat()}  {count}")
    share = found.adherence.share
    if share is not None:
        print(
            _("Planned steps done: {share:.0%} ({done} of {planned}, {weeks} weeks)").format(
                share=share, done=found.adherence.done, planned=found.adherence.planned, weeks=TREND_WEEKS
            )
        )
    else:
        print(_("Planned steps done: -"))
    line = combined_text(against)
    if line is not None:
        print(line)
        for routine, adherence in against:
            print(_("  {routine} (prescribed {prescription}): this week {done} of {prescribed}").format(
                routine=routine.title, prescription=prescription_text(adherence.schedule),
                done=adherence.this_week.done, prescribed=adherence.this_week.prescribed))
    pains = ", ".join(str(pain) for _moment, pain in found.pain[-10:])
    if pains:
        print(_("Highest pain of recent sessions (oldest first): {pains}").format(pains=pains))
    else:
        print(_("No pain scores yet."))
    return 0


# ---------------------------------------------------------------------- report


def cmd_report(args: argparse.Namespace, context: CliContext) -> int:
    """The progress report: the history aggregated (:mod:`solecheck.history.progress`), adherence to each
    prescribed routine of the pack (:mod:`solecheck.session.schedule`), drawn by
    :mod:`solecheck.printout.progress_report`."""
    from solecheck.cli.launch import start_pack
    from solecheck.cli.output_file import write_private_bytes
    from solecheck.history.progress import progress
    from solecheck.printout.progress_report import PrescribedRoutine, progress_report
    from solecheck.session.schedule import prescription_text, routine_adherence
    from solecheck.settings import load_settings

    now = datetime.now().astimezone()
    today, offset = now.date(), now.utcoffset() or timedelta(0)
    if args.since is not None and args.since > today:
        raise CliError(_("--since {since} is after today ({today}); give an earlier date").format(
            since=args.since.isoformat(), today=today.isoformat()))
    settings, _warning = load_settings()
    pack, _warnings = start_pack(context, settings)
    with _opened(context, create=False) as store:
        if store is None:
            print(_("No sessions yet. Run `solecheck` and start a routine; your report will have them."))
            return 0
        found = progress(store, last=today, utc_offset=offset, first=args.since)
        prescribed = [
            PrescribedRoutine(
                routine.title,
                prescription_text(routine.schedule),
                routine_adherence(store, routine.id, routine.schedule, today=today, utc_offset=offset,
                                  pack_id=pack.id, since=args.since),
            )
            for routine in pack.routines
            if routine.schedule is not None
        ]
    data = progress_report(found, prescribed, pack_name=pack.manifest.name, made_on=today)
    target = write_private_bytes(args.output or Path(f"solecheck-report-{today.isoformat()}.pdf"), data)
    print(_("wrote your progress report to {path}").format(path=target))
    return 0
