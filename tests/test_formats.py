"""Dates, times, numbers and durations in the person's language (Babel), and Babel kept off the start path."""

from __future__ import annotations

import subprocess
import sys
from datetime import date, datetime

import pytest

from solecheck.formats import format_date, format_datetime, format_duration, format_number, format_percent
from solecheck.i18n import use_language

DAY = date(2026, 11, 29)
MOMENT = datetime(2026, 11, 29, 14, 5)


@pytest.mark.parametrize(
    ("language", "day", "moment", "number", "percent", "duration"),
    [
        ("en", "29 Nov 2026", "29 Nov 2026 14:05", "3.5", "83%", "2 minutes"),
        ("fr", "29 nov. 2026", "29 nov. 2026 14:05", "3,5", "83\u00a0%", "2 minutes"),
        ("es", "29 nov 2026", "29 nov 2026 14:05", "3,5", "83\u00a0%", "2 minutos"),
        ("en-US", "Nov 29, 2026", "Nov 29, 2026 2:05\u202fPM", "3.5", "83%", "2 minutes"),
    ],
)
def test_each_language_writes_dates_numbers_and_durations_its_own_way(
    language: str, day: str, moment: str, number: str, percent: str, duration: str
) -> None:
    assert format_date(DAY, language=language) == day
    assert format_datetime(MOMENT, language=language) == moment
    assert format_number(3.5, language=language) == number
    assert format_percent(0.83, language=language) == percent
    assert format_duration(120, language=language) == duration


def test_the_active_language_is_the_default_and_an_unknown_one_falls_back_to_english() -> None:
    use_language("es")
    assert format_date(DAY) == "29 nov 2026"
    assert format_date(DAY, language="xx-YY") == "29 Nov 2026"


def test_importing_the_formats_and_the_app_imports_no_babel() -> None:
    """Babel is imported on first use, never on the way to the home screen's first frame."""
    code = "import sys, solecheck.formats, solecheck.tui.app, solecheck.cli.language; print('babel' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
