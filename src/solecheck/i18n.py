"""The app's own words in the person's language: GNU gettext over the catalogs in ``solecheck/locale``.

Every word the app itself shows a person (TUI, line mode, CLI, printouts) goes through the functions here:
``_`` for a message, ``ngettext`` for one with a count, ``pgettext`` where one English word needs two
translations, and ``N_`` to mark a module-level constant for extraction (translate it with ``_`` where it is
shown, never at import time). Pack texts are not translated here: packs carry their own translations.

The active language is process-wide: the CLI sets it once with :func:`use_language` before a frontend runs,
and tests set it the same way. UI-free and light: importing this module reads no catalog and imports no Babel.
"""

from __future__ import annotations

import gettext as _gettext
from pathlib import Path

DOMAIN = "solecheck"
"""The gettext domain: catalogs are ``locale/<language>/LC_MESSAGES/solecheck.mo``."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogs ship, inside the package."""
SOURCE_LANGUAGE = "en"
"""The language the messages are written in; it needs no catalog."""

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def use_language(language: str | None) -> str:
    """Show the app's words in ``language`` (a BCP 47 or POSIX tag: ``fr``, ``fr-CA``, ``fr_CA.UTF-8``).

    Falls back from region to language (``fr-CA`` to ``fr``), then to English where no catalog exists.
    Returns the tag actually used (``"en"`` when none matched)."""
    global _translations, _language
    if not language:
        _translations, _language = _gettext.NullTranslations(), SOURCE_LANGUAGE
        return _language
    tag = language.split(".")[0].split("@")[0].replace("-", "_")
    candidates = [tag, tag.split("_")[0]] if "_" in tag else [tag]
    for candidate in candidates:
        if candidate == SOURCE_LANGUAGE:
            break
        try:
            _translations = _gettext.translation(DOMAIN, LOCALE_DIR, languages=[candidate])
        except OSError:
            continue
        _language = candidate.replace("_", "-")
        return _language
    _translations, _language = _gettext.NullTranslations(), SOURCE_LANGUAGE
    return _language


def current_language() -> str:
    """The tag of the language the app's words are shown in now (``"en"``, ``"fr"``, ``"es"``…)."""
    return _language


def _(message: str) -> str:
    """``message`` in the active language (itself where no translation exists)."""
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the active language's plural rules (format the count in after)."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (for one English word that needs two translations)."""
    return _translations.pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (for module-level constants)."""
    return message
