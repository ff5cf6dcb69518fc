"""``solecheck session``: list, export, import, back up and check the session store."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Placeholder until the session issue lands."""
