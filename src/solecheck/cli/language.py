"""Which language a run of solecheck speaks: chosen once, before any frontend draws.

``--lang`` first, then the ``language`` setting, then the person's locale (``LANGUAGE``, ``LC_ALL``,
``LC_MESSAGES``, ``LANG``) where the pack has its texts in that language, then the pack's main language
(:func:`solecheck.i18n.choose_language`); the app's own words then come from that language's catalog,
English where solecheck has none (:func:`solecheck.i18n.use_language`).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from solecheck.i18n import choose_language, use_language


def start_language(
    requested: str | None, setting: str | None, pack_languages: Sequence[str], environ: Mapping[str, str] | None = None
) -> str:
    """Choose the run's language and make it the app's: ``requested`` (``--lang``), else ``setting``, else
    the locale in ``environ`` (default ``os.environ``) as ``pack_languages`` (the pack's main language first,
    see :func:`solecheck.packs.view.pack_languages`) allow. Returns the tag the app's words are shown in."""
    chosen = choose_language(requested or setting, os.environ if environ is None else environ, pack_languages)
    return use_language(chosen)
