"""``solecheck pack``: validate, list, show and describe content packs."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    """Filled in below."""
