"""``solecheck history``: list, export, import, back up and check the history store."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Placeholder until the history issue lands."""
