"""How long the printable handout of the built-in pack takes (target: under 1 s), as medians.

Two figures: the whole ``solecheck handout`` command as a person runs it (a new Python process: imports,
the pack from its cache, fpdf2, the fonts, the PDF written), and the PDF alone in a warm process
(``handout_pdf`` on a loaded pack), so a regression shows in the part it is in.

    python benchmarks/handout.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def command_seconds(folder: Path) -> float:
    target = folder / "handout.pdf"
    target.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "solecheck", "handout", "-o", str(target)], check=True, capture_output=True, cwd=folder
    )
    return time.perf_counter() - started


def pdf_seconds() -> float:
    from solecheck.packs.loader import load_pack
    from solecheck.printout.handout import handout_pdf

    pack = load_pack(REPO / "packs" / "thrive-now.foot-first")
    started = time.perf_counter()
    handout_pdf(pack, pack.routines, None, pack.manifest.language)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="solecheck-handout-") as scratch:
        folder = Path(scratch)
        os.environ["SOLECHECK_DATA_DIR"] = str(folder / "data")
        os.environ["SOLECHECK_CONFIG_DIR"] = str(folder / "config")
        command_seconds(folder)  # the first run fills the pack cache, as a person's first start does
        commands = [command_seconds(folder) for _ in range(args.runs)]
        pdf_seconds()
        pdfs = [pdf_seconds() for _ in range(args.runs)]
    print(f"solecheck handout (new process), median of {args.runs}: {statistics.median(commands) * 1000:.0f} ms")
    print(f"handout_pdf alone (warm), median of {args.runs}:        {statistics.median(pdfs) * 1000:.0f} ms")
    print("target: under 1000 ms")


if __name__ == "__main__":
    main()
