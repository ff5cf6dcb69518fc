"""Arbitrary Unicode — markup-like text and control characters included — as a pack's names and titles
and as the notes of a session, shown on every screen and in the command palette: nothing crashes, and
what is shown is exactly the input with its control characters removed."""

from __future__ import annotations

import asyncio
import dataclasses
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual.command import CommandList, CommandPalette
from textual.content import Content
from textual.coordinate import Coordinate
from textual.widgets import DataTable, OptionList, Static

from solecheck.history.records import ScreeningRecord
from solecheck.history.store import HistoryStore
from solecheck.outside_text import clean
from solecheck.packs.discovery import PackEntry
from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.history import HistoryScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.learn import LearnScreen
from solecheck.tui.screens.pack_picker import PackPickerScreen
from solecheck.tui.screens.session import SessionScreen
from solecheck.tui.screens.session_dialogs import ChoiceDialog
from solecheck.tui.screens.wizard import WizardScreen
from tests.conftest import BUILTIN_PACK, FakeClock
from tests.history.records_factory import session, step
from tests.tui.notices import Notices

FRAGMENTS = st.sampled_from(
    ["[", "]", "[/b]", "[b]", "[bold red]", "[/]", "[@click=app.quit]", "\\[", "$x", "\x1b", "\x1b[2J",
     "\x1b]0;t\x07", "\x9b", "\u202e", "\u2066", "\ufeff", "\u200d", "\u200c", "\u200f", "\r", "\x00", "\t"]
)  # fmt: skip
OSC = "\x1b]0;t\x07"
BUILTIN = load_pack(BUILTIN_PACK, source="builtin")
HOSTILE = st.lists(st.one_of(st.text(min_size=1, max_size=6), FRAGMENTS), min_size=1, max_size=6).map("".join)


def hostile_pack(pack: Pack, name: str, title: str) -> Pack:
    """The built-in pack with ``name`` and ``title`` put straight into its models (no validation, as if
    a check had been missed): the screens must cope on their own."""
    routines = list(pack.routines)
    routines[0] = routines[0].model_copy(update={"title": title})
    exercises = list(pack.exercises)
    exercises[0] = exercises[0].model_copy(update={"title": title})
    education = list(pack.education)
    education[0] = education[0].model_copy(update={"title": title})
    questions = list(pack.screening.questions)
    questions[0] = questions[0].model_copy(update={"text": title})
    return dataclasses.replace(
        pack,
        manifest=pack.manifest.model_copy(update={"name": name}),
        clinic=pack.clinic.model_copy(update={"name": name}),
        routines=tuple(routines),
        exercises=tuple(exercises),
        education=tuple(education),
        screening=pack.screening.model_copy(update={"questions": questions}),
        _lookups={},
    )


def shown(widget: Static) -> str:
    return str(widget.render())


def content_text(visual: object) -> str:
    assert isinstance(visual, Content), type(visual)
    return visual.plain


async def tour(pack: Pack, data_dir: Path, name: str, title: str, note: str) -> None:
    with HistoryStore.open(data_dir) as store:
        record = session(routine_title=title, started_at=datetime.now(UTC) - timedelta(hours=1))
        store.start_session(record)
        store.record_step(step(record.id, 0, note=note, ended_at=record.started_at + timedelta(minutes=1)))
        store.finish_session(record.id, "completed", ended_at=record.started_at + timedelta(minutes=5))
        answers = {"acute-injury": False, "deformity": False, "surgery": False, "pain-today": False, "floor": "easily"}
        store.record_screening(
            ScreeningRecord(pack.id, pack.version, pack.screening_digest, answers, "proceed", (), ())  # type: ignore[arg-type]
        )
    entries = [PackEntry(data_dir / "hostile", "user", pack)]
    app = build_app(pack, data_dir, clock=FakeClock())
    with (
        mock.patch("solecheck.packs.discovery.discover", lambda *args, **kwargs: entries),
        mock.patch("solecheck.tui.screens.pack_picker.discover", lambda *args, **kwargs: entries),
    ):
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert clean(name) in shown(app.screen.query_one("#home-title", Static))
            routines = app.screen.query_one("#routine-list", OptionList)
            assert content_text(routines.get_option_at_index(0).prompt) == clean(title)

            for key, screen_type in (("c", ClinicScreen), ("l", LearnScreen), ("w", WizardScreen)):
                await pilot.press(key)
                await pilot.pause()
                assert isinstance(app.screen, screen_type), (key, type(app.screen).__name__)
                texts = [shown(s) for s in app.screen.query(Static)]
                wanted = clean(name) if key == "c" else clean(title)
                assert any(wanted in t for t in texts), (key, wanted, texts)
                await pilot.press("escape")
                await pilot.pause()

            await pilot.press("p")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert isinstance(app.screen, PackPickerScreen)
            options = app.screen.query_one(OptionList)
            assert clean(name) in content_text(options.get_option_at_index(0).prompt)
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("ctrl+p")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause(0.05)
            assert isinstance(app.screen, CommandPalette)
            for query in ("", "use pack"):  # discovery hits, then search hits with the matches highlighted
                await pilot.press(*query)
                for _ in range(3):
                    await app.workers.wait_for_complete()
                    await pilot.pause(0.05)
                prompts = [o.hit.prompt for o in app.screen.query_one(CommandList).options if hasattr(o, "hit")]
                hits = [content_text(p) for p in prompts if not isinstance(p, str)]  # the app's own: plain str
                assert f"Use pack {clean(name)} 1.1.0 (thrive-now.foot-first, user)" in hits, (query, hits)
            await pilot.press("escape")
            await pilot.pause()

            await pilot.press("h")
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()
            assert isinstance(app.screen, HistoryScreen)
            table = app.screen.query_one("#history-table", DataTable)
            assert str(table.get_cell_at(Coordinate(0, 1))) == clean(title)
            await pilot.press("enter")
            for _ in range(4):
                await app.workers.wait_for_complete()
                await pilot.pause()
            steps = app.screen.query_one("#detail-steps", DataTable)
            exercise = str(steps.get_cell_at(Coordinate(0, 1)))  # the note is shown under the exercise
            assert exercise.endswith("\nNote: " + clean(note)) if note else "Note:" not in exercise
            await pilot.press("escape")
            await pilot.pause()
            while not isinstance(app.screen, HomeScreen):
                app.pop_screen()
                await pilot.pause()

            await pilot.press("s")
            await pilot.pause()
            if isinstance(app.screen, ChoiceDialog):  # the soreness question after the earlier session
                await pilot.press("y")
                await pilot.pause()
            assert isinstance(app.screen, SessionScreen), type(app.screen).__name__
            assert shown(app.screen.query_one("#step-title", Static)) == clean(title)


@settings(max_examples=6, deadline=None)
@given(name=HOSTILE, title=HOSTILE, note=HOSTILE)
@example(name="Pied [/b] colonne", title="Foot care [draft] [bold red]x", note="[@click=app.quit]quit[/]")
@example(name="\x1b]0;pwned\x07Clinic\u202e", title="\x1b[2J\u200fשלום\u200c", note="sore\x9b2J\r\nheel")
def test_hostile_text_on_every_screen(name: str, title: str, note: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(tour(hostile_pack(BUILTIN, name, title), Path(folder), name, title, note))


async def test_notifications_carry_no_control_characters(tmp_path: Path) -> None:
    app = build_app(BUILTIN, tmp_path, clock=FakeClock())
    notices = Notices()
    async with app.run_test(message_hook=notices, size=(100, 32)) as pilot:
        app.notify(f"Now using {OSC}Pied [/b]\u202e", title="Saved\x07", markup=False)
        await pilot.pause()
        (notice,) = [n for n in notices if n.title == "Saved"]
        assert notice.message == "Now using ]0;tPied [/b]"
