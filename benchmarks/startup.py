"""Start-up time: solecheck until its home screen has mounted, against a bare Textual app.

Each run is a fresh process (headless, exiting right after the first screen mounts). Prints the
median of several runs of each, interleaved so machine noise hits both alike, and their ratio.

    python benchmarks/startup.py [--runs 9]
"""

from __future__ import annotations

import argparse
import os
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
_mount = HomeScreen.on_mount
def on_mount(self):
    _mount(self)
    self.app.call_after_refresh(self.app.exit)
HomeScreen.on_mount = on_mount

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
        timed(SOLECHECK, data)  # warm the file cache and any validation cache
        timed(BARE)
        bare, ours = [], []
        for _ in range(args.runs):
            bare.append(timed(BARE, label="bare"))
            ours.append(timed(SOLECHECK, data, label="solecheck"))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"runs: {args.runs} each, interleaved")
    print(f"bare Textual app (one Static):  median {b * 1000:7.1f} ms  (min {min(bare) * 1000:.1f})")
    print(f"solecheck home screen:          median {o * 1000:7.1f} ms  (min {min(ours) * 1000:.1f})")
    print(f"ratio solecheck / bare:         {o / b:.2f}x  (target <= 1.30x)")
    print(f"peak RSS: bare {PEAK_RSS_MB['bare']:.0f} MB, solecheck home screen {PEAK_RSS_MB['solecheck']:.0f} MB")


if __name__ == "__main__":
    main()
