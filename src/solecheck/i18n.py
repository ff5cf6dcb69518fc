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
from collections.abc import Mapping, Sequence
from pathlib import Path

DOMAIN = "solecheck"
"""The gettext domain: catalogs are ``locale/<language>/LC_MESSAGES/solecheck.mo``."""
LOCALE_DIR = Path(__file__).parent / "locale"
"""Where the compiled catalogs ship, inside the package."""
SOURCE_LANGUAGE = "en"
"""The language the messages are written in; it needs no catalog."""

_translations: _gettext.NullTranslations = _gettext.NullTranslations()
_language = SOURCE_LANGUAGE
_chosen = SOURCE_LANGUAGE


def use_language(language: str | None) -> str:
    """Show the app's words in ``language`` (a BCP 47 or POSIX tag: ``fr``, ``fr-CA``, ``fr_CA.UTF-8``).

    Falls back from region to language (``fr-CA`` to ``fr``), then to English where no catalog exists.
    Returns the tag actually used (``"en"`` when none matched); :func:`chosen_language` keeps ``language``
    itself, the language a pack's texts are shown in (a pack may have German texts where the app has no
    German catalog)."""
    global _translations, _language, _chosen
    _chosen = normal_tag(language) if language else SOURCE_LANGUAGE
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


def use_translations(translations: _gettext.NullTranslations, tag: str) -> None:
    """Show the app's words through ``translations`` under the tag ``tag``: for a catalog that is not
    installed, such as the tests' pseudo-locale, which marks every message it translates."""
    global _translations, _language, _chosen
    _translations, _language, _chosen = translations, tag, tag


LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")
"""The environment variables that name the person's language, in the order gettext reads them."""


def normal_tag(tag: str) -> str:
    """``tag`` as a BCP 47 tag without encoding or modifier: ``fr_CA.UTF-8@euro`` → ``fr-CA``."""
    return tag.split(".")[0].split("@")[0].replace("_", "-")


def preferred_languages(requested: str | None, environ: Mapping[str, str]) -> list[str]:
    """The person's languages, most wanted first: ``requested`` (``--lang`` or the ``language`` setting), then
    the locale variables (``LANGUAGE`` may list several, ``fr:es``). ``C`` and ``POSIX`` mean none."""
    wanted: list[str] = [requested] if requested else []
    for variable in LOCALE_VARIABLES:
        value = environ.get(variable, "")
        if value:
            wanted.extend(value.split(":") if variable == "LANGUAGE" else [value])
            if variable != "LANGUAGE":
                break  # the first of LC_ALL, LC_MESSAGES, LANG that is set is the one in force
    tags = [normal_tag(tag) for tag in wanted if tag and normal_tag(tag) not in ("C", "POSIX")]
    return list(dict.fromkeys(tags))


def choose_language(requested: str | None, environ: Mapping[str, str], pack_languages: Sequence[str]) -> str:
    """The one language a person is shown, as the rule of issue 16 puts it.

    ``pack_languages`` are the languages the pack has its texts in, its main language first. An explicit
    ``requested`` language wins; otherwise the first of the person's locale languages the pack has (a region
    matching its language: ``fr-FR`` takes a pack's ``fr-CA``); otherwise the pack's main language. The app's
    own words then come from :func:`use_language` of the result (English where it has no catalog)."""
    if requested:
        return normal_tag(requested)
    for wanted in preferred_languages(None, environ):
        for offered in pack_languages:
            if offered.lower() == wanted.lower():
                return offered
        for offered in pack_languages:
            if offered.split("-")[0].lower() == wanted.split("-")[0].lower():
                return offered
    return pack_languages[0] if pack_languages else SOURCE_LANGUAGE


def chosen_language() -> str:
    """The language chosen for this run (:func:`use_language`'s argument as a BCP 47 tag): the one a pack's
    texts are shown in where the pack has it, even when the app's own words fall back to English."""
    return _chosen


def current_language() -> str:
    """The tag of the language the app's words are shown in now (``"en"``, ``"fr"``, ``"es"``…)."""
    return _language


def _(message: str) -> str:
    """``message`` in the active language (itself where no translation exists). The empty message stays
    empty: gettext would give the catalog's header for it."""
    return _translations.gettext(message) if message else message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a message for ``count`` in the active language's plural rules (format the count in after)."""
    return _translations.ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """``message`` translated in ``context`` (for one English word that needs two translations)."""
    return _translations.pgettext(context, message) if message else message


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (for module-level constants)."""
    return message
