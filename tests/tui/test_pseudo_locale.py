"""Every screen and the line mode in a pseudo-locale that marks each message it translates (``⟦…⟧``): any
English word left unmarked is a word that does not go through gettext.

Pack texts are data, not the app's words: every text of the pack is taken out before looking, and so are
theme names (the names of Textual's themes). What is left must be marks, digits and signs only."""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, OptionList, Select, Static
from textual.widgets._footer import FooterKey

from solecheck.history.store import HistoryStore
from solecheck.i18n import use_translations
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import FakeClock
from tests.plain.test_session import run_plain
from tests.tui.test_session import PROCEED_ANSWERS, advance, keys, record_screening, start

OPEN, CLOSE = "⟦", "⟧"
ALLOWED = {"solecheck"}
"""The product's name, which no language translates."""


class PseudoTranslations(gettext.NullTranslations):
    """Every message marked as translated: ``⟦Start⟧``."""

    def gettext(self, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return f"{OPEN}{msgid1 if n == 1 else msgid2}{CLOSE}"

    def pgettext(self, context: str, message: str) -> str:
        return f"{OPEN}{message}{CLOSE}"


@pytest.fixture(autouse=True)
def _pseudo_locale() -> Iterator[None]:
    use_translations(PseudoTranslations(), "en-XA")
    yield


def pack_texts(pack: Pack) -> list[str]:
    """Every text of ``pack`` (its files' values), longest first."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(part.strip() for part in value.splitlines() if len(part.strip()) > 1)
            found.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)
        elif hasattr(value, "model_dump"):
            walk(value.model_dump())

    for name in ("manifest", "clinic", "screening", "session", "routines", "exercises", "education"):
        walk(getattr(pack, name, None))
    walk(pack.id)
    return sorted(found, key=len, reverse=True)


def unmarked_words(text: str, pack: Pack) -> list[str]:
    """The English words of ``text`` that are neither inside a mark nor pack text."""
    inner = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
    while inner.search(text):
        text = inner.sub(" ", text)
    for data in pack_texts(pack):
        text = text.replace(data, " ")
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in ALLOWED]


def shown_texts(widget: Widget) -> Iterator[str]:
    """What ``widget`` and its children show in words (a theme picker's names excepted)."""
    if isinstance(widget, Select):
        return
    for title in (widget.border_title, widget.border_subtitle):
        if title:
            yield str(title)
    if isinstance(widget, FooterKey):
        yield widget.description
    elif isinstance(widget, Button):
        yield str(widget.label)
    elif isinstance(widget, Static):
        yield str(widget.render())
    elif isinstance(widget, Input):
        yield widget.placeholder
    elif isinstance(widget, OptionList):
        yield from (str(option.prompt) for option in widget.options)
    elif isinstance(widget, DataTable):
        yield from (str(column.label) for column in widget.columns.values())
        for row in range(widget.row_count):
            yield from (str(cell) for cell in widget.get_row_at(row))
    for child in widget.children:
        yield from shown_texts(child)


def check_screen(pilot: Pilot[None], pack: Pack, where: str, leaks: dict[str, list[str]]) -> None:
    words = [word for text in shown_texts(pilot.app.screen) for word in unmarked_words(text, pack)]
    words += [word for notice in pilot.app._notifications for word in
              unmarked_words(f"{notice.title} {notice.message}", pack)]
    if words:
        leaks[where] = words


async def test_every_screen_shows_only_translated_words_and_pack_text(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    leaks: dict[str, list[str]] = {}
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        check_screen(pilot, builtin_pack, "home", leaks)
        for key, name in (("f1", "help"), ("o", "settings"), ("c", "clinic"), ("l", "learn")):
            await keys(pilot, key)
            check_screen(pilot, builtin_pack, name, leaks)
            await keys(pilot, "escape")
        await keys(pilot, "h")
        check_screen(pilot, builtin_pack, "history (empty)", leaks)
        await keys(pilot, "v")
        check_screen(pilot, builtin_pack, "screenings (empty)", leaks)
        await keys(pilot, "escape", "escape", "p")
        await pilot.pause(0.5)
        check_screen(pilot, builtin_pack, "pack picker", leaks)
        await keys(pilot, "escape", "w")
        check_screen(pilot, builtin_pack, "screening question", leaks)
        await keys(pilot, "n", "n", "n", "y", "4")
        check_screen(pilot, builtin_pack, "screening choice question", leaks)
        await keys(pilot, "3")
        check_screen(pilot, builtin_pack, "screening outcome (modify)", leaks)
        await keys(pilot, "enter")
        check_screen(pilot, builtin_pack, "home after a screening", leaks)
    assert leaks == {}, "\n".join(f"{where}: {words}" for where, words in leaks.items())


async def test_the_session_screens_show_only_translated_words_and_pack_text(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    record_screening(data_dir, builtin_pack, PROCEED_ANSWERS, "proceed")
    leaks: dict[str, list[str]] = {}
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await start(pilot)
        await advance(pilot, clock, 1)
        check_screen(pilot, builtin_pack, "get ready", leaks)
        await advance(pilot, clock, 10)
        check_screen(pilot, builtin_pack, "running step", leaks)
        await keys(pilot, "space")
        check_screen(pilot, builtin_pack, "paused", leaks)
        await keys(pilot, "space", "a")
        check_screen(pilot, builtin_pack, "note dialog", leaks)
        await keys(pilot, "escape", "q")
        check_screen(pilot, builtin_pack, "leave dialog", leaks)
        await keys(pilot, "n")
        await advance(pilot, clock, 95)
        check_screen(pilot, builtin_pack, "pain check", leaks)
        await keys(pilot, "9")
        check_screen(pilot, builtin_pack, "pain limit", leaks)
        await keys(pilot, "escape")
        await pilot.pause()
        check_screen(pilot, builtin_pack, "summary", leaks)
        await keys(pilot, "enter", "h", "enter")
        check_screen(pilot, builtin_pack, "history of a session", leaks)
    assert leaks == {}, "\n".join(f"{where}: {words}" for where, words in leaks.items())


def test_the_line_mode_says_only_translated_words_and_pack_text(
    builtin_pack: Pack, data_dir: Path, clock: FakeClock
) -> None:
    with HistoryStore.open(data_dir) as store:
        script: list[str | float] = ["n", "n", "n", "y", "4", "3", "y", "h", "zzz", 95.0, "2", "b", 95.0, "9", "r"]
        _code, lines, _reader = run_plain(builtin_pack, store, clock, script)
    assert sum(OPEN in line for line in lines) > 20  # the run went through the screening, steps and summary
    leaks = {line: words for line in lines if (words := unmarked_words(line, builtin_pack))}
    assert leaks == {}, "\n".join(f"{where}: {words}" for where, words in leaks.items())
