"""Loading packs: every kind of error is collected and located (file, line, key path), nothing raises.

Broken packs are made from a copy of the built-in pack by one small text edit, so each fixture shows
exactly the mistake it is about."""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solecheck.packs import loader
from solecheck.packs.diagnostics import Diagnostic, PackError, format_diagnostic
from solecheck.packs.loader import check_pack, load_pack
from solecheck.packs.models import PACK_FILES
from tests.conftest import BUILTIN_PACK
from tests.packs.pack_copies import append, at, copy_builtin, edit, errors, line_number, line_text, warnings


def broken(tmp_path: Path, file: str, old: str, new: str) -> tuple[Path, Diagnostic]:
    """The built-in pack with one edit, and its one error."""
    root = copy_builtin(tmp_path)
    edit(root, file, old, new)
    pack, diagnostics = check_pack(root)
    assert pack is None
    assert len(diagnostics) == 1, [str(d) for d in diagnostics]
    return root, diagnostics[0]


# --- the built-in pack -------------------------------------------------------------------------------


def test_builtin_pack_has_no_diagnostics_at_all() -> None:
    pack, diagnostics = check_pack(BUILTIN_PACK, source="builtin")
    assert diagnostics == []
    assert pack is not None
    assert pack.source == "builtin"
    assert pack.key == "thrive-now.foot-first@1.1.0"
    assert {r.id for r in pack.routines} >= {"foot-to-spine", "sole-only"}


def test_pack_toml_path_means_its_folder() -> None:
    pack, diagnostics = check_pack(BUILTIN_PACK / "pack.toml")
    assert pack is not None and diagnostics == []


def test_optional_files_take_their_defaults(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "session.toml").unlink()
    (root / "education.toml").unlink()
    pack, diagnostics = check_pack(root)
    assert diagnostics == []
    assert pack is not None
    assert pack.education == ()
    assert (pack.session.pain_check.caution_from, pack.session.pain_check.limit) == (4, 5)


# --- one test per kind of error: file, line and key path in the formatted message ---------------------


def test_bound_error_names_file_line_and_path(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }")
    assert found.line == 26 == line_number(root, "exercises.toml", "duration_s = 0")
    assert str(found) == "exercises.toml:26: exercises[0].dose.duration_s: must be greater than 0"


def test_bound_error_deep_in_the_file(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "exercises.toml", "dose = { reps = 8 }", "dose = { reps = -3 }")
    line = line_number(root, "exercises.toml", "reps = -3")
    assert str(found) == f"exercises.toml:{line}: exercises[6].dose.reps: must be greater than 0"


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    root, found = broken(
        tmp_path, "exercises.toml", 'title = "Calf stretch at a wall"', 'title = "Calf stretch at a wall'
    )
    assert found.line == line_number(root, "exercises.toml", 'title = "Calf stretch at a wall')
    assert re.fullmatch(rf"exercises\.toml:{found.line}: TOML syntax error: .+ \(column \d+\)", str(found))


def test_toml_syntax_error_at_end_of_file(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    append(root, "routines.toml", "\n[[routines]\n")
    _, diagnostics = check_pack(root)
    (found,) = diagnostics
    assert found.file == "routines.toml"
    assert found.line == len((root / "routines.toml").read_text().splitlines())
    assert found.message.startswith("TOML syntax error:")


def test_unknown_key_suggests_the_closest_name(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "exercises.toml", "dose = { duration_s = 60 }", "dose = { duraton_s = 60 }")
    assert str(found) == "exercises.toml:26: exercises[0].dose.duraton_s: unknown key; did you mean 'duration_s'?"
    assert "duraton_s" in line_text(root, found)


def test_unknown_key_in_a_table(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "session.toml", "limit = 5", "limt = 5")
    line = line_number(root, "session.toml", "limt")
    assert str(found) == f"session.toml:{line}: pain_check.limt: unknown key; did you mean 'limit'?"


def test_unknown_key_with_nothing_close_lists_known_keys(tmp_path: Path) -> None:
    _, found = broken(tmp_path, "session.toml", "get_ready_s = 5", "get_ready_s = 5\nzzz = 1")
    assert found.path == "zzz"
    assert found.message == "unknown key; known keys: get_ready_s, pain_check, after_pain_stop"


def test_missing_required_key(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "exercises.toml", 'title = "Calf stretch at a wall"\n', "")
    assert found.line == line_number(root, "exercises.toml", "[[exercises]]", occurrence=2)
    assert str(found) == f"exercises.toml:{found.line}: exercises[1].title: is required but missing"


def test_missing_required_top_level_key(tmp_path: Path) -> None:
    _, found = broken(tmp_path, "clinic.toml", 'name = "Thrive Now Physiotherapy"\n', "")
    assert (found.file, found.path, found.message) == ("clinic.toml", "name", "is required but missing")
    assert found.line is not None


@pytest.mark.parametrize(
    ("file", "old", "new", "path", "message"),
    [
        (
            "exercises.toml",
            "dose = { duration_s = 60 }",
            'dose = { duration_s = "60" }',
            "exercises[0].dose.duration_s",
            "must be a valid integer, not str '60'",
        ),
        (
            "exercises.toml",
            "pain_check = true",
            'pain_check = "yes"',
            "exercises[0].pain_check",
            "must be a valid boolean, not str 'yes'",
        ),
        (
            "exercises.toml",
            'tags = ["floor", "mobility"]',
            'tags = "floor"',
            "exercises[6].tags",
            "must be a valid list, not str 'floor'",
        ),
        ("pack.toml", "format = 1", 'format = "1"', "format", "must be a valid integer, not str '1'"),
        ("session.toml", "[pain_check]\ncaution_from = 4", "pain_check = 4\n[x]\ncaution_from = 4", "pain_check", None),
    ],
)
def test_wrong_type(tmp_path: Path, file: str, old: str, new: str, path: str, message: str | None) -> None:
    root = copy_builtin(tmp_path)
    edit(root, file, old, new)
    _, diagnostics = check_pack(root)
    found = at(diagnostics, path)
    assert found, [str(d) for d in diagnostics]
    if message:
        assert found[0].message == message
        assert str(found[0]) == f"{file}:{found[0].line}: {path}: {message}"
        assert path.rsplit(".", 1)[-1].split("[")[0] in line_text(root, found[0])


@pytest.mark.parametrize(
    ("file", "old", "new", "path", "message"),
    [
        ("clinic.toml", 'name = "Cobble Hill"', 'name = ""', "locations[0].name", "must not be empty"),
        ("clinic.toml", 'name = "Cobble Hill"', 'name = "   "', "locations[0].name", "must not be empty"),
        ("pack.toml", 'version = "1.1.0"', 'version = "1.0"', "version", "'1.0' is not a SemVer version such as 1.0.0"),
        (
            "pack.toml",
            'language = "en-CA"',
            'language = "en_CA"',
            "language",
            "'en_CA' is not a BCP 47 language tag such as en or en-CA",
        ),
        (
            "education.toml",
            'id = "nerves"',
            'id = "Nerves"',
            "texts[1].id",
            "'Nerves' is not a lowercase id of letters, digits, '-' and '_', starting with a letter or digit",
        ),
        (
            "exercises.toml",
            'region = "calf"',
            'region = "calves"',
            "exercises[1].region",
            "'calves' is not allowed; use 'foot_sole', 'ankle', 'calf', 'shin', 'knee', 'thigh', 'hip', "
            "'lower_back' or 'spine'",
        ),
        (
            "exercises.toml",
            'title = "Calf stretch at a wall"',
            'title = "Calf \\u001b[31m stretch"',
            "exercises[1].title",
            "contains a control character (U+001B) at position 6",
        ),
        (
            "exercises.toml",
            'title = "Calf stretch at a wall"',
            f'title = "{"x" * 81}"',
            "exercises[1].title",
            "must have at most 80 characters",
        ),
        (
            "screening.toml",
            "dose_factor = 0.5\n",
            "",
            "rules[4]",
            "a modify rule must skip something or set dose_factor below 1",
        ),
        (
            "screening.toml",
            '{ question = "surgery", equals = true }',
            '{ question = "surgery", equals = 1.5 }',
            "rules[2].when[0].equals",
            "must be true or false, a whole number or text, not float 1.5",
        ),
        (
            "screening.toml",
            '{ question = "surgery", equals = true }',
            '{ question = "surgery", equals = "Yes" }',
            "rules[2].when[0].equals",
            "'Yes' is not true, false, a number, or a lowercase option id",
        ),
        ("session.toml", "caution_from = 4", "caution_from = 6", "pain_check", "caution_from must not be above limit"),
        (
            "session.toml",
            "limit = 5",
            "limit = 10",
            "pain_check",
            "limit must be below 10, or no rating could ever pause a session",
        ),
        (
            "routines.toml",
            "dose = { duration_s = 90 }",
            "dose = { duration_s = 90, reps = 3 }",
            "routines[1].steps[0].dose",
            "give at most one of duration_s or reps",
        ),
    ],
)
def test_value_errors(tmp_path: Path, file: str, old: str, new: str, path: str, message: str) -> None:
    root, found = broken(tmp_path, file, old, new)
    assert str(found) == f"{file}:{found.line}: {path}: {message}"
    expected_line = line_number(root, file, new.splitlines()[0]) if new else None
    if expected_line and path.split("[")[0] not in ("pain_check", "rules"):
        assert found.line == expected_line


def test_model_rule_points_at_its_table(tmp_path: Path) -> None:
    root, found = broken(tmp_path, "session.toml", "caution_from = 4", "caution_from = 6")
    assert found.line == line_number(root, "session.toml", "[pain_check]")
    root, found = broken(tmp_path / "b", "screening.toml", "dose_factor = 0.5\n", "")
    assert found.line == line_number(root, "screening.toml", 'id = "gentler-with-pain"') - 1


def test_format_newer_than_supported_is_refused(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "pack.toml", "format = 1", "format = 2")
    edit(root, "exercises.toml", "duration_s = 60", "duration_s = 0")  # not reported: format 2 may allow it
    _, diagnostics = check_pack(root)
    (found,) = diagnostics
    assert (found.file, found.path, found.line) == ("pack.toml", "format", line_number(root, "pack.toml", "format = 2"))
    assert "format 2" in found.message and "reads format 1" in found.message
    assert "update solecheck" in found.message


def test_missing_required_file(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "routines.toml").unlink()
    _, diagnostics = check_pack(root)
    (found,) = diagnostics
    assert str(found) == "routines.toml: file is missing"
    assert pack_default_routine_not_reported(diagnostics)


def pack_default_routine_not_reported(diagnostics: list[Diagnostic]) -> bool:
    return not at(diagnostics, "default_routine")


def test_non_utf8_file(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "clinic.toml").write_bytes('name = "Caf\xe9"\n'.encode("latin-1"))
    _, diagnostics = check_pack(root)
    (found,) = diagnostics
    assert str(found) == "clinic.toml: not UTF-8 text (byte 12)"


def test_unreadable_file(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "clinic.toml").unlink()
    (root / "clinic.toml").mkdir()
    _, diagnostics = check_pack(root)
    (found,) = diagnostics
    assert found.file == "clinic.toml"
    assert found.message.startswith("cannot be read: ")


def test_file_too_large(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 100)
    root = copy_builtin(tmp_path)
    _, diagnostics = check_pack(root)
    assert {d.file for d in diagnostics} >= {"exercises.toml", "screening.toml"}
    assert all("the limit is 100" in d.message for d in errors(diagnostics) if d.file == "exercises.toml")


def test_unexpected_extra_toml_file_is_a_warning_with_a_suggestion(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "exercise.toml").write_text("x = 1\n")
    (root / "notes.toml").write_text("x = 1\n")
    pack, diagnostics = check_pack(root)
    assert pack is not None
    assert [str(d) for d in warnings(diagnostics)] == [
        "exercise.toml: warning: not a pack file, ignored; did you mean exercises.toml?",
        "notes.toml: warning: not a pack file, ignored",
    ]


def test_empty_pack_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    pack, diagnostics = check_pack(tmp_path / "empty")
    assert pack is None
    (found,) = diagnostics
    assert found.file == str(tmp_path / "empty")
    assert "no pack files in this folder" in found.message
    assert "pack.toml" in found.message


def test_path_that_does_not_exist(tmp_path: Path) -> None:
    pack, diagnostics = check_pack(tmp_path / "nowhere")
    assert pack is None
    assert [str(d) for d in diagnostics] == [
        f"{tmp_path / 'nowhere'}: does not exist; a pack is a folder holding pack.toml"
    ]


def test_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "pack.zip").write_text("x")
    _, diagnostics = check_pack(tmp_path / "pack.zip")
    assert diagnostics[0].message.startswith("is not a folder")


def test_load_pack_raises_with_every_error(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    edit(root, "exercises.toml", "duration_s = 60", "duration_s = 0")
    edit(root, "clinic.toml", 'name = "Cobble Hill"', 'name = ""')
    with pytest.raises(PackError) as caught:
        load_pack(root)
    assert len(caught.value.errors) == 2
    assert str(caught.value) == f"{root}: {format_diagnostic(caught.value.errors[0])} (and 1 more)"


# --- a dozen mistakes, a dozen located messages ------------------------------------------------------


def test_a_dozen_mistakes_give_a_dozen_located_messages(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    mistakes = [
        ("pack.toml", 'version = "1.1.0"', 'version = "1.0"'),
        ("pack.toml", 'language = "en-CA"', 'language = "en_CA"'),
        ("pack.toml", 'default_routine = "foot-to-spine"', 'default_routine = "head-to-toe"'),
        ("clinic.toml", 'name = "Cobble Hill"', 'name = ""\nphone = "call us"'),
        ("education.toml", 'id = "nerves"', 'id = "four-layers"'),
        ("exercises.toml", "dose = { duration_s = 60 }", "dose = { duration_s = 0 }"),
        ("exercises.toml", 'region = "calf"', 'region = "calves"'),
        ("exercises.toml", 'id = "hamstring-seated-stretch"\ntitle', 'id = "hamstring-seated-stretch"\ntittle'),
        ("exercises.toml", "dose = { reps = 8 }", 'dose = { reps = "8" }'),
        ("screening.toml", '{ question = "surgery", equals = true }', '{ question = "surgeries", equals = true }'),
        ("screening.toml", 'one_of = ["with-effort", "no"]', 'one_of = ["with-effort", "nope"]'),
        ("screening.toml", 'kind = "scale"', 'kind = "slider"'),
        ("session.toml", "caution_from = 4", "caution_from = 6"),
        ("routines.toml", '{ exercise = "hip-figure-four" }', '{ exercise = "hip-figure-five" }'),
        ("routines.toml", 'title = "Sole reset"', 'title = ""'),
    ]
    for file, old, new in mistakes:
        edit(root, file, old, new)
    pack, diagnostics = check_pack(root)
    assert pack is None
    found = errors(diagnostics)
    assert len(found) >= 12, "\n".join(map(str, found))
    # The clinic edit holds two mistakes, and a misspelt key is both unknown and missing its real name.
    assert len(found) == len(mistakes) + 2, "\n".join(map(str, found))
    assert at(found, "default_routine"), "checked even though pack.toml has other errors"
    order = [(list(PACK_FILES).index(d.file), d.line) for d in found]
    assert order == sorted(order), "reported file by file, line by line"
    assert len({(d.file, d.path) for d in found}) == len(found), "each mistake is reported once"
    assert {d.file for d in found} == {name for name in PACK_FILES}
    for diagnostic in found:
        assert diagnostic.line is not None and diagnostic.path, str(diagnostic)
        assert str(diagnostic).startswith(f"{diagnostic.file}:{diagnostic.line}: {diagnostic.path}: ")
        key = re.sub(r"\[\d+\]$", "", diagnostic.path).rsplit(".", 1)[-1]
        text = line_text(root, diagnostic)
        assert key in text or text.startswith("[") or key == "tittle", f"{diagnostic} -> {text!r}"


# --- generated broken packs: nothing ever escapes ----------------------------------------------------

_FILES = {name: (BUILTIN_PACK / name).read_text(encoding="utf-8") for name in PACK_FILES}

_SCALARS = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", " ", "\x1b[31m", "[b]x[/b]", "a" * 4000, "Ünïcode", "1.0.0", "foot_sole", "yes_no"]),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.sampled_from([0, -1, 1, 10, 11, 3601]),
    st.booleans(),
    st.floats(allow_nan=False),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


def _paths(value: Any, loc: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [loc] if loc else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*loc, key))
    elif isinstance(value, list):
        for position, child in enumerate(value):
            found += _paths(child, (*loc, position))
    return found


def _mutate(text: str, data: st.DataObject) -> str | bytes | None:
    kind = data.draw(st.sampled_from(["delete_key", "replace_value", "bytes", "truncate", "splice", "remove_file"]))
    if kind == "remove_file":
        return None
    if kind == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    if kind == "bytes":
        return data.draw(st.binary(max_size=200))
    if kind == "splice":
        at_ = data.draw(st.integers(0, len(text)))
        return text[:at_] + data.draw(st.text(max_size=20)) + text[at_:]
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return text[: data.draw(st.integers(0, len(text)))]  # already broken: break it further
    paths = _paths(document)
    if not paths:
        return text
    loc = data.draw(st.sampled_from(paths))
    parent: Any = document
    for part in loc[:-1]:
        parent = parent[part]
    if kind == "delete_key":
        del parent[loc[-1]]
    else:
        parent[loc[-1]] = data.draw(_VALUES)
    return tomli_w.dumps(document)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_generated_broken_packs_never_raise(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        texts: dict[str, str | bytes | None] = dict(_FILES)
        for _ in range(data.draw(st.integers(1, 3))):
            name = data.draw(st.sampled_from(sorted(_FILES)))
            current = texts[name]
            if isinstance(current, str):
                texts[name] = _mutate(current, data)
        for name, content in texts.items():
            if isinstance(content, bytes):
                (root / name).write_bytes(content)
            elif content is not None:
                (root / name).write_text(content, encoding="utf-8")
        pack, diagnostics = check_pack(root)
        if pack is None:
            assert errors(diagnostics), "a refused pack says why"
        for diagnostic in diagnostics:
            assert diagnostic.file
            assert diagnostic.line is None or diagnostic.line >= 1
            assert diagnostic.severity in ("error", "warning")
            assert format_diagnostic(diagnostic)


def test_deeply_nested_values_are_a_clean_error(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "session.toml").write_text("get_ready_s = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    _, diagnostics = check_pack(root)
    assert [str(d) for d in diagnostics] == ["session.toml: TOML syntax error: values are nested too deeply"]


def test_errors_in_routine_steps_written_as_tables(tmp_path: Path) -> None:
    root = copy_builtin(tmp_path)
    (root / "routines.toml").write_text(
        "[[routines]]\n"
        'id = "foot-to-spine"\n'
        'title = "Foot to spine"\n'
        "\n"
        "[[routines.steps]]\n"
        'exercise = "sole-ball-roll"\n'
        "\n"
        "[[routines.steps]]\n"  # line 8
        'exercise = "calf-wall-stretch"\n'
        "\n"
        "[routines.steps.dose]\n"
        "duration_s = 0\n"  # line 12
        "\n"
        "[[routines]]\n"
        'id = "sole-only"\n'
        'title = "Sole reset"\n'
        "\n"
        "[[routines.steps]]\n"
        'exercise = "sole-bal-roll"\n',  # line 19
        encoding="utf-8",
    )
    _, diagnostics = check_pack(root)
    assert [str(d) for d in diagnostics] == [
        "routines.toml:12: routines[0].steps[1].dose.duration_s: must be greater than 0",
        "routines.toml:19: routines[1].steps[0].exercise: no exercise has the id 'sole-bal-roll'",
    ]
