"""The command line's own words go through gettext: with a catalog for the active language, messages,
counts (in that language's plural forms) and --help texts come out translated. The catalog here is a tiny
one made for the test; the shipped catalogs are tested where they live."""

from __future__ import annotations

from pathlib import Path

import pytest

from solecheck.cli import main
from tests.conftest import BUILTIN_PACK
from tests.languages import speaking
from tests.packs.pack_copies import copy_builtin, edit

FRENCH = {
    "{path}: valid ({pack})": "{path} : valide ({pack})",
    ("{path}: valid ({pack}), {count} warning", "{path}: valid ({pack}), {count} warnings"): (
        "{path} : valide ({pack}), {count} avertissement",
        "{path} : valide ({pack}), {count} avertissements",
    ),
    "check pack folders and report every problem": "vérifier des dossiers de pack et signaler chaque problème",
    "warning: {message}": "avertissement : {message}",
    "  languages: {languages}": "  langues :   {languages}",
    "{language} (main)": "{language} (principale)",
    "{language} (complete)": "{language} (complète)",
}


def test_messages_and_plurals_follow_the_active_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    root = copy_builtin(tmp_path)
    last = '{ exercise = "cat-cow" },\n'
    edit(root, "routines.toml", last, last + '  { exercise = "sole-ball-roll" },\n')  # one warning: out of order
    with speaking("fr", tmp_path / "locale", monkeypatch, FRENCH):
        assert main(["pack", "validate", "--lang", "fr", str(BUILTIN_PACK)]) == 0
        assert capsys.readouterr().out.splitlines()[-1] == f"{BUILTIN_PACK} : valide (thrive-now.foot-first@1.1.0)"
        assert main(["pack", "validate", "--lang", "fr", str(root)]) == 0
        out = capsys.readouterr().out.splitlines()
        assert "avertissement : 'sole-ball-roll' (foot_sole) comes after" in out[0]
        assert out[-1] == f"{root} : valide (thrive-now.foot-first@1.1.0), 1 avertissement"
        assert main(["pack", "show", "--lang", "fr", str(BUILTIN_PACK)]) == 0
        assert "  langues :   en-CA (principale), es (complète), fr (complète)" in capsys.readouterr().out


def test_help_follows_the_active_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with speaking("fr", tmp_path / "locale", monkeypatch, FRENCH), pytest.raises(SystemExit):
        main(["pack", "validate", "--lang", "fr", "--help"])
    assert "Vérifier des dossiers de pack et signaler chaque problème." in capsys.readouterr().out
