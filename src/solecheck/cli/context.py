"""What every subcommand needs: the data folder, the chosen pack, and one way to report errors."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from solecheck import paths


class CliError(Exception):
    """An error to show the user as one line. Exit code 1 (bad input) unless told otherwise."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def print_error(message: str) -> None:
    print(f"solecheck: error: {message}", file=sys.stderr)


@dataclass(frozen=True)
class CliContext:
    """Options shared by the app and every subcommand."""

    data_dir: Path
    pack_spec: str | None
    language: str | None = None
    """``--lang``: the language asked for on the command line (see :mod:`solecheck.cli.language`)."""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> CliContext:
        return cls(
            data_dir=paths.data_dir(getattr(args, "data_dir", None)),
            pack_spec=getattr(args, "pack", None),
            language=getattr(args, "lang", None),
        )
