"""Every screen driven by 2,000 seeded-random key presses without an exception.

The walk types from an alphabet of letters, digits, Enter, Escape, Backspace, Tab, arrows, space,
``+``, ``-``, Page Up/Down and more, 100 keys at a time, and follows the app wherever the keys
take it (Escape leaving a screen is part of the walk). Keys are posted to the app as key events, the
way the terminal driver delivers them, with a turn of the event loop between keys and a
``pilot.pause()`` after each batch: ``pilot.press`` waits for the whole process to go idle after
every key (about 70 ms a key here), which would make 24,000 keys take half an hour. Only the quit
keys (``q``, ctrl+q, ctrl+c) are left out, so the walk always ends with the app still running. The
fake clock moves between batches, so timed steps also run out during the walk.

ctrl+p is not in the walk: Textual 8.2's own command palette has races when it is opened and closed
within a few event-loop turns (a worker querying its list after it was dismissed), which end the app
from inside Textual. The app guards the two it can (a second palette pushed while the last one is
being removed; page keys before its list is laid out), and
``test_the_command_palette_survives_fast_keys`` drives the palette with keys at typing speed.
"""

from __future__ import annotations

import asyncio
import random
import string
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot

from solecheck.packs.pack import Pack
from tests.conftest import FakeClock
from tests.faults.plain_driver import integrity
from tests.faults.screen_tour import SCREENS, make_app, settle

PRESSES = 2_000
BATCH = 100
SEED = 7
KEYS: tuple[str, ...] = (
    *(c for c in string.ascii_lowercase if c != "q"),
    *string.digits,
    "enter", "enter", "escape", "backspace", "tab", "shift+tab", "up", "down", "left", "right",
    "space", "plus", "minus", "home", "end", "pageup", "pagedown", "delete",
    "A", "Y", "N", "full_stop", "comma", "question_mark", "left_square_bracket",
)


REACHED: set[str] = set()
"""Every screen class a walk was on at the end of a batch (for the report)."""

CHARACTERS = {
    "enter": "\r", "escape": "\x1b", "backspace": "\x7f", "tab": "\t", "space": " ", "plus": "+", "minus": "-",
    "full_stop": ".", "comma": ",", "question_mark": "?", "left_square_bracket": "[",
}


async def type_keys(pilot: Pilot[None], keys: list[str]) -> None:
    """Deliver ``keys`` as a fast typist's terminal would: each key is posted, then the app gets one turn."""
    for key in keys:
        character = key if len(key) == 1 else CHARACTERS.get(key)
        pilot.app.post_message(events.Key(key, character))
        await asyncio.sleep(0)
    await pilot.pause()


WALK_STARTS = (
    "home", "pack-picker", "clinic", "learn", "wizard-question", "wizard-stop", "session-running", "session-pain-limit",
    "stop-dialog", "note-dialog", "resume-dialog", "history-detail", "pack-errors",
)
"""One start on each kind of screen (the wizard's outcome page and the session's pain-limit pause as
well); the resize test visits every page and state of them. The walks wander on from there: the
test records every screen they reached."""


@pytest.mark.parametrize("name", WALK_STARTS)
async def test_every_screen_survives_2000_random_keys(
    name: str, data_dir: Path, builtin_pack: Pack, clock: FakeClock
) -> None:
    setup, _ = SCREENS[name]
    rng = random.Random(f"{SEED}-{name}")
    app = make_app(data_dir, builtin_pack, clock, name)
    screens_seen: set[str] = set()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await setup(pilot)
        for _ in range(PRESSES // BATCH):
            await type_keys(pilot, rng.choices(KEYS, k=BATCH))
            clock.advance(rng.uniform(0, 40))
            await pilot.pause()
            screens_seen.add(type(app.screen).__name__)
            assert app.is_running
        await settle(pilot)
    assert app.return_code in (None, 0)
    assert screens_seen
    REACHED.update(screens_seen)
    if (data_dir / "history.sqlite3").exists():
        assert integrity(data_dir) == "ok"


async def test_the_command_palette_survives_fast_keys(data_dir: Path, builtin_pack: Pack, clock: FakeClock) -> None:
    app = make_app(data_dir, builtin_pack, clock, "home")
    rng = random.Random(SEED)
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("ctrl+p", "pagedown", "pageup", *rng.choices(string.ascii_lowercase, k=3),
                              "down", "backspace", "escape", "ctrl+p", "escape")
            assert app.is_running
        await settle(pilot)
