"""Responsiveness on ten years of history: the longest time the UI's event loop is blocked while a person
moves through the history list and switches screens (target: never more than 50 ms).

Uses the 100,000-session store that ``benchmarks/history_scale.py`` builds (building it if missing). A
watchdog task on the app's event loop sleeps 2 ms at a time and records how late it wakes: that lateness is
the time the loop was blocked. Pilot-driven; prints the worst and the 99th percentile per phase, as medians
over several runs. Like ``solecheck.cli.launch``, each run freezes the objects made before the app runs
(``gc.freeze()``) and the app manages the cycle collector as it does for a person (``gc_freeze=True``:
full passes once keys pause), so the collector costs what it costs in the real app. A last phase without
keys shows what those passes hold the loop up for, apart from the phases with input.

A first run, before the history, measures pictures (target: no block over 16 ms, one frame): the start
screen's routine picture, the first in the process (textual-image imported, the PNG decoded and scaled in
a worker thread), then the picture hidden and shown again 20 times with the cache emptied (decoded each
time, and drawn).

    python benchmarks/responsiveness.py [--runs 3] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from history_scale import build_store  # noqa: E402

TODAY = date(2036, 1, 1)
IDLE_PHASE = "idle 1.5 s (no keys; collector due)"
"""Not input: the app runs the cycle collector's full passes once keys pause (``long_lived.IdleCollector``),
and this phase shows what such a pass holds the loop up for. Reported apart from the phases with input."""


class Watchdog:
    """Measures event-loop blocking: how late a 2 ms sleep wakes up."""

    def __init__(self) -> None:
        self.lags: dict[str, list[float]] = {}
        self.phase = "start"
        self._task: asyncio.Task[None] | None = None

    async def _run(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.002)
            self.lags.setdefault(self.phase, []).append(time.perf_counter() - before - 0.002)

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run())

    def stop(self) -> None:
        if self._task:
            self._task.cancel()


async def one_run(data_dir: Path) -> dict[str, tuple[float, float]]:
    from solecheck.packs.loader import load_pack
    from solecheck.tui.app import build_app
    from solecheck.tui.screens.history import HistoryScreen

    gc.unfreeze()  # the previous run's app is garbage now: let it go
    gc.collect()
    pack = load_pack(REPO / "packs" / "thrive-now.foot-first", source="builtin")
    app = build_app(pack, data_dir, today=lambda: TODAY, gc_freeze=True)
    gc.freeze()  # as solecheck.cli.launch does before app.run(): start-up objects leave the cycle collector's way
    watchdog = Watchdog()
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        watchdog.start()
        watchdog.phase = "open history (h)"
        await pilot.press("h")
        while not isinstance(app.screen, HistoryScreen) or app.screen.query_one("#history-table").row_count == 0:  # type: ignore[attr-defined]
            await pilot.pause(0.005)
        await pilot.pause(0.2)
        watchdog.phase = "scroll 300 rows (down)"
        for _ in range(300):
            await pilot.press("down")
        await pilot.pause(0.3)
        watchdog.phase = "page down x20"
        for _ in range(20):
            await pilot.press("pagedown")
        await pilot.pause(0.3)
        watchdog.phase = "switch screens (esc, c, esc, h)"
        for key in ("escape", "c", "escape", "h", "escape", "h"):
            await pilot.press(key)
            await pilot.pause(0.05)
        await pilot.pause(0.3)
        watchdog.phase = "open a session x5 (enter, esc)"
        for _ in range(5):
            await pilot.press("down", "enter")
            while app.screen.query_one("#history-switcher").current != "history-detail":  # type: ignore[attr-defined]
                await pilot.pause(0.005)
            await pilot.press("escape")
        await pilot.pause(0.3)
        watchdog.phase = "filter, then clear (f, x)"
        await pilot.press("f", "enter", "down", "enter")  # the routine list opens; the first routine
        await pilot.pause(0.3)
        await pilot.press("escape", "x")
        await pilot.pause(0.3)
        watchdog.phase = IDLE_PHASE
        await pilot.pause(1.5)
        watchdog.stop()
        collector = app.collector
        started = time.perf_counter()
        gc.collect()  # what one of the collector's idle passes holds the loop up for, at this point
        full_pass = time.perf_counter() - started
    results = {phase: (max(lags), statistics.quantiles(lags, n=100)[98] if len(lags) > 2 else max(lags))
               for phase, lags in watchdog.lags.items() if phase != "start"}
    if collector is not None:
        results["(full collector passes: at idle, forced)"] = (collector.idle_passes, collector.forced_passes)
    results["(one full pass at the end, ms)"] = (round(full_pass * 1000, 1),)
    return results


async def picture_run(data_dir: Path) -> dict[str, tuple[float, float]]:
    """The event loop while pictures are shown: the first one (imports and decoding), then 20 decoded again."""
    from solecheck.packs.loader import load_pack
    from solecheck.tui.app import build_app
    from solecheck.tui.pictures import PICTURES
    from solecheck.tui.widgets.picture import PictureView

    pack = load_pack(REPO / "packs" / "thrive-now.foot-first", source="builtin")
    app = build_app(pack, data_dir, today=lambda: TODAY, picture_mode="blocks")
    watchdog = Watchdog()

    async def drawn() -> None:
        view = app.screen.query_one("#routine-picture", PictureView)
        while not [child for child in view.children if "picture" in child.classes and child.display]:
            await asyncio.sleep(0.002)

    async with app.run_test(size=(100, 32)) as pilot:
        watchdog.start()
        watchdog.phase = "first picture (import, decode)"
        await drawn()
        await pilot.pause(0.1)
        watchdog.phase = "20 pictures decoded again"
        view = app.screen.query_one("#routine-picture", PictureView)
        shown = view._shown
        assert shown is not None
        for _ in range(20):
            # Only the picture: no key, no redraw of the routine (whose own cost the history phases measure).
            PICTURES._pictures.clear()
            view.show(None, None)
            view.show(*shown)
            await drawn()
        await pilot.pause(0.1)
        watchdog.stop()
    return {phase: (max(lags), statistics.quantiles(lags, n=100)[98] if len(lags) > 2 else max(lags))
            for phase, lags in watchdog.lags.items() if phase != "start"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/solecheck-history-bench"))
    parser.add_argument("--sessions", type=int, default=100_000)
    args = parser.parse_args()
    data_dir = args.workdir / "big"
    if not (data_dir / "history.sqlite3").exists():
        print(f"building {args.sessions:,} sessions in {data_dir} ...", flush=True)
        build_store(data_dir, args.sessions)
    pictures = asyncio.run(picture_run(args.workdir / "pictures"))  # first in the process: the imports count
    print("event-loop blocking while pictures are shown, one run (target: worst <= 16 ms)")
    for phase, (worst, p99) in pictures.items():
        print(f"  {phase:<38} worst {worst * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms")
    results = [asyncio.run(one_run(data_dir)) for _ in range(args.runs)]
    print(f"event-loop blocking on {args.sessions:,} sessions, medians of {args.runs} runs (target: worst <= 50 ms)")
    for phase in results[0]:
        if phase.startswith("("):
            print(f"  {phase}: {[r[phase] for r in results]} per run")
            continue
        worst = statistics.median(r[phase][0] for r in results) * 1000
        p99 = statistics.median(r[phase][1] for r in results) * 1000
        print(f"  {phase:<38} worst {worst:6.1f} ms   p99 {p99:6.1f} ms")


if __name__ == "__main__":
    main()
