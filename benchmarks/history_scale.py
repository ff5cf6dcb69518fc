"""History at scale: ten years of sessions (100,000 sessions, 1,000,000 steps).

Builds the store once (executemany in one transaction), then prints medians of several runs:

* ``import``: ``solecheck history import`` of the JSON export into an empty data folder;
* ``export``: ``solecheck history export --format json -o FILE``;
* ``list``: ``solecheck history --limit 50``;
* ``pane``: the app started headless on the history pane until its first page of sessions is drawn,
  against the app started on an empty store until its home screen is drawn (target: at most 1.5x);
* peak memory (max RSS) of each subprocess (target: under 200 MB).

Usage: ``python benchmarks/history_scale.py [--runs N] [--workdir DIR] [--sessions N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
STEPS_PER_SESSION = 10
TEN_YEARS = timedelta(days=3652)
TODAY = date(2036, 1, 1)


def build_store(data_dir: Path, sessions: int) -> float:
    """Write ``sessions`` sessions of ten steps each (and a screening every tenth session)."""
    from solecheck.history.store import HistoryStore

    started = time.perf_counter()
    HistoryStore.open(data_dir).close()
    conn = sqlite3.connect(data_dir / "history.sqlite3", isolation_level=None)
    conn.execute("PRAGMA synchronous = OFF")
    start = datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    gap = TEN_YEARS / sessions
    fmt = "%Y-%m-%dT%H:%M:%S.%f+00:00"
    statuses = ("completed",) * 8 + ("stopped_pain", "stopped_user")
    conn.execute("BEGIN")
    screenings, session_rows, step_rows = [], [], []
    for number in range(sessions):
        began = start + gap * number
        screening_id = f"sc{number:030d}" if number % 10 == 0 else None
        if screening_id:
            screenings.append((
                screening_id, "thrive-now.foot-first", "1.0.0", "sha256:bench",
                json.dumps({"diabetes": False, "pain_today": number % 5}), "proceed", "[]", "[]",
                (began - timedelta(minutes=5)).strftime(fmt),
            ))
        session_id = f"se{number:030d}"
        status = statuses[number % len(statuses)]
        session_rows.append((
            session_id, "thrive-now.foot-first", "1.0.0", ("morning", "evening")[number % 2],
            ("Morning feet", "Evening calm")[number % 2], STEPS_PER_SESSION,
            screening_id or f"sc{number - number % 10:030d}", status, began.strftime(fmt),
            (began + timedelta(minutes=14)).strftime(fmt), None, None, None,
        ))
        for position in range(STEPS_PER_SESSION):
            step_rows.append((
                f"st{number:024d}{position:06d}", session_id, position, f"exercise-{position}",
                f"Exercise {position}", "plantar", "skipped" if position == 9 and number % 3 == 0 else "done",
                ("left", "right", None)[position % 3], 1, 30, 30.0, None, None, (number + position) % 8, None,
                (began + timedelta(minutes=position + 1)).strftime(fmt),
            ))
        if len(step_rows) >= 100_000:
            _flush(conn, screenings, session_rows, step_rows)
    _flush(conn, screenings, session_rows, step_rows)
    conn.execute("COMMIT")
    conn.close()
    return time.perf_counter() - started


def _flush(conn: sqlite3.Connection, screenings: list, sessions: list, steps: list) -> None:  # type: ignore[type-arg]
    # The columns of schema version 1 by name: later migrations add nullable columns, left NULL here.
    conn.executemany(
        "INSERT INTO screenings (id, pack_id, pack_version, screening_digest, answers, outcome, fired_rules, "
        "messages, taken_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        screenings,
    )
    conn.executemany(
        "INSERT INTO sessions (id, pack_id, pack_version, routine_id, routine_title, planned_steps, screening_id, "
        "status, started_at, ended_at, stop_reason, soreness_settled, plan_json) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        sessions,
    )
    conn.executemany(
        "INSERT INTO steps (id, session_id, position, exercise_id, exercise_title, region, status, side, set_index, "
        "planned_s, actual_s, planned_reps, actual_reps, pain, note, ended_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        steps,
    )
    screenings.clear()
    sessions.clear()
    steps.clear()


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Run a subprocess; return its wall time (s), its peak memory (MB) and its stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env or os.environ.copy()
    )
    assert process.stdout is not None and process.stderr is not None
    out = process.stdout.read()
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {err.strip()}")
    return elapsed, usage.ru_maxrss / 1024, out


def solecheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "solecheck", *args]


# ---------------------------------------------------------------------- the pane, in a child process


async def _open_home(data_dir: Path) -> float:
    from solecheck.packs.loader import load_pack
    from solecheck.tui.app import build_app
    from solecheck.tui.screens.home import HomeScreen

    pack = load_pack(REPO / "packs" / "thrive-now.foot-first", source="builtin")
    started = time.perf_counter()
    app = build_app(pack, data_dir, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        while not isinstance(app.screen, HomeScreen):
            await pilot.pause()
        await pilot.pause()
        return time.perf_counter() - started


async def _open_history(data_dir: Path) -> float:
    from textual.app import App

    from solecheck.history.store import HistoryStore
    from solecheck.tui.screens.history import HistoryScreen

    class HistoryOnly(App[None]):
        def on_mount(self) -> None:
            self.push_screen(HistoryScreen(HistoryStore.open(data_dir), today=TODAY, utc_offset=timedelta(0)))

    started = time.perf_counter()
    app = HistoryOnly()
    async with app.run_test(size=(100, 32)) as pilot:
        table = app.screen.query_one("#history-table")
        while not isinstance(app.screen, HistoryScreen) or table.row_count == 0:  # type: ignore[attr-defined]
            await pilot.pause(0.001)
            table = app.screen.query_one("#history-table")
        await pilot.pause()
        return time.perf_counter() - started


async def _press_h(data_dir: Path) -> float:
    from solecheck.packs.loader import load_pack
    from solecheck.tui.app import build_app
    from solecheck.tui.screens.history import HistoryScreen

    pack = load_pack(REPO / "packs" / "thrive-now.foot-first", source="builtin")
    app = build_app(pack, data_dir, today=lambda: TODAY)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        started = time.perf_counter()
        await pilot.press("h")
        while not isinstance(app.screen, HistoryScreen) or app.screen.query_one("#history-table").row_count == 0:  # type: ignore[attr-defined]
            await pilot.pause(0.001)
        await pilot.pause()
        return time.perf_counter() - started


def pane_child(mode: str, home_dir: Path, data_dir: Path, runs: int) -> None:
    """Time the openings ``runs`` times each, interleaved so a busy machine slows them alike, after a
    warm-up (imports, CSS, SQLite page cache); print the times as JSON. ``memory`` opens the pane once."""
    if mode == "memory":
        asyncio.run(_open_history(data_dir))
        print("{}")
        return
    measures = {"home": (_open_home, home_dir), "history": (_open_history, data_dir), "press-h": (_press_h, data_dir)}
    times: dict[str, list[float]] = {name: [] for name in measures}
    for measure, folder in measures.values():
        asyncio.run(measure(folder))
    for _ in range(runs):
        for name, (measure, folder) in measures.items():
            times[name].append(asyncio.run(measure(folder)))
    print(json.dumps(times))


# ---------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/solecheck-history-bench"))
    parser.add_argument("--rebuild", action="store_true", help="build the store again even if it exists")
    parser.add_argument("--pane-child", choices=("timing", "memory"), help=argparse.SUPPRESS)
    parser.add_argument("--home-dir", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--data-dir", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.pane_child:
        pane_child(args.pane_child, args.home_dir, args.data_dir, args.runs)
        return

    work = args.workdir
    big = work / "big"
    if args.rebuild or not (big / "history.sqlite3").exists():
        shutil.rmtree(work, ignore_errors=True)
        seconds = build_store(big, args.sessions)
        print(f"built {args.sessions:,} sessions / {args.sessions * STEPS_PER_SESSION:,} steps in {seconds:.1f} s")
    size_mb = (big / "history.sqlite3").stat().st_size / 1e6
    print(f"store: {big / 'history.sqlite3'} ({size_mb:.0f} MB)")
    env = {**os.environ, "SOLECHECK_DATA_DIR": str(big), "TZ": "UTC"}
    results: dict[str, tuple[list[float], list[float]]] = {}

    def record(name: str, command: list[str], runs: int, before: object = None) -> None:
        times, peaks = [], []
        for _ in range(runs):
            if callable(before):
                before()
            elapsed, peak, _ = timed(command, env)
            times.append(elapsed)
            peaks.append(peak)
        results[name] = (times, peaks)

    export = work / "export.json"
    export.unlink(missing_ok=True)
    record("history --limit 50", solecheck("history", "--limit", "50", "--data-dir", str(big)), args.runs)
    record(
        "export json",
        solecheck("history", "export", "--format", "json", "-o", str(export), "--data-dir", str(big)),
        max(3, args.runs // 2),
    )
    fresh = work / "fresh"
    record(
        "import json",
        solecheck("history", "import", str(export), "--data-dir", str(fresh)),
        max(3, args.runs // 2),
        before=lambda: shutil.rmtree(fresh, ignore_errors=True),
    )
    empty = work / "empty"
    shutil.rmtree(empty, ignore_errors=True)
    child = [sys.executable, __file__, "--home-dir", str(empty), "--data-dir", str(big), "--runs", str(args.runs)]
    _, pane_peak, out = timed([*child, "--pane-child", "timing"], env)
    pane_times: dict[str, list[float]] = json.loads(out)
    _, history_peak, _ = timed([*child, "--pane-child", "memory"], env)
    pane = {name: statistics.median(values) for name, values in pane_times.items()}

    print()
    print(f"{'measure':<34}{'median':>10}{'peak RSS':>12}   (runs)")
    for name, (times, peaks) in results.items():
        print(f"{name:<34}{statistics.median(times):>9.3f}s{max(peaks):>9.0f} MB   ({len(times)})")
    labels = {
        "home": "app start -> home (empty store)",
        "history": "app start -> history pane drawn",
        "press-h": "h on home -> history pane drawn",
    }
    for mode, median in pane.items():
        print(f"{labels[mode]:<34}{median:>9.3f}s{'':>12}   ({args.runs}, interleaved)")
    print(f"{'peak RSS, app on the history pane':<34}{'':>10}{history_peak:>9.0f} MB")
    ratio = pane["history"] / pane["home"]
    print()
    print(f"history pane / home screen: {ratio:.2f}x (target <= 1.5x)")
    print(f"history --limit 50: {statistics.median(results['history --limit 50'][0]):.3f} s (target < 0.5 s)")
    worst = max(max(peaks) for _, peaks in results.values())
    worst = max(worst, history_peak, pane_peak)
    print(f"highest peak memory: {worst:.0f} MB (target < 200 MB)")


if __name__ == "__main__":
    main()
