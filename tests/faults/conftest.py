"""Every fault test is ``slow``: they drive whole apps through crashes, full disks, signals and random keys
(about four minutes together). ``pytest -m "not slow"`` leaves them out of the inner loop; CI runs them."""

from __future__ import annotations

from pathlib import Path

import pytest

FAULTS = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if FAULTS in item.path.parents:
            item.add_marker(pytest.mark.slow)
