"""Fixtures for history tests: a fresh store in the isolated data folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from solecheck.history.store import HistoryStore


@pytest.fixture
def store(data_dir: Path) -> Iterator[HistoryStore]:
    opened = HistoryStore.open(data_dir)
    yield opened
    opened.close()
