"""``solecheck completion`` for bash and zsh, a description on every subcommand and argument, and one
version written in one place."""

from __future__ import annotations

import argparse
import importlib.metadata
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator

import pytest

from solecheck import __version__
from solecheck.cli import build_parser
from tests.conftest import REPO


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "solecheck", *args], capture_output=True, text=True, timeout=60)


def parsers(parser: argparse.ArgumentParser, path: str = "solecheck") -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """``parser`` and every parser under it, each with its command line."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                yield from parsers(subparser, f"{path} {name}")


def test_every_subcommand_has_a_description_and_every_argument_a_help_line() -> None:
    missing = []
    for path, parser in parsers(build_parser()):
        if not parser.description:
            missing.append(f"{path}: no description")
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"{path} {c.dest}: no help line" for c in action._choices_actions if not c.help]
            elif not action.help:
                missing.append(f"{path}: {'/'.join(action.option_strings) or action.dest} has no help")
    assert missing == []


def test_a_leaf_subcommand_help_says_what_it_does() -> None:
    remove = dict(parsers(build_parser()))["solecheck pack remove"]
    assert "Remove an installed pack" in remove.format_help()
    assert "every version without @VERSION" in remove.format_help()


@pytest.mark.slow
@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_script_names_the_subcommands(shell: str) -> None:
    result = run("completion", shell)
    assert result.returncode == 0, result.stderr
    for word in ("pack", "history", "session", "completion", "validate", "--data-dir", "--plain"):
        assert word in result.stdout
    assert ("_shtab_compgen_files" if shell == "bash" else "_files") in result.stdout


@pytest.mark.slow
def test_the_bash_script_loads_and_completes_a_subcommand() -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("no bash on this machine")
    script = run("completion", "bash").stdout
    probe = (
        script
        + '\nCOMP_WORDS=(solecheck pack val); COMP_CWORD=2; COMP_LINE="solecheck pack val"; COMP_POINT=18'
        + '\n_shtab_solecheck; printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    result = subprocess.run([bash, "--norc", "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["validate"]


@pytest.mark.slow
def test_an_unknown_shell_is_a_usage_error() -> None:
    result = run("completion", "fish")
    assert result.returncode == 2
    assert "invalid choice: 'fish'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_building_the_parser_does_not_import_shtab() -> None:
    probe = "import sys; from solecheck.cli import build_parser; build_parser(); print('shtab' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr


def test_the_version_is_written_once() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" not in project and "version" in project["dynamic"]
    assert importlib.metadata.version("solecheck") == __version__


def test_it_says_it_runs_on_posix_and_ships_its_license() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "Operating System :: POSIX" in project["classifiers"]
    assert project["license"] == "MIT"
    assert "MIT License" in (REPO / "LICENSE").read_text(encoding="utf-8")
