"""Start-up time: solecheck until its home screen has mounted, against a bare Textual app.

Each run is a fresh process (headless, exiting right after the first screen mounts). Prints the
median of several runs of each, interleaved so machine noise hits both alike, and their ratio.

Three solecheck figures: the usual start (the pack unchanged since the last start, so the first frame
is drawn from the start snapshot), the same start until the pack itself has loaded in the background
and the home screen's status lines are filled (ready for anything), and a start with no snapshot (the
first start after installing or changing a pack), exiting at its first frame.

    python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
from textual.app import App
from textual.widgets import Static

class Bare(App[None]):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Bare().run(headless=True)
"""

SOLECHECK = """
import sys
from textual.app import App
from solecheck.tui.screens.home import HomeScreen

_run = App.run
App.run = lambda self, **kw: _run(self, headless=True)
# Headless on purpose: the terminal check runs (its cost counts) but its verdict is set aside.
import solecheck.cli.terminal as _terminal
_refusal = _terminal.full_screen_refusal
_terminal.full_screen_refusal = lambda environ: (_refusal(environ), None)[1]
_mount = HomeScreen.on_mount
def on_mount(self):
    _mount(self)
    self.app.call_after_refresh(self.app.exit)
HomeScreen.on_mount = on_mount

from solecheck.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""

SOLECHECK_READY = """
import sys
from textual.app import App
from solecheck.tui.app import SolecheckApp
from solecheck.tui.screens.home import HomeScreen

_run = App.run
App.run = lambda self, **kw: _run(self, headless=True)
# Headless on purpose: the terminal check runs (its cost counts) but its verdict is set aside.
import solecheck.cli.terminal as _terminal
_refusal = _terminal.full_screen_refusal
_terminal.full_screen_refusal = lambda environ: (_refusal(environ), None)[1]
_status = HomeScreen.refresh_status
def refresh_status(self):
    _status(self)
    self.app.call_after_refresh(self.app.exit)
HomeScreen.refresh_status = refresh_status

from solecheck.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


PEAK_RSS_MB: dict[str, float] = {}


def timed(code: str, *args: str, label: str = "") -> float:
    """Wall time of one fresh process running ``code``; its peak RSS is kept under ``label``."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the {label or 'benchmark'} process failed: {process.stderr.read().decode()[-2000:]}")
    process.returncode = 0
    if label:
        PEAK_RSS_MB[label] = max(PEAK_RSS_MB.get(label, 0.0), usage.ru_maxrss / 1024)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        timed(SOLECHECK, data)  # warm the file cache, the validation cache and the start snapshot
        timed(BARE)
        bare, ours, ready, cold = [], [], [], []
        for _ in range(args.runs):
            bare.append(timed(BARE, label="bare"))
            ours.append(timed(SOLECHECK, data, label="solecheck"))
            ready.append(timed(SOLECHECK_READY, data, label="ready"))
            shutil.rmtree(os.path.join(data, "cache", "start"), ignore_errors=True)
            cold.append(timed(SOLECHECK, data, label="cold"))
    b = statistics.median(bare)
    print(f"runs: {args.runs} each, interleaved")
    print(f"bare Textual app (one Static):          median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    for label, runs in (
        ("solecheck home screen", ours),
        ("  until the pack has loaded (ready)", ready),
        ("  with no start snapshot (first start)", cold),
    ):
        m = statistics.median(runs)
        print(f"{label + ':':<40}median {m * 1000:7.1f} ms  (min {min(runs) * 1000:.1f})  {m / b:.2f}x")
    print("target: solecheck home screen <= 1.30x the bare app")
    print(
        f"peak RSS: bare {PEAK_RSS_MB['bare']:.0f} MB, home screen {PEAK_RSS_MB['solecheck']:.0f} MB, "
        f"ready {PEAK_RSS_MB['ready']:.0f} MB, first start {PEAK_RSS_MB['cold']:.0f} MB"
    )

if __name__ == "__main__":
    main()
