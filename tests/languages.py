"""Make a language active in a test as the CLI does (:func:`solecheck.i18n.use_language`), whether or not the
app ships a catalog for it: an empty catalog is compiled into a temporary locale folder, so the app's own
words stay English and only the pack's texts change. The language is reset afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from solecheck import i18n


@contextmanager
def speaking(
    language: str,
    locale_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    messages: dict[str | tuple[str, str], str | tuple[str, ...]] | None = None,
) -> Iterator[str]:
    """Within the block, ``language`` is active (its tag is yielded, as :func:`i18n.current_language` says).
    ``messages`` are the catalog's translations: ``{"No packs found.": "Aucun pack trouvé."}``, and for a
    plural ``{("{count} warning", "{count} warnings"): ("{count} avertissement", "{count} avertissements")}``."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    folder = locale_dir / language.replace("-", "_") / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as stream:
        catalog = Catalog(locale=language.replace("-", "_"))
        for message_id, translation in (messages or {}).items():
            catalog.add(message_id, translation)
        write_mo(stream, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    try:
        yield i18n.use_language(language)
    finally:
        i18n.use_language(None)
