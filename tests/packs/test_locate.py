"""The line locator: key paths to lines, for every TOML shape a pack uses, and no crash on any text."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solecheck.packs.locate import LineIndex, format_path
from tests.conftest import BUILTIN_PACK


def lines_of(text: str) -> dict[str, int]:
    return LineIndex(text).lines


def test_top_level_keys_and_tables() -> None:
    text = 'format = 1\nid = "x"\n\n[pain_check]\nlimit = 5 # comment\n'
    index = LineIndex(text)
    assert index.line_of("format") == 1
    assert index.line_of("id") == 2
    assert index.line_of("pain_check") == 4
    assert index.line_of("pain_check.limit") == 5


def test_array_of_tables_numbered_like_the_parser() -> None:
    text = "[[exercises]]\nid = 'a'\n\n[[exercises]]\nid = 'b'\ndose = { duration_s = 0 }\n"
    index = LineIndex(text)
    assert index.line_of("exercises[0]") == 1
    assert index.line_of("exercises[1].id") == 5
    assert index.line_of("exercises[1].dose.duration_s") == 6


def test_sub_table_of_an_array_entry() -> None:
    text = (
        "[[exercises]]\nid = 'a'\n[exercises.dose]\nreps = 3\n\n[[exercises]]\nid = 'b'\n[exercises.dose]\nreps = 0\n"
    )
    index = LineIndex(text)
    assert index.line_of("exercises[0].dose.reps") == 4
    assert index.line_of("exercises[1].dose") == 8
    assert index.line_of("exercises[1].dose.reps") == 9


def test_nested_array_of_tables_restarts_per_parent() -> None:
    text = (
        "[[routines]]\n"  # 1
        "id = 'a'\n"
        "[[routines.steps]]\n"  # 3
        "exercise = 'x'\n"
        "[[routines.steps]]\n"  # 5
        "exercise = 'y'\n"
        "[[routines]]\n"  # 7
        "id = 'b'\n"
        "[[routines.steps]]\n"  # 9
        "exercise = 'z'\n"
        "[routines.steps.dose]\n"  # 11
        "reps = 0\n"
    )
    assert tomllib.loads(text)["routines"][1]["steps"][0]["dose"] == {"reps": 0}
    index = LineIndex(text)
    assert index.line_of("routines[0].steps[1].exercise") == 6
    assert index.line_of("routines[1].steps[0].exercise") == 10
    assert index.line_of("routines[1].steps[0].dose.reps") == 12
    assert "routines[1].steps[1]" not in index.lines


def test_dotted_and_quoted_keys() -> None:
    text = '[[exercises]]\ndose.duration_s = 30\n"title" = "T"\n[ "pain_check" ]\n\'limit\' = 3\n'
    index = LineIndex(text)
    assert index.line_of("exercises[0].dose.duration_s") == 2
    assert index.line_of("exercises[0].title") == 3
    assert index.line_of("pain_check.limit") == 5


def test_inline_tables_nested() -> None:
    text = 'steps = [{ exercise = "a", dose = { duration_s = 0, sets = 2 } }]\n'
    index = LineIndex(text)
    assert index.lines["steps[0].dose.duration_s"] == 1
    assert index.lines["steps[0].dose.sets"] == 1
    assert "steps[0].duration_s" not in index.lines


def test_multiline_array_of_inline_tables_with_commas_inside() -> None:
    text = (
        "steps = [\n"  # 1
        '  { exercise = "a", dose = { duration_s = 90, sets = 2 } },\n'  # 2
        '  { exercise = "b" },  # a comment, with a comma\n'  # 3
        "\n"
        '  { exercise = "c", dose = { reps = 0 } }\n'  # 5
        "]\n"
        'after = "x"\n'  # 7
    )
    index = LineIndex(text)
    assert index.line_of("steps[0].dose.sets") == 2
    assert index.line_of("steps[1].exercise") == 3
    assert index.line_of("steps[2].dose.reps") == 5
    assert "steps[3]" not in index.lines
    assert index.line_of("after") == 7


def test_multiline_array_of_strings_with_brackets_and_commas() -> None:
    text = (
        "cues = [\n"
        '  "Slowly, gently, [no] bouncing",\n'  # 2
        "  'It is fine, really ]',\n"  # 3
        '  "Quote \\" and, comma",\n'  # 4
        '  "Last"]\n'  # 5
        "sides = 'both'\n"  # 6
    )
    index = LineIndex(text)
    assert [index.line_of(f"cues[{n}]") for n in range(4)] == [2, 3, 4, 5]
    assert index.line_of("sides") == 6


def test_items_on_the_opening_line_count() -> None:
    text = 'steps = ["one", "two",\n  "three",\n  "four"]\n'
    index = LineIndex(text)
    assert [index.line_of(f"steps[{n}]") for n in range(4)] == [1, 1, 2, 3]


def test_nested_arrays() -> None:
    text = 'when = [\n  { question = "a", one_of = ["x", "y"] },\n  { question = "b", one_of = [\n    "z",\n  ] },\n]\n'
    index = LineIndex(text)
    assert index.line_of("when[0].one_of[1]") == 2
    assert index.line_of("when[1].question") == 3
    assert index.line_of("when[1].one_of[0]") == 4


def test_multiline_strings_hide_what_looks_like_toml() -> None:
    text = (
        'body = """\n'  # 1
        "[[exercises]]\n"
        'id = "not-a-key"\n'
        '"""\n'
        "literal = '''\n"  # 5
        "[x]\n"
        "'''\n"
        "steps = [\n"  # 8
        '  """One,\n'  # 9
        '  still one""",\n'
        '  "Two",\n'  # 11
        "]\n"
        'quotes = """a ""quoted"" end""""\n'  # 13
        "id = 'real'\n"  # 14
    )
    index = LineIndex(text)
    assert "exercises[0]" not in index.lines
    assert "x" not in index.lines
    assert index.line_of("steps[0]") == 9
    assert index.line_of("steps[1]") == 11
    assert index.line_of("quotes") == 13
    assert index.line_of("id") == 14


def test_escaped_quotes_in_multiline_basic_string() -> None:
    text = 'a = """x \\""" y"""\nb = 1\n'
    assert tomllib.loads(text)["a"] == 'x """ y'
    assert LineIndex(text).line_of("b") == 2


def test_missing_path_falls_back_to_closest_parent() -> None:
    text = "[[exercises]]\nid = 'a'\n\n[[exercises]]\nid = 'b'\n"
    index = LineIndex(text)
    assert index.line_of("exercises[1].dose.duration_s") == 4
    assert index.line_of("exercises[1].steps[3]") == 4
    assert index.line_of("title") == 1  # nothing closer: the first located line


def test_empty_text_has_no_lines() -> None:
    assert LineIndex("").line_of("anything") is None
    assert LineIndex("# only a comment\n").line_of("anything") is None


def test_every_path_of_the_builtin_pack_is_located_on_its_own_text() -> None:
    """Walk every value tomllib reads from the built-in pack: each has an exact line holding its key."""

    def walk(value: object, loc: tuple[int | str, ...]) -> list[tuple[int | str, ...]]:
        found = [loc] if loc else []
        if isinstance(value, dict):
            for key, child in value.items():
                found += walk(child, (*loc, key))
        elif isinstance(value, list):
            for position, child in enumerate(value):
                found += walk(child, (*loc, position))
        return found

    for path in sorted(BUILTIN_PACK.glob("*.toml")):
        text = path.read_text(encoding="utf-8")
        index = LineIndex(text)
        source = text.splitlines()
        for loc in walk(tomllib.loads(text), ()):
            key = format_path(loc)
            assert key in index.lines, f"{path.name}: {key} has no line of its own"
            last = loc[-1]
            if isinstance(last, str):
                assert last in source[index.lines[key] - 1], f"{path.name}:{index.lines[key]}: not {key}"


@pytest.mark.parametrize(
    ("loc", "path"),
    [
        (("exercises", 3, "dose", "duration_s"), "exercises[3].dose.duration_s"),
        ((0, "x"), "[0].x"),
        (("a",), "a"),
        ((), ""),
    ],
)
def test_format_path(loc: tuple[int | str, ...], path: str) -> None:
    assert format_path(loc) == path


_TOMLISH = st.lists(
    st.sampled_from([*"[]{}=\"'#,.\n\\ ab1-_\t", '"""', "'''", "[[", "]]", "x = ", "[[a.b]]\n"]), max_size=120
).map("".join)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TOMLISH, st.text(max_size=200)))
def test_any_text_is_scanned_without_error(text: str) -> None:
    index = LineIndex(text)
    line_count = text.count("\n") + 1
    assert all(1 <= line <= line_count for line in index.lines.values())


@settings(max_examples=100, deadline=None)
@given(
    cut=st.integers(min_value=0, max_value=4000),
    file=st.sampled_from(sorted(p.name for p in BUILTIN_PACK.glob("*.toml"))),
)
def test_truncated_pack_files_are_scanned_without_error(cut: int, file: str) -> None:
    text = (Path(BUILTIN_PACK) / file).read_text(encoding="utf-8")[:cut]
    LineIndex(text).line_of("exercises[0].dose.duration_s")
