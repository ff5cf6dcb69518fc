"""The person's own care contact: the real CLI as a subprocess (kept owner-only in the settings), the
line mode's clinic lines, and the clinic panel and stop page in the app with the Pilot."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from textual.widgets import Input, Static

from solecheck.contact import NOBODY_TO_REACH, NOBODY_TO_REACH_LINE_MODE, CareContact
from solecheck.packs.pack import Pack
from solecheck.plain.session import clinic_lines
from solecheck.settings import Settings, load_settings
from solecheck.tui.app import build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.contact import ContactDialog
from solecheck.tui.screens.session_dialogs import ChoiceDialog
from tests.gate_cases import screening


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60)


def test_contact_set_show_and_clear_from_the_command_line() -> None:
    assert "No contact of your own yet" in run("contact").stdout
    result = run("contact", "set", "--name", "Dr Ada Okafor", "--phone", "555 0100", "--note", "mornings")
    assert result.returncode == 0, result.stderr
    assert run("contact").stdout.splitlines() == ["Name: Dr Ada Okafor", "Phone: 555 0100", "Note: mornings"]
    assert json.loads(run("contact", "--json").stdout)["phone"] == "555 0100"
    settings_file = Path(os.environ["SOLECHECK_CONFIG_DIR"]) / "settings.toml"
    assert stat.S_IMODE(settings_file.stat().st_mode) == 0o600
    assert run("contact", "set", "--phone", "").returncode == 0
    assert run("contact").stdout.splitlines() == ["Name: Dr Ada Okafor", "Note: mornings"]
    bad = run("contact", "set", "--email", "a\x1bb")
    assert bad.returncode == 1 and bad.stderr.strip() == (
        "solecheck: error: --email contains a control character; type it as plain text"
    )
    assert run("contact", "clear").returncode == 0 and load_settings()[0].contact is None


def test_the_line_mode_shows_the_contact_or_says_nobody_can_be_reached(builtin_pack: Pack) -> None:
    # The built-in pack rightly publishes no phone, email or link for the clinic.
    assert clinic_lines(builtin_pack.clinic)[-1] == NOBODY_TO_REACH_LINE_MODE
    lines = clinic_lines(builtin_pack.clinic, CareContact(name="Dr Ada", phone="555 0100"))
    assert lines[-1] == "Your own contact: name: Dr Ada; phone: 555 0100" and NOBODY_TO_REACH_LINE_MODE not in lines


async def test_the_clinic_panel_adds_a_contact_and_the_stop_page_offers_to(
    builtin_pack: Pack, data_dir: Path
) -> None:
    from solecheck.history.store import HistoryStore

    with HistoryStore.open(data_dir) as store:
        store.record_screening(screening(builtin_pack, "stop", datetime.now(UTC)))
    app = build_app(builtin_pack, data_dir, settings=Settings())
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        refusal = app.screen
        assert isinstance(refusal, ChoiceDialog) and refusal.id == "refusal-dialog"
        assert [choice.value for choice in refusal.choices] == ["close", "again", "add"]
        assert NOBODY_TO_REACH in str(refusal.query_one("ClinicCard", Static).render())
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ContactDialog)
        app.screen.query_one("#contact-name", Input).value = "Dr Ada [b]Okafor[/b]"
        app.screen.query_one("#contact-phone", Input).value = "555 0100"
        await pilot.press("enter")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, ChoiceDialog) and again.id == "refusal-dialog"
        card = str(again.query_one("ClinicCard", Static).render())
        assert "Dr Ada [b]Okafor[/b]" in card and "555 0100" in card and NOBODY_TO_REACH not in card
        assert [choice.value for choice in again.choices] == ["close", "again"]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ClinicScreen)
        assert "555 0100" in str(app.screen.query_one("#clinic-panel-card", Static).render())
    assert load_settings()[0].contact == CareContact(name="Dr Ada [b]Okafor[/b]", phone="555 0100")


def test_contact_set_refuses_a_phone_or_email_without_their_shape() -> None:
    for args, field, shape in (
        (("--phone", "call me maybe"), "--phone 'call me maybe'", "a phone number: digits, spaces and + ( ) - ."),
        (("--name", "Dr Ada", "--email", "notanemail"), "--email 'notanemail'", "an email address"),
    ):
        result = run("contact", "set", *args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 1 and len(lines) == 1, result.stderr
        assert lines[0].startswith(f"solecheck: error: {field} is not {shape}") and "nothing was saved" in lines[0]
    assert load_settings()[0].contact is None  # nothing of a refused command is kept
    good = run("contact", "set", "--phone", "+44 (0)20 7946-0958", "--email", "ada@clinic.example")
    assert good.returncode == 0, good.stderr


def test_a_contact_with_no_usable_way_to_reach_anyone_keeps_the_nobody_message(builtin_pack: Pack) -> None:
    # A contact saved before the shapes were checked: a name, a phone and an email nobody can use.
    unusable = CareContact(name="Dr Ada", phone="call me maybe", email="notanemail")
    assert not unusable.reachable
    lines = clinic_lines(builtin_pack.clinic, unusable)
    assert lines[-1] == NOBODY_TO_REACH_LINE_MODE
    assert CareContact(email="ada@clinic.example").reachable and CareContact(phone="555 0100").reachable


async def test_the_contact_dialog_names_a_phone_or_email_without_their_shape(data_dir: Path) -> None:
    from textual.app import App

    results: list[CareContact | None] = []

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(ContactDialog(None), results.append)

    async with Host().run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, ContactDialog)
        dialog.query_one("#contact-name", Input).value = "Dr Ada"
        dialog.query_one("#contact-phone", Input).value = "call me [b]maybe[/b]"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog and results == []
        said = str(dialog.query_one("#contact-problem", Static).render())
        assert said.startswith("Phone: 'call me [b]maybe[/b]' is not a phone number")
        assert dialog.focused is dialog.query_one("#contact-phone", Input)
        dialog.query_one("#contact-phone", Input).value = "555 0100"
        dialog.query_one("#contact-email", Input).value = "notanemail"
        await pilot.press("enter")
        await pilot.pause()
        assert str(dialog.query_one("#contact-problem", Static).render()).startswith(
            "Email: 'notanemail' is not an email address"
        )
        dialog.query_one("#contact-email", Input).value = "ada@clinic.example"
        await pilot.press("enter")
        await pilot.pause()
    assert results == [CareContact(name="Dr Ada", phone="555 0100", email="ada@clinic.example")]
