"""Big packs: load and fully validate a generated pack of 1,000 exercises, 200 questions, 300 rules and
50 routines, against tomllib alone parsing the same files; and the same pack through
``solecheck pack validate`` as a fresh process.

    python benchmarks/packs.py [--runs 7] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

import tomli_w

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from solecheck.packs.loader import check_pack
from solecheck.packs.models import REGION_ORDER

BUILTIN = Path(__file__).resolve().parents[1] / "packs" / "thrive-now.foot-first"


def generate(root: Path, exercises: int = 1000, questions: int = 200, rules: int = 300, routines: int = 50) -> Path:
    """Write a valid pack of the given size into ``root`` (copying the built-in manifest and clinic)."""
    root.mkdir(parents=True, exist_ok=True)
    for name in ("pack.toml", "clinic.toml", "education.toml", "session.toml"):
        (root / name).write_text((BUILTIN / name).read_text())
    items = []
    for i in range(exercises):
        region = REGION_ORDER[i * len(REGION_ORDER) // exercises]
        items.append(
            {
                "id": f"ex-{i:04d}",
                "title": f"Exercise {i}",
                "region": region,
                "equipment": ["A chair"],
                "sides": "both" if i % 2 else "none",
                "steps": [f"Step one of exercise {i}.", "Step two.", "Step three."],
                "cues": ["Breathe slowly."],
                "cautions": ["Stop if it hurts."] if region != "foot_sole" else ["Avoid the heel bone."],
                "dose": {"duration_s": 30, "sets": 2, "rest_s": 10} if i % 3 else {"reps": 10},
                "tags": [f"tag-{i % 10}"],
                "pain_check": i % 5 == 0,
            }
        )
    (root / "exercises.toml").write_text(tomli_w.dumps({"exercises": items}))
    qs = []
    for i in range(questions):
        kind = ("yes_no", "choice", "scale")[i % 3]
        q: dict[str, object] = {"id": f"q-{i:03d}", "kind": kind, "text": f"Question number {i}?", "help": "Some help."}
        if kind == "choice":
            q["options"] = [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}, {"id": "c", "label": "C"}]
        if i and i % 7 == 0:
            q["show_if"] = [{"question": "q-000", "equals": True}]
        qs.append(q)
    rs = []
    for i in range(rules):
        target = qs[i % questions]
        kind = target["kind"]
        condition: dict[str, object] = {"question": target["id"]}
        if kind == "yes_no":
            condition["equals"] = True
        elif kind == "choice":
            condition["one_of"] = ["b", "c"]
        else:
            condition["at_least"] = 1 + i % 9
        rule: dict[str, object] = {"id": f"r-{i:03d}", "when": [condition], "message": f"Rule {i} fired."}
        if i % 3 == 0:
            rule["outcome"] = "stop"
        elif i % 3 == 1:
            rule |= {"outcome": "modify", "skip_tags": [f"tag-{i % 10}"], "skip_exercises": [f"ex-{i:04d}"]}
        else:
            rule["outcome"] = "proceed"
        rs.append(rule)
    (root / "screening.toml").write_text(tomli_w.dumps({"valid_for_days": 7, "questions": qs, "rules": rs}))
    rts = []
    per = exercises // routines
    for i in range(routines):
        steps = [{"exercise": f"ex-{j:04d}"} for j in range(0, exercises, max(1, per // 2))][: 20 + i % 10]
        steps.sort(key=lambda s: s["exercise"])
        rts.append({"id": f"routine-{i:02d}", "title": f"Routine {i}", "steps": steps})
    (root / "routines.toml").write_text(tomli_w.dumps({"routines": rts}))
    manifest = (
        (root / "pack.toml").read_text().replace('default_routine = "foot-to-spine"', 'default_routine = "routine-00"')
    )
    (root / "pack.toml").write_text(manifest)
    return root


def parse_only(root: Path) -> None:
    for path in sorted(root.glob("*.toml")):
        tomllib.loads(path.read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="write the generated pack here and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(args.keep or Path(tmp) / "big")
        pack, diagnostics = check_pack(root)  # also builds pydantic's validators once
        assert pack is not None and not diagnostics, diagnostics[:3]
        parse, full, cli = [], [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            parse_only(root)
            parse.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_pack(root)
            full.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "solecheck", "pack", "validate", str(root)], check=True, capture_output=True
            )
            cli.append(time.perf_counter() - start)
    p, f, c = (statistics.median(x) for x in (parse, full, cli))
    print(f"pack: 1,000 exercises, 200 questions, 300 rules, 50 routines; {args.runs} runs, medians")
    print(f"tomllib parse only:             {p * 1000:8.1f} ms")
    print(f"load + full validation:         {f * 1000:8.1f} ms   ratio {f / p:.2f}x (target <= 3x)")
    print(f"solecheck pack validate (proc): {c * 1000:8.1f} ms   (target < 1000 ms)")


if __name__ == "__main__":
    main()
