"""The screening wizard driven with the Pilot: each outcome by keyboard alone, changing an answer,
leaving without a trace, the mouse, and a stop that keeps the session from starting."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from textual.message import Message
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from solecheck.packs.loader import load_pack
from solecheck.packs.pack import Pack
from solecheck.screening.outcome import ScreeningOutcome
from solecheck.screening.validity import current_clearance
from solecheck.tui.app import SolecheckApp, build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.screens.wizard import WizardScreen
from tests.conftest import BUILTIN_PACK
from tests.tui.notices import Notices

PROCEED = ["n", "n", "n", "n", "1"]
"""No injury, deformity, surgery or pain; gets to the floor easily."""
FLOOR_NO = ["n", "n", "n", "n", "3"]
PAIN_4 = ["n", "n", "n", "y", "4", "1"]
STOP = ["y", "n", "n", "n", "1"]


def text(app: SolecheckApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def keys(pilot: Pilot[None], *pressed: str) -> None:
    for key in pressed:
        await pilot.press(key)
        await pilot.pause()


async def open_wizard(pilot: Pilot[None], results: list[ScreeningOutcome | None] | None = None) -> WizardScreen:
    """Push the wizard over the home screen, recording what it dismisses with in ``results``."""
    app = pilot.app
    await pilot.pause()
    wizard = WizardScreen(app.pack)  # type: ignore[attr-defined]
    app.push_screen(wizard, results.append if results is not None else None)
    await pilot.pause()
    return wizard


async def test_proceed_by_keyboard_saves_and_returns_the_outcome(builtin_pack: Pack, data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    app = build_app(builtin_pack, data_dir, clock=clock)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot, results)
        assert "Question 1 of up to 6" in text(app, "#wizard-progress")
        assert "A few questions to check" in text(app, "#wizard-intro")
        assert "sprain" in text(app, "#question-help")
        await keys(pilot, *PROCEED)
        assert app.screen is wizard and wizard.outcome is not None
        assert "OK to go ahead" in text(app, "#summary-outcome")
        assert "Yes, easily" in text(app, "#summary-answers")
        assert app.store.latest_screening(builtin_pack.id) is None  # nothing saved before Enter
        await keys(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
        saved = app.store.latest_screening(builtin_pack.id)
        assert saved is not None
        assert (saved.outcome, saved.fired_rules, saved.pack_version) == ("proceed", (), "1.1.0")
        assert saved.screening_digest == builtin_pack.screening_digest
        assert saved.answers == {
            "acute-injury": False,
            "deformity": False,
            "surgery": False,
            "pain-today": False,
            "floor": "easily",
        }
        assert "OK to go ahead" in text(app, "#home-screening")
        assert "Holds until" in text(app, "#home-screening")
    assert len(results) == 1 and results[0] is not None
    assert results[0].kind == "proceed" and results[0].screening_id == saved.id


async def test_modify_by_floor_shows_what_changes_in_the_routine(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await open_wizard(pilot, results)
        await keys(pilot, *FLOOR_NO)
        assert "Go ahead with changes" in text(app, "#summary-outcome")
        changes = text(app, "#summary-changes")
        assert "What changes in Foot to spine" in changes
        assert "Lower back: knees to chest — left out for now" in changes
        assert "Spine: cat and cow — left out for now" in changes
        assert "becomes" not in changes
        assert "floor are left out" in text(app, "#summary-reasons")
        await keys(pilot, "enter")
        saved = app.store.latest_screening(builtin_pack.id)
        assert saved is not None and saved.outcome == "modify" and saved.fired_rules == ("skip-floor-work",)
    assert results[0] is not None and results[0].changes.skip_tags == frozenset({"floor"})


async def test_modify_by_moderate_pain_halves_the_timed_steps(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "n", "n", "y")
        assert "Question 5 of 6" in text(app, "#wizard-progress")  # the pain scale is now shown
        await keys(pilot, "4")
        assert wizard.answers["pain-level"] == 4
        await keys(pilot, "1")
        changes = text(app, "#summary-changes")
        assert "Sole roll on a ball — 60 s each side becomes 30 s each side" in changes
        assert "left out" not in changes
        await keys(pilot, "enter")
        saved = app.store.latest_screening(builtin_pack.id)
        assert saved is not None and saved.answers["pain-level"] == 4 and saved.outcome == "modify"


async def test_stop_shows_the_clinic_and_blocks_the_session(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await open_wizard(pilot, results)
        await keys(pilot, *STOP)
        assert "Not today: contact the clinic" in text(app, "#summary-outcome")
        assert "The session can't start" in text(app, "#summary-stop")
        card = text(app, "#summary-clinic")
        assert "Thrive Now Physiotherapy" in card and "Cobble Hill" in card and "online booking" in card
        assert "recent, painful foot injury" in text(app, "#summary-reasons")
        await keys(pilot, "enter")
        clearance = current_clearance(app.store, builtin_pack, datetime.now(UTC))
        assert clearance.blocked and not clearance.may_start
        assert clearance.record is not None and clearance.record.fired_rules == ("stop-acute-injury",)
        assert "No session can start until a new screening says otherwise" in text(app, "#home-screening")
        assert app.screen.query_one("#home-screening").has_class("-blocked")
        # A new screening that says otherwise lifts the block.
        await keys(pilot, "w", *PROCEED, "enter")
        assert current_clearance(app.store, builtin_pack, datetime.now(UTC)).may_start
    assert [r.kind for r in results if r] == ["stop"] and results[0] is not None and results[0].blocks_session


async def test_going_back_to_change_an_answer(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "n", "n", "y", "7")
        assert "Can you get down onto the floor" in text(app, "#question-text")
        await keys(pilot, "b")
        assert "How strong is that pain" in text(app, "#question-text")
        assert "7 of 10" in text(app, "#answer-given")
        await keys(pilot, "backspace")
        assert "any pain in your feet or legs today" in text(app, "#question-text")
        assert "Yes" in text(app, "#answer-given")
        await keys(pilot, "n")  # no pain after all: the pain scale disappears
        assert "Question 5 of 5" in text(app, "#wizard-progress")
        await keys(pilot, "1")
        assert wizard.outcome is not None and wizard.outcome.kind == "proceed"
        assert "pain right now" not in text(app, "#summary-answers")
        await keys(pilot, "b", "enter")  # back from the summary; Enter keeps the highlighted answer
        assert wizard.outcome is not None and wizard.outcome.kind == "proceed"
        await keys(pilot, "enter")
        saved = app.store.latest_screening(builtin_pack.id)
        assert saved is not None and "pain-level" not in saved.answers and saved.outcome == "proceed"


async def test_enter_keeps_an_earlier_answer_and_back_stops_at_the_first_question(
    builtin_pack: Pack, data_dir: Path
) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "enter")  # nothing answered yet: Enter does nothing
        assert wizard.page == 0
        await keys(pilot, "b")
        assert wizard.page == 0
        await keys(pilot, "y", "b")
        assert wizard.page == 0 and wizard.answers == {"acute-injury": True}
        await keys(pilot, "enter")
        assert wizard.page == 1


async def test_choice_by_arrows_and_scale_ten_by_t(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    messages: list[Message] = []
    async with app.run_test(size=(100, 32), message_hook=messages.append) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "n", "n", "y", "t")
        assert wizard.answers["pain-level"] == 10
        assert isinstance(app.focused, OptionList)
        await keys(pilot, "down", "enter")
        assert wizard.answers["floor"] == "with-effort"
        selected = [m for m in messages if isinstance(m, OptionList.OptionSelected)]
        assert {m.option.id for m in selected} == {"with-effort"}
        assert wizard.outcome is not None and wizard.outcome.kind == "stop"
        assert [f.rule_id for f in wizard.outcome.fired] == ["stop-high-pain", "skip-floor-work"]


async def test_keys_that_do_not_fit_the_question_are_ignored(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "5", "t")  # digits mean nothing on a yes/no question
        assert wizard.answers == {} and wizard.page == 0
        await keys(pilot, "n", "n", "n", "n", "y", "9")  # the floor question has three options
        assert "floor" not in wizard.answers


async def test_escape_leaves_with_nothing_recorded(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        await open_wizard(pilot, results)
        await keys(pilot, "n", "n", "escape")
        assert isinstance(app.screen, HomeScreen)
        await open_wizard(pilot, results)
        await keys(pilot, *STOP, "escape")  # even from the summary page
        assert isinstance(app.screen, HomeScreen)
        assert app.store.latest_screening(builtin_pack.id) is None
        assert "No screening yet" in text(app, "#home-screening")
    assert results == [None, None]


async def test_w_opens_the_wizard_from_home_and_notifies_the_result(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    notices = Notices()
    async with app.run_test(size=(100, 32), message_hook=notices) as pilot:
        await pilot.pause()
        await keys(pilot, "w")
        assert isinstance(app.screen, WizardScreen)
        await keys(pilot, "w")  # no second wizard on top of the first
        assert len([s for s in app.screen_stack if isinstance(s, WizardScreen)]) == 1
        await keys(pilot, *FLOOR_NO, "enter")
        assert isinstance(app.screen, HomeScreen)
        saved = [n for n in notices if n.title == "Screening saved"]
        assert saved and "Go ahead with changes" in saved[-1].message


async def test_the_mouse_works_too(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    results: list[ScreeningOutcome | None] = []
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot, results)
        for _ in range(3):
            await pilot.click("#answer-n")
            await pilot.pause()
        await pilot.click("#answer-y")
        await pilot.pause()
        await pilot.click("#score-3")
        await pilot.pause()
        assert wizard.answers["pain-level"] == 3
        options = app.screen.query_one("#answer-choices", OptionList)
        await pilot.click(options, offset=(4, 3))  # third line inside the border: "3. No"
        await pilot.pause()
        assert wizard.answers["floor"] == "no"
        await pilot.click("#back")
        await pilot.pause()
        assert wizard.page == 5
        await keys(pilot, "enter")
        await pilot.click("#confirm")
        await pilot.pause()
    assert results and results[0] is not None and results[0].kind == "modify"


async def test_clinic_panel_opens_from_home_and_from_the_wizard(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await keys(pilot, "c")
        assert isinstance(app.screen, ClinicScreen)
        assert "talk it through" in text(app, "#clinic-contact-note")
        card = text(app, "#clinic-panel-card")
        assert "Cobble Hill" in card and "online booking" in card
        await keys(pilot, "c")
        assert isinstance(app.screen, HomeScreen)
        wizard = await open_wizard(pilot)
        await keys(pilot, "n", "c")
        assert isinstance(app.screen, ClinicScreen)
        await keys(pilot, "escape")
        assert app.screen is wizard and wizard.answers == {"acute-injury": False} and wizard.page == 1


async def test_pack_text_in_the_wizard_is_never_markup(tmp_path: Path, data_dir: Path) -> None:
    copy = tmp_path / "markup"
    shutil.copytree(BUILTIN_PACK, copy)
    screening = (copy / "screening.toml").read_text()
    screening = screening.replace(
        'text = "Have you had surgery on your foot?"', 'text = "Have you had [b]surgery[/b] [@click=app.quit]?"'
    )
    screening = screening.replace('label = "No" }', 'label = "[red]No[/]" }')
    (copy / "screening.toml").write_text(screening)
    app = build_app(load_pack(copy), data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_wizard(pilot)
        await keys(pilot, "n", "n")
        assert "Have you had [b]surgery[/b] [@click=app.quit]?" in text(app, "#question-text")
        await keys(pilot, "n", "n")
        options = app.screen.query_one("#answer-choices", OptionList)
        assert str(options.get_option_at_index(2).prompt) == "3. [red]No[/]"
        await keys(pilot, "3")
        assert "[red]No[/]" in text(app, "#summary-answers")
        assert app.is_running


async def test_a_stop_keeps_the_session_from_starting_in_the_app(builtin_pack: Pack, data_dir: Path) -> None:
    from solecheck.tui.screens.session import SessionScreen

    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await keys(pilot, "s")  # no screening yet: starting opens the wizard first
        assert isinstance(app.screen, WizardScreen)
        await keys(pilot, *STOP, "enter")
        assert app.screen.id == "refusal-dialog"  # says why, with the clinic
        assert not any(isinstance(screen, SessionScreen) for screen in app.screen_stack)
        await keys(pilot, "enter")
        await keys(pilot, "s")  # and again, now from the saved stop
        assert app.screen.id == "refusal-dialog"
        await keys(pilot, "enter")
        assert not any(isinstance(screen, (SessionScreen, WizardScreen)) for screen in app.screen_stack)
        assert app.store.session_summaries() == []
        assert app.store.unfinished_session(builtin_pack.id) is None
        assert current_clearance(app.store, builtin_pack, datetime.now(UTC)).blocked


def test_a_summary_with_a_question_left_unanswered_turns_to_that_question(builtin_pack: Pack) -> None:
    wizard = WizardScreen(builtin_pack)
    wizard.answers.update({"acute-injury": False, "deformity": False, "surgery": False, "pain-today": True})
    wizard.answers["floor"] = "easily"
    wizard._turn_to(-1)
    assert wizard.question is not None and wizard.question.id == "pain-level" and wizard.outcome is None
    wizard.answers["pain-level"] = 2
    wizard._turn_to(-1)
    assert wizard.question is None and wizard.outcome is not None and wizard.outcome.kind == "proceed"


async def test_the_refusal_opens_at_its_top_at_80x24(builtin_pack: Pack, data_dir: Path) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Button

    from solecheck.tui.screens.session_dialogs import ChoiceDialog

    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await keys(pilot, "s")
        await keys(pilot, *STOP, "enter")
        for _ in range(2):  # straight after the screening, and again from the saved stop
            dialog = app.screen
            assert isinstance(dialog, ChoiceDialog) and dialog.id == "refusal-dialog"
            await pilot.pause()
            scroll = dialog.query_one(".dialog", VerticalScroll)
            assert scroll.max_scroll_y > 0  # at 80×24 the refusal is taller than the screen
            assert scroll.scroll_y == 0, "the refusal must open at its top: the reason first"
            body = dialog.query_one(".dialog-body", Static)
            assert body.region.y >= scroll.region.y  # the reason is on screen
            assert isinstance(dialog.focused, Button)  # Enter still answers it
            await keys(pilot, "enter")
            await keys(pilot, "s")


async def test_the_persons_own_yes_key_answers_yes_and_elsewhere_keeps_its_meaning(
    builtin_pack: Pack, data_dir: Path, clock  # type: ignore[no-untyped-def]
) -> None:
    """In French o (oui) answers yes, as the button says, and in Spanish s (sí); in English o still opens
    the settings (found by a tester: o opened the settings in the middle of a French screening)."""
    from solecheck.i18n import use_language
    from solecheck.tui.screens.settings import SettingsScreen

    for language, key in (("fr", "o"), ("es", "s")):
        use_language(language)
        app = build_app(builtin_pack, data_dir, clock=clock)
        async with app.run_test(size=(100, 32)) as pilot:
            wizard = await open_wizard(pilot)
            assert f"({key})" in str(app.screen.query_one("#answer-y").label)
            await keys(pilot, key)
            assert isinstance(app.screen, WizardScreen) and wizard.answers["acute-injury"] is True
    use_language(None)
    app = build_app(builtin_pack, data_dir, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        wizard = await open_wizard(pilot)
        await keys(pilot, "o")
        assert isinstance(app.screen, SettingsScreen) and "acute-injury" not in wizard.answers
