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

from solecheck.contact import NOBODY_TO_REACH, CareContact
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
    assert clinic_lines(builtin_pack.clinic)[-1] == NOBODY_TO_REACH
    lines = clinic_lines(builtin_pack.clinic, CareContact(name="Dr Ada", phone="555 0100"))
    assert lines[-1] == "Your own contact: name: Dr Ada; phone: 555 0100" and NOBODY_TO_REACH not in lines


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
