"""What every subcommand needs: the data folder, the chosen pack, and one way to report errors."""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

from solecheck import paths
from solecheck.errors import UserError
from solecheck.i18n import _


class CliError(UserError):
    """An error in what a subcommand was given, to show the user as one line. Exit code 1 (bad input)
    unless told otherwise. Errors raised outside the CLI are :class:`~solecheck.errors.UserError`."""


def print_error(message: str) -> None:
    print(_("solecheck: error: {message}").format(message=message), file=sys.stderr)


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
