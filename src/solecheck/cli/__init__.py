"""The ``solecheck`` command: opens the app, or runs a ``pack``, ``history``, ``session`` or ``completion``
subcommand.

Exit codes: 0 success, 1 invalid input (a bad pack, a bad file), 2 usage error. Errors go to stderr
as one clear message, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from solecheck import __version__
from solecheck.cli.context import CliContext, print_error
from solecheck.errors import UserError
from solecheck.i18n import _

SUBCOMMANDS = ("pack", "history", "session", "handout", "completion")


def _common_options(parser: argparse.ArgumentParser, suppress: bool) -> None:
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=default,
        help=_("where history, installed packs and caches live (default: $SOLECHECK_DATA_DIR or the user data folder)"),
    )
    parser.add_argument(
        "--pack",
        metavar="ID|PATH",
        default=default,
        help=_("the pack to use: a folder, an id, or ID@VERSION (default: the last one chosen)"),
    )
    parser.add_argument(
        "--lang",
        metavar="LANG",
        default=default,
        type=_language_tag,
        help="the language to show: en, fr or es, or a tag such as fr-CA (default: the language setting, "
        "then your locale's LANG where the pack has it)",
    )


def _language_tag(value: str) -> str:
    from solecheck.settings import LANGUAGE_TAG

    if not LANGUAGE_TAG.match(value):
        raise argparse.ArgumentTypeError(f"{value!r} is not a language tag such as fr, es or fr-CA")
    return value


def build_parser(subcommands: bool = True) -> argparse.ArgumentParser:
    """The command line; without ``subcommands``, only the options that start the app."""
    parser = argparse.ArgumentParser(
        prog="solecheck",
        description=_("A foot-first mobility routine in your terminal, from your clinic's content pack."),
        exit_on_error=subcommands,
    )
    parser.add_argument("--version", action="version", version=f"solecheck {__version__}")
    _common_options(parser, suppress=False)
    if not subcommands:
        return parser
    common = argparse.ArgumentParser(add_help=False)
    _common_options(common, suppress=True)
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    from solecheck.cli import completion, contact, handout, history, pack, reminders, session

    pack.register(subparsers, common)
    history.register(subparsers, common)
    session.register(subparsers, common)
    contact.register(subparsers, common)
    reminders.register(subparsers, common)
    handout.register(subparsers, common)
    completion.register(subparsers, common)
    _describe(parser)
    return parser


def _describe(parser: argparse.ArgumentParser) -> None:
    """Give every subcommand without a longer ``description`` its one-line help, as a sentence, so that
    ``solecheck SUBCOMMAND --help`` always says what it does."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, subparser in action.choices.items():
                line = helps.get(name)
                if not subparser.description and line:
                    subparser.description = line[0].upper() + line[1:] + "."
                _describe(subparser)


def _app_start_args(argv: list[str]) -> argparse.Namespace | None:
    """The options of a plain app start (no subcommand), read without building the subcommands'
    parsers, which import every subcommand's module; ``None`` for anything else, help and errors
    included, so the full parser handles (and explains) it."""
    if any(arg in ("-h", "--help", "--version") for arg in argv):
        return None
    try:
        args, rest = build_parser(subcommands=False).parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return None if rest else args


def _subcommand_language(arguments: list[str]) -> None:
    """Choose the language of a subcommand's words and of ``--help`` before the parser is built: ``--lang``,
    else the ``language`` setting, else the first of the person's locale languages solecheck has words in
    (:func:`solecheck.cli.language.start_language`). A subcommand that reads a pack chooses again with the
    pack's languages (:func:`solecheck.cli.launch.start_pack`). The settings file is only read here: a broken
    one is reported by the subcommand that uses it."""
    import os
    import tomllib

    from solecheck import paths
    from solecheck.cli.language import start_language
    from solecheck.i18n import preferred_languages

    requested = None
    for index, argument in enumerate(arguments):
        if argument == "--lang" and index + 1 < len(arguments):
            requested = arguments[index + 1]
        elif argument.startswith("--lang="):
            requested = argument.partition("=")[2]
    setting = None
    try:
        value = tomllib.loads(paths.settings_file().read_text(encoding="utf-8")).get("language")
        setting = value if isinstance(value, str) else None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        pass
    start_language(requested, setting, preferred_languages(None, os.environ) or ["en"])


def _run_app(context: CliContext) -> int:
    from solecheck.cli.launch import launch

    return launch(context)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code. Everything written meanwhile goes
    through :func:`~solecheck.cli.terminal.terminal_output` (no control characters, any encoding)."""
    from solecheck.cli.terminal import terminal_output

    with terminal_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    arguments = sys.argv[1:] if argv is None else list(argv)
    args = _app_start_args(arguments)
    if args is None:
        _subcommand_language(arguments)
        args = build_parser().parse_args(arguments)
    context = CliContext.from_args(args)
    try:
        handler = getattr(args, "func", None)
        if handler is None:
            return _run_app(context)
        return int(handler(args, context))
    except UserError as error:
        print_error(str(error))
        return error.exit_code
    except KeyboardInterrupt:
        print_error(_("interrupted"))
        return 130
    except BrokenPipeError:
        return 0
    except Exception as error:  # noqa: BLE001 - the last guard: one line for the user, never a traceback
        print_error(
            _("unexpected error: {kind}: {error}. Please report this to the solecheck developers.").format(
                kind=type(error).__name__, error=error
            )
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
