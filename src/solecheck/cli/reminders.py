"""``solecheck reminders``: an iCalendar file of the prescribed routines' sessions, for the person's own
calendar app (see :mod:`solecheck.reminders`)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from datetime import UTC, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from solecheck.cli.context import CliContext, CliError
from solecheck.i18n import _, ngettext

DEFAULT_FILE = Path("solecheck-reminders.ics")
DEFAULT_TIME = time(18, 0)


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "reminders",
        parents=[common],
        help="write your prescribed sessions as recurring reminders (.ics) for your calendar app",
        description=(
            "Write an iCalendar file with one weekly recurring event per routine the pack prescribes a "
            "schedule for, at the time you choose, in your time zone. Import it into your calendar app; "
            "importing a newer file updates the reminders instead of adding them twice."
        ),
    )
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_FILE, metavar="FILE.ics",
        help=f"the file to write (default: {DEFAULT_FILE} in this folder; - for standard output)",
    )
    parser.add_argument(
        "--time", type=_time_of_day, default=DEFAULT_TIME, metavar="HH:MM",
        help="when the reminder comes, your local time, 24-hour (default 18:00)",
    )
    parser.add_argument("--routine", metavar="ID", help="only this routine (default: every routine with a schedule)")
    parser.set_defaults(func=cmd_reminders)


def _time_of_day(text: str) -> time:
    try:
        hours, minutes = text.split(":")
        if len(minutes) != 2:
            raise ValueError(text)
        return time(int(hours), int(minutes))
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("expected a time as HH:MM, 24-hour, e.g. 07:30 or 18:00; got {text!r}").format(text=text)
        ) from None


def local_zone(environ: Mapping[str, str] | None = None) -> tzinfo | None:
    """The person's IANA time zone: ``$TZ`` when it names one, else the system's ``/etc/localtime`` link;
    ``None`` when neither names a zone (reminders are then floating local times)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    env = os.environ if environ is None else environ
    candidates = [env.get("TZ", "").lstrip(":")]
    try:
        link = os.readlink("/etc/localtime")
    except OSError:
        link = ""
    if "zoneinfo/" in link:
        candidates.append(link.split("zoneinfo/", 1)[1])
    for name in candidates:
        if not name or name.startswith("/"):
            continue
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def cmd_reminders(args: argparse.Namespace, context: CliContext) -> int:
    from solecheck.cli.launch import start_pack
    from solecheck.cli.session import routine_of
    from solecheck.reminders import calendar_file, reminders_for
    from solecheck.settings import load_settings

    settings, _warning = load_settings()
    pack, _warnings = start_pack(context, settings)
    if args.routine is not None:
        routine = routine_of(pack, args.routine)
        if routine.schedule is None:
            raise CliError(
                _("the routine {routine!r} of {pack} has no prescribed schedule, so there is nothing to remind "
                  "you of; ask your clinic how often to do it").format(routine=routine.id, pack=pack.key)
            )
        routines = [routine]
    else:
        routines = [routine for routine in pack.routines if routine.schedule is not None]
        if not routines:
            raise CliError(
                _("no routine of {pack} has a prescribed schedule, so there is nothing to remind you of; ask "
                  "your clinic how often to do them").format(pack=pack.key)
            )
    reminders = reminders_for(pack, routines, args.time)
    data = calendar_file(pack, reminders, now=datetime.now(UTC), zone=local_zone())
    if str(args.output) == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    from solecheck.cli.output_file import write_private_bytes

    target = write_private_bytes(args.output, data)
    count = len(routines)
    print(
        ngettext("wrote reminders for {n} routine to {path}; import it into your calendar app",
                 "wrote reminders for {n} routines to {path}; import it into your calendar app", count).format(
            n=count, path=target
        )
    )
    return 0
