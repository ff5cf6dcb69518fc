"""Which language a run speaks: ``--lang``, the ``language`` setting, the locale, the pack's language."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from solecheck.cli.language import start_language
from solecheck.i18n import _, current_language
from solecheck.settings import Settings
from tests.conftest import BUILTIN_PACK

ANSWERS = "non\nno\nn\nn\n1\noui\nq\n"
"""Screening answers with nothing to report (in French, Spanish and English), then 'save'; the session
ends when the input does."""


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {key: value for key, value in os.environ.items() if key not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    environ.update({"LANG": "C.UTF-8", "SOLECHECK_CONFIG_DIR": str(tmp_path / "config"), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "solecheck", "--data-dir", str(tmp_path / "data"), "--pack", str(BUILTIN_PACK),
         "session", "--plain", *args],
        input=ANSWERS, capture_output=True, text=True, timeout=60, env=environ,
    )


@pytest.mark.slow
def test_lang_runs_the_line_mode_in_french(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "fr")
    assert "Question 1 sur 5 : Avez-vous une blessure ou un problème au pied" in result.stdout
    assert "Enregistrer ce questionnaire ? (o/n)" in result.stdout and "Questionnaire enregistré." in result.stdout


@pytest.mark.slow
def test_the_language_setting_is_used_and_lang_overrides_it(tmp_path: Path) -> None:
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.toml").write_text('language = "es"\n', encoding="utf-8")
    assert "Pregunta 1 de 5: ¿Tiene una lesión" in run(tmp_path).stdout
    assert "Question 1 sur 5 : Avez-vous une blessure" in run(tmp_path, "--lang", "fr-CA").stdout


@pytest.mark.slow
def test_a_locale_the_pack_has_no_texts_in_gives_the_packs_language(tmp_path: Path) -> None:
    """The built-in pack has English, French and Spanish texts: LANG=de_DE shows its English texts with the
    app's English words."""
    assert "Question 1 of 5: Do you have" in run(tmp_path, env={"LANG": "de_DE.UTF-8"}).stdout


@pytest.mark.slow
def test_a_malformed_lang_is_a_one_line_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path, "--lang", "fr;rm -rf")
    assert result.returncode == 2 and "is not a language tag such as fr, es or fr-CA" in result.stderr
    assert "Traceback" not in result.stderr


def test_start_language_takes_lang_then_the_setting_then_the_locale_the_pack_has() -> None:
    environ = {"LANG": "es_ES.UTF-8"}
    assert start_language("fr", "es", ("en",), environ) == "fr" and _("Start") == "Lancer"
    assert start_language(None, "es-MX", ("en",), environ) == "es-MX" and _("Start") == "Empezar"
    assert start_language(None, None, ("en", "es"), environ) == "es"
    assert start_language(None, None, ("en",), environ) == "en" and _("Start") == "Start"
    assert start_language("de", None, ("en",), environ) == "en" and current_language() == "en"


@pytest.mark.parametrize("value", ["fr", "fr-CA", "es_MX", "en"])
def test_the_language_setting_takes_a_language_tag(value: str) -> None:
    assert Settings.from_toml({"language": value}).language == value


@pytest.mark.parametrize("value", ["", "french please", "f", 3, "fr;rm"])
def test_the_language_setting_refuses_anything_else(value: object) -> None:
    with pytest.raises(ValueError, match="language must be"):
        Settings.from_toml({"language": value})
