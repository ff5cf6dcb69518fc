"""``solecheck pack new|preview|lint|build|install|remove|diff``: authoring and shipping packs."""

from __future__ import annotations

import argparse
from typing import Any


def register(commands: Any, common: argparse.ArgumentParser) -> None:
    """Adds the authoring subcommands to ``solecheck pack``."""
