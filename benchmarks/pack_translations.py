"""Big packs in several languages: the generated pack of ``benchmarks/packs.py`` (1,000 exercises, 200
questions, 300 rules, 50 routines) with a complete translation into one more language, measured as medians:

* ``load + validation`` of the pack with its translation, against the same pack without it;
* ``in_language`` the first time (the overlay is built) and again (it is kept on the pack);
* ``pack_texts`` and ``untranslated`` (what ``pack lint`` lists).

    python benchmarks/pack_translations.py [--runs 7]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from packs import generate  # the big pack of benchmarks/packs.py
from solecheck.packs.loader import check_pack
from solecheck.packs.translations import in_language, pack_texts, untranslated


def translate(texts: dict[tuple[str, ...], Any]) -> dict[str, Any]:
    """A translation file's table for every text: each string marked ``[fr]``, lists item for item."""
    document: dict[str, Any] = {}
    for key, value in texts.items():
        table = document
        for part in key[:-1]:
            table = table.setdefault(part, {})
        table[key[-1]] = f"[fr] {value}" if isinstance(value, str) else [f"[fr] {item}" for item in value]
    return document


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        plain = generate(Path(tmp) / "plain")
        pack, diagnostics = check_pack(plain)
        assert pack is not None and not diagnostics, diagnostics[:3]
        translated = Path(tmp) / "translated"
        shutil.copytree(plain, translated)
        (translated / "translations").mkdir()
        texts = pack_texts(pack)
        (translated / "translations" / "fr.toml").write_text(tomli_w.dumps(translate(texts)), encoding="utf-8")
        pack, diagnostics = check_pack(translated)
        assert pack is not None and not diagnostics, diagnostics[:3]

        load_plain, load_translated, first, again, listing, missing = [], [], [], [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            check_pack(plain)
            load_plain.append(time.perf_counter() - start)
            start = time.perf_counter()
            fresh, _diagnostics = check_pack(translated)
            load_translated.append(time.perf_counter() - start)
            assert fresh is not None
            start = time.perf_counter()
            french = in_language(fresh, "fr-CA")
            first.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert in_language(fresh, "fr") is french
            again.append(time.perf_counter() - start)
            start = time.perf_counter()
            pack_texts(fresh)
            listing.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert untranslated(fresh) == {"fr": []}
            missing.append(time.perf_counter() - start)
        assert french.exercise("ex-0001").title == "[fr] Exercise 1"
    print(f"pack: 1,000 exercises, 200 questions, 300 rules, 50 routines; {len(texts):,} texts; {args.runs} runs")
    print(f"load + validation, no translation:   {median_ms(load_plain):8.1f} ms")
    print(
        f"load + validation, with fr.toml:     {median_ms(load_translated):8.1f} ms   "
        f"ratio {statistics.median(load_translated) / statistics.median(load_plain):.2f}x"
    )
    print(f"in_language, first (overlay built): {median_ms(first):8.1f} ms   (target < 100 ms)")
    print(f"in_language, again (kept):          {median_ms(again) * 1000:8.1f} µs")
    print(f"pack_texts:                         {median_ms(listing):8.1f} ms")
    print(f"untranslated (pack lint's list):    {median_ms(missing):8.1f} ms")


if __name__ == "__main__":
    main()
