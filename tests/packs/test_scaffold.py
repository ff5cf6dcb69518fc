"""The starter pack: complete, commented, valid without a warning, safe with any value, editor-checkable."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import typing
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from solecheck.packs.loader import check_pack
from solecheck.packs.models import PACK_FILES
from solecheck.packs.scaffold import (
    SCHEMA_FOLDER,
    ScaffoldError,
    StarterValues,
    id_from_folder,
    starter_files,
    toml_string,
    write_starter_pack,
)


def _taplo() -> str | None:
    beside_python = Path(sys.executable).parent / "taplo"
    return shutil.which("taplo") or (str(beside_python) if beside_python.exists() else None)


def _models(model: type[BaseModel]) -> typing.Iterator[type[BaseModel]]:
    yield model
    for info in model.model_fields.values():
        stack = [info.annotation]
        while stack:
            annotation = stack.pop()
            if isinstance(annotation, type) and issubclass(annotation, BaseModel):
                yield from _models(annotation)
            stack.extend(typing.get_args(annotation))


def test_starter_pack_is_valid_without_a_single_warning(tmp_path: Path) -> None:
    written = write_starter_pack(tmp_path / "new", StarterValues())
    pack, diagnostics = check_pack(tmp_path / "new")
    assert diagnostics == []
    assert pack is not None and pack.key == "my-clinic.foot-first@0.1.0"
    assert {p.name for p in written if p.suffix == ".toml"} == set(PACK_FILES)


def test_every_field_of_every_file_is_mentioned_with_comments() -> None:
    files = starter_files(StarterValues())
    for name, model in PACK_FILES.items():
        text = files[name]
        comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
        assert len(comments) >= 5, name
        for owner in _models(model):
            for field in owner.model_fields:
                assert field in text, f"{name} never mentions {owner.__name__}.{field}"


def test_each_file_points_at_its_schema_which_is_written_beside_it(tmp_path: Path) -> None:
    write_starter_pack(tmp_path / "new", StarterValues())
    for name in PACK_FILES:
        first = (tmp_path / "new" / name).read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith(f"#:schema ./{SCHEMA_FOLDER}/")
        schema = tmp_path / "new" / first.removeprefix("#:schema ./")
        assert schema.is_file(), first
        assert "draft-07/schema#" in schema.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "name",
    ['Clinic "Quoted"', "Back\\slash \\n not a newline", "It's [bold]markup[/] 'n' \"\"\" triple", "Ünïcödé 足 ✓"],
)
def test_awkward_values_round_trip(tmp_path: Path, name: str) -> None:
    write_starter_pack(tmp_path / "new", StarterValues(pack_id="a.b", name=name, clinic=name))
    pack, diagnostics = check_pack(tmp_path / "new")
    assert pack is not None, diagnostics
    assert pack.manifest.name == name
    assert pack.clinic.name == name
    assert pack.manifest.authors == [name]


@given(st.text(max_size=40))
def test_toml_string_round_trips_anything(value: str) -> None:
    assert tomllib.loads(f"v = {toml_string(value)}")["v"] == value


@settings(max_examples=25, deadline=None)
@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cf", "Cs", "Zl", "Zp")), min_size=1, max_size=60
    ).filter(lambda s: s.strip() == s and s)
)
def test_any_one_line_name_round_trips(value: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        write_starter_pack(Path(scratch) / "p", StarterValues(name=value, clinic=value))
        pack, diagnostics = check_pack(Path(scratch) / "p")
        assert pack is not None, diagnostics
        assert pack.manifest.name == value and pack.clinic.name == value


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (StarterValues(name="Two\nlines"), "--name 'Two\\nlines' can't be used: it must be a single line"),
        (StarterValues(clinic=""), "--clinic '' can't be used"),
        (StarterValues(pack_id="Not An Id"), "--id 'Not An Id' can't be used: use lowercase letters"),
        (StarterValues(name="x" * 81), "--name"),
    ],
)
def test_values_the_format_rejects_are_refused_before_writing(
    tmp_path: Path, values: StarterValues, message: str
) -> None:
    with pytest.raises(ScaffoldError, match="can't be used") as raised:
        write_starter_pack(tmp_path / "new", values)
    assert message in str(raised.value)
    assert not (tmp_path / "new").exists()


def test_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="not empty"):
        write_starter_pack(folder, StarterValues())
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "keep me"


def test_an_empty_existing_folder_is_fine(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    write_starter_pack(tmp_path / "empty", StarterValues())
    assert (tmp_path / "empty" / "pack.toml").is_file()


def test_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="is a file"):
        write_starter_pack(tmp_path / "file", StarterValues())


def test_id_from_folder() -> None:
    assert id_from_folder(Path("/x/Thrive Now Clinic")) == "thrive-now-clinic.foot-first"
    assert id_from_folder(Path("/x/___")) == "my-clinic.foot-first"


@pytest.mark.slow
@pytest.mark.skipif(_taplo() is None, reason="taplo is not installed (pip install taplo)")
def test_taplo_accepts_the_starter_and_rejects_a_misspelt_key(tmp_path: Path) -> None:
    taplo = _taplo()
    assert taplo is not None
    folder = tmp_path / "new"
    write_starter_pack(folder, StarterValues(name='Quote " and \\ slash'))
    command = [taplo, "check", "--no-auto-config", "--colors", "never", *sorted(PACK_FILES)]
    accepted = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60)
    assert accepted.returncode == 0, accepted.stderr

    exercises = folder / "exercises.toml"
    exercises.write_text(exercises.read_text(encoding="utf-8").replace("\nsides = ", "\nsidez = ", 1), encoding="utf-8")
    rejected = subprocess.run(command, cwd=folder, capture_output=True, text=True, timeout=60)
    assert rejected.returncode != 0
    assert "'sidez' was unexpected" in rejected.stderr
    assert "exercises.toml" in rejected.stderr

    session = folder / "session.toml"
    session.write_text(session.read_text(encoding="utf-8").replace("limit = 5", 'limit = "5"'), encoding="utf-8")
    wrong_type = subprocess.run(
        [taplo, "check", "--no-auto-config", "session.toml"], cwd=folder, capture_output=True, text=True, timeout=60
    )
    assert wrong_type.returncode != 0


def test_the_example_translation_becomes_part_of_the_pack_once_renamed(tmp_path: Path) -> None:
    from solecheck.packs.lint import lint_folder
    from solecheck.packs.translations import in_language

    root = tmp_path / "new"
    write_starter_pack(root, StarterValues())
    example = root / "translations" / "fr.toml.example"
    assert example.is_file() and example.read_text(encoding="utf-8").startswith("#:schema ../.schema/")
    assert (root / example.read_text(encoding="utf-8").splitlines()[0].removeprefix("#:schema ../")).is_file()
    pack, diagnostics = check_pack(root)
    assert pack is not None and pack.translations == {}
    example.rename(root / "translations" / "fr.toml")
    pack, diagnostics = lint_folder(root)
    assert pack is not None and [d for d in diagnostics if d.severity == "error"] == []
    assert in_language(pack, "fr").routine("foot-to-spine").title == "Des pieds au dos"
    untranslated = [d for d in diagnostics if d.file == "translations/fr.toml"]
    assert untranslated and all(d.message.startswith("not translated yet") for d in untranslated)
    assert "exercises.calf-wall-stretch.title" in {d.path for d in untranslated}
