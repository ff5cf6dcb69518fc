"""The JSON Schema of the pack format: draft-07, complete, committed, and in step with the models."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from solecheck.packs import schema
from solecheck.packs.models import OPTIONAL_FILES, PACK_FILES
from tests.conftest import BUILTIN_PACK, REPO

COMMITTED = REPO / "docs" / "schema"
REGENERATE = "python -m solecheck pack schema --write docs/schema"


def refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for value in node.values() for r in refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in refs(item)]
    return []


def keys(node: Any) -> set[str]:
    if isinstance(node, dict):
        return set(node) | {k for value in node.values() for k in keys(value)}
    if isinstance(node, list):
        return {k for item in node for k in keys(item)}
    return set()


def test_committed_schemas_match_the_models() -> None:
    for relative, text in schema.schema_files().items():
        path = COMMITTED / relative
        assert path.is_file(), f"{path} is missing; regenerate with: {REGENERATE}"
        assert path.read_text(encoding="utf-8") == text, (
            f"{path} no longer matches the pack models; regenerate with: {REGENERATE}"
        )
    expected = {COMMITTED / relative for relative in schema.schema_files()}
    assert set(COMMITTED.rglob("*.json")) == expected, f"stray schema files; regenerate with: {REGENERATE}"


def test_every_pack_file_has_a_schema() -> None:
    assert tuple(PACK_FILES) == schema.PACK_FILE_NAMES
    assert set(schema.schema_files()) == {"pack-v1.schema.json", "v1/translation.schema.json"} | {
        f"v1/{Path(name).stem}.schema.json" for name in PACK_FILES
    }


@pytest.mark.parametrize("document", [schema.pack_schema(), *map(schema.file_schema, PACK_FILES)])
def test_schemas_are_draft_07(document: dict[str, Any]) -> None:
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "$defs" not in keys(document)
    for ref in refs(document):
        assert ref.startswith("#/definitions/")
        assert ref.removeprefix("#/definitions/") in document["definitions"]


def test_refs_have_no_sibling_keywords() -> None:
    def check(node: Any) -> None:
        if isinstance(node, dict):
            assert "$ref" not in node or len(node) == 1, node
            for value in node.values():
                check(value)
        elif isinstance(node, list):
            for item in node:
                check(item)

    check(schema.pack_schema())


def test_whole_pack_schema_lists_every_file() -> None:
    document = schema.pack_schema()
    assert list(document["properties"]) == list(PACK_FILES)
    assert set(document["required"]) == set(PACK_FILES) - OPTIONAL_FILES
    assert document["additionalProperties"] is False


def test_file_schema_carries_the_format_rules() -> None:
    exercises = schema.file_schema("exercises.toml")
    exercise = exercises["definitions"]["Exercise"]
    assert exercise["additionalProperties"] is False
    assert exercise["properties"]["region"]["enum"][0] == "foot_sole"
    dose = exercises["definitions"]["Dose"]["properties"]["duration_s"]
    assert {"type": "integer", "exclusiveMinimum": 0, "maximum": 3600}.items() <= dose["anyOf"][0].items()
    manifest = schema.file_schema("pack.toml")
    assert manifest["properties"]["format"]["minimum"] == 1
    assert manifest["title"] == "pack.toml (solecheck pack format 1)"


def test_unknown_file_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        schema.file_schema("notes.toml")


def test_write_schemas(tmp_path: Path) -> None:
    written = schema.write_schemas(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(schema.schema_files())
    json.loads((tmp_path / "pack-v1.schema.json").read_text(encoding="utf-8"))


def test_builtin_pack_is_valid_against_the_schema() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    whole = {}
    for name in PACK_FILES:
        data = tomllib.loads((BUILTIN_PACK / name).read_text(encoding="utf-8"))
        whole[name] = data
        file_schema = schema.file_schema(name)
        jsonschema.Draft7Validator.check_schema(file_schema)
        assert list(jsonschema.Draft7Validator(file_schema).iter_errors(data)) == [], name
    translation_schema = schema.file_schema(schema.TRANSLATION_FILE)
    for path in sorted((BUILTIN_PACK / "translations").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        whole[f"translations/{path.name}"] = data
        assert list(jsonschema.Draft7Validator(translation_schema).iter_errors(data)) == [], path.name
    assert list(jsonschema.Draft7Validator(schema.pack_schema()).iter_errors(whole)) == []
    whole["translations/french.toml"] = {}
    assert list(jsonschema.Draft7Validator(schema.pack_schema()).iter_errors(whole)) != []


def test_schema_catches_a_typo_and_a_bad_value() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = tomllib.loads((BUILTIN_PACK / "exercises.toml").read_text(encoding="utf-8"))
    data["exercises"][0]["dose"] = {"duraton_s": 60}
    data["exercises"][1]["region"] = "calves"
    messages = [e.message for e in jsonschema.Draft7Validator(schema.file_schema("exercises.toml")).iter_errors(data)]
    assert any("duraton_s" in m for m in messages)
    assert any("calves" in m for m in messages)


def _taplo() -> str | None:
    beside_python = Path(sys.executable).parent / "taplo"
    return shutil.which("taplo") or (str(beside_python) if beside_python.exists() else None)


@pytest.mark.slow
@pytest.mark.skipif(_taplo() is None, reason="taplo is not installed (pip install taplo)")
def test_taplo_checks_pack_files_with_the_committed_schemas(tmp_path: Path) -> None:
    taplo = _taplo()
    assert taplo is not None

    def check(file: Path, name: str) -> subprocess.CompletedProcess[str]:
        url = (COMMITTED / schema.file_schema_filename(name)).resolve().as_uri()
        command = [taplo, "check", "--no-auto-config", "--colors", "never", "--schema", url, str(file)]
        return subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)

    for name in PACK_FILES:
        result = check(BUILTIN_PACK / name, name)
        assert result.returncode == 0, f"{name}: {result.stderr}"
    typo = tmp_path / "exercises.toml"
    typo.write_text((BUILTIN_PACK / "exercises.toml").read_text(encoding="utf-8").replace("\nsides =", "\nsidez =", 1))
    rejected = check(typo, "exercises.toml")
    assert rejected.returncode != 0
    # The diagnostic itself, not taplo's closing "schema validation failed" log line: taplo writes
    # its log on a background thread and drops that last line now and then (2 runs in 30 here).
    assert "'sidez' was unexpected" in rejected.stderr


def descriptions(node: Any) -> list[str]:
    if isinstance(node, dict):
        own = [node["description"]] if isinstance(node.get("description"), str) else []
        return own + [d for value in node.values() for d in descriptions(value)]
    if isinstance(node, list):
        return [d for item in node for d in descriptions(item)]
    return []


def test_the_schema_speaks_to_authors_not_developers() -> None:
    document = schema.pack_schema()
    texts = descriptions(document)
    assert texts and not [t for t in texts if "``" in t or ":mod:" in t or ":class:" in t or " model" in t.lower()]
    definitions = document["definitions"]
    assert set(definitions) <= set(schema.AUTHOR_WORDS), "give new models author words in schema.AUTHOR_WORDS"
    assert definitions["DoseOverride"]["title"] == "Dose change"
    assert definitions["ExercisesFile"]["title"] == "exercises.toml"
    for body in definitions.values():
        assert all("title" not in field for field in body.get("properties", {}).values()), body["title"]
