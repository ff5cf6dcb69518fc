"""The streaming JSON reader: same values as json.load, one array element at a time."""

from __future__ import annotations

import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solecheck.history import json_stream
from solecheck.history.json_stream import ArrayItem, ArrayStart, JsonStreamError, Member, read_members

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4),
    max_leaves=12,
)


def _rebuild(text: str) -> dict[str, object]:
    document: dict[str, object] = {}
    for event in read_members(io.StringIO(text)):
        if isinstance(event, Member):
            document[event.key] = event.value
        elif isinstance(event, ArrayStart):
            document[event.key] = []
        else:
            assert isinstance(event, ArrayItem)
            items = document[event.key]
            assert isinstance(items, list) and len(items) == event.index
            items.append(event.value)
    return document


@given(st.dictionaries(st.text(), json_values, max_size=5), st.booleans())
def test_matches_json_load(document: dict[str, object], indent: bool) -> None:
    text = json.dumps(document, indent=2 if indent else None)
    assert _rebuild(text) == json.loads(text)


def test_values_cut_across_chunks_are_read_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(json_stream, "CHUNK", 7)
    monkeypatch.setattr(json_stream, "LOOKAHEAD", 3)
    document = {"n": 123456789, "items": [{"text": "x" * 50, "i": i} for i in range(20)], "end": True}
    assert _rebuild(json.dumps(document)) == document


def test_errors_name_the_line() -> None:
    with pytest.raises(JsonStreamError, match="line 3"):
        list(read_members(io.StringIO('{\n"a": [\n1, oops]}')))
    with pytest.raises(JsonStreamError, match="expected a JSON object"):
        list(read_members(io.StringIO("[]")))
    with pytest.raises(JsonStreamError, match="member name"):
        list(read_members(io.StringIO("{1: 2}")))
