"""``solecheck completion bash|zsh``: a shell completion script for every subcommand and option, made by
shtab from the same parser the command uses (imported only when a script is asked for)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from solecheck.cli.context import CliContext
from solecheck.i18n import N_, _

SHELLS = ("bash", "zsh")

INSTALL_HINTS = {
    "bash": "solecheck completion bash > ~/.local/share/bash-completion/completions/solecheck",
    "zsh": N_("solecheck completion zsh > ~/.zfunc/_solecheck  (with fpath+=~/.zfunc before compinit in ~/.zshrc)"),
}


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    parser = subparsers.add_parser(
        "completion",
        help=_("print a tab-completion script for bash or zsh"),
        description=_(
            "Print a script that completes solecheck's subcommands, options and file names as you type. Install "
            "it once, for example:\n  {hints}"
        ).format(hints="\n  ".join(map(_, INSTALL_HINTS.values()))),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("shell", choices=SHELLS, help=_("the shell to complete in: bash or zsh"))
    parser.set_defaults(func=cmd_completion)


def cmd_completion(args: argparse.Namespace, context: CliContext) -> int:
    import shtab

    from solecheck.cli import build_parser

    parser = build_parser()
    _complete_paths(parser, shtab.FILE, shtab.DIRECTORY)
    print(shtab.complete(parser, shell=args.shell), end="")
    return 0


def _complete_paths(parser: argparse.ArgumentParser, file: Any, directory: Any) -> None:
    """Let the shell complete file names for arguments that take a path (folders for ``DIR``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                _complete_paths(subparser, file, directory)
        elif action.type is Path or action.dest == "data_dir":
            action.complete = directory if action.metavar == "DIR" else file  # type: ignore[attr-defined]
