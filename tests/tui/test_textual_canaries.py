"""Canaries for the Textual work-arounds, and how they are installed.

Each canary runs an upstream Textual bug on plain, unpatched Textual in a fresh process
(``tests/tui/textual_canaries.py``) and is expected to fail: ``xfail(strict=True)``. The day an upgrade
fixes the bug the canary passes, which fails the suite with a reason naming the work-around to delete.
"""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest
from textual.widgets import OptionList

from solecheck.tui.textual_fixes import TextualFix, install_textual_fixes
from tests.conftest import REPO
from tests.tui.textual_canaries import BUG_SHOWN


class UpstreamBugStillThere(Exception):
    """The canary showed the bug: the work-around is still needed."""


def run_canary(name: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tests.tui.textual_canaries", name],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode == BUG_SHOWN:
        raise UpstreamBugStillThere(done.stdout.strip())
    assert done.returncode == 0, f"the canary itself broke:\n{done.stdout}\n{done.stderr}"


def canary(workaround: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(
        strict=True,
        raises=UpstreamBugStillThere,
        reason=f"upstream Textual bug; if this passes, Textual fixed it: delete {workaround}",
    )


pytestmark = pytest.mark.slow


@canary("solecheck.tui.textual_fixes.guard_option_list_page_moves")
def test_option_list_page_move_before_layout() -> None:
    run_canary("option_list_page_move_before_layout")


@canary("solecheck.tui.textual_fixes.guard_dismiss_of_inactive_screens")
def test_dismiss_of_an_inactive_screen() -> None:
    run_canary("dismiss_of_an_inactive_screen")


@canary("SolecheckApp.action_command_palette (solecheck/tui/app.py)")
def test_command_palette_opened_while_the_last_one_closes() -> None:
    run_canary("command_palette_opened_while_the_last_one_closes")


@canary("KeyFooter.bindings_changed (solecheck/tui/widgets/key_footer.py)")
def test_footer_rebuilt_for_unchanged_keys() -> None:
    run_canary("footer_rebuilt_for_unchanged_keys")


@canary("SessionTable.notify_style_update and render_lines (solecheck/tui/widgets/session_table.py)")
def test_data_table_caches_emptied_on_restyle() -> None:
    run_canary("data_table_caches_emptied_on_restyle")


def test_importing_the_app_patches_nothing_and_building_it_installs_every_fix() -> None:
    script = (
        "from textual.screen import Screen\n"
        "from textual.widgets import OptionList\n"
        "import solecheck.tui.app as app_module\n"
        "before = (OptionList._move_page, Screen.dismiss)\n"
        "from tests.conftest import BUILTIN_PACK\n"
        "from solecheck.packs.loader import load_pack\n"
        "import tempfile, pathlib\n"
        "app_module.SolecheckApp(load_pack(BUILTIN_PACK), pathlib.Path(tempfile.mkdtemp()))\n"
        "after = (OptionList._move_page, Screen.dismiss)\n"
        "print([getattr(f, 'solecheck_guarded', False) for f in before + after])\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[False, False, True, True]"


def test_every_fix_finds_its_target_in_the_pinned_textual() -> None:
    assert install_textual_fixes() == []


def test_a_fix_whose_target_is_gone_is_skipped_with_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    installed: list[str] = []

    def guard_renamed_method() -> None:
        installed.append("guard_renamed_method")

    gone = TextualFix(guard_renamed_method, ((OptionList, "_move_page_renamed_upstream"),))
    with caplog.at_level(logging.WARNING, logger="solecheck.tui.textual_fixes"):
        skipped = install_textual_fixes((gone,))
    assert skipped == ["guard_renamed_method"]
    assert installed == []
    [record] = caplog.records
    assert "OptionList._move_page_renamed_upstream" in record.getMessage()
    assert "guard_renamed_method is not installed" in record.getMessage()
