"""docs/authoring.md works as written: its ``console`` blocks are run in order, with its file edits.

A ``console`` block holds ``$ solecheck …`` commands, each followed by lines its output must contain,
in order (``…`` stands for any text, such as the user's data folder). A ``toml append=PATH`` block is
appended to that file and a ``diff edit=PATH`` block replaces its ``-`` lines with its ``+`` lines, as
the reader is told to do. Commands must succeed, except in a ``console exit=N`` block, whose commands
must exit with code N (a refusal the page shows on purpose).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

DOC = REPO / "docs" / "authoring.md"
FENCE = re.compile(r"^```(?P<lang>[\w-]*)[ \t]*(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.M | re.S)


@dataclass
class Command:
    argv: list[str]
    expected: list[str]
    exit: int = 0


@dataclass
class Append:
    path: str
    text: str


@dataclass
class Edit:
    path: str
    old: str
    new: str


Step = Command | Append | Edit


def doc_steps(text: str) -> list[Step]:
    steps: list[Step] = []
    for fence in FENCE.finditer(text):
        lang, info, body = fence["lang"], fence["info"].strip(), fence["body"]
        if lang == "console":
            code = int(info.removeprefix("exit=")) if info.startswith("exit=") else 0
            for line in body.splitlines():
                if line.startswith("$ "):
                    steps.append(Command(shlex.split(line[2:]), [], code))
                elif line.strip():
                    assert steps and isinstance(steps[-1], Command), f"output before any command: {line}"
                    steps[-1].expected.append(line.rstrip())
        elif info.startswith("append="):
            steps.append(Append(info.removeprefix("append="), body))
        elif info.startswith("edit="):
            lines = body.splitlines()
            old = "\n".join(line[1:] for line in lines if line.startswith("-"))
            new = "\n".join(line[1:] for line in lines if line.startswith("+"))
            steps.append(Edit(info.removeprefix("edit="), old, new))
    return steps


def matches(expected: str, actual: str) -> bool:
    pattern = ".*".join(re.escape(part) for part in expected.split("…"))
    return re.fullmatch(pattern, actual.rstrip()) is not None


def assert_output(command: Command, output: str) -> None:
    lines = output.splitlines()
    position = 0
    for wanted in command.expected:
        while position < len(lines) and not matches(wanted, lines[position]):
            position += 1
        assert position < len(lines), f"$ {shlex.join(command.argv)}\nexpected line: {wanted}\noutput:\n{output}"
        position += 1


@pytest.mark.slow
def test_the_tutorial_runs_as_written(tmp_path: Path) -> None:
    steps = doc_steps(DOC.read_text(encoding="utf-8"))
    commands = [s for s in steps if isinstance(s, Command)]
    assert len(commands) >= 10 and any(isinstance(s, Append) for s in steps) and any(isinstance(s, Edit) for s in steps)
    for step in steps:
        if isinstance(step, Append):
            with (tmp_path / step.path).open("a", encoding="utf-8") as handle:
                handle.write(step.text)
        elif isinstance(step, Edit):
            target = tmp_path / step.path
            text = target.read_text(encoding="utf-8")
            assert text.count(step.old) == 1, f"the doc's edit of {step.path} does not match the file: {step.old!r}"
            target.write_text(text.replace(step.old, step.new), encoding="utf-8")
        else:
            assert step.argv[0] == "solecheck", step.argv
            result = subprocess.run(
                [sys.executable, "-m", "solecheck", *step.argv[1:]],
                cwd=tmp_path,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert result.returncode == step.exit, f"$ {shlex.join(step.argv)}\n{result.stdout}{result.stderr}"
            assert_output(step, result.stdout + result.stderr)


def test_the_extractor_sees_commands_outputs_and_edits() -> None:
    text = (
        "```console\n$ solecheck a 'b c'\nout …\n```\n\n"
        "```toml append=p/x.toml\nk = 1\n```\n```diff edit=p/y\n-a\n+b\n```\n"
        "```console exit=1\n$ solecheck refused\n```\n"
    )
    assert doc_steps(text) == [
        Command(["solecheck", "a", "b c"], ["out …"]),
        Append("p/x.toml", "k = 1\n"),
        Edit("p/y", "a", "b"),
        Command(["solecheck", "refused"], [], 1),
    ]
    assert matches("Installed x in …packs/x", "Installed x in /tmp/data/packs/x")
    assert not matches("Installed x", "Installed y")
