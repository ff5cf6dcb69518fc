"""Side by side: ``responsiveness.py``'s phases with and without the last round of responsiveness work.

"after" is this tree; "before" switches off, in the same tree, the three changes of that round: every
screen's ``KeyFooter`` goes back to Textual's ``Footer``, ``SessionTable`` empties its render caches on
every restyle as ``DataTable`` does, and Python's collector keeps its own thresholds (no
``IdleCollector``). One run per fresh process, the two interleaved, so that a noisy machine weighs on both
alike; prints medians of the worst block per run (99th percentile in brackets).

    python benchmarks/responsiveness_ab.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

ONE_RUN = r"""
import asyncio, importlib, json, os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import responsiveness
if os.environ.get("SOLECHECK_AB") == "before":
    from textual.widgets import DataTable, Footer
    from solecheck.tui import long_lived
    from solecheck.tui.widgets.session_table import SessionTable
    for name in ("clinic", "history", "home", "learn", "pack_picker", "wizard"):
        importlib.import_module(f"solecheck.tui.screens.{name}").KeyFooter = Footer
    SessionTable.notify_style_update = DataTable.notify_style_update
    SessionTable.render_lines = DataTable.render_lines
    long_lived.IdleCollector.install = lambda self: None
print(json.dumps(asyncio.run(responsiveness.one_run(Path(sys.argv[2])))))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/solecheck-history-bench"))
    args = parser.parse_args()
    data_dir = args.workdir / "big"
    if not (data_dir / "history.sqlite3").exists():
        sys.exit(f"no store in {data_dir}: run benchmarks/responsiveness.py (or history_scale.py) first")
    runs: dict[str, list[dict[str, list[float]]]] = {"before": [], "after": []}
    for _ in range(args.runs):
        for label in runs:
            env = dict(os.environ, SOLECHECK_AB=label)
            command = [sys.executable, "-c", ONE_RUN, str(HERE), str(data_dir)]
            output = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
            runs[label].append(json.loads(output.strip().splitlines()[-1]))
    print(f"worst block (p99) per phase, medians of {args.runs} interleaved runs: before -> after")
    for phase in runs["after"][0]:
        if phase.startswith("("):
            continue
        before, after = ([r[phase] for r in runs[label]] for label in ("before", "after"))
        b, bp = (statistics.median(r[i] for r in before) * 1000 for i in (0, 1))
        a, ap = (statistics.median(r[i] for r in after) * 1000 for i in (0, 1))
        largest = max(r[0] for r in after) * 1000
        print(f"  {phase:<38} {b:6.1f} ({bp:4.1f}) -> {a:6.1f} ({ap:4.1f}) ms   largest after {largest:5.1f} ms")


if __name__ == "__main__":
    main()
