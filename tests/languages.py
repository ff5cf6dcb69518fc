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
def speaking(language: str, locale_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Within the block, ``language`` is active (its tag is yielded, as :func:`i18n.current_language` says)."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    folder = locale_dir / language.replace("-", "_") / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as stream:
        write_mo(stream, Catalog(locale=language.replace("-", "_")))
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale_dir)
    try:
        yield i18n.use_language(language)
    finally:
        i18n.use_language(None)
