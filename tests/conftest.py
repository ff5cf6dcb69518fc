"""Fixtures for every test: user folders in a temp dir, no stray pack paths, steady cursors, a fake clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUILTIN_PACK = REPO / "packs" / "thrive-now.foot-first"


class FakeClock:
    """A monotonic clock the test moves by hand: ``clock()`` reads it, ``clock.advance(s)`` moves it."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(autouse=True)
def _isolated_user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SOLECHECK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("SOLECHECK_CONFIG_DIR", str(base / "config"))
    monkeypatch.delenv("SOLECHECK_PACKS", raising=False)
    # Pictures in Unicode half blocks whatever terminal the tests run in (solecheck.tui.pictures).
    for name in ("KITTY_WINDOW_ID", "TERM_PROGRAM", "TMUX"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    yield


@pytest.fixture(autouse=True)
def _english_after_each_test() -> Iterator[None]:
    """The app's language is process-wide: a test that switches it (``use_language("fr")``) must not leave
    the next test speaking French."""
    yield
    from solecheck.i18n import use_language

    use_language(None)


@pytest.fixture(autouse=True)
def _steady_cursors(monkeypatch: pytest.MonkeyPatch) -> None:
    """Input and TextArea cursors that do not blink, so a snapshot never catches a cursor half-way. Textual
    has no setting for this: each widget reads its ``cursor_blink`` reactive, whose default is set here."""
    from textual.widgets import Input, TextArea

    for widget in (Input, TextArea):
        monkeypatch.setattr(widget._reactives["cursor_blink"], "_default", False)


@pytest.fixture
def data_dir() -> Path:
    import os

    return Path(os.environ["SOLECHECK_DATA_DIR"])


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def builtin_pack():  # type: ignore[no-untyped-def]
    from solecheck.packs.loader import load_pack

    return load_pack(BUILTIN_PACK, source="builtin")
