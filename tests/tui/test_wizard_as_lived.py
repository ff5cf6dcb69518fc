"""The screening wizard as a patient lives it at 80×24: question numbers that never jump, y/n on a
question that isn't yes/no says how to answer, Confirm in view on a stop outcome, and a key for a 10th
option."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widgets import Button

from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from tests.conftest import BUILTIN_PACK
from tests.tui.notices import Notices
from tests.tui.test_wizard import STOP, keys, open_wizard, text

SIZE = (80, 24)


async def test_question_numbers_count_a_question_that_may_still_come(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        progress = []
        for answer in ("n", "n", "n", "y", "4"):
            progress.append(text(app, "#wizard-progress").split("  ")[0])
            await keys(pilot, answer)
        progress.append(text(app, "#wizard-progress").split("  ")[0])
        # The pain score follows a yes to pain today: the total was "up to 6" all along, never 5 then 6.
        assert progress == [
            "Question 1 of up to 6", "Question 2 of up to 6", "Question 3 of up to 6", "Question 4 of up to 6",
            "Question 5 of 6", "Question 6 of 6",
        ]


async def test_y_or_n_on_a_choice_question_says_how_to_answer(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    notices = Notices()
    async with app.run_test(message_hook=notices, size=SIZE) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "n", "n", "n")
        assert wizard.question is not None and wizard.question.id == "floor"
        await keys(pilot, "n")
        assert "floor" not in wizard.answers
        assert any("isn't yes or no" in n.message and "number" in n.message for n in notices)


async def test_confirm_is_in_view_on_a_stop_outcome_at_80x24(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        await open_wizard(pilot)
        await keys(pilot, *STOP)
        confirm = app.screen.query_one("#confirm", Button)
        page = app.screen.query_one("#wizard-page")
        assert page.region.contains_region(confirm.region), (confirm.region, page.region)


def pack_with_eleven_options(tmp_path: Path) -> Pack:
    folder = tmp_path / "eleven"
    shutil.copytree(BUILTIN_PACK, folder)
    screening = (folder / "screening.toml").read_text()
    extra = "".join(f'  {{ id = "extra-{n}", label = "Extra {n}" }},\n' for n in range(1, 9))
    screening = screening.replace('  { id = "no", label = "No" },\n', '  { id = "no", label = "No" },\n' + extra)
    (folder / "screening.toml").write_text(screening)
    return load_pack(folder)


async def test_zero_picks_the_tenth_option(data_dir: Path, tmp_path: Path) -> None:
    pack = pack_with_eleven_options(tmp_path)
    assert len(pack.questions_by_id["floor"].options or ()) == 11
    app = build_app(pack, data_dir)
    async with app.run_test(size=SIZE) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "n", "n", "n")
        assert "0 for the 10th" in text(app, "#wizard-keys") and "↑↓ for the rest" in text(app, "#wizard-keys")
        await keys(pilot, "0")
        assert wizard.answers["floor"] == "extra-7"


def test_wizard_stop_outcome_at_80x24_snapshot(snap_compare, builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock)
    assert snap_compare(app, terminal_size=SIZE, press=["w", *STOP])
