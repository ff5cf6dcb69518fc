"""The one rule for outside text (solecheck.outside_text): what is unsafe, what is kept, stand-ins."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from solecheck.outside_text import (
    ALLOWED_FORMAT_CHARACTERS,
    STAND_IN_ERRORS,
    clean,
    first_unsafe,
    is_unsafe,
    is_utf8,
)

UNSAFE = [
    "\x00", "\x07", "\x08", "\r", "\x1b", "\x7f",  # C0 and DEL
    "\x80", "\x85", "\x9b",  # C1 (U+009B is CSI on 8-bit terminals)
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
    "\ufeff", "\u200b", "\ud800",  # BOM / zero-width no-break space, zero-width space, a lone surrogate
]  # fmt: skip


@pytest.mark.parametrize("char", UNSAFE)
def test_controls_and_bidi_overrides_are_unsafe(char: str) -> None:
    assert is_unsafe(char)
    assert clean(f"a{char}b") == "ab"
    assert first_unsafe(f"ab{char}") == 2


@pytest.mark.parametrize("char", ["\n", "\t", *sorted(ALLOWED_FORMAT_CHARACTERS), "[", "é", "👨", "\u00a0"])
def test_newline_tab_joiners_and_marks_are_kept(char: str) -> None:
    assert not is_unsafe(char)
    assert clean(f"a{char}b") == f"a{char}b"


def test_persian_with_zwnj_and_hebrew_with_rlm_are_kept() -> None:
    persian = "می\u200cخواهم"
    hebrew = "\u200fשלום 10 ק\"מ"
    assert clean(persian) == persian and clean(hebrew) == hebrew


@given(st.text())
def test_clean_leaves_nothing_unsafe_and_is_idempotent(text: str) -> None:
    cleaned = clean(text)
    assert first_unsafe(cleaned) is None
    assert clean(cleaned) == cleaned
    assert [c for c in text if not is_unsafe(c)] == list(cleaned)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_the_apps_symbols_have_ascii_stand_ins(encoding: str) -> None:
    text = "Step 1 — 30 s · limit: 5 → 6 ○●… ─│┌ 東"
    encoded = text.encode(encoding, errors=STAND_IN_ERRORS).decode(encoding)
    assert "5 -> 6" in encoded and "o" in encoded and encoded.endswith(" ?")  # no stand-in: a question mark
    if encoding == "ascii":
        assert encoded == "Step 1 - 30 s . limit: 5 -> 6 o*... -|+ ?"


def test_is_utf8_knows_the_aliases() -> None:
    assert is_utf8("UTF-8") and is_utf8("utf8") and not is_utf8("ANSI_X3.4-1968") and not is_utf8(None)
    assert not is_utf8("no-such-codec")
