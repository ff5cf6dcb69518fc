"""JSON and CSV export, JSON import: round trip, idempotence, and malformed files refused whole."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from solecheck.history.export_format import FORMAT_NAME, FORMAT_VERSION
from solecheck.history.store import HistoryStore
from solecheck.history.transfer import CSV_COLUMNS, ImportRefused, export_csv, export_json, import_json
from tests.history.records_factory import T0, screening, session, step

DIGEST = "3f9a0c2b71de" + "0" * 52


def _seed(store: HistoryStore) -> None:
    taken = screening()
    store.record_screening(taken)
    store.record_screening(
        screening(outcome="proceed", answers={}, fired_rules=(), messages=(), taken_at=T0 + timedelta(days=20))
    )
    for day in range(3):
        record = session(
            started_at=T0 + timedelta(days=day),
            screening_id=taken.id,
            soreness_settled=(None, True, False)[day],
            plan_json='{"steps": ["a", "b"]}',
            routine_title="Evening [b]feet[/b]",
            pack_digest=DIGEST,
        )
        store.start_session(record)
        store.record_step(step(record.id, 0, pain=day + 2, side="left", note="=1+1 ünïcode"))
        store.record_step(step(record.id, 1, status="skipped", actual_s=None, planned_s=None, planned_reps=10))
        if day < 2:
            store.finish_session(record.id, "stopped_pain", ended_at=record.started_at + timedelta(minutes=9),
                                 stop_reason="pain 7")
    store.start_session(session(started_at=T0 + timedelta(days=9), planned_steps=0))  # no steps at all


def _export(store: HistoryStore) -> str:
    out = io.StringIO()
    export_json(store, out, exported_at=T0)
    return out.getvalue()


def _write(tmp_path: Path, document: Any, name: str = "export.json") -> Path:
    target = tmp_path / name
    target.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return target


@pytest.fixture
def exported(store: HistoryStore, tmp_path: Path) -> tuple[str, Path]:
    _seed(store)
    text = _export(store)
    return text, _write(tmp_path, text)


def test_json_export_is_documented_shape(exported: tuple[str, Path]) -> None:
    document = json.loads(exported[0])
    assert document["format"] == FORMAT_NAME
    assert document["format_version"] == FORMAT_VERSION
    assert [len(document[k]) for k in ("screenings", "sessions", "steps")] == [2, 4, 6]
    first_session = document["sessions"][0]
    assert first_session["started_at"] == "2026-03-02T08:00:00.000000+00:00"
    assert first_session["soreness_settled"] is None
    assert document["sessions"][1]["soreness_settled"] is True
    assert document["screenings"][0]["answers"]["diabetes"] is False
    assert [s["pack_digest"] for s in document["sessions"]] == [DIGEST, DIGEST, DIGEST, None]
    # one record per line, so a diff or grep of two exports reads well
    assert sum(line.startswith('    {"id"') for line in exported[0].splitlines()) == 12


def test_empty_store_exports_empty_lists(store: HistoryStore) -> None:
    document = json.loads(_export(store))
    assert (document["screenings"], document["sessions"], document["steps"]) == ([], [], [])


def test_round_trip_into_an_empty_store_is_identical(exported: tuple[str, Path], tmp_path: Path) -> None:
    text, path = exported
    with HistoryStore.open(tmp_path / "other") as other:
        report = import_json(other, path)
        assert report.added == {"screenings": 2, "sessions": 4, "steps": 6}
        assert _export(other) == text


def test_importing_twice_adds_nothing(exported: tuple[str, Path], store: HistoryStore) -> None:
    _, path = exported
    report = import_json(store, path)
    assert report.added == {"screenings": 0, "sessions": 0, "steps": 0}
    assert report.skipped == {"screenings": 2, "sessions": 4, "steps": 6}
    assert "already in the history" in report.summary()
    assert store.count_all() == {"screenings": 2, "sessions": 4, "steps": 6}


def test_import_merges_new_records_into_existing_history(exported: tuple[str, Path], tmp_path: Path) -> None:
    _, path = exported
    with HistoryStore.open(tmp_path / "other") as other:
        mine = session(started_at=T0 - timedelta(days=30))
        other.start_session(mine)
        import_json(other, path)
        assert other.count_all()["sessions"] == 5
        assert other.get_session(mine.id) == mine


def test_records_may_come_in_any_order(exported: tuple[str, Path], tmp_path: Path) -> None:
    document = json.loads(exported[0])
    reordered = {k: document[k] for k in ("format", "format_version", "steps", "sessions", "screenings")}
    path = _write(tmp_path, reordered, "reordered.json")
    with HistoryStore.open(tmp_path / "other") as other:
        assert import_json(other, path).added["steps"] == 6


def _assert_refused(store: HistoryStore, path: Path, *fragments: str) -> str:
    before = store.count_all()
    with pytest.raises(ImportRefused) as caught:
        import_json(store, path)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message
    assert "nothing was imported" in message
    assert store.count_all() == before
    return message


@pytest.mark.parametrize(
    ("section", "index", "field", "value", "expected"),
    [
        ("steps", 5, "pain", 11, "field 'pain': Input should be less than or equal to 10"),
        ("steps", 0, "status", "halfway", "field 'status'"),
        ("steps", 3, "position", "2", "field 'position': Input should be a valid integer"),
        ("sessions", 2, "started_at", "2026-03-02T08:00:00", "field 'started_at': Input should have timezone"),
        ("sessions", 1, "status", None, "field 'status'"),
        ("screenings", 0, "answers", {"q": [1]}, "field 'answers.q"),
        ("steps", 4, "mood", "happy", "field 'mood': Extra inputs are not permitted"),
    ],
)
def test_a_bad_field_refuses_the_whole_file_naming_record_and_field(
    tmp_path: Path, section: str, index: int, field: str, value: Any, expected: str
) -> None:
    with HistoryStore.open(tmp_path / "source") as source:
        _seed(source)
        document = json.loads(_export(source))
    document[section][index][field] = value
    record_id = document[section][index]["id"]
    path = _write(tmp_path, document)
    with HistoryStore.open(tmp_path / "target") as target:
        _assert_refused(target, path, f"{section}[{index}] (id '{record_id}')", expected)
        assert target.count_all() == {"screenings": 0, "sessions": 0, "steps": 0}


def test_a_missing_field_is_named(exported: tuple[str, Path], tmp_path: Path, store: HistoryStore) -> None:
    document = json.loads(exported[0])
    del document["sessions"][3]["routine_id"]
    document["sessions"][3]["id"] = "brand-new"
    _assert_refused(
        store, _write(tmp_path, document), "sessions[3] (id 'brand-new')", "field 'routine_id': Field required"
    )


def test_a_step_of_an_unknown_session_is_refused(tmp_path: Path, store: HistoryStore) -> None:
    document = json.loads(_export(store))
    document["steps"] = [json.loads(json.dumps({
        "id": "s1", "session_id": "nowhere", "position": 0, "exercise_id": "e", "exercise_title": "E",
        "region": "plantar", "status": "done", "ended_at": "2026-03-02T08:00:00+00:00",
    }))]
    _assert_refused(store, _write(tmp_path, document), "steps[0]", "session 'nowhere' is neither in this file")


def test_late_failure_rolls_back_earlier_records(exported: tuple[str, Path], tmp_path: Path) -> None:
    document = json.loads(exported[0])
    document["steps"][-1]["set_index"] = 0
    with HistoryStore.open(tmp_path / "target") as target:
        _assert_refused(target, _write(tmp_path, document), "steps[5]", "field 'set_index'")
        assert target.count_all() == {"screenings": 0, "sessions": 0, "steps": 0}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "not valid JSON"),
        ("[1, 2]", "not valid JSON"),
        ('{"format": "solecheck-history", "format_version": 1, "sessions": [{"id": ', "not valid JSON"),
        ('{"format": "other", "format_version": 1, "sessions": []}', "is this a solecheck history export"),
        ('{"format_version": 1, "sessions": []}', "format: expected"),
        ('{"format": "solecheck-history", "format_version": 99, "steps": []}', "99 is newer"),
        ('{"format": "solecheck-history", "format_version": "1"}', "format_version: must be a whole number"),
        ('{"format": "solecheck-history", "format_version": 1, "extra": 2}', "extra: is not a field"),
        ('{"format": "solecheck-history", "format_version": 1, "steps": {}}', "steps: must be a list"),
        ('{"format": "solecheck-history", "format_version": 1, "steps": [], "steps": []}', "appears twice"),
        ('{"format": "solecheck-history", "format_version": 1} trailing', "unexpected text"),
    ],
)
def test_malformed_documents_are_refused(store: HistoryStore, tmp_path: Path, text: str, expected: str) -> None:
    _assert_refused(store, _write(tmp_path, text), str(tmp_path / "export.json"), expected)


def test_a_file_that_is_not_utf8_is_refused(store: HistoryStore, tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes('{"format": "é"}'.encode("latin-1"))
    _assert_refused(store, path, "is not UTF-8")


def test_a_missing_file_is_refused(store: HistoryStore, tmp_path: Path) -> None:
    _assert_refused(store, tmp_path / "nope.json", "cannot read", "nope.json")


def test_csv_has_one_row_per_step_and_a_row_for_empty_sessions(store: HistoryStore) -> None:
    _seed(store)
    out = io.StringIO()
    assert export_csv(store, out) == 7
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert len(rows) == 7
    first = rows[0]
    assert first["session_started_utc"] == "2026-03-02 08:00:00"
    assert first["session_minutes"] == "9.0"
    assert first["screening_outcome"] == "modify"
    assert first["routine_title"] == "Evening [b]feet[/b]"
    assert first["note"] == "'=1+1 ünïcode"  # a spreadsheet must not run it as a formula
    assert first["pain"] == "2"
    assert rows[1]["step_status"] == "skipped" and rows[1]["actual_seconds"] == "" and rows[1]["planned_reps"] == "10"
    assert rows[2]["soreness_settled"] == "yes"
    empty = rows[-1]
    assert empty["session_status"] == "running" and empty["step_id"] == "" and empty["session_ended_utc"] == ""


def test_backup_file_is_private(store: HistoryStore, tmp_path: Path) -> None:
    _seed(store)
    target = store.backup_to(tmp_path / "b.sqlite3")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    with HistoryStore(target) as copy:
        assert _export(copy) == _export(store)


def test_import_report_reads_naturally() -> None:
    from solecheck.history.transfer import ImportReport, count

    assert (count(1, "steps"), count(0, "steps"), count(2, "screenings")) == ("1 step", "0 steps", "2 screenings")
    report = ImportReport()
    report.added["sessions"] = 1
    report.skipped["steps"] = 1
    assert report.summary() == "added 0 screenings, 1 session, 0 steps; 1 record already in the history"


def test_an_export_without_pack_digests_imports_and_a_malformed_one_is_refused(
    exported: tuple[str, Path], tmp_path: Path
) -> None:
    document = json.loads(exported[0])
    for record in document["sessions"]:
        del record["pack_digest"]
    with HistoryStore.open(tmp_path / "older") as older:
        assert import_json(older, _write(tmp_path, document, "older.json")).added["sessions"] == 4
        assert {s.pack_digest for s in older.session_summaries()} == {None}
    document["sessions"][0]["pack_digest"] = "not a digest"
    with HistoryStore.open(tmp_path / "bad") as bad:
        with pytest.raises(ImportRefused, match="pack_digest"):
            import_json(bad, _write(tmp_path, document, "bad.json"))
        assert bad.count_all()["sessions"] == 0
