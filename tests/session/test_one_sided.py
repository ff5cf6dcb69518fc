"""One-sided exercises (``sides = "left"`` or ``"right"``) from the pack file to the exported history:
planned on that side only, timed, pain-checked, recorded and exported like any other step, with the
pack's content digest naming the content that ran."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from solecheck.history.store import HistoryStore
from solecheck.history.transfer import export_csv, export_json
from solecheck.packs.archive import build_archive, read_archive
from solecheck.packs.content import content_digest, digest_of_hashes, pack_files
from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.session.plan import build_plan
from solecheck.session.recorder import start_session
from tests.conftest import FakeClock
from tests.packs.pack_copies import copy_builtin


def one_sided_pack(tmp_path: Path) -> Pack:
    """The built-in pack with the sole roll done on the left only and the calf stretch on the right only."""
    root = copy_builtin(tmp_path, "one-sided")
    path = root / "exercises.toml"
    text = path.read_text(encoding="utf-8")
    sided = 'sides = "both"\npain_check = true\n'
    assert text.count(sided) >= 2
    text = text.replace(sided, 'sides = "left"\npain_check = true\n', 1)
    text = text.replace(sided, 'sides = "right"\npain_check = true\n', 1)
    path.write_text(text, encoding="utf-8")
    return load_pack(root)


def test_one_sided_exercises_are_valid_and_described_with_their_side(tmp_path: Path) -> None:
    pack = one_sided_pack(tmp_path)
    assert pack.exercise("sole-ball-roll").sides == "left"
    assert pack.exercise("calf-wall-stretch").dose.describe("right") == "2 × 30 s, right side only, 10 s rest"
    assert pack.exercise("sole-ball-roll").dose.describe("left") == "60 s, left side only"


def test_a_one_sided_exercise_is_planned_on_its_side_only_each_set(tmp_path: Path) -> None:
    pack = one_sided_pack(tmp_path)
    plan = build_plan(pack, pack.routine("foot-to-spine"))
    first = [(s.exercise_id, s.side, s.set_index, s.rest_after_s, s.pain_check) for s in plan.steps[:5]]
    assert first == [
        ("sole-ball-roll", "left", 1, 0, True),
        ("calf-wall-stretch", "right", 1, 10, False),
        ("calf-wall-stretch", "right", 2, 0, True),
        ("hamstring-seated-stretch", "left", 1, 0, False),
        ("hamstring-seated-stretch", "right", 1, 0, False),
    ]
    assert plan.steps[0].describe() == "60 s, left side"
    assert plan.steps[1].describe() == "30 s, right side, set 1 of 2"


def test_one_sided_steps_are_timed_pain_checked_recorded_and_exported(
    tmp_path: Path, data_dir: Path, clock: FakeClock
) -> None:
    pack = one_sided_pack(tmp_path)
    plan = build_plan(pack, pack.routine("foot-to-spine"))
    with HistoryStore.open(data_dir) as store:
        engine, recorder = start_session(store, plan, clock)
        engine.start()
        clock.advance(plan.get_ready_s)
        assert engine.update() == "running" and engine.current == plan.steps[0]
        clock.advance(60)
        assert engine.update() == "pain_check"
        assert engine.record_pain(2) == "ok"
        clock.advance(plan.get_ready_s + 30)
        assert engine.update() == "resting" and engine.index == 2  # the rest before set 2
        clock.advance(10 + plan.get_ready_s + 30)
        assert engine.update() == "pain_check" and engine.current == plan.steps[2]
        assert engine.record_pain(4) == "caution"
        engine.stop("enough for today")
        recorder.finish_from(engine)

        steps = store.steps_of(recorder.session_id)
        assert [(s.exercise_id, s.side, s.set_index, s.actual_s, s.pain) for s in steps] == [
            ("sole-ball-roll", "left", 1, 60, 2),
            ("calf-wall-stretch", "right", 1, 30, None),
            ("calf-wall-stretch", "right", 2, 30, 4),
        ]
        session = store.get_session(recorder.session_id)
        assert session is not None and session.pack_digest == pack.content_digest

        exported = io.StringIO()
        export_json(store, exported)
        rows = io.StringIO()
        export_csv(store, rows)
    document = json.loads(exported.getvalue())
    assert [(s["exercise_id"], s["side"]) for s in document["steps"]] == [
        ("sole-ball-roll", "left"),
        ("calf-wall-stretch", "right"),
        ("calf-wall-stretch", "right"),
    ]
    assert document["sessions"][0]["pack_digest"] == pack.content_digest
    table = list(csv.DictReader(io.StringIO(rows.getvalue())))
    assert [(r["exercise_id"], r["side"], r["pain"]) for r in table] == [
        ("sole-ball-roll", "left", "2"),
        ("calf-wall-stretch", "right", ""),
        ("calf-wall-stretch", "right", "4"),
    ]
    assert {r["pack_digest"] for r in table} == {pack.content_digest}


def test_the_recorded_digest_is_the_archive_manifests(tmp_path: Path) -> None:
    pack = one_sided_pack(tmp_path)
    assert pack.root is not None
    archive, _ = build_archive(pack.root, tmp_path / "out")
    contents = read_archive(archive)
    listed = json.loads(_manifest_text(archive))["files"]
    assert pack.content_digest == content_digest(pack_files(pack.root)) == contents.digest
    assert pack.content_digest == digest_of_hashes({name: entry["sha256"] for name, entry in listed.items()})
    assert len(pack.content_digest) == 64


def _manifest_text(archive: Path) -> str:
    import zipfile

    with zipfile.ZipFile(archive) as opened:
        return opened.read("solepack.json").decode()


def test_a_routine_dose_change_keeps_the_exercise_one_sided(tmp_path: Path) -> None:
    pack = one_sided_pack(tmp_path)
    plan = build_plan(pack, pack.routine("sole-only"))
    assert [(s.side, s.duration_s, s.pain_check) for s in plan.steps] == [("left", 90, True)]
