"""Import says what it met: a record over the per-record limit by that name, a CSV export as a CSV
export; a JSON export with a byte order mark still imports."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from solecheck.history import json_stream
from solecheck.history.store import HistoryStore
from solecheck.history.transfer import ImportRefused, export_csv, export_json, import_json
from tests.history.records_factory import session, step


@pytest.fixture
def exported(store: HistoryStore, tmp_path: Path) -> tuple[Path, Path]:
    record = session()
    store.start_session(record)
    store.record_step(step(record.id, 0, note="n" * 100_000))
    json_out, csv_out = io.StringIO(), io.StringIO()
    export_json(store, json_out)
    export_csv(store, csv_out)
    json_file, csv_file = tmp_path / "export.json", tmp_path / "export.csv"
    json_file.write_text(json_out.getvalue(), encoding="utf-8")
    csv_file.write_text(csv_out.getvalue(), encoding="utf-8-sig")  # as the CLI writes it
    return json_file, csv_file


def test_a_record_over_the_per_record_limit_is_named_as_such(
    exported: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(json_stream, "MAX_VALUE", 2000)
    with HistoryStore.open(tmp_path / "other") as target:
        with pytest.raises(ImportRefused, match="larger than the per-record limit") as raised:
            import_json(target, exported[0])
        assert "not valid JSON" not in str(raised.value) and "nothing was imported" in str(raised.value)
        assert target.count_all()["steps"] == 0


def test_a_csv_export_is_named_as_csv(exported: tuple[Path, Path], tmp_path: Path) -> None:
    with (
        HistoryStore.open(tmp_path / "other") as target,
        pytest.raises(ImportRefused, match="is a CSV export; import reads JSON exports"),
    ):
        import_json(target, exported[1])


def test_a_json_export_with_a_byte_order_mark_imports(exported: tuple[Path, Path], tmp_path: Path) -> None:
    with_bom = tmp_path / "bom.json"
    with_bom.write_text(exported[0].read_text(encoding="utf-8"), encoding="utf-8-sig")
    with HistoryStore.open(tmp_path / "other") as target:
        report = import_json(target, with_bom)
        assert report.added["steps"] == 1
