"""The clinic panel: one key away, only the details the pack gives, shown literally."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from solecheck.packs.models import Clinic
from solecheck.packs.pack import Pack
from solecheck.tui.app import build_app
from solecheck.tui.screens.clinic import ClinicScreen
from solecheck.tui.screens.home import HomeScreen
from solecheck.tui.widgets.clinic_card import clinic_content


def test_the_card_shows_only_the_fields_given_and_never_parses_markup() -> None:
    clinic = Clinic.model_validate(
        {
            "name": "[b]Feet[/b] & Co",
            "contact_note": "Call us [@click=app.quit]now[/].",
            "locations": [
                {"name": "North", "phone": "+1 555 0100", "booking_url": "https://example.org/book?a=[x]"},
                {"name": "South", "address": "1 [red]Main[/] St"},
            ],
        }
    )
    shown = str(clinic_content(clinic))
    assert shown.splitlines()[0] == "[b]Feet[/b] & Co"
    assert "Phone: +1 555 0100" in shown and "Book online: https://example.org/book?a=[x]" in shown
    assert "Address: 1 [red]Main[/] St" in shown
    assert "Email" not in shown and "Hours" not in shown
    assert shown.count("Address") == 1
    assert shown.endswith("Call us [@click=app.quit]now[/].")
    assert "Call us" not in str(clinic_content(clinic, with_note=False))


async def test_c_opens_the_panel_and_escape_or_c_closes_it(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        for close in ("escape", "c"):
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, ClinicScreen)
            note = str(app.screen.query_one("#clinic-contact-note", Static).render())
            assert note == builtin_pack.clinic.contact_note
            card = str(app.screen.query_one("#clinic-panel-card", Static).render())
            assert "Thrive Now Physiotherapy" in card and "Cobble Hill" in card
            assert builtin_pack.clinic.booking_note is not None and builtin_pack.clinic.booking_note in card
            await pilot.press(close)
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)


async def test_the_clinic_is_in_the_footer_and_the_command_palette(builtin_pack: Pack, data_dir: Path) -> None:
    app = build_app(builtin_pack, data_dir)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        keys = {binding.key: binding.description for binding in app.BINDINGS if hasattr(binding, "key")}
        assert keys["c"] == "Clinic" and keys["w"] == "Screening"
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Clinic" in titles and "Screening" in titles
        clinic = next(c for c in app.get_system_commands(app.screen) if c.title == "Clinic")
        clinic.callback()
        await pilot.pause()
        assert isinstance(app.screen, ClinicScreen)
