"""Dates, times, numbers and durations written the way the person's language writes them, with Babel.

Every function formats for :func:`solecheck.i18n.current_language` (``29 nov. 2026`` in French,
``29 Nov 2026`` in English) unless given ``language``. Babel is imported inside each function, on first
use, so that importing this module costs the app's first frame nothing. UI-free: the core may use it.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from solecheck.i18n import current_language

if TYPE_CHECKING:
    from babel import Locale


ENGLISH_FORMATS = "en_GB"
"""Plain ``en`` is written as solecheck always wrote it: day first, a 24-hour clock (``29 Nov 2026 14:05``);
a region (``en-US``) gets its own formats."""


def _locale(language: str | None) -> Locale:
    """Babel's locale for a BCP 47 tag (``fr-CA`` → ``fr_CA``); English for a tag Babel doesn't know."""
    from babel import Locale, UnknownLocaleError

    tag = (language or current_language()).replace("-", "_")
    tag = ENGLISH_FORMATS if tag == "en" else tag
    try:
        return Locale.parse(tag)
    except (UnknownLocaleError, ValueError):
        return Locale.parse(ENGLISH_FORMATS)


def warm_up(language: str | None = None) -> None:
    """Import Babel and read the language's locale data now: called on the thread that loads the pack in
    the background, so that the first date the home screen shows does not hold up the event loop."""
    _locale(language)
    from babel import dates, numbers  # noqa: F401 - imported for their side effect: loaded once, now


def format_date(day: date, *, language: str | None = None, width: str = "medium") -> str:
    """``day`` in the language's own date format; ``width`` is Babel's ``short``, ``medium``, ``long`` or
    ``full`` (medium: ``29 Nov 2026``, ``29 nov. 2026``, ``29 nov 2026``)."""
    from babel.dates import format_date as babel_date

    return babel_date(day, format=width, locale=_locale(language))


def format_time(moment: datetime | time, *, language: str | None = None) -> str:
    """The time of day of ``moment`` as the language writes it, to the minute (``2:05 PM``, ``14:05``)."""
    from babel.dates import format_time as babel_time

    return babel_time(moment, format="short", locale=_locale(language))


def format_datetime(moment: datetime, *, language: str | None = None) -> str:
    """``moment`` as a medium date and a short time (``29 Nov 2026 14:05``, ``29 nov. 2026 14:05``);
    ``moment`` is shown in the zone it carries (convert it to the person's zone first)."""
    return f"{format_date(moment, language=language)} {format_time(moment, language=language)}"


def format_number(value: float, *, language: str | None = None, digits: int = 1) -> str:
    """``value`` with the language's decimal sign and exactly ``digits`` decimals (``3.0``, ``3,5``)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(value, format=pattern, locale=_locale(language))


def format_percent(fraction: float, *, language: str | None = None) -> str:
    """``fraction`` (``0.5``) as a whole percentage the language's way (``50%``, ``50 %``)."""
    from babel.numbers import format_percent as babel_percent

    return babel_percent(fraction, locale=_locale(language))


def format_duration(seconds: float, *, language: str | None = None) -> str:
    """A length of time in words, rounded to its largest unit (``2 minutes``, ``45 secondes``, ``1 hora``)."""
    from datetime import timedelta

    from babel.dates import format_timedelta

    return format_timedelta(timedelta(seconds=seconds), threshold=1.0, locale=_locale(language))
