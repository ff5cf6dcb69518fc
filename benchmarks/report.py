"""The progress report at scale: ``solecheck history report`` on ten years of sessions (100,000 sessions,
1,000,000 steps), without ``--since`` (the whole history) and with the last 12 weeks.

Builds the store with ``history_scale.build_store``, then moves it to end yesterday (that benchmark's ten
years start in 2026; a report covers days up to today) and names its routines after the built-in pack's
(``morning`` → ``foot-to-spine``, ``evening`` → ``sole-only``), so adherence to their schedules is measured
over all of it. Prints the median wall time of several runs and the peak memory (max RSS) of each
subprocess. Targets: under 5 s; memory flat (the same for 10,000 and 100,000 sessions, give or take).

Usage: ``python benchmarks/report.py [--runs N] [--sessions N] [--workdir DIR] [--rebuild]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from history_scale import build_store, solecheck, timed

SHIFT_FORMAT = "strftime('%Y-%m-%dT%H:%M:%S', {column}, '-{days} days') || '.000000+00:00'"


def move_to_now(database: Path) -> None:
    """Shift every time so the newest session started yesterday; rename the routines to the built-in's."""
    conn = sqlite3.connect(database, isolation_level=None)
    newest = conn.execute("SELECT max(started_at) FROM sessions").fetchone()[0]
    days = (datetime.fromisoformat(newest).date() - datetime.now(UTC).date()).days + 1
    conn.execute("BEGIN")
    for table, column in (("sessions", "started_at"), ("sessions", "ended_at"), ("steps", "ended_at"),
                          ("screenings", "taken_at")):
        conn.execute(f"UPDATE {table} SET {column} = {SHIFT_FORMAT.format(column=column, days=days)}")
    conn.execute("UPDATE sessions SET routine_id = 'foot-to-spine' WHERE routine_id = 'morning'")
    conn.execute("UPDATE sessions SET routine_id = 'sole-only' WHERE routine_id = 'evening'")
    conn.execute("COMMIT")
    conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/solecheck-report-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    args = parser.parse_args()

    data = args.workdir / f"history-{args.sessions}"
    if args.rebuild or not (data / "history.sqlite3").exists():
        shutil.rmtree(data, ignore_errors=True)
        seconds = build_store(data, args.sessions)
        move_to_now(data / "history.sqlite3")
        print(f"built {args.sessions:,} sessions in {seconds:.1f} s, moved to end yesterday")
    env = {**os.environ, "SOLECHECK_DATA_DIR": str(data), "TZ": "America/Toronto"}
    twelve_weeks_ago = date.fromordinal(date.today().toordinal() - 84).isoformat()
    cases = {
        "report (whole history)": [],
        f"report --since {twelve_weeks_ago}": ["--since", twelve_weeks_ago],
    }
    for name, extra in cases.items():
        target = args.workdir / "report.pdf"
        times, peaks = [], []
        for _ in range(args.runs):
            elapsed, peak, _out = timed(solecheck("history", "report", "-o", str(target), *extra), env)
            times.append(elapsed)
            peaks.append(peak)
        size_kb = target.stat().st_size / 1024
        print(
            f"{name:<34} median {statistics.median(times):5.2f} s (min {min(times):.2f}, max {max(times):.2f}), "
            f"peak memory {max(peaks):5.0f} MB, PDF {size_kb:.0f} KB"
        )


if __name__ == "__main__":
    main()
